"""Firm and sector reports as HTML and PDF, from the engine's JSON result.

The web page, the PDF download and ``dekvep assess --format html|pdf`` all render the same
templates from the same context, with charts drawn on the server (``charts``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core.formatting import format_number
from dekvep.core.i18n import bilingual
from dekvep.text import format_waste_code
from dekvep.web import charts

from . import report_firm, report_sector, sector_data
from .engine.benchmarks import INDICATORS
from .report_labels import report_labels

APP_DIR = Path(__file__).resolve().parent


def ensure_django() -> None:
    """Make templates and translations usable. Inside the web process Django is ready; on the
    command line (``dekvep assess``) a minimal configuration is used: no database, no secrets."""
    if not settings.configured:
        settings.configure(
            USE_I18N=True,
            USE_THOUSAND_SEPARATOR=True,
            LANGUAGE_CODE="tr",
            LANGUAGES=[("tr", "Türkçe"), ("en", "English")],
            LOCALE_PATHS=[APP_DIR / "locale"],
            TEMPLATES=[
                {
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "DIRS": [APP_DIR / "templates"],
                    "APP_DIRS": False,
                    "OPTIONS": {"builtins": ["dekvep.web.templatetags.dekvep"]},
                }
            ],
            FORMAT_MODULE_PATH=["dekvep.formats"],
            TIME_ZONE="Europe/Istanbul",
            USE_TZ=True,
            INSTALLED_APPS=[],
        )
    if not apps.ready:
        django.setup()


def num(value: float | None, digits: int = 0) -> str:
    """A number in the active locale (``1.234,5`` in Turkish), a dash when missing."""
    if value is None:
        return "–"
    return format_number(value, digits)


def reported(value: float | None, digits: int = 0, scale: float = 1.0) -> str:
    """A figure the firm reported, or "not reported" (a missing figure is never shown as 0)."""
    if value is None:
        return _("not reported")
    return num(value * scale, digits)


def _display(name: str, value: float | None) -> float | None:
    """Rates kept 0-1 by the engine are shown as percentages."""
    if value is None:
        return None
    return value * 100 if name == "recovery_rate" else value


def _digits(name: str) -> int:
    return 2 if name in ("mci", "ghg_tco2e_per_t") else 1 if name != "energy_kwh_per_t" else 0


def _indicator_rows(result: dict, labels: dict, peers: dict | None) -> list[dict]:
    rows = []
    references = result["benchmarks"]["reference"]
    for name in INDICATORS:
        value = _display(name, result["benchmarks"]["values"].get(name))
        label, unit = labels["indicators"][name]
        reference = references.get(name)
        percentile = peers.get(name) if peers else None
        row = {
            "name": name,
            "raw": value,
            "meaning": report_firm.meaning(
                name, reference if value is not None else None, percentile
            ),
            "label": label,
            "value": reported(value, _digits(name)),
            "unit": unit,
            "percentile": num(peers.get(name)) if peers and peers.get(name) is not None else None,
            "reference": None,
            "chart": "",
        }
        if reference and value is not None:
            row["reference"] = {
                "position": labels["positions"][reference["position"]],
                "low": num(reference["low"]),
                "high": num(reference["high"]),
                "source": f"{reference['source']} ({reference['year']})",
            }
            row["chart"] = charts.range_position(
                value,
                reference["low"],
                reference["high"],
                fmt=lambda v: num(v),
                unit=unit,
                title=label,
            )
        rows.append(row)
    return rows


def _ghg(result: dict, labels: dict) -> dict:
    ghg = result["ghg"]
    scopes = [
        (_("Scope 1"), ghg["scope1_tco2e"]),
        (_("Scope 2 (location-based)"), ghg["scope2_location_tco2e"]),
        (_("Scope 2 (market-based)"), ghg["scope2_market_tco2e"]),
        (_("Scope 3"), ghg["scope3_tco2e"]),
    ]
    sources = sorted(ghg["by_source"].items(), key=lambda kv: -kv[1])
    source_items = [(labels["sources"].get(k, k), v) for k, v in sources]
    return {
        "scopes": [{"label": label, "value": num(v, 1)} for label, v in scopes],
        "total_location": num(ghg["total_location_tco2e"], 1),
        "total_market": num(ghg["total_market_tco2e"], 1),
        "intensity": num(ghg["intensity_tco2e_per_t"], 2),
        "grid": f"{num(ghg['grid_factor_tco2e_per_mwh'], 3)} tCO2e/MWh ({ghg['grid_factor_year']})",
        "scope_chart": charts.hbar(scopes, "tCO2e", fmt=lambda v: num(v, 1), title=_("Scopes")),
        "source_chart": charts.hbar(
            source_items, "tCO2e", fmt=lambda v: num(v, 1), title=_("Sources")
        ),
    }


def _opportunity_rows(
    items: list[dict], labels: dict, language: str, alone: dict[str, dict] | None = None
) -> list[dict]:
    rows = []
    for o in items:
        payback = o.get("payback_years")
        single = (alone or {}).get(o.get("measure_id") or "")
        rows.append(
            {
                "id": o.get("id"),
                "title": bilingual(o, "title", language),
                "saving": num(o["saving"], 0),
                "unit": o["saving_unit"],
                "money": num(o["money_try_per_year"]),
                "money_alone": num(single["money_try_per_year"]) if single else "",
                "tco2e": num(o["tco2e_per_year"], 1),
                "investment": num(o["investment_try"]),
                "payback": num(payback, 1) if payback is not None else "–",
                "priority": labels["priorities"].get(o["priority"], o["priority"]),
                "status": labels["statuses"].get(o.get("status", "proposed")),
                "status_code": o.get("status", "proposed"),
                "source": o.get("source", ""),
            }
        )
    return rows


def engine_opportunities(result: dict) -> list[dict]:
    """The engine's opportunity dicts with a single ``saving`` figure (midpoint)."""
    return [
        {**o, "saving": (o["saving_low"] + o["saving_high"]) / 2}
        for o in result["opportunities"]
        if o.get("in_package", True)
    ]


def firm_context(
    result: dict,
    language: str,
    peers: dict | None = None,
    opportunities: list[dict] | None = None,
    stats: dict | None = None,
) -> dict[str, Any]:
    """Everything the firm report template shows, already formatted for ``language``."""
    labels = report_labels()
    intensity, circ = result["intensity"], result["circularity"]
    opps = opportunities if opportunities is not None else engine_opportunities(result)
    alone = {o["measure_id"]: o["alone"] for o in result["opportunities"] if o.get("alone")}
    opp_rows = _opportunity_rows(opps, labels, language, alone)
    top = sorted(opps, key=lambda o: -o["money_try_per_year"])[:8]
    context = {
        "result": result,
        "language": language,
        "sector": labels["sectors"].get(result["sector"], result["sector"]),
        "summary": [
            (_("Production"), num(intensity["production_t"]), "t"),
            (_("Energy use"), reported(intensity["energy_kwh"], 0, 1 / 1000), "MWh"),
            (_("Water withdrawn"), reported(intensity["water_m3"]), "m³"),
            (_("Waste"), reported(intensity["waste_t"], 1), "t"),
            (_("Carbon footprint"), num(result["ghg"]["total_location_tco2e"]), "tCO2e"),
            (_("Material Circularity Indicator"), num(circ["mci"], 2), ""),
        ],
        "data_quality": [_note(n, labels) for n in result["data_quality"]],
        "quality": _quality(result),
        "package": _package(result),
        "indicators": _indicator_rows(result, labels, peers),
        "peers_shown": bool(peers and any(v is not None for v in peers.values())),
        "ghg": _ghg(result, labels),
        **_circularity(circ),
        "cbam": report_firm.cbam(result),
        "opportunities": opp_rows,
        "opportunity_chart": charts.hbar(
            [(bilingual(o, "title", language), o["money_try_per_year"]) for o in top],
            report_firm.currency(),
            fmt=lambda v: num(v),
            title=_("Yearly savings"),
        )
        if top
        else "",
        "waste_streams": _waste_rows(result, labels),
        "next_steps": _next_steps(result, opps),
    }
    return context | report_firm.sections(result, language, labels, context, stats)


def _circularity(circ: dict) -> dict[str, Any]:
    """The circularity block: each product's MCI gauge and the CTI percentages."""
    return {
        "products": [
            {
                "name": p["name"],
                "mci": num(p["mci"], 2),
                "lfi": num(p["lfi"], 2),
                "gauge": charts.gauge(p["mci"], f"{p['name'][:18]} {num(p['mci'], 2)}"),
            }
            for p in circ["products"]
        ],
        "cti": [
            (_("Circular inflow"), num(circ["circular_inflow_pct"], 1), "%"),
            (_("Circular outflow"), num(circ["circular_outflow_pct"], 1), "%"),
            (_("Circularity"), num(circ["circularity_pct"], 1), "%"),
            (_("Renewable energy"), num(circ["renewable_energy_pct"], 1), "%"),
            (_("Water circularity"), num(circ["water_circularity_pct"], 1), "%"),
            (
                _("Circular material productivity"),
                num(circ["circular_material_productivity_try_per_t"]),
                report_firm.currency() + "/t",
            ),
        ],
    }


def _waste_rows(result: dict, labels: dict) -> list[dict]:
    return [
        {
            "index": i,
            "code": format_waste_code(w["ewc_code"], w["hazardous"]),
            "t": num(w["t"], 1),
            "route": labels["routes"][w["route"]],
            "receiver": w["receiver"] or "",
        }
        for i, w in enumerate(result["waste_streams"])
    ]


def _quality(result: dict) -> dict | None:
    """The data-quality mark, the sections not reported and the scope 3 coverage."""
    mark = result.get("data_quality_mark")
    if not mark:
        return None
    marks = {"complete": _("complete"), "partial": _("partial"), "incomplete": _("incomplete")}
    sections = {
        "energy": _("energy"),
        "water": _("water"),
        "wastewater": _("wastewater"),
        "materials": _("materials"),
        "wastes": _("waste"),
        "refrigerants": _("refrigerants"),
        "products": _("products"),
    }
    categories = {
        "1": _("1 purchased goods"),
        "3": _("3 fuel- and energy-related"),
        "4": _("4 upstream transport"),
        "5": _("5 waste"),
        "11": _("11 use of sold products"),
    }
    return {
        "mark": marks.get(mark["mark"], mark["mark"]),
        "not_reported": ", ".join(str(sections[s]) for s in mark["not_reported"]),
        "scope3": ", ".join(str(categories[c]) for c in mark["scope3_categories_covered"]),
    }


def _package(result: dict) -> dict | None:
    """The package of measures accepted together (never the sum of measures alone)."""
    package = result.get("package")
    if not package or not package.get("measures"):
        return None
    payback = package.get("payback_years")
    return {
        "count": len(package["measures"]),
        "money": num(package["money_try_per_year"]),
        "tco2e": num(package["tco2e_per_year"], 1),
        "investment": num(package["investment_try"]),
        "payback": num(payback, 1) if payback is not None else "–",
        "npv": num(package.get("npv_try")),
        "price_year": str(package.get("price_year", "")),
    }


GRID_NOTES = ("grid_year", "grid_level_year", "grid_level_unverified")


def _grid_note(code: str, params: dict) -> str:
    """The grid factor's year or verification, said in the reader's language."""
    if code == "grid_year":
        values = {"used": params["used"], "year": params["year"]}
        if params["used"] > params["year"]:
            # A year before the series: the first published value stands in for it.
            return (
                _(
                    "The grid factor of %(used)s is used for %(year)s "
                    "(the series starts later; nearest published year)."
                )
                % values
            )
        return _("The grid factor of %(used)s is used for %(year)s (no later value published).") % (
            values
        )
    if code == "grid_level_year":
        return _("The grid factor of %(used)s is used for %(year)s (nearest published year).") % {
            "used": params["used"],
            "year": params["year"],
        }
    if code == "grid_level_unverified":
        levels = {"generation": _("gross generation"), "transmission": _("transmission grid")}
        return _(
            "The %(level)s factor for %(year)s (%(value)s tCO2e/MWh) is not yet verified against "
            "the energy ministry's published form: check it before the report is signed."
        ) % {
            "level": levels.get(params["level"], params["level"]),
            "year": params["year"],
            "value": format_number(params["value"], 3),
        }


def _note(note: dict, labels: dict) -> str:
    """A data-quality note in the active language (the engine's English text as fallback)."""
    params = note.get("params") or {}
    texts = {
        "no_revenue": _("No revenue given: per-revenue intensities are not computed."),
        "no_energy": _("No energy use given."),
        "no_water": _("Water withdrawal not reported."),
        "outflow_incomplete": _("Without products the circular outflow is incomplete."),
        "mci_defaults": _("MCI recycling efficiencies from the method's defaults."),
        "no_materials": _("No materials given: material efficiency and inflow are not computed."),
        "no_wastes": _("No waste streams given."),
        "no_products": _("No product circularity data: the MCI is not computed."),
        "mass_balance": _("More product out than material in: check the material quantities."),
    }
    if note["code"] in texts:
        return texts[note["code"]]
    if note["code"] in GRID_NOTES:
        return _grid_note(note["code"], params)
    if note["code"] == "scope3_materials":
        return (
            ngettext(
                "%(n)s material without a material class is left out of scope 3.",
                "%(n)s materials without a material class are left out of scope 3.",
                int(params.get("n") or 0),
            )
            % params
        )
    if note["code"] == "missing_indicators":
        names = [str(labels["indicators"].get(n, (n,))[0]) for n in params.get("names", [])]
        return _("Not computed: %(names)s.") % {"names": ", ".join(names)}
    return note["message"]


def _next_steps(result: dict, opps: list[dict]) -> list[str]:
    steps = []
    high = [o for o in opps if o["priority"] == "high"]
    if high:
        steps.append(
            ngettext(
                "Plan the high-priority measure into the action plan.",
                "Plan the %(n)s high-priority measures into the action plan.",
                len(high),
            )
            % {"n": len(high)}
        )
    if result["data_quality"]:
        steps.append(_("Close the data gaps listed above before the next assessment."))
    if result["intensity"]["landfill_rate"]:
        steps.append(_("List the landfilled waste streams in the marketplace to find receivers."))
    steps.append(_("Repeat the inventory next year to measure progress."))
    return steps


def sector_context(
    results: list[dict],
    sector: str,
    language: str,
    bands: list[tuple[str, str, int]] | None = None,
    overview: dict | None = None,
) -> dict[str, Any]:
    """Anonymous aggregates of a sector under the disclosure rules (``engine.disclosure``):
    quartiles from 5 firms, totals from 3 firms without a dominant one, rounded figures."""
    return report_sector.page_context(
        sector_figures(results, sector, language, bands, overview), _digits
    )


def sector_figures(
    results: list[dict],
    sector: str,
    language: str,
    bands: list[tuple[str, str, int]] | None = None,
    overview: dict | None = None,
) -> dict[str, Any]:
    """The sector report's figures as data (``sector_data``), in the unit the report shows."""
    return sector_data.sector_data(
        results, sector, language, report_labels(), _display, bands, overview
    )


def pdf_from_html(html: str) -> bytes:
    # Lazy: WeasyPrint is heavy and needed only when a PDF is built.
    from weasyprint import HTML

    return HTML(string=html, base_url=str(APP_DIR)).write_pdf()


def render_document(template: str, context: dict, fmt: str, language: str) -> bytes:
    """Render a standalone document template to HTML or PDF bytes in ``language``."""
    with translation.override(language):
        html = render_to_string(template, context)
    return html.encode("utf-8") if fmt == "html" else pdf_from_html(html)


def render_standalone(assessment, fmt: str, language: str = "tr") -> bytes:
    """The firm report of an engine Assessment, without a database (``dekvep assess``)."""
    ensure_django()

    result = assessment.as_dict() if hasattr(assessment, "as_dict") else assessment
    with translation.override(language):
        context = firm_context(result, language)
    return render_document("assessment/report_document.html", context, fmt, language)


def render_sector_standalone(
    results: list[dict], sector: str, fmt: str, language: str = "tr"
) -> bytes:
    ensure_django()

    with translation.override(language):
        context = sector_context(results, sector, language)
    return render_document("assessment/sector_document.html", context, fmt, language)
