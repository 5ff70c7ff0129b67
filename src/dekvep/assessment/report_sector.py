"""The sector report's sections beyond the indicator table: profile, indicator spreads, the
aggregated potential of measures, waste streams and symbiosis potential, Green Deal exposure and
the questions for the roadmap workshop.

Every figure goes through the disclosure rules (``engine.disclosure``): quartiles from five
firms, totals from three firms with none above half, counts of fewer than three firms shown as
"fewer than 3"; no firm is named.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dekvep.core.formatting import format_number, format_percent
from dekvep.core.i18n import bilingual
from dekvep.text import format_waste_code
from dekvep.web import charts

from .engine.benchmarks import INDICATORS, reference_ranges, summary
from .engine.disclosure import MIN_FIRMS_TOTAL
from .engine.disclosure import total as disclosure_total
from .engine.disposal import disposal_factor
from .report_firm import currency, money, num


def count(n: int) -> str:
    """A count of firms as it may be shown: small groups are not told apart."""
    return str(n) if n >= MIN_FIRMS_TOTAL or n == 0 else _("fewer than 3")


def profile(results: list[dict], bands: dict[str, int] | None) -> dict[str, Any]:
    """Firms, production spread, product groups and employment bands."""
    production = summary(r["intensity"]["production_t"] for r in results)
    groups = {r.get("product_group") or "" for r in results} - {""}
    band_rows = [(label, n) for label, n in (bands or {}).items()]
    shown = [(label, n) for label, n in band_rows if n >= MIN_FIRMS_TOTAL]
    return {
        "firms": len(results),
        "product_groups": len(groups),
        "production": production and {k: num(v) for k, v in production.items() if k != "firms"},
        "bands": [(label, count(n)) for label, n in band_rows],
        "band_chart": charts.hbar(shown, "", fmt=lambda v: num(v), title=_("Employment bands"))
        if shown
        else "",
    }


def distributions(results: list[dict], sector: str, rows: list[dict], display, digits) -> list:
    """A spread chart per indicator with at least five firms, against the published range."""
    ranges = reference_ranges()
    charts_out = []
    for row, name in zip(rows, INDICATORS, strict=True):
        stats = summary(display(name, r["benchmarks"]["values"].get(name)) for r in results)
        if not stats:
            continue
        ref = ranges.get((sector, name))
        charts_out.append(
            {
                "label": row["label"],
                "unit": row["unit"],
                "source": f"{ref.source} ({ref.year})" if ref else "",
                "svg": charts.quartiles(
                    stats["p25"],
                    stats["median"],
                    stats["p75"],
                    ref.low if ref else None,
                    ref.high if ref else None,
                    fmt=lambda v, d=digits(name): num(v, d),
                    title=str(row["label"]),
                ),
            }
        )
    return charts_out


def potential(results: list[dict], measures: list[dict], labels: dict) -> dict[str, Any]:
    """The aggregated potential of the packages, by kind of saving, and a chart of the most
    common measures' yearly savings."""
    by_kind: dict[str, list[float]] = {}
    for r in results:
        kinds: dict[str, float] = {}
        for o in r["opportunities"]:
            if o.get("in_package") is not False:
                kinds[o["kind"]] = kinds.get(o["kind"], 0.0) + o["money_try_per_year"]
        for kind, value in kinds.items():
            by_kind.setdefault(kind, []).append(value)
    kind_items = []
    for kind, values in by_kind.items():
        value = disclosure_total(values)
        if value is not None:
            kind_items.append((labels["kinds"].get(kind, kind), value))
    kind_items.sort(key=lambda kv: -kv[1])
    investment = disclosure_total((r.get("package") or {}).get("investment_try") for r in results)
    top = [(m["title"], m["money_raw"]) for m in measures[:8] if m["money_raw"] is not None]
    return {
        "investment": money(investment) if investment is not None else "–",
        "kind_chart": charts.hbar(kind_items, currency(), fmt=lambda v: num(v), title="")
        if kind_items
        else "",
        "measure_chart": charts.hbar(top, currency(), fmt=lambda v: num(v), title="")
        if top
        else "",
    }


def wastes(results: list[dict], language: str, labels: dict) -> dict[str, Any]:
    """Waste by List of Waste chapter and route, the streams several firms share, and what the
    landfilled and incinerated part would avoid if it were recycled."""
    chapters: dict[str, dict[str, Any]] = {}
    routes: dict[str, list[float]] = {}
    codes: dict[str, set[int]] = {}
    disposed: dict[str, list[float]] = {}
    avoidable: list[float] = []
    for i, r in enumerate(results):
        firm_routes: dict[str, float] = {}
        firm_avoidable = 0.0
        for w in r.get("waste_streams") or []:
            chapter = chapters.setdefault(w["ewc_code"][:2], {"firms": set(), "t": {}})
            chapter["firms"].add(i)
            chapter["t"][i] = chapter["t"].get(i, 0.0) + w["t"]
            firm_routes[w["route"]] = firm_routes.get(w["route"], 0.0) + w["t"]
            codes.setdefault(w["ewc_code"], set()).add(i)
            if w["route"] in ("landfill", "incineration"):
                disposed.setdefault(w["ewc_code"], []).append(w["t"])
                factor = disposal_factor(w["ewc_code"], w["route"])
                firm_avoidable += w["t"] * factor[0] if factor else 0.0
        for route, t in firm_routes.items():
            routes.setdefault(route, []).append(t)
        avoidable.append(firm_avoidable)
    rows = _chapter_rows(chapters, language)
    route_items = []
    for route, values in routes.items():
        value = disclosure_total(values)
        if value is not None:
            route_items.append((labels["routes"].get(route, route), value))
    shared = []
    for code, firms in sorted(codes.items(), key=lambda kv: -len(kv[1])):
        if len(firms) < MIN_FIRMS_TOTAL or code not in disposed:
            continue
        shared.append(
            {
                "code": format_waste_code(code),
                "firms": len(firms),
                "t": _total(disposed[code]),
            }
        )
    return {
        "chapters": rows,
        "route_chart": charts.hbar(route_items, "t", fmt=lambda v: num(v), title="")
        if route_items
        else "",
        "shared": shared[:10],
        "avoidable": _total(avoidable),
    }


def _chapter_rows(chapters: dict[str, dict[str, Any]], language: str) -> list[dict]:
    from dekvep.catalog.waste import get_heading

    rows = []
    for code, chapter in sorted(chapters.items()):
        heading = get_heading(code)
        rows.append(
            {
                "code": code,
                "title": bilingual(heading, "title", language) if heading else code,
                "firms": count(len(chapter["firms"])),
                "t": _total(chapter["t"].values()),
            }
        )
    return rows


def _total(values) -> str:
    value = disclosure_total(list(values))
    return "–" if value is None else num(value)


def green_deal(results: list[dict], overview: dict | None, sector: str) -> dict[str, Any]:
    """CBAM exposure from the inventories and the readiness rules touching the sector's firms
    (the readiness programme overview, counts only)."""
    exposed = [r["cbam"] for r in results if r.get("cbam")]
    cost = disclosure_total(c["cost_eur"] for c in exposed)
    rules = []
    for group in (overview or {}).get("sectors", []):
        if group["sector"] != sector:
            continue
        for rule in sorted(group["rules"], key=lambda x: -x["touched"]):
            if rule["touched"] < MIN_FIRMS_TOTAL:
                continue
            rules.append(
                {
                    "title": rule["title"],
                    "touched": rule["touched"],
                    "prepared": format_percent(rule["share_pct"])
                    if rule["share_pct"] is not None
                    else "–",
                }
            )
    chart = charts.hbar(
        [(r["title"], r["touched"]) for r in rules[:10]], "", fmt=lambda v: num(v), title=""
    )
    return {
        "cbam_firms": count(len(exposed)),
        "cbam_cost": num(cost) if cost is not None else "–",
        "rules": rules,
        "chart": chart if rules else "",
    }


def questions(context: dict) -> list[str]:
    """Questions for the roadmap workshop, drawn from what the report shows."""
    found = []
    spread = context.get("spread")
    if spread:
        found.append(
            _(
                "%(indicator)s differs by a factor of %(times)s between the better and the "
                "weaker quarter of firms. What do the better firms do differently?"
            )
            % spread
        )
    measures = context.get("measures") or []
    if measures:
        found.append(
            _(
                "“%(measure)s” applies to %(n)s firms. What holds firms back from doing it, and "
                "could they buy or finance it together?"
            )
            % {"measure": measures[0]["title"], "n": measures[0]["firms"]}
        )
    shared = (context.get("wastes") or {}).get("shared") or []
    if shared:
        found.append(
            _(
                "%(n)s firms landfill or incinerate waste of code %(code)s. Could one receiver or "
                "a shared collection take it?"
            )
            % {"n": shared[0]["firms"], "code": shared[0]["code"]}
        )
    deal = context.get("green_deal") or {}
    if deal.get("rules"):
        found.append(
            _("“%(rule)s” touches %(n)s firms. Which data and support do they need first?")
            % {"rule": deal["rules"][0]["title"], "n": deal["rules"][0]["touched"]}
        )
    found.append(_("Which indicators should every firm measure and report next year?"))
    found.append(_("Which targets for 2030 can the sector commit to, and who follows them up?"))
    return found


def spread(results: list[dict], rows: list[dict], display) -> dict | None:
    """The indicator with the widest spread between the quartiles (for the workshop)."""
    best = None
    for row, name in zip(rows, INDICATORS, strict=True):
        stats = summary(display(name, r["benchmarks"]["values"].get(name)) for r in results)
        if not stats or not stats["p25"] or not INDICATORS[name]:
            continue
        ratio = stats["p75"] / stats["p25"]
        if best is None or ratio > best[0]:
            best = (ratio, row["label"])
    if best is None or best[0] < 1.2:
        return None
    return {"indicator": best[1], "times": format_number(best[0], 1)}


def sections(
    results: list[dict],
    sector: str,
    language: str,
    labels: dict,
    context: dict,
    display,
    digits,
    bands: dict[str, int] | None = None,
    overview: dict | None = None,
) -> dict[str, Any]:
    """The sections this module adds to the sector report's context (none below three firms)."""
    title = _("Sector evaluation report") + f" — {context['sector']}"
    if not context["enough"]:
        return {"document_title": title}
    added = {
        "document_title": title,
        "profile": profile(results, bands),
        "distributions": distributions(results, sector, context["indicators"], display, digits),
        "potential": potential(results, context["measures"], labels),
        "wastes": wastes(results, language, labels),
        "green_deal": green_deal(results, overview, sector),
        "spread": spread(results, context["indicators"], display),
        "currency": currency(),
    }
    added["questions"] = questions({**context, **added})
    return added


def common_measures(results: list[dict], language: str) -> list[dict]:
    """The package measures found in at least the disclosure minimum of firms, most common first."""
    measures: dict[str, dict] = {}
    for r in results:
        for o in r["opportunities"]:
            if o.get("in_package") is False:
                continue
            entry = measures.setdefault(
                o["measure_id"],
                {
                    "title": bilingual(o, "title", language),
                    "firms": 0,
                    "money": [],
                    "tco2e": [],
                },
            )
            entry["firms"] += 1
            entry["money"].append(o["money_try_per_year"])
            entry["tco2e"].append(o["tco2e_per_year"])
    common = sorted(
        (m for m in measures.values() if m["firms"] >= MIN_FIRMS_TOTAL),
        key=lambda m: (-m["firms"], m["title"]),
    )[:15]
    return common


def scope_items(results: list[dict]) -> list[tuple[str, float]]:

    scope_items = []
    scopes = (
        (_("Scope 1"), "scope1_tco2e"),
        (_("Scope 2 (location-based)"), "scope2_location_tco2e"),
        (_("Scope 3"), "scope3_tco2e"),
    )
    for label, key in scopes:
        value = disclosure_total(r["ghg"][key] for r in results)
        if value is not None:
            scope_items.append((label, value))
    return scope_items
