"""The firm report's reading aids, from the engine's JSON result: the executive summary (the
findings that matter most, the package, the first steps), the flow diagram, a sentence of meaning
per indicator, the measure sheets and the better routes for waste streams.

Every sentence is built here in the reader's language from figures of the result; nothing is
worded in the template beyond headings.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dekvep.core.formatting import format_number, format_percent, with_unit
from dekvep.core.i18n import bilingual
from dekvep.web import sankey

from .engine.benchmarks import INDICATORS, summary
from .engine.disposal import disposal_factor
from .report_labels import report_labels
from .report_method import methodology


def num(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else format_number(value, digits)


def money(value: float | None) -> str:
    """An amount of Turkish lira as the reader writes it: ``1.234 TL`` / ``1,234 TRY``."""
    return with_unit(num(value), currency())


def currency() -> str:
    # Turkish readers write TL; English readers the ISO code.
    return _("TRY")


def _plain_names() -> dict[str, str]:
    """What each indicator measures, in words a managing director uses."""
    return {
        "energy_kwh_per_t": _("Your energy use per tonne of product"),
        "water_m3_per_t": _("Your water use per tonne of product"),
        "waste_kg_per_t": _("Your waste per tonne of product"),
        "ghg_tco2e_per_t": _("Your carbon footprint per tonne of product"),
        "recovery_rate": _("The share of your waste that is recovered"),
        "mci": _("The circularity score of your products (MCI, from 0 to 1)"),
        "circular_inflow_pct": _("The share of recycled or reused material in your inputs"),
    }


def _severity(name: str, value: float, against: float) -> float | None:
    """How many times worse than ``against`` the firm is (below 1: better)."""
    if INDICATORS[name]:
        return value / against if against > 0 else None
    return against / value if value > 0 else None


def findings(result: dict, rows: list[dict], stats: dict | None) -> list[str]:
    """The three findings that matter most: the indicators furthest from the sector (its median
    where at least five firms allow, else its published range), worst first, then strengths."""
    plain = _plain_names()
    found: list[tuple[float, str]] = []
    for row in rows:
        name, value = row["name"], row["raw"]
        if value is None:
            continue
        median = (stats or {}).get(name)
        reference = result["benchmarks"]["reference"].get(name)
        if median and median.get("median_raw"):
            finding = _against_median(row, plain[name], median)
        elif reference:
            finding = _against_range(row, plain[name], reference)
        else:
            finding = None
        if finding:
            found.append(finding)
    found.extend(_other_findings(result))
    found.sort(key=lambda f: -f[0])
    return [text for _, text in found[:3]]


def _against_median(row: dict, what: str, median: dict) -> tuple[float, str] | None:
    name, value = row["name"], row["raw"]
    severity = _severity(name, value, median["median_raw"])
    if severity is None:
        return None
    params = {
        "what": what,
        "value": with_unit(row["value"], row["unit"]),
        "median": with_unit(median["median"], row["unit"]),
        "n": median["firms"],
    }
    if severity >= 1.15 and INDICATORS[name]:
        params["times"] = format_number(severity, 1)
        text = _(
            "%(what)s is %(times)s times the sector's median: %(value)s against "
            "%(median)s (%(n)s firms)."
        )
    elif severity >= 1.15:
        text = _(
            "%(what)s is below the sector's median: %(value)s against %(median)s (%(n)s firms)."
        )
    elif severity > 0.95:
        text = _(
            "%(what)s is close to the sector's median: %(value)s against %(median)s (%(n)s firms)."
        )
    else:
        text = _(
            "%(what)s is better than the sector's median: %(value)s against %(median)s "
            "(%(n)s firms)."
        )
    return severity, text % params


def _against_range(row: dict, what: str, reference: dict) -> tuple[float, str]:
    name, value = row["name"], row["raw"]
    low, high = reference["low"], reference["high"]
    bad_side = "above" if INDICATORS[name] else "below"
    params = {
        "what": what,
        "value": with_unit(row["value"], row["unit"]),
        "range": with_unit(f"{num(low)}–{num(high)}", row["unit"]),
    }
    if reference["position"] == bad_side:
        severity = _severity(name, value, high if INDICATORS[name] else low) or 1.0
        text = _(
            "%(what)s (%(value)s) is outside the range published for your sector "
            "(%(range)s), on the side that costs money: there is room to save."
        )
    elif reference["position"] == "within":
        severity = 1.0
        text = _("%(what)s (%(value)s) is within the range published for your sector (%(range)s).")
    else:
        severity = 0.5
        text = _(
            "%(what)s (%(value)s) is better than the range published for your sector "
            "(%(range)s): keep it there."
        )
    return severity, text % params


def _other_findings(result: dict) -> list[tuple[float, str]]:
    """Findings without a sector figure: landfilled waste and the largest emission source."""
    out = []
    intensity = result["intensity"]
    landfill = intensity.get("landfill_rate")
    if landfill:
        text = _(
            "%(share)s of your waste (%(t)s t a year) goes to landfill, the most expensive and "
            "least circular route."
        ) % {"share": format_percent(landfill * 100), "t": num(intensity["waste_t"] * landfill, 1)}
        out.append((1.0 + landfill, text))
    sources = result["ghg"]["by_source"]
    total = sum(sources.values())
    if total > 0:
        key, value = max(sources.items(), key=lambda kv: kv[1])
        label = report_labels()["sources"].get(key, key)
        text = _("%(share)s of your carbon footprint comes from one source: %(source)s.") % {
            "share": format_percent(value / total * 100),
            "source": label,
        }
        out.append((0.9 + value / total / 10, text))
    return out


def meaning(name: str, reference: dict | None, percentile: float | None) -> str:
    """One sentence on what the indicator's position means for the firm."""
    lower_better = INDICATORS[name]
    parts = []
    if reference:
        position = reference["position"]
        if position == "within":
            parts.append(_("Typical for the sector."))
        elif (position == "above") == lower_better:
            parts.append(
                _("Worse than the sector's published range: the measures below act on it.")
            )
        else:
            parts.append(_("Better than the sector's published range."))
    else:
        parts.append(_("No published range for this sector: follow it from year to year."))
    if percentile is not None:
        parts.append(
            _("Better than %(share)s of the firms compared.")
            % {"share": format_percent(percentile)}
        )
    return " ".join(parts)


def cbam(result: dict) -> dict | None:
    """The CBAM exposure as shown (EUR, tCO2e and the priced share in the reader's format)."""
    cbam = result.get("cbam")
    if not cbam:
        return None
    return {
        "label": cbam.get("status_label") or "",
        "year": str(cbam["year"]),
        "price": num(cbam["carbon_price_eur_per_t"]),
        "share": num(cbam["share"] * 100, 1),
        "embedded": num(cbam["embedded_tco2e"], 1),
        "cost": num(cbam["cost_eur"]),
        "lines": [
            {
                **line,
                "t": num(line["t"], 1),
                "tco2e_per_t": num(line["tco2e_per_t"], 2),
                "cost": num(line["cost_eur"]),
            }
            for line in cbam["lines"]
        ],
    }


# Flows ----------------------------------------------------------------------------------------


def flows(result: dict, labels: dict) -> list[str]:
    """The flow diagram as SVG bands: materials (t), water (m³), energy (MWh), emissions."""
    data = result.get("flows")
    if not data:
        return []
    site = result.get("site") or _("Site")
    bands = []
    kinds = {
        "raw_material": _("Raw materials"),
        "chemical": _("Chemicals"),
        "packaging": _("Packaging"),
    }
    if data.get("materials_t"):
        inputs = [(kinds.get(k, _("Other materials")), v) for k, v in data["materials_t"].items()]
        outputs = [(name, t) for name, t in data["products_t"].items()]
        outputs += [
            (_("Waste: %(route)s") % {"route": labels["routes"].get(r, r)}, t)
            for r, t in (data.get("wastes_t") or {}).items()
        ]
        balance = sum(v for _, v in inputs) - sum(v for _, v in outputs)
        if balance > 0:
            outputs.append((_("Losses and stock (balance)"), balance))
        bands.append(sankey.band(_("Materials"), inputs, site, outputs, "t", lambda v: num(v, 1)))
    if data.get("water_m3"):
        bands.append(_water_band(data, site))
    if data.get("energy_kwh"):
        carriers = labels["sources"] | {"solar_onsite": _("On-site solar")}
        inputs = [(carriers.get(k, k), v / 1000) for k, v in data["energy_kwh"].items()]
        ghg = result["ghg"]
        scope_items = [
            (_("Scope 1"), ghg["scope1_tco2e"]),
            (_("Scope 2 (location-based)"), ghg["scope2_location_tco2e"]),
        ]
        bands.append(sankey.band(_("Energy"), inputs, site, [], "MWh", lambda v: num(v), "#e0a030"))
        sources = sorted(ghg["by_source"].items(), key=lambda kv: -kv[1])
        bands.append(
            sankey.band(
                _("Emissions"),
                [(labels["sources"].get(k, k), v) for k, v in sources],
                site,
                scope_items + [(_("Scope 3"), ghg["scope3_tco2e"])],
                "tCO2e",
                lambda v: num(v, 1),
                "#c0504d",
            )
        )
    return [b for b in bands if b]


# Measure sheets -------------------------------------------------------------------------------


def _water_band(data: dict, site: str) -> str:
    sources = {
        "municipal": _("Mains water"),
        "groundwater": _("Groundwater"),
        "surface": _("Surface water"),
        "rainwater": _("Rainwater"),
        "recycled_external": _("Recycled water from outside"),
    }
    inputs = [(sources.get(k, _("Other sources")), v) for k, v in data["water_m3"].items()]
    inputs.append((_("Reused water"), data.get("reused_water_m3") or 0))
    out = data.get("wastewater_m3") or 0
    outputs = [(_("Wastewater"), out), (_("Reused water"), data.get("reused_water_m3") or 0)]
    balance = sum(v for _, v in inputs) - sum(v for _, v in outputs)
    if balance > 0:
        outputs.append((_("Evaporation and product (balance)"), balance))
    return sankey.band(_("Water"), inputs, site, outputs, "m³", lambda v: num(v), "#5b9bd5")


def _metric_labels() -> dict[str, tuple[str, str]]:
    """The diagnosis metrics measures are triggered by: label and unit ("share" is 0–1)."""
    waste = {
        "plastic": _("Plastic waste"),
        "textile": _("Textile waste"),
        "metal": _("Metal waste"),
        "paint": _("Paint waste"),
        "packaging": _("Packaging waste"),
        "dye_sludge": _("Dye sludge"),
        "recyclable": _("Recyclable waste"),
    }
    labels = {
        "electricity_kwh": (_("Electricity use"), "kWh"),
        "thermal_kwh": (_("Heat use (fuels and steam)"), "kWh"),
        "fuel_kwh": (_("Fuel use"), "kWh"),
        "energy_kwh": (_("Energy use"), "kWh"),
        "water_m3": (_("Water withdrawn"), "m³"),
        "wastewater_m3": (_("Wastewater"), "m³"),
        "material_t": (_("Materials used"), "t"),
        "chemical_t": (_("Chemicals used"), "t"),
        "refrigerant_kg": (_("Refrigerant refilled"), "kg"),
        "recycled_inflow_share": (_("Recycled share of inputs"), "share"),
        "water_reuse_share": (_("Share of water reused"), "share"),
        "renewable_energy_share": (_("Renewable share of energy"), "share"),
        "product_mci": (_("Product circularity (MCI)"), ""),
        "water_m3_per_t_vs_reference": (_("Water per tonne against the sector's upper end"), "×"),
        "landfill_t": (_("Waste to landfill"), "t"),
    }
    for group, label in waste.items():
        labels[f"{group}_waste_t"] = (label, "t")
        labels[f"{group}_waste_disposed_t"] = (
            _("%(waste)s landfilled or incinerated") % {"waste": label},
            "t",
        )
    return labels


def _amount(value: float, unit: str) -> str:
    if unit == "share":
        return format_percent(value * 100)
    if unit == "×":
        return format_number(value, 2) + " ×"
    return with_unit(format_number(value, 2 if value < 10 else 0), unit)


def why(trigger: list[dict]) -> list[str]:
    """The firm's data that triggered the measure, each against the catalogue's threshold."""
    labels = _metric_labels()
    lines = []
    for clause in trigger:
        label, unit = labels.get(clause["metric"], (clause["metric"], ""))
        if clause.get("value") is None:
            continue
        more = clause["op"] in (">", ">=")
        text = (
            _("%(what)s: %(value)s (the measure applies above %(threshold)s)")
            if more
            else _("%(what)s: %(value)s (the measure applies below %(threshold)s)")
        )
        lines.append(
            text
            % {
                "what": label,
                "value": _amount(clause["value"], unit),
                "threshold": _amount(clause["threshold"], unit),
            }
        )
    return lines


def _checks(kind: str) -> list[str]:
    common = _("Ask two suppliers for quotes before deciding; the investment here is a range.")
    by_kind = {
        "electricity": [
            _("Measure the load of the equipment for a typical week (clamp meter or sub-meter)."),
            _("Check running hours and part-load operation against the nameplate."),
        ],
        "thermal": [
            _("Measure flue-gas temperature and oxygen, and the condition of the insulation."),
            _("Check that the recovered heat has a user at the same time it is available."),
        ],
        "water": [
            _("Meter the process lines separately to confirm where the water goes."),
            _("Check the quality the reused water must have for each use."),
        ],
        "material": [
            _("Confirm the material losses at each step with a one-week weighing."),
            _("Check with customers that the product specification allows the change."),
        ],
        "waste": [
            _("Have the waste analysed (composition, moisture) for the receiver."),
            _("Check the receiver's licence and the waste code with the provincial directorate."),
        ],
        "refrigerant": [
            _("Have the system leak-tested by a certified technician (F-gas regulation)."),
        ],
    }
    return by_kind.get(kind, []) + [common]


def _figures(o: dict) -> dict[str, str]:
    payback = o.get("payback_years")
    return {
        "money": money(o["money_try_per_year"]),
        "tco2e": num(o["tco2e_per_year"], 1),
        "investment": money(o["investment_try"]),
        "payback": num(payback, 1) if payback is not None else "–",
        "npv": money(o.get("npv_try")) if o.get("npv_try") is not None else "–",
    }


SHEETS = 6  # the measures that carry most of the package get a sheet; the table lists all


def measure_sheets(result: dict, language: str, labels: dict) -> list[dict]:
    """A sheet for each of the package's largest measures (by yearly saving), with its
    alternatives (the same equipment) grouped under it."""
    opportunities = result.get("opportunities") or []
    units = {"m3": "m³"}
    sheets = []
    chosen = sorted(
        (o for o in opportunities if o.get("in_package") is not False),
        key=lambda o: -o["money_try_per_year"],
    )[:SHEETS]
    for o in chosen:
        unit = units.get(o["saving_unit"], o["saving_unit"])
        alone = o.get("alone") or {}
        alternatives = [
            {"title": bilingual(a, "title", language), **_figures(a.get("alone") or a)}
            for a in opportunities
            if a.get("alternative_to") == o["measure_id"]
        ]
        source = o.get("source", "")
        if o.get("source_year"):
            source = f"{source} ({o['source_year']})"
        checks = _checks(o.get("kind", ""))
        if o.get("certainty") == "unconfirmed":
            checks.insert(0, _("Confirm that the site runs the process this measure acts on."))
        sheets.append(
            {
                "title": bilingual(o, "title", language),
                "kind": labels["kinds"].get(o.get("kind", ""), ""),
                "priority": labels["priorities"].get(o["priority"], ""),
                "why": why(o.get("trigger") or []),
                "saving": with_unit(num(o.get("saving_quantity", o.get("saving")), 0), unit),
                "saving_range": with_unit(f"{num(o['saving_low'])}–{num(o['saving_high'])}", unit),
                "alone": _figures(alone) if alone else None,
                **_figures(o),
                "irr": format_percent(o["irr"] * 100) if o.get("irr") is not None else "–",
                "life": o.get("life_years"),
                "source": source,
                "checks": checks,
                "alternatives": alternatives,
            }
        )
    return sheets


# Waste ----------------------------------------------------------------------------------------


def waste_routes(result: dict, labels: dict, language: str, matches: dict) -> list[dict]:
    """Each waste stream with its route, its marketplace matches, and what a better route
    brings: the package measure that acts on it, or the disposal emissions avoided."""
    by_line: dict[int, dict] = {}
    for o in result.get("opportunities") or []:
        if o.get("in_package") is not False:
            for i in o.get("waste_lines") or []:
                by_line.setdefault(i, o)
    rows = []
    for i, w in enumerate(result.get("waste_streams") or []):
        code = w["ewc_code"]
        better = ""
        measure = by_line.get(i)
        if measure:
            better = _("%(measure)s: %(money)s and %(tco2e)s tCO2e a year (package share).") % {
                "measure": bilingual(measure, "title", language),
                "money": money(measure["money_try_per_year"]),
                "tco2e": num(measure["tco2e_per_year"], 1),
            }
        elif w["route"] in ("landfill", "incineration"):
            factor = disposal_factor(code, w["route"])
            if factor:
                better = _(
                    "Recycling instead would avoid about %(tco2e)s tCO2e a year of disposal "
                    "emissions; offer it in the marketplace."
                ) % {"tco2e": num(w["t"] * factor[0], 1)}
        rows.append(
            {
                "index": i,
                "code": f"{code[:2]} {code[2:4]} {code[4:]}" if " " not in code else code,
                "t": num(w["t"], 1),
                "route": labels["routes"].get(w["route"], w["route"]),
                "receiver": w.get("receiver") or "–",
                "hazardous": w.get("hazardous"),
                "matches": matches.get(code.replace(" ", "").rstrip("*"), []),
                "better": better,
            }
        )
    return rows


def package_line(package: dict | None) -> dict[str, Any] | None:
    if not package or not package.get("measures"):
        return None
    return {
        "count": len(package["measures"]),
        "money": money(package["money_try_per_year"]),
        "tco2e": num(package["tco2e_per_year"], 1),
        "investment": money(package["investment_try"]),
        "payback": num(package.get("payback_years"), 1),
        "npv": money(package.get("npv_try")),
    }


# The summary page ------------------------------------------------------------------------------


def sector_stats(results: list[dict], display, digits) -> dict[str, dict]:
    """The sector's median per indicator where the disclosure rules allow (five firms or more);
    ``display`` turns a stored value into the shown one, ``digits`` gives its decimals."""
    stats = {}
    for name in INDICATORS:
        found = summary(display(name, r["benchmarks"]["values"].get(name)) for r in results)
        if found and found.get("median") is not None:
            stats[name] = {
                "median_raw": found["median"],
                "median": num(found["median"], digits(name)),
                "firms": found["firms"],
            }
    return stats


def first_steps(result: dict, sheets: list[dict], package: list[dict]) -> list[str]:
    """Three concrete first steps: start with the quickest measure, check before investing,
    then waste to the marketplace (or the data gaps, or next year's inventory)."""
    steps = []
    quick = sorted(
        (o for o in package if o.get("payback_years") is not None),
        key=lambda o: o["payback_years"],
    )
    if quick:
        first = quick[0]
        steps.append(
            _("Start with “%(measure)s”: it pays back in %(years)s years.")
            % {
                "measure": bilingual(first, "title", result.get("_language", "tr")),
                "years": num(first["payback_years"], 1),
            }
        )
    if sheets:
        steps.append(
            _("Before investing in the rest of the package: %(check)s")
            % {"check": sheets[0]["checks"][0][0].lower() + sheets[0]["checks"][0][1:]}
        )
    if result["intensity"].get("landfill_rate"):
        steps.append(_("List the landfilled waste streams in the marketplace to find receivers."))
    elif result["data_quality"]:
        steps.append(_("Close the data gaps listed in the methodology before the next assessment."))
    steps.append(_("Repeat the inventory next year to measure progress."))
    return steps[:3]


def sections(
    result: dict, language: str, labels: dict, context: dict, stats: dict | None
) -> dict[str, Any]:
    """The sections this module adds to the firm report's context."""
    for row in context["indicators"]:
        row["sector"] = (stats or {}).get(row["name"])
    sheets = measure_sheets(result, language, labels)
    package = [o for o in result.get("opportunities") or [] if o.get("in_package") is not False]
    return {
        "findings": findings(result, context["indicators"], stats),
        "flows": flows(result, labels),
        "sheets": sheets,
        "package_line": package_line(result.get("package")),
        "first_steps": first_steps({**result, "_language": language}, sheets, package),
        "waste_routes": waste_routes(result, labels, language, {}),
        "methodology": methodology(result),
        "currency": currency(),
        "document_title": _("Cleaner production and circularity report")
        + f" — {result['organization']} {result['year']}",
    }
