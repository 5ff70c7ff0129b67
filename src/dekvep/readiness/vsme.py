"""The VSME Basic Module datapoints the platform can fill, and their Excel export.

Structure from Commission Recommendation (EU) 2025/1710 (VSME, Basic Module B1-B11); values from
the firm's latest approved inventory (energy, GHG, water, waste, materials) and the workforce
questions of its readiness profile. Anything the platform does not hold is marked missing.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from dekvep.core.exports import append_row

from .facts import firm_size, latest_inventory
from .models import ReadinessProfile
from .wording import num

SOURCE = "Commission Recommendation (EU) 2025/1710 of 30 July 2025 (VSME), Basic Module"


def _row(code, disclosure, label, value, unit="", digits=0, source=""):
    missing = value is None or value == ""
    shown = value if isinstance(value, str) else (num(value, digits) if not missing else "")
    return {
        "code": code,
        "disclosure": disclosure,
        "label": label,
        "value": value,
        "display": shown if not missing else _("missing"),
        "unit": unit if not missing else "",
        "source": source if not missing else _("not held by the platform"),
        "missing": missing,
    }


def _ratio(part, whole):
    return part / whole if part is not None and whole else None


def datapoints(organisation) -> dict[str, Any]:
    """Rows B1-B11 for the firm, in the active language."""
    inventory = latest_inventory(organisation)
    profile = ReadinessProfile.objects.filter(organisation=organisation).first()
    result = inventory.result if inventory else {}
    ghg = result.get("ghg") or {}
    intensity = result.get("intensity") or {}
    streams = result.get("waste_streams") or []
    inv = _("approved inventory %(year)s") % {"year": inventory.year} if inventory else ""
    prof = _("readiness questionnaire")
    p = profile or ReadinessProfile(organisation=organisation)
    scope12 = None
    if ghg:
        scope12 = (ghg.get("scope1_tco2e") or 0) + (ghg.get("scope2_location_tco2e") or 0)
    energy = intensity.get("energy_kwh")
    waste = intensity.get("waste_t")
    hazardous = sum(s["t"] for s in streams if s.get("hazardous")) if streams else None
    recovered = (
        sum(s["t"] for s in streams if s.get("route") in ("reuse", "recycling"))
        if streams
        else None
    )
    figures = {
        "ghg": ghg,
        "intensity": intensity,
        "energy": energy,
        "waste": waste,
        "hazardous": hazardous,
        "recovered": recovered,
        "scope12": scope12,
    }
    rows = [
        *_general_rows(organisation, profile, inventory, inv, prof),
        *_environment_rows(figures, p, inv),
        *_workforce_rows(p, prof),
    ]
    return {
        "rows": rows,
        "missing": sum(1 for r in rows if r["missing"]),
        "total": len(rows),
        "year": inventory.year if inventory else None,
        "source": SOURCE,
    }


def _general_rows(organisation, profile, inventory, inv, prof) -> list[dict]:
    """B1 and B2: the basis for preparation."""
    b1 = _("B1 Basis for preparation")
    size = firm_size(profile, organisation)
    size_labels = {
        "micro": _("micro"),
        "small": _("small"),
        "medium": _("medium-sized"),
        "large": _("large"),
    }
    return [
        _row("B1", b1, _("Organisation"), organisation.name, source=_("organisation record")),
        _row(
            "B1",
            b1,
            _("NACE codes"),
            ", ".join(organisation.nace_codes or []) or None,
            source=_("organisation record"),
        ),
        _row("B1", b1, _("Size category"), str(size_labels[size]) if size else None, source=prof),
        _row("B1", b1, _("Reporting year"), str(inventory.year) if inventory else None, source=inv),
        _row(
            "B2",
            _("B2 Practices, policies and future initiatives"),
            _("Practices and policies for the transition"),
            None,
        ),
    ]


def _environment_rows(figures, p, inv) -> list[dict]:
    """B3 to B7, from the approved inventory."""
    ghg, intensity = figures["ghg"], figures["intensity"]
    energy, waste = figures["energy"], figures["waste"]
    hazardous, recovered, scope12 = figures["hazardous"], figures["recovered"], figures["scope12"]
    b3, b4, b5 = (
        _("B3 Energy and greenhouse-gas emissions"),
        _("B4 Pollution of air, water and soil"),
        _("B5 Biodiversity"),
    )
    b6, b7 = _("B6 Water"), _("B7 Resource use, circular economy and waste")
    return [
        _row(
            "B3",
            b3,
            _("Total energy consumption"),
            energy / 1000 if energy is not None else None,
            "MWh",
            0,
            inv,
        ),
        _row("B3", b3, _("Scope 1 emissions"), ghg.get("scope1_tco2e"), "tCO2e", 1, inv),
        _row(
            "B3",
            b3,
            _("Scope 2 emissions (location-based)"),
            ghg.get("scope2_location_tco2e"),
            "tCO2e",
            1,
            inv,
        ),
        _row(
            "B3",
            b3,
            _("Scope 2 emissions (market-based)"),
            ghg.get("scope2_market_tco2e"),
            "tCO2e",
            1,
            inv,
        ),
        _row(
            "B3",
            b3,
            _("GHG intensity (scope 1 and 2) per turnover"),
            _ratio(scope12, p.turnover_eur_m),
            _("tCO2e per million EUR"),
            1,
            inv,
        ),
        _row("B4", b4, _("Pollutants emitted to air, water and soil"), None),
        _row("B5", b5, _("Sites in or near biodiversity-sensitive areas"), None),
        _row("B6", b6, _("Total water withdrawal"), intensity.get("water_m3"), "m³", 0, inv),
        _row("B7", b7, _("Total waste generated"), waste, "t", 1, inv),
        _row("B7", b7, _("Hazardous waste"), hazardous, "t", 1, inv),
        _row("B7", b7, _("Waste sent to reuse or recycling"), recovered, "t", 1, inv),
        _row("B7", b7, _("Materials used"), intensity.get("material_t"), "t", 0, inv),
    ]


def _workforce_rows(p, prof) -> list[dict]:
    """B8 to B11, from the readiness questionnaire."""
    b8, b9 = (
        _("B8 Workforce – general characteristics"),
        _("B9 Workforce – health and safety"),
    )
    b10, b11 = (
        _("B10 Workforce – remuneration, collective bargaining and training"),
        _("B11 Convictions and fines for corruption and bribery"),
    )
    return [
        _row("B8", b8, _("Employees (headcount)"), p.headcount, "", 0, prof),
        _row("B8", b8, _("Female employees"), p.female_employees, "", 0, prof),
        _row("B8", b8, _("Employees on permanent contracts"), p.permanent_employees, "", 0, prof),
        _row("B9", b9, _("Recordable work accidents"), p.recordable_accidents, "", 0, prof),
        _row("B9", b9, _("Work-related fatalities"), p.fatalities, "", 0, prof),
        _row(
            "B10",
            b10,
            _("Employees covered by collective agreements"),
            p.collective_bargaining_pct,
            "%",
            0,
            prof,
        ),
        _row("B10", b10, _("Training hours per employee"), p.training_hours, _("hours"), 1, prof),
        _row("B10", b10, _("Gender pay gap"), None),
        _row("B11", b11, _("Convictions and fines for corruption or bribery"), None),
    ]


def workbook(organisation, report: dict[str, Any]) -> bytes:
    """The VSME datapoints as an Excel workbook in the active language; missing cells marked."""
    book = Workbook()
    sheet = book.active
    sheet.title = "VSME"
    append_row(sheet, [_("VSME Basic Module"), organisation.name])
    append_row(sheet, [_("Source"), report["source"]])
    append_row(sheet, [])
    header = [_("Disclosure"), _("Datapoint"), _("Value"), _("Unit"), _("Where it comes from")]
    append_row(sheet, header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    missing_fill = PatternFill("solid", fgColor="FFE699")
    for row in report["rows"]:
        value = (
            row["value"]
            if not row["missing"] and not isinstance(row["value"], str)
            else row["display"]
        )
        append_row(sheet, [row["disclosure"], row["label"], value, row["unit"], row["source"]])
        if row["missing"]:
            for cell in sheet[sheet.max_row]:
                cell.fill = missing_fill
    for column, width in zip("ABCDE", (44, 48, 18, 22, 36), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
