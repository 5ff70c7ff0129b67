"""Monitoring pages and API for every role: a firm sees only its own monitoring, its analyst
and the manager run it, the funder sees programme totals only."""

import json

import pytest

from dekvep.plans.models import Evidence
from tests.conftest import client_for

from .conftest import approved_inventory

ROLES = [
    "firm_admin",
    "firm_member",
    "other_firm_member",
    "manager",
    "analyst",
    "facilitator",
    "jury",
    "funder",
    "provider",
    "anonymous",
]
SEES_FIRM = {"firm_admin", "firm_member", "manager", "analyst"}
RUNS = {"manager", "analyst"}


@pytest.fixture
def second_year(programme, firm, people, monitored):
    approved_inventory(
        programme, firm, people["analyst"], 2024, output_t=1000, electricity=3_200_000
    )
    return monitored[1]


@pytest.mark.parametrize("role", ROLES)
def test_the_firm_page_shows_a_firms_monitoring_only_to_it_and_its_staff(
    role, firm, people, second_year
):
    response = client_for(people[role]).get(f"/roadmaps/monitoring/firms/{firm.pk}/")
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
    elif role in SEES_FIRM:
        page = response.content.decode()
        assert "Compressed-air leaks" in page and "Confirmed" in page and "3,500" not in page
        assert ("Use as baseline" in page) == (role in RUNS)
    else:
        assert response.status_code == 404
        assert "Compressed-air leaks" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_a_firms_monitoring_to_the_same_people(role, firm, people, second_year):
    response = client_for(people[role]).get(f"/api/roadmaps/monitoring/firms/{firm.pk}")
    if role == "anonymous":
        assert response.status_code == 401
    elif role in SEES_FIRM:
        body = response.json()
        result = body["actions"][0]["results"][0]
        assert body["baseline_year"] == 2023
        assert (result["status"], round(result["measured"])) == ("confirmed", 300)
    else:
        assert response.status_code in (403, 404)
        assert "Compressed-air" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_overview_lists_unmeasured_actions_to_the_staff_of_the_firm(
    role, programme, firm, people, monitored
):
    response = client_for(people[role]).get("/roadmaps/monitoring/")
    page = response.content.decode()
    if role == "anonymous":
        assert response.status_code == 302
    elif role in RUNS:
        assert "Actions not yet measured" in page and "Compressed-air leaks" in page
    elif role == "facilitator":
        # programme staff without access to the firm's confidential plan
        assert "Actions not yet measured" in page and "Compressed-air leaks" not in page
    elif role in ("firm_admin", "firm_member"):
        assert response.status_code == 302
        assert response["Location"].endswith(f"/roadmaps/monitoring/firms/{firm.pk}/")
    elif role == "other_firm_member":
        # sent to its own firm's page, never to this firm's
        assert response.status_code == 302
        assert not response["Location"].endswith(f"/firms/{firm.pk}/")
    else:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_firms_analyst_and_the_manager_choose_the_baseline(
    role, programme, firm, people, second_year
):
    response = client_for(people[role]).post(
        f"/api/roadmaps/monitoring/firms/{firm.pk}/baseline",
        json.dumps({"year": 2024}),
        content_type="application/json",
    )
    if role in RUNS:
        assert response.json()["baseline_year"] == 2024
    elif role == "anonymous":
        assert response.status_code == 401
    else:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_evidence_is_added_by_the_firm_or_its_staff_and_verified_by_staff(
    role, programme, firm, people, second_year, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    action = second_year
    client = client_for(people[role])
    response = client.post(
        f"/roadmaps/actions/{action.pk}/evidence/",
        {
            "kind": "meter",
            "reading_before": "1000",
            "date_before": "2024-01-02",
            "reading_after": "2000",
            "date_after": "2024-12-30",
            "unit": "kWh",
        },
    )
    added = Evidence.objects.filter(action=action).exists()
    assert added == (role in ("firm_admin", "firm_member", "manager", "analyst"))
    if not added:
        assert response.status_code in (302, 403, 404)
        return
    verify = client.post(
        f"/roadmaps/actions/{action.pk}/verify/",
        {"mv_option": "B", "mv_note": "Sub-meter on the compressor line."},
    )
    action.refresh_from_db()
    assert (action.verified_at is not None) == (role in RUNS)
    if role not in RUNS:
        assert verify.status_code in (403, 404)
    else:
        page = client.get(f"/roadmaps/actions/{action.pk}/").content.decode()
        assert "Verified" in page and "Option B" in page


def test_meter_readings_out_of_order_are_refused_naming_the_field(firm, people, second_year):
    response = client_for(people["firm_admin"]).post(
        f"/api/roadmaps/actions/{second_year.pk}/evidence",
        {
            "kind": "meter",
            "reading_before": "1000",
            "date_before": "2024-06-01",
            "reading_after": "2000",
            "date_after": "2024-01-01",
            "unit": "kWh",
        },
    )
    assert response.status_code == 400
    assert "date_after" in json.dumps(response.json())


@pytest.mark.parametrize("role", ["manager", "funder", "analyst"])
def test_the_funder_dashboard_shows_programme_totals_not_firms(
    role, programme, people, second_year
):
    page = client_for(people[role]).get("/impact/").content.decode()
    assert "Savings: promised and realised" in page
    assert "Savings realised: electricity" in page
    assert "Compressed-air leaks" not in page and "Boğaziçi" not in page
    # one firm only: no sector line may reveal it
    assert "Fewer than three firms with promised savings" in page


def test_the_funder_cannot_list_the_actions_behind_the_savings(programme, people, second_year):
    response = client_for(people["funder"]).get(
        f"/impact/figures/savings_realised_electricity_mwh/?programme={programme.slug}"
    )
    assert "Compressed-air leaks" not in response.content.decode()


def test_a_goal_target_shows_progress_only_with_five_firms(programme, people, world):
    from tests.factories import OrganisationFactory, ParticipationFactory

    firms = [OrganisationFactory(name=f"Örme {i} A.Ş.") for i in range(5)]
    for i, organisation in enumerate(firms):
        ParticipationFactory(
            programme=programme, organisation=organisation, analyst=people["analyst"]
        )
        approved_inventory(programme, organisation, people["analyst"], 2023, electricity=4_200_000)
        if i < 4:
            approved_inventory(
                programme,
                organisation,
                people["analyst"],
                2024,
                output_t=1000,
                electricity=3_000_000,
            )
    goal = world.goal
    manager = client_for(people["manager"])
    response = manager.put(
        f"/api/roadmaps/goals/{goal.pk}/target",
        json.dumps(
            {
                "indicator": "energy_kwh_per_t",
                "change_pct": -20,
                "baseline_year": 2023,
                "target_year": 2027,
            }
        ),
        content_type="application/json",
    )
    body = response.json()
    assert [p["year"] for p in body["series"]] == [2023]  # 2024 has four firms only
    assert body["target"] == pytest.approx(body["baseline"] * 0.8)
    page = (
        client_for(people["firm_admin"]).get(f"/roadmaps/goals/{goal.pk}/target/").content.decode()
    )
    assert "<svg" in page and "2024" in page and "Save target" not in page
    refused = client_for(people["firm_admin"]).put(
        f"/api/roadmaps/goals/{goal.pk}/target",
        json.dumps(
            {
                "indicator": "energy_kwh_per_t",
                "change_pct": -50,
                "baseline_year": 2023,
                "target_year": 2027,
            }
        ),
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_the_firm_report_gains_a_year_on_year_section(programme, firm, people, second_year):
    from dekvep.assessment.models import Inventory

    latest = Inventory.objects.get(organisation=firm, year=2024)
    page = client_for(people["firm_admin"]).get(f"/assessment/inventories/{latest.pk}/report/")
    text = page.content.decode()
    assert "Year on year" in text and "Compressed-air leaks" in text


def test_a_single_approved_year_has_no_year_on_year_section(firm, people, monitored):
    page = client_for(people["firm_admin"]).get(
        f"/assessment/inventories/{monitored[0].pk}/report/"
    )
    text = page.content.decode()
    assert "First three steps" in text and "Year on year" not in text
