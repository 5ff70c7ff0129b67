"""The firm's home: its own status first (inventory, report, measures, plan, deadlines)."""

import datetime

import pytest
from django.utils import timezone

from dekvep.assessment.models import Inventory, Opportunity
from dekvep.plans.models import Action

from . import factories as f

NOW = timezone.now()


@pytest.fixture
def firm_records(programme, firm, other_firm):
    inventory = f.InventoryFactory(
        programme=programme,
        organisation=firm,
        result={
            "package": {
                "measures": ["m1", "m2"],
                "money_try_per_year": 125000,
                "tco2e_per_year": 42.5,
                "investment_try": 300000,
                "payback_years": 2.4,
            }
        },
    )
    f.InventoryFactory(
        programme=programme, organisation=firm, year=2022, status=Inventory.Status.RETURNED
    )
    for status in (Opportunity.Status.ACCEPTED, Opportunity.Status.PROPOSED):
        Opportunity.objects.create(
            inventory=inventory,
            title_en="Heat recovery",
            title_tr="Isı geri kazanımı",
            status=status,
        )
    f.ReportFactory(programme=programme, organisation=firm, inventory=inventory)
    f.ListingFactory(programme=programme, organisation=firm)
    plan = f.ActionPlanFactory(programme=programme, organisation=firm)
    f.ActionFactory(
        plan=plan,
        title="Buhar kaçaklarını gider",
        title_en="Fix steam leaks",
        status=Action.Status.PLANNED,
        due_date=(NOW + datetime.timedelta(days=20)).date(),
    )
    f.ActionFactory(plan=plan)
    # Another firm's records never reach this firm's home.
    f.InventoryFactory(programme=programme, organisation=other_firm)
    f.ListingFactory(programme=programme, organisation=other_firm, title="Rakip ilanı")
    return programme


def test_the_firm_home_shows_its_own_status(firm_records, people, login):
    page = login(people["firm_member"]).get("/").content.decode()
    assert "Where Boğaziçi Örme A.Ş. stands" in page
    assert "Inventory 2022</a>: <strong>Returned for changes</strong>" in page
    assert "Firm report 2021" in page
    assert "2 measures recommended, 1 accepted" in page
    assert "125,000 TRY per year" in page and "42.5 tCO2e per year" in page
    assert "1</strong> / 2 actions done (50%)" in page
    assert "Fix steam leaks" in page
    assert "Rakip" not in page
    # No programme-wide figures on a firm's home.
    assert "Firms selected" not in page


def test_the_firm_home_api_gives_the_same_blocks(firm_records, people, login):
    blocks = login(people["firm_member"]).get("/api/home/firm").json()
    assert [b["organisation"]["name"] for b in blocks] == ["Boğaziçi Örme A.Ş."]
    block = blocks[0]
    states = {s["key"]: s["count"] for s in block["inventory"]["states"]}
    assert states == {"draft": 0, "submitted": 0, "returned": 1, "approved": 1}
    assert block["package"]["money_try_per_year"] == 125000
    assert block["package"]["accepted"] == 1
    plan = block["plan"]
    assert (plan["total"], plan["done"], plan["share_done"], plan["overdue"]) == (2, 1, 0.5, 0)
    assert block["deadlines"][0]["label"] == "Fix steam leaks"


@pytest.mark.parametrize(
    ("role", "firms"),
    [
        ("firm_admin", ["Boğaziçi Örme A.Ş."]),
        ("firm_member", ["Boğaziçi Örme A.Ş."]),
        ("other_firm_member", ["Rakip Plastik A.Ş."]),
        ("provider", []),
        ("manager", []),
        ("analyst", []),
        ("facilitator", []),
        ("jury", []),
        ("funder", []),
    ],
)
def test_each_role_gets_only_its_own_firm(firm_records, people, login, role, firms):
    blocks = login(people[role]).get("/api/home/firm").json()
    assert [b["organisation"]["name"] for b in blocks] == firms
    if role == "other_firm_member":
        assert "İlan" not in str(blocks) and blocks[0]["inventory"]["latest"]["year"] == 2021


def test_the_firm_home_api_needs_a_login(login):
    response = login(None).get("/api/home/firm")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
