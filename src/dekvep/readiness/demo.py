"""Demo data: every participant manufacturer of the demo programme gets a readiness profile,
answered by its analyst, shaped by its sector, NACE codes and size."""

from __future__ import annotations

import hashlib

from dekvep.core.models import Participation

from . import services
from .models import ReadinessProfile

HEADCOUNT = {"250+": 420, "50-249": 120, "10-49": 30, "1-9": 6}


def _vary(name: str, salt: str, low: float, high: float) -> float:
    digest = hashlib.sha256(f"{name}:{salt}".encode()).digest()
    return low + (high - low) * digest[0] / 255


def _textile(firm) -> dict:
    nace = firm.nace_codes
    if any(code.startswith("14") for code in nace):
        products, codes = ["apparel"], ["6109", "6204", "6203"]
    elif "13.92" in nace or "13.20" in nace:
        products, codes = ["home_textiles"], ["6302", "6303"]
    elif any(code in ("13.95", "13.96") for code in nace):
        products, codes = ["technical_textiles"], ["5603", "5911"]
    else:
        products, codes = ["yarn_fabric"], ["6006", "5205", "5208"]
    return {
        "export_markets": ["eu", "uk", "mena"],
        "eu_export_share": round(_vary(firm.name, "eu", 35, 70)),
        "customer_requests": True,
        "cn_codes": codes,
        "product_types": products,
        "packaging_placed_t": round(_vary(firm.name, "pk", 20, 120)),
        "packaging_kinds": ["paper", "plastic"],
        "fgas_equipment": ["air_conditioning", "process_cooling"],
        "fgas_in_products": False,
    }


def _plastics(firm) -> dict:
    packaging = any(code in ("22.22",) for code in firm.nace_codes)
    return {
        "export_markets": ["eu", "mena"],
        "eu_export_share": round(_vary(firm.name, "eu", 15, 45)),
        "customer_requests": _vary(firm.name, "cr", 0, 1) > 0.4,
        "cn_codes": ["3923", "3920"] if packaging else ["3917", "3926"],
        "product_types": ["plastic_packaging"]
        if packaging
        else ["plastic_pipes_profiles", "plastic_parts"],
        "packaging_placed_t": round(_vary(firm.name, "pk", 40, 200)),
        "packaging_kinds": ["paper", "plastic"],
        "fgas_equipment": ["process_cooling"],
        "fgas_in_products": False,
    }


def _white_goods(firm) -> dict:
    return {
        "export_markets": ["eu", "uk", "mena", "other"],
        "eu_export_share": round(_vary(firm.name, "eu", 40, 75)),
        "customer_requests": True,
        "cn_codes": ["8418", "8450"],
        "product_types": ["refrigerators", "washing_machines"],
        "packaging_placed_t": round(_vary(firm.name, "pk", 300, 1500)),
        "packaging_kinds": ["paper", "plastic", "wood"],
        "fgas_equipment": ["air_conditioning", "process_cooling"],
        "fgas_in_products": True,
    }


BUILDERS = {"textile": _textile, "plastics": _plastics, "white_goods": _white_goods}


def answers_for(firm, sector: str) -> dict:
    """The demo answers of one firm of ``sector``."""
    headcount = HEADCOUNT.get(firm.employee_band, 80)
    answers = BUILDERS[sector](firm)
    answers.update(
        {
            "headcount": headcount,
            "turnover_eur_m": round(headcount * _vary(firm.name, "to", 0.08, 0.16), 1),
            "female_employees": round(headcount * _vary(firm.name, "fe", 0.2, 0.55)),
            "permanent_employees": round(headcount * 0.9),
            "recordable_accidents": round(_vary(firm.name, "ac", 0, 6)),
            "fatalities": 0,
            "training_hours": round(_vary(firm.name, "th", 6, 24), 1),
            "collective_bargaining_pct": 0 if headcount < 250 else 60,
            "mrv_installation": headcount >= 250,
            "allocation_key": "mass",
        }
    )
    return answers


def load(programme, stdout=None):
    participations = Participation.objects.filter(
        programme=programme, sector__in=list(BUILDERS)
    ).select_related("organisation", "analyst")
    created = 0
    for participation in participations:
        firm = participation.organisation
        if (
            participation.analyst is None
            or ReadinessProfile.objects.filter(organisation=firm).exists()
        ):
            continue
        services.save_profile(participation.analyst, firm, answers_for(firm, participation.sector))
        created += 1
    if stdout:
        stdout.write(f"readiness: {created} firm profiles answered")
    return None
