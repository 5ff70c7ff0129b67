"""Demo data: every participant manufacturer gets an approved inventory for 2023 with its issued
report and opportunities, and each sector its issued sector report; the demo textile firm also
has a 2024 draft to fill in. Reports are recorded without their PDFs, which are rendered on the
first download, so that loading the demo stays fast.

Sizes and intensities follow real plants of the sector: knit dyeing and finishing mills use
1.5-2.5 kWh of electricity, 0.6-1.0 Sm³ of natural gas and 80-150 L of water per kg; plastics
processors 1.5-3 kWh/kg of electricity; appliance plants 0.6-0.9 kWh/kg with gas-fired paint
ovens.
"""

from __future__ import annotations

import hashlib

from dekvep.core.models import Membership, Participation, StaffAssignment

from . import reporting, services
from .models import Inventory, Report

YEAR = 2023
SIZE = {"250+": 1.0, "50-249": 0.45, "10-49": 0.15, "1-9": 0.05}


def _vary(name: str, salt: str, low: float, high: float) -> float:
    """A stable pseudo-random number in [low, high] for a firm, so reruns give the same data."""
    digest = hashlib.sha256(f"{name}:{salt}".encode()).digest()
    return low + (high - low) * digest[0] / 255


def _processes(name: str, always: tuple[str, ...], maybe: tuple[str, ...]) -> list[str]:
    """The plant processes of a demo firm: the sector's core ones and, per firm, some others."""
    return [*always, *(p for p in maybe if _vary(name, p, 0, 1) > 0.45)]


def _textile(name: str, size: float) -> dict:
    t = round(4000 * size * _vary(name, "t", 0.7, 1.3))
    return {
        "product_group": "knitted fabric dyeing",
        "processes": _processes(
            name,
            ("dyeing", "drying"),
            (
                "boiler_steam",
                "compressed_air",
                "pumps_fans",
                "wastewater_treatment",
                "refrigeration",
            ),
        ),
        "production": [
            {
                "product": "Boyalı örme kumaş",
                "quantity": t,
                "unit": "t",
                "revenue_try": round(t * _vary(name, "r", 330000, 450000)),
            }
        ],
        "energy": [
            {
                "carrier": "electricity",
                "quantity": round(t * _vary(name, "e", 1500, 2500)),
                "unit": "kWh",
                "certified_renewable_kwh": round(t * _vary(name, "c", 0, 600)),
            },
            {
                "carrier": "natural_gas",
                "quantity": round(t * _vary(name, "g", 600, 1000)),
                "unit": "Sm3",
            },
            {"carrier": "diesel", "quantity": round(t * _vary(name, "d", 5, 12)), "unit": "L"},
        ],
        "water": [
            {"source": "municipal", "quantity": round(t * _vary(name, "w", 40, 80)), "unit": "m3"},
            {
                "source": "groundwater",
                "quantity": round(t * _vary(name, "gw", 30, 70)),
                "unit": "m3",
            },
        ],
        "wastewater": {
            "quantity": round(t * 85),
            "unit": "m3",
            "reused_m3": round(t * _vary(name, "ru", 0, 15)),
        },
        "materials": [
            {
                "name": "Pamuk iplik",
                "quantity": round(t * 1.08),
                "unit": "t",
                "material_class": "cotton",
                "recycled_share": round(_vary(name, "rc", 0, 0.2), 2),
                "renewable_share": 0.8,
                "origin": "TR",
                "distance_km": 600,
            },
            {
                "name": "Boyar madde ve yardımcı kimyasallar",
                "quantity": round(t * 0.08),
                "unit": "t",
                "kind": "chemical",
                "material_class": "chemicals",
            },
            {
                "name": "Karton ve naylon ambalaj",
                "quantity": round(t * 0.015, 1),
                "unit": "t",
                "kind": "packaging",
                "material_class": "paper_packaging",
                "recycled_share": 0.4,
            },
        ],
        "wastes": [
            {
                "ewc_code": "04 02 22",
                "quantity": round(t * _vary(name, "k", 0.02, 0.04), 1),
                "unit": "t",
                "route": "recycling",
                "receiver": "Marmara Geri Dönüşüm Tekstil",
            },
            {
                "ewc_code": "04 02 20",
                "quantity": round(t * _vary(name, "s", 0.03, 0.08), 1),
                "unit": "t",
                "route": "landfill",
            },
            {
                "ewc_code": "15 01 01",
                "quantity": round(t * 0.008, 1),
                "unit": "t",
                "route": "recycling",
            },
            {
                "ewc_code": "15 01 10*",
                "quantity": round(t * 0.002, 1),
                "unit": "t",
                "route": "incineration",
            },
        ],
        "refrigerants": [
            {"gas": "R-410A", "quantity": round(_vary(name, "rf", 5, 25)), "unit": "kg"}
        ],
        "products": [
            {
                "name": "Boyalı örme kumaş",
                "mass_kg": 1.0,
                "recycled_feedstock": 0.1,
                "collected_for_recycling": 0.15,
                "recycling_efficiency_feedstock": 0.8,
                "recycling_efficiency_eol": 0.8,
            }
        ],
    }


def _plastics(name: str, size: float) -> dict:
    t = round(8000 * size * _vary(name, "t", 0.6, 1.4))
    return {
        "processes": _processes(
            name,
            ("injection_moulding", "process_cooling"),
            ("extrusion", "resin_drying", "compressed_air", "pumps_fans", "refrigeration"),
        ),
        "product_group": "injection moulding and extrusion",
        "production": [
            {
                "product": "Plastik ambalaj ve parça",
                "quantity": t,
                "unit": "t",
                "revenue_try": round(t * _vary(name, "r", 80000, 120000)),
            }
        ],
        "energy": [
            {
                "carrier": "electricity",
                "quantity": round(t * _vary(name, "e", 1500, 3000)),
                "unit": "kWh",
            },
            {
                "carrier": "natural_gas",
                "quantity": round(t * _vary(name, "g", 10, 30)),
                "unit": "Sm3",
            },
            {
                "carrier": "solar_onsite",
                "quantity": round(t * _vary(name, "pv", 0, 200)),
                "unit": "kWh",
            },
        ],
        "water": [
            {"source": "municipal", "quantity": round(t * _vary(name, "w", 0.8, 3)), "unit": "m3"}
        ],
        "materials": [
            {
                "name": "PP ve HDPE granül",
                "quantity": round(t * 1.04),
                "unit": "t",
                "material_class": "pp",
                "recycled_share": round(_vary(name, "rc", 0, 0.3), 2),
                "origin": "SA",
                "distance_km": 300,
            },
            {
                "name": "Masterbatch ve katkılar",
                "quantity": round(t * 0.02, 1),
                "unit": "t",
                "kind": "chemical",
                "material_class": "chemicals",
            },
            {
                "name": "Karton koli",
                "quantity": round(t * 0.02, 1),
                "unit": "t",
                "kind": "packaging",
                "material_class": "paper_packaging",
                "recycled_share": 0.6,
            },
        ],
        "wastes": [
            {
                "ewc_code": "07 02 13",
                "quantity": round(t * _vary(name, "k", 0.02, 0.05), 1),
                "unit": "t",
                "route": "recycling",
                "receiver": "İkitelli Granül Rejenere",
            },
            {
                "ewc_code": "15 01 01",
                "quantity": round(t * 0.01, 1),
                "unit": "t",
                "route": "recycling",
            },
            {
                "ewc_code": "13 02 05*",
                "quantity": round(t * 0.0005, 2),
                "unit": "t",
                "route": "energy_recovery",
            },
            {
                "ewc_code": "20 03 01",
                "quantity": round(t * 0.004, 1),
                "unit": "t",
                "route": "landfill",
            },
        ],
        "refrigerants": [
            {"gas": "R-407C", "quantity": round(_vary(name, "rf", 10, 40)), "unit": "kg"}
        ],
        "products": [
            {
                "name": "Plastik ambalaj ve parça",
                "mass_kg": 0.05,
                "recycled_feedstock": 0.15,
                "collected_for_recycling": 0.3,
                "recycling_efficiency_feedstock": 0.85,
                "recycling_efficiency_eol": 0.75,
                "lifetime_ratio": 1.0,
            }
        ],
    }


def _white_goods(name: str, size: float) -> dict:
    pieces = round(600000 * size * _vary(name, "n", 0.6, 1.4))
    t = pieces * 55 / 1000
    return {
        "processes": _processes(
            name,
            ("painting", "sheet_metal", "refrigerant_charging"),
            ("pretreatment", "foaming", "product_testing", "compressed_air", "boiler_steam"),
        ),
        "product_group": "household appliances",
        "production": [
            {
                "product": "Buzdolabı ve çamaşır makinesi",
                "quantity": pieces,
                "unit": "pcs",
                "unit_mass_kg": 55,
                "revenue_try": round(t * _vary(name, "r", 220000, 300000)),
            }
        ],
        "energy": [
            {
                "carrier": "electricity",
                "quantity": round(t * _vary(name, "e", 600, 900)),
                "unit": "kWh",
                "certified_renewable_kwh": round(t * _vary(name, "c", 0, 300)),
            },
            {
                "carrier": "natural_gas",
                "quantity": round(t * _vary(name, "g", 40, 60)),
                "unit": "Sm3",
            },
            {"carrier": "lpg", "quantity": round(t * 0.5, 1), "unit": "kg"},
        ],
        "water": [
            {"source": "municipal", "quantity": round(t * _vary(name, "w", 2, 4)), "unit": "m3"}
        ],
        "wastewater": {"quantity": round(t * 2), "unit": "m3", "reused_m3": 0},
        "materials": [
            {
                "name": "Soğuk haddelenmiş sac",
                "quantity": round(t * 0.7),
                "unit": "t",
                "material_class": "steel",
                "recycled_share": 0.2,
                "origin": "IN",
                "distance_km": 150,
            },
            {
                "name": "Plastik parçalar ve granül",
                "quantity": round(t * 0.15),
                "unit": "t",
                "material_class": "pp",
                "recycled_share": round(_vary(name, "rc", 0, 0.15), 2),
            },
            {
                "name": "Poliüretan sistemleri ve boya",
                "quantity": round(t * 0.05),
                "unit": "t",
                "kind": "chemical",
                "material_class": "chemicals",
            },
            {
                "name": "Karton ve EPS ambalaj",
                "quantity": round(t * 0.04),
                "unit": "t",
                "kind": "packaging",
                "material_class": "paper_packaging",
                "recycled_share": 0.5,
            },
        ],
        "wastes": [
            {
                "ewc_code": "12 01 01",
                "quantity": round(t * _vary(name, "k", 0.05, 0.09)),
                "unit": "t",
                "route": "recycling",
                "receiver": "Tuzla Metal Hurda Ticaret",
            },
            {
                "ewc_code": "08 01 11*",
                "quantity": round(t * 0.003, 1),
                "unit": "t",
                "route": "energy_recovery",
            },
            {
                "ewc_code": "15 01 01",
                "quantity": round(t * 0.01),
                "unit": "t",
                "route": "recycling",
            },
            {
                "ewc_code": "07 02 13",
                "quantity": round(t * 0.008),
                "unit": "t",
                "route": "landfill",
            },
        ],
        "refrigerants": [
            {"gas": "R-134a", "quantity": round(_vary(name, "rf", 20, 80)), "unit": "kg"}
        ],
        "products": [
            {
                "name": "Buzdolabı ve çamaşır makinesi",
                "mass_kg": 55,
                "recycled_feedstock": 0.18,
                "collected_for_recycling": 0.4,
                "recycling_efficiency_feedstock": 0.85,
                "recycling_efficiency_eol": 0.8,
                "lifetime_ratio": 1.1,
            }
        ],
        "cbam": {
            "carbon_price_eur_per_t": 80,
            "year": 2026,
            "goods": [
                {
                    "cn_code": "7209",
                    "flow": "import",
                    "origin": "IN",
                    "quantity": round(t * 0.3),
                    "unit": "t",
                }
            ],
        },
    }


BUILDERS = {"textile": _textile, "plastics": _plastics, "white_goods": _white_goods}


def inventory_data(organisation, sector: str, year: int = YEAR) -> dict:
    """A plausible inventory for a demo manufacturer of ``sector``."""
    data = BUILDERS[sector](organisation.name, SIZE.get(organisation.employee_band, 0.3))
    return {"organization": organisation.name, "sector": sector, "year": year, **data}


def load(programme, stdout=None):
    participations = Participation.objects.filter(
        programme=programme, sector__in=list(BUILDERS)
    ).select_related("organisation", "analyst")
    created = 0
    for participation in participations:
        organisation, analyst = participation.organisation, participation.analyst
        if (
            analyst is None
            or Inventory.objects.filter(
                programme=programme, organisation=organisation, year=YEAR
            ).exists()
        ):
            continue
        data = inventory_data(organisation, participation.sector)
        inventory = services.create_inventory(analyst, organisation, programme, YEAR, data=data)
        services.transition(analyst, inventory, "submit")
        services.transition(analyst, inventory, "approve")
        _accept_best(analyst, inventory)
        created += 1
    firm_reports, sector_reports = _issue_reports(programme)
    _draft_for_demo_firm(programme)
    if stdout:
        stdout.write(
            f"assessment: {created} approved inventories with opportunities, "
            f"{firm_reports} firm and {sector_reports} sector reports issued"
        )
    return None


def _issue_reports(programme, language: str = "tr") -> tuple[int, int]:
    """Issue each demo firm's report (by its analyst) and each sector's report (by the
    programme manager), unless already issued; PDFs are left to the first download."""
    issued = Report.objects.filter(programme=programme, year=YEAR, language=language)
    done = set(issued.filter(kind=Report.Kind.FIRM).values_list("organisation_id", flat=True))
    firm_reports = 0
    inventories = Inventory.objects.filter(
        programme=programme, year=YEAR, status=Inventory.Status.APPROVED, result__isnull=False
    ).select_related("organisation", "programme")
    analysts = {
        p.organisation_id: p.analyst
        for p in Participation.objects.filter(programme=programme).select_related("analyst")
    }
    for inventory in inventories:
        analyst = analysts.get(inventory.organisation_id)
        if inventory.organisation_id in done or analyst is None:
            continue
        reporting.issue_firm_report(analyst, inventory, language, render=False)
        firm_reports += 1
    manager = (
        StaffAssignment.objects.filter(programme=programme, role=StaffAssignment.Role.MANAGER)
        .select_related("user")
        .first()
    )
    sector_reports = 0
    for sector in BUILDERS:
        if (
            manager is None
            or issued.filter(kind=Report.Kind.SECTOR, sector=sector).exists()
            or reporting.sector_firm_count(programme, sector, YEAR)
            < services.SECTOR_REPORT_MIN_FIRMS
        ):
            continue
        reporting.issue_sector_report(manager.user, programme, sector, YEAR, language, render=False)
        sector_reports += 1
    return firm_reports, sector_reports


def _accept_best(analyst, inventory: Inventory, count: int = 3) -> None:
    """The analyst accepts the quickest-paying high-priority measures: they reach the firm's
    action plan."""
    best = sorted(
        inventory.opportunities.filter(priority="high"),
        key=lambda o: o.payback_years if o.payback_years is not None else 1e9,
    )[:count]
    for opportunity in best:
        services.decide_opportunity(
            analyst, opportunity, "accepted", "Eylem planına alındı (demo)."
        )


def _draft_for_demo_firm(programme) -> None:
    membership = (
        Membership.objects.filter(user__email="firma@dekvep.demo")
        .select_related("organisation", "user")
        .first()
    )
    if (
        membership is None
        or Inventory.objects.filter(
            programme=programme, organisation=membership.organisation, year=YEAR + 1
        ).exists()
    ):
        return
    services.create_inventory(membership.user, membership.organisation, programme, YEAR + 1)
