"""The sector report's figures as data: the one source of the sector page, its PDF and the sector
report API, so that the three cannot differ.

Numbers are plain (rounded by the disclosure rules, not formatted), each with its unit in its key
or in a ``unit`` key; labels are in the active language, next to the code they stand for. A
figure the disclosure rules withhold is ``None`` and named in its object's ``withheld``
(``{key: {"rule": ..., "reason": ...}}``), with the reason the page gives. No firm is named and
no figure of a single firm is given (``engine.disclosure``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from dekvep.catalog.waste import get_heading
from dekvep.core.formatting import format_number
from dekvep.core.i18n import bilingual
from dekvep.text import format_waste_code

from .engine.benchmarks import INDICATORS, reference_ranges, summary
from .engine.disclosure import DOMINANCE, MIN_FIRMS, MIN_FIRMS_TOTAL, SIGNIFICANT
from .engine.disclosure import total as disclosure_total
from .engine.disposal import disposal_factor

Display = Callable[[str, float | None], float | None]

QUARTILES = "quartiles_need_5_firms"
TOTAL = "total_needs_3_firms_none_above_half"
COUNT = "count_below_3"
SECTOR = "sector_needs_3_firms"
SHARE = "share_needs_5_firms"


def reason(rule: str) -> dict[str, str]:
    """Why a figure is withheld: the rule's code and the words the page uses."""
    words = {
        QUARTILES: _("fewer than 5 firms"),
        SHARE: _("fewer than 5 firms"),
        TOTAL: _("fewer than 3 firms, or one firm makes up more than half"),
        COUNT: _("fewer than 3"),
        SECTOR: _(
            "Fewer than three firms of this sector have an approved inventory: no sector figures "
            "are shown, so that no firm can be identified."
        ),
    }
    return {"rule": rule, "reason": words[rule]}


def _withheld(item: dict, rules: dict[str, str]) -> dict:
    """``item`` with ``withheld`` naming each of ``rules``' keys whose value is None."""
    item["withheld"] = {key: reason(rule) for key, rule in rules.items() if item[key] is None}
    return item


def shown_count(n: int) -> int | None:
    """A count of firms as it may be shown: 1 or 2 firms are not told apart (None)."""
    return n if n >= MIN_FIRMS_TOTAL or n == 0 else None


def quartile_figures(values: Iterable[float | None]) -> dict[str, Any]:
    """Firms, lower quartile, median and upper quartile; all None below five firms."""
    stats = summary(values) or {}
    return {key: stats.get(key) for key in ("firms", "p25", "median", "p75")}


def profile(results: list[dict], bands: list[tuple[str, str, int]] | None) -> dict[str, Any]:
    """Firms, product groups, production spread and totals, employment bands, scopes."""
    groups = {r.get("product_group") or "" for r in results} - {""}
    production = quartile_figures(r["intensity"]["production_t"] for r in results)
    found = {
        "firms": len(results),
        "product_groups": len(groups),
        "production_t": production if production["median"] is not None else None,
        "production_total_t": disclosure_total(r["intensity"]["production_t"] for r in results),
        "waste_total_t": disclosure_total(r["intensity"]["waste_t"] for r in results),
        "employment_bands": [
            _withheld(
                {"band": code or None, "label": label, "firms": shown_count(n)}, {"firms": COUNT}
            )
            for code, label, n in bands or []
        ],
        "scopes": scopes(results),
    }
    return _withheld(
        found,
        {"production_t": QUARTILES, "production_total_t": TOTAL, "waste_total_t": TOTAL},
    )


def scopes(results: list[dict]) -> list[dict]:
    """The sector's carbon footprint by scope (tCO2e a year)."""
    names = (
        ("scope1", _("Scope 1"), "scope1_tco2e"),
        ("scope2_location", _("Scope 2 (location-based)"), "scope2_location_tco2e"),
        ("scope3", _("Scope 3"), "scope3_tco2e"),
    )
    return [
        _withheld(
            {
                "scope": code,
                "label": label,
                "tco2e": disclosure_total(r["ghg"][key] for r in results),
            },
            {"tco2e": TOTAL},
        )
        for code, label, key in names
    ]


def distributions(results: list[dict], sector: str, labels: dict, display: Display) -> list:
    """Each indicator's spread across the sector in the unit the page shows, with the range
    published for the sector."""
    ranges = reference_ranges()
    rows = []
    for name in INDICATORS:
        label, unit = labels["indicators"][name]
        ref = ranges.get((sector, name))
        values = (display(name, r["benchmarks"]["values"].get(name)) for r in results)
        stats = quartile_figures(values)
        row = {"indicator": name, "label": label, "unit": unit, **stats, "reference": None}
        if ref:
            row["reference"] = {
                "low": ref.low,
                "high": ref.high,
                "status": ref.status,
                "source": ref.source,
                "year": ref.year,
            }
        rows.append(_withheld(row, dict.fromkeys(("firms", "p25", "median", "p75"), QUARTILES)))
    return rows


def common_measures(results: list[dict], language: str) -> list[dict]:
    """The package measures found in at least three firms, most common first (15 at most),
    with their yearly savings together."""
    measures: dict[str, dict] = {}
    for r in results:
        for o in r["opportunities"]:
            if o.get("in_package") is False:
                continue
            entry = measures.setdefault(
                o["measure_id"],
                {"measure_id": o["measure_id"], "title": bilingual(o, "title", language)},
            )
            entry.setdefault("money", []).append(o["money_try_per_year"])
            entry.setdefault("tco2e", []).append(o["tco2e_per_year"])
    common = sorted(
        (m for m in measures.values() if len(m["money"]) >= MIN_FIRMS_TOTAL),
        key=lambda m: (-len(m["money"]), m["title"]),
    )[:15]
    return [
        _withheld(
            {
                "measure_id": m["measure_id"],
                "title": m["title"],
                "firms": len(m["money"]),
                "money_try_per_year": disclosure_total(m["money"]),
                "tco2e_per_year": disclosure_total(m["tco2e"]),
            },
            {"money_try_per_year": TOTAL, "tco2e_per_year": TOTAL},
        )
        for m in common
    ]


def opportunities(results: list[dict], language: str, labels: dict) -> dict[str, Any]:
    """The most common measures, the packages' savings by kind and their investment together."""
    by_kind: dict[str, list[float]] = {}
    for r in results:
        kinds: dict[str, float] = {}
        for o in r["opportunities"]:
            if o.get("in_package") is not False:
                kinds[o["kind"]] = kinds.get(o["kind"], 0.0) + o["money_try_per_year"]
        for kind, value in kinds.items():
            by_kind.setdefault(kind, []).append(value)
    kinds = [
        _withheld(
            {
                "kind": kind,
                "label": labels["kinds"].get(kind, kind),
                "money_try_per_year": disclosure_total(values),
            },
            {"money_try_per_year": TOTAL},
        )
        for kind, values in by_kind.items()
    ]
    kinds.sort(key=lambda k: (k["money_try_per_year"] is None, -(k["money_try_per_year"] or 0)))
    investment = disclosure_total((r.get("package") or {}).get("investment_try") for r in results)
    return _withheld(
        {
            "measures": common_measures(results, language),
            "by_kind": kinds,
            "investment_try": investment,
        },
        {"investment_try": TOTAL},
    )


def wastes(results: list[dict], language: str, labels: dict) -> dict[str, Any]:
    """Waste by List of Waste chapter and by route, the streams three firms or more landfill or
    incinerate, and the disposal emissions recycling all of it would avoid."""
    chapters: dict[str, dict[int, float]] = {}
    routes: dict[str, list[float]] = {}
    codes: dict[str, set[int]] = {}
    disposed: dict[str, list[float]] = {}
    avoidable: list[float] = []
    for i, r in enumerate(results):
        firm_routes: dict[str, float] = {}
        firm_avoidable = 0.0
        for w in r.get("waste_streams") or []:
            chapter = chapters.setdefault(w["ewc_code"][:2], {})
            chapter[i] = chapter.get(i, 0.0) + w["t"]
            firm_routes[w["route"]] = firm_routes.get(w["route"], 0.0) + w["t"]
            codes.setdefault(w["ewc_code"], set()).add(i)
            if w["route"] in ("landfill", "incineration"):
                disposed.setdefault(w["ewc_code"], []).append(w["t"])
                factor = disposal_factor(w["ewc_code"], w["route"])
                firm_avoidable += w["t"] * factor[0] if factor else 0.0
        for route, t in firm_routes.items():
            routes.setdefault(route, []).append(t)
        avoidable.append(firm_avoidable)
    return _withheld(
        {
            "chapters": _chapters(chapters, language),
            "routes": _routes(routes, labels),
            "shared_disposed": _shared(codes, disposed),
            "avoidable_tco2e_per_year": disclosure_total(avoidable),
        },
        {"avoidable_tco2e_per_year": TOTAL},
    )


def _chapters(chapters: dict[str, dict[int, float]], language: str) -> list[dict]:

    rows = []
    for code, by_firm in sorted(chapters.items()):
        heading = get_heading(code)
        row = {
            "chapter": code,
            "title": bilingual(heading, "title", language) if heading else code,
            "firms": shown_count(len(by_firm)),
            "t_per_year": disclosure_total(list(by_firm.values())),
        }
        rows.append(_withheld(row, {"firms": COUNT, "t_per_year": TOTAL}))
    return rows


def _routes(routes: dict[str, list[float]], labels: dict) -> list[dict]:
    rows = [
        _withheld(
            {
                "route": route,
                "label": labels["routes"].get(route, route),
                "t_per_year": disclosure_total(values),
            },
            {"t_per_year": TOTAL},
        )
        for route, values in routes.items()
    ]
    return sorted(rows, key=lambda r: (r["t_per_year"] is None, -(r["t_per_year"] or 0)))


def _shared(codes: dict[str, set[int]], disposed: dict[str, list[float]]) -> list[dict]:
    rows = []
    for code, firms in sorted(codes.items(), key=lambda kv: -len(kv[1])):
        if len(firms) < MIN_FIRMS_TOTAL or code not in disposed:
            continue
        row = {
            "ewc_code": code,
            "code": format_waste_code(code),
            "firms": len(firms),
            "disposed_t_per_year": disclosure_total(disposed[code]),
        }
        rows.append(_withheld(row, {"disposed_t_per_year": TOTAL}))
    return rows[:10]


def green_deal(results: list[dict], overview: dict | None, sector: str) -> dict[str, Any]:
    """CBAM exposure from the inventories and the Green Deal requirements touching three firms or
    more of the sector (the readiness programme overview, counts only)."""
    exposed = [r["cbam"] for r in results if r.get("cbam")]
    requirements = []
    for group in (overview or {}).get("sectors", []):
        if group["sector"] != sector:
            continue
        for rule in sorted(group["rules"], key=lambda x: -x["touched"]):
            if rule["touched"] < MIN_FIRMS_TOTAL:
                continue
            row = {
                "rule": rule["id"],
                "title": rule["title"],
                "firms_touched": rule["touched"],
                "prepared_pct": rule["share_pct"],
            }
            requirements.append(_withheld(row, {"prepared_pct": SHARE}))
    found = {
        "cbam_firms": shown_count(len(exposed)),
        "cbam_cost_eur_per_year": disclosure_total(c["cost_eur"] for c in exposed),
        "requirements": requirements,
    }
    return _withheld(found, {"cbam_firms": COUNT, "cbam_cost_eur_per_year": TOTAL})


def spread(results: list[dict], labels: dict, display: Display) -> dict | None:
    """The indicator with the widest spread between the quartiles (for the workshop)."""
    best = None
    for name in INDICATORS:
        stats = summary(display(name, r["benchmarks"]["values"].get(name)) for r in results)
        if not stats or not stats["p25"] or not INDICATORS[name]:
            continue
        ratio = stats["p75"] / stats["p25"]
        if best is None or ratio > best[0]:
            best = (ratio, labels["indicators"][name][0])
    if best is None or best[0] < 1.2:
        return None
    return {"indicator": best[1], "times": format_number(best[0], 1)}


def questions(found: dict, spread_: dict | None) -> list[str]:
    """Questions for the roadmap workshop, drawn from what the report shows."""
    asked = []
    if spread_:
        asked.append(
            _(
                "%(indicator)s differs by a factor of %(times)s between the better and the "
                "weaker quarter of firms. What do the better firms do differently?"
            )
            % spread_
        )
    measures = found["opportunities"]["measures"]
    if measures:
        asked.append(
            _(
                "“%(measure)s” applies to %(n)s firms. What holds firms back from doing it, and "
                "could they buy or finance it together?"
            )
            % {"measure": measures[0]["title"], "n": measures[0]["firms"]}
        )
    shared = found["waste_streams"]["shared_disposed"]
    if shared:
        asked.append(
            _(
                "%(n)s firms landfill or incinerate waste of code %(code)s. Could one receiver or "
                "a shared collection take it?"
            )
            % {"n": shared[0]["firms"], "code": shared[0]["code"]}
        )
    rules = found["green_deal"]["requirements"]
    if rules:
        asked.append(
            _("“%(rule)s” touches %(n)s firms. Which data and support do they need first?")
            % {"rule": rules[0]["title"], "n": rules[0]["firms_touched"]}
        )
    asked.append(_("Which indicators should every firm measure and report next year?"))
    asked.append(_("Which targets for 2030 can the sector commit to, and who follows them up?"))
    return asked


SECTIONS = (
    "profile",
    "indicator_distributions",
    "opportunities",
    "waste_streams",
    "green_deal",
    "workshop_questions",
)


def sector_data(
    results: list[dict],
    sector: str,
    language: str,
    labels: dict,
    display: Display,
    bands: list[tuple[str, str, int]] | None = None,
    overview: dict | None = None,
) -> dict[str, Any]:
    """Every section of the sector report as data, in the active language; below three firms
    every section is None, withheld with the page's sentence."""
    found: dict[str, Any] = {
        "sector": sector,
        "sector_label": labels["sectors"].get(sector, sector),
        "firms": len(results) if len(results) >= MIN_FIRMS_TOTAL else None,
        "enough": len(results) >= MIN_FIRMS_TOTAL,
        "language": language,
        "disclosure": {
            "min_firms_quartiles": MIN_FIRMS,
            "min_firms_total": MIN_FIRMS_TOTAL,
            "dominance_share": DOMINANCE,
            "significant_figures": SIGNIFICANT,
        },
    }
    if not found["enough"]:
        found |= dict.fromkeys(SECTIONS)
        return _withheld(found, dict.fromkeys(SECTIONS, SECTOR))
    found |= {
        "profile": profile(results, bands),
        "indicator_distributions": distributions(results, sector, labels, display),
        "opportunities": opportunities(results, language, labels),
        "waste_streams": wastes(results, language, labels),
        "green_deal": green_deal(results, overview, sector),
        "ghg_total_tco2e": disclosure_total(r["ghg"]["total_location_tco2e"] for r in results),
        "package_money_try_per_year": disclosure_total(
            (r.get("package") or {}).get("money_try_per_year") for r in results
        ),
        "package_tco2e_per_year": disclosure_total(
            (r.get("package") or {}).get("tco2e_per_year") for r in results
        ),
    }
    found["workshop_questions"] = questions(found, spread(results, labels, display))
    return _withheld(found, {})
