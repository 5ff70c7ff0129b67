"""The funder dashboard's monitoring panel: promised against realised savings per sector and
the programme's intensities year on year (pooled over firms, disclosure-controlled)."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dekvep.catalog.sectors import get_sector

from . import monitoring_figures as figures
from .linechart import line_chart

STREAM_ROWS = (
    ("electricity", _("Electricity"), "MWh"),
    ("thermal", _("Thermal energy"), "MWh"),
    ("water", _("Water"), "m³"),
    ("material", _("Materials"), "t"),
    ("waste", _("Waste"), "t"),
    ("tco2e", _("Emissions"), "tCO2e"),
    ("try", _("Money"), "TRY"),
)
TRENDS = (
    ("energy_kwh_per_t", _("Energy intensity (kWh/t)")),
    ("water_m3_per_t", _("Water intensity (m³/t)")),
    ("waste_kg_per_t", _("Waste intensity (kg/t)")),
)


def _sector_name(key: str) -> str:
    sector = get_sector(key)
    return sector.title(get_language() or "tr") if sector else key


def monitoring_panel(programme) -> dict:
    sectors = []
    for row in figures.savings_by_sector(programme):
        sectors.append(
            {
                "name": _sector_name(row["sector"]),
                "shown": row["shown"],
                "lines": [
                    (label, unit, row["promised"][key], row["realised"][key])
                    for key, label, unit in STREAM_ROWS
                ],
            }
        )
    trends = []
    for key, label in TRENDS:
        series = figures.intensity_trend(programme, key)
        trends.append({"label": label, "series": series, "chart": line_chart(series)})
    return {"monitoring_sectors": sectors, "monitoring_trends": trends}
