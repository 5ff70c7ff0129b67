"""The sector report as the page and the PDF show it: the figures of ``sector_data`` (the one
source it shares with the sector report API) written in the reader's language, with charts.

Every figure went through the disclosure rules (``engine.disclosure``) there: quartiles from five
firms, totals from three firms with none above half, counts of fewer than three firms shown as
"fewer than 3"; no firm is named. A withheld figure (None) is shown as a dash or in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from dekvep.core.formatting import format_percent
from dekvep.web import charts

from .report_firm import currency, money, num


def count(n: int | None) -> str:
    """A count of firms as it may be shown: small groups are not told apart (None)."""
    return _("fewer than 3") if n is None else str(n)


def _shown(value: float | None) -> str:
    return "–" if value is None else num(value)


def _bars(items: list[tuple[str, float | None]], unit: str = "", title: str = "") -> str:
    """Bars of the figures that are shown; none when every one is withheld."""
    shown = [(label, value) for label, value in items if value is not None]
    return charts.hbar(shown, unit, fmt=lambda v: num(v), title=title) if shown else ""


def totals(data: dict) -> dict[str, Any]:
    """The key figures at the top of the report."""
    found = data["profile"]
    return {
        "firms": found["firms"],
        "production": _shown(found["production_total_t"]),
        "ghg": _shown(data["ghg_total_tco2e"]),
        "waste": _shown(found["waste_total_t"]),
        "package_money": _shown(data["package_money_try_per_year"]),
        "package_tco2e": _shown(data["package_tco2e_per_year"]),
    }


def profile(found: dict) -> dict[str, Any]:
    """Firms, production spread, product groups and employment bands."""
    production = found["production_t"]
    bands = [(b["label"], b["firms"]) for b in found["employment_bands"]]
    return {
        "firms": found["firms"],
        "product_groups": found["product_groups"],
        "production": production and {k: num(v) for k, v in production.items() if k != "firms"},
        "bands": [(label, count(n)) for label, n in bands],
        "band_chart": _bars(bands, title=_("Employment bands")),
    }


def indicator_rows(rows: list[dict], digits: Callable[[str], int]) -> list[dict]:
    """Each indicator's sector distribution in the table, as far as the disclosure rules allow."""
    return [
        {
            "label": row["label"],
            "unit": row["unit"],
            "stats": {
                "firms": row["firms"],
                **{k: num(row[k], digits(row["indicator"])) for k in ("p25", "median", "p75")},
            }
            if row["median"] is not None
            else None,
        }
        for row in rows
    ]


def distributions(rows: list[dict], digits: Callable[[str], int]) -> list[dict]:
    """A spread chart per indicator with at least five firms, against the published range."""
    found = []
    for row in rows:
        if row["median"] is None:
            continue
        ref = row["reference"]
        found.append(
            {
                "label": row["label"],
                "unit": row["unit"],
                "source": f"{ref['source']} ({ref['year']})" if ref else "",
                "svg": charts.quartiles(
                    row["p25"],
                    row["median"],
                    row["p75"],
                    ref["low"] if ref else None,
                    ref["high"] if ref else None,
                    fmt=lambda v, d=digits(row["indicator"]): num(v, d),
                    title=str(row["label"]),
                ),
            }
        )
    return found


def measures(found: dict) -> list[dict]:
    """The most common measures' table rows."""
    return [
        {
            "title": m["title"],
            "firms": m["firms"],
            "money": _shown(m["money_try_per_year"]),
            "tco2e": _shown(m["tco2e_per_year"]),
        }
        for m in found["measures"]
    ]


def potential(found: dict) -> dict[str, Any]:
    """The packages' investment, their savings by kind and the most common measures' savings."""
    investment = found["investment_try"]
    top = [(m["title"], m["money_try_per_year"]) for m in found["measures"][:8]]
    kinds = [(k["label"], k["money_try_per_year"]) for k in found["by_kind"]]
    return {
        "investment": money(investment) if investment is not None else "–",
        "kind_chart": _bars(kinds, currency()),
        "measure_chart": _bars(top, currency()),
    }


def wastes(found: dict) -> dict[str, Any]:
    """Waste by chapter and route, the streams several firms dispose of, what recycling avoids."""
    return {
        "chapters": [
            {
                "code": c["chapter"],
                "title": c["title"],
                "firms": count(c["firms"]),
                "t": _shown(c["t_per_year"]),
            }
            for c in found["chapters"]
        ],
        "route_chart": _bars([(r["label"], r["t_per_year"]) for r in found["routes"]], "t"),
        "shared": [
            {"code": s["code"], "firms": s["firms"], "t": _shown(s["disposed_t_per_year"])}
            for s in found["shared_disposed"]
        ],
        "avoidable": _shown(found["avoidable_tco2e_per_year"]),
    }


def green_deal(found: dict) -> dict[str, Any]:
    """CBAM exposure and the Green Deal requirements touching the sector's firms."""
    rules = [
        {
            "title": r["title"],
            "touched": r["firms_touched"],
            "prepared": format_percent(r["prepared_pct"]) if r["prepared_pct"] is not None else "–",
        }
        for r in found["requirements"]
    ]
    return {
        "cbam_firms": count(found["cbam_firms"]),
        "cbam_cost": _shown(found["cbam_cost_eur_per_year"]),
        "rules": rules,
        "chart": _bars([(r["title"], r["touched"]) for r in rules[:10]]),
    }


def page_context(data: dict, digits: Callable[[str], int]) -> dict[str, Any]:
    """The sector page's and PDF's context from ``sector_data.sector_data`` (in its language)."""
    context: dict[str, Any] = {
        "sector": data["sector_label"],
        "enough": data["enough"],
        "language": data["language"],
        "document_title": _("Sector evaluation report") + f" — {data['sector_label']}",
        "totals": {},
        "indicators": [],
        "measures": [],
        "scope_chart": "",
    }
    if not data["enough"]:
        return context
    scopes = [(s["label"], s["tco2e"]) for s in data["profile"]["scopes"]]
    return context | {
        "totals": totals(data),
        "indicators": indicator_rows(data["indicator_distributions"], digits),
        "measures": measures(data["opportunities"]),
        "scope_chart": _bars(scopes, "tCO2e", _("Scopes")),
        "profile": profile(data["profile"]),
        "distributions": distributions(data["indicator_distributions"], digits),
        "potential": potential(data["opportunities"]),
        "wastes": wastes(data["waste_streams"]),
        "green_deal": green_deal(data["green_deal"]),
        "questions": data["workshop_questions"],
        "currency": currency(),
    }
