import datetime as dt

import pytest

from dekvep.core.models import AuditEntry, Notification
from dekvep.symbiosis.models import Synergy
from tests.conftest import client_for


def interest(user, offer, want):
    return client_for(user).post(
        "/api/symbiosis/synergies",
        {"offer_id": offer.pk, "want_id": want.pk},
        content_type="application/json",
    )


def test_it_notifies_the_other_side_without_naming_who_is_interested(people, offer, want):
    _reads_english(people["other_firm_member"])
    interest(people["firm_member"], offer, want)
    note = Notification.objects.get(recipient=people["other_firm_member"])
    assert "A firm is interested" in note.subject
    assert "Boğaziçi" not in note.subject + note.body


def test_it_keeps_names_hidden_until_both_sides_agree(people, offer, want):
    body = interest(people["firm_member"], offer, want).json()
    assert body["want"]["firm"] == "a plastics firm in Dudullu OSB"
    assert body["introduced"] is False


def test_it_reveals_names_to_both_sides_after_both_agree(people, offer, want):
    synergy_id = interest(people["firm_member"], offer, want).json()["id"]
    body = (
        client_for(people["other_firm_member"])
        .post(f"/api/symbiosis/synergies/{synergy_id}/introduction")
        .json()
    )
    assert body["offer"]["firm"] == "Boğaziçi Örme A.Ş."
    assert body["state"] == "contacted"
    mine = client_for(people["firm_member"]).get(f"/api/symbiosis/synergies/{synergy_id}").json()
    assert mine["want"]["firm"] == "Rakip Plastik A.Ş."


@pytest.fixture
def introduced(people, offer, want):
    synergy_id = interest(people["firm_member"], offer, want).json()["id"]
    client_for(people["other_firm_member"]).post(
        f"/api/symbiosis/synergies/{synergy_id}/introduction"
    )
    return Synergy.objects.get(pk=synergy_id)


def move(user, synergy, state, reason=""):
    return client_for(user).post(
        f"/api/symbiosis/synergies/{synergy.pk}/transition",
        {"state": state, "reason": reason},
        content_type="application/json",
    )


def test_it_moves_a_synergy_to_agreed_with_an_audit_entry(people, introduced):
    move(people["firm_member"], introduced, "negotiating")
    body = move(people["other_firm_member"], introduced, "agreed").json()
    assert body["state"] == "agreed"
    assert AuditEntry.objects.filter(object_id=str(introduced.pk), action="state").count() == 3


def test_it_refuses_a_jump_across_states(people, introduced):
    response = move(people["firm_member"], introduced, "active")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "state"


def test_it_requires_a_reason_to_drop(people, introduced):
    assert (
        move(people["firm_member"], introduced, "dropped").json()["errors"][0]["field"] == "reason"
    )


@pytest.mark.parametrize("role", ["jury", "funder", "provider"])
def test_it_hides_a_synergy_from_outsiders(people, introduced, role):
    assert (
        client_for(people[role]).get(f"/api/symbiosis/synergies/{introduced.pk}").status_code == 404
    )


@pytest.mark.parametrize("role", ["manager", "analyst", "facilitator"])
def test_it_shows_programme_staff_every_synergy(people, introduced, role):
    items = client_for(people[role]).get("/api/symbiosis/synergies").json()["items"]
    assert [i["id"] for i in items] == [introduced.pk]


def test_it_records_exchanges_and_their_impact(people, introduced):
    for state in ("negotiating", "agreed"):
        move(people["firm_member"], introduced, state)
    response = client_for(people["firm_member"]).post(
        f"/api/symbiosis/synergies/{introduced.pk}/exchanges",
        {"date": str(dt.date(2026, 3, 1)), "tonnes": 12},
        content_type="application/json",
    )
    assert response.json()["tonnes_exchanged"] == 12
    assert response.json()["co2e_avoided_t"] > 0


def test_it_refuses_interest_in_a_pair_that_does_not_match(people, programme, firm, other_firm):
    from .factories import ListingFactory

    glass = ListingFactory(
        programme=programme, organisation=firm, title="Cam kırığı", material="glass"
    )
    feed = ListingFactory(
        programme=programme,
        organisation=other_firm,
        kind="want",
        title="Hayvan yemi",
        material="food_waste",
    )
    assert interest(people["firm_member"], glass, feed).status_code == 400


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("manager", 201),
        ("facilitator", 201),
        ("analyst", 403),
        ("firm_member", 403),
        ("funder", 403),
    ],
)
def test_it_lets_only_managers_and_facilitators_start_a_match_run(
    people, programme, offer, want, role, status
):
    response = client_for(people[role]).post(f"/api/symbiosis/programmes/{programme.pk}/match-runs")
    assert response.status_code == status


def test_it_stores_the_results_of_a_match_run(
    people, programme, offer, want, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = (
            client_for(people["manager"])
            .post(f"/api/symbiosis/programmes/{programme.pk}/match-runs")
            .json()
        )
    stored = client_for(people["manager"]).get(f"/api/symbiosis/match-runs/{run['id']}").json()
    assert (stored["finished"], stored["pairs"], stored["allocated_t"]) == (True, 1, 120.0)


def _reads_english(user):
    """The recipient reads English, so notifications reach them in English."""
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
