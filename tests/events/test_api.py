"""The API over the same services, with a permission check per role."""

import json

import pytest

from dekvep.events import certificates, services
from dekvep.events.models import Registration, Session
from dekvep.events.tokens import confirm_token
from tests.conftest import client_for

from .factories import RegistrationFactory

STAFF = {"manager", "analyst", "facilitator"}
ROLES = [
    "anonymous",
    "firm_admin",
    "firm_member",
    "other_firm_member",
    "manager",
    "analyst",
    "facilitator",
    "jury",
    "funder",
    "provider",
]


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def world(people, course):
    registration = RegistrationFactory(
        event=course, full_name="Gizli Katılımcı", email="gizli@example.com"
    )
    for session in course.sessions.all():
        services.check_in(people["facilitator"], session, registration.code)
    registration.refresh_from_db()
    certificate = certificates.issue_certificate(people["manager"], registration, render=False)
    return {"event": course, "registration": registration, "certificate": certificate}


def test_it_registers_through_the_api_without_an_account(seminar):
    response = _post(
        client_for(None),
        f"/api/events/events/{seminar.pk}/registrations",
        {"full_name": "Ali Veli", "email": "ali@example.com", "consent": True},
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending" and response.json()["manage_token"]
    registration = Registration.objects.get(pk=response.json()["id"])
    confirmed = _post(
        client_for(None),
        f"/api/events/registration-confirmations/{confirm_token(registration)}",
        {},
    )
    assert confirmed.json()["status"] == "confirmed"


def test_it_answers_a_bad_registration_with_field_errors(seminar):
    response = _post(
        client_for(None),
        f"/api/events/events/{seminar.pk}/registrations",
        {"full_name": "Ali", "email": "nope", "consent": False},
    )
    fields = {e["field"] for e in response.json()["errors"]}
    assert response.status_code == 400 and fields == {"email", "consent"}


def test_it_waitlists_and_promotes_through_the_api(seminar):
    client = client_for(None)
    made = [
        _post(
            client,
            f"/api/events/events/{seminar.pk}/registrations",
            {"full_name": f"K {n}", "email": f"k{n}@example.com", "consent": True},
        ).json()
        for n in range(3)
    ]
    assert [m["status"] for m in made] == ["pending"] * 3
    made = [
        _post(
            client,
            "/api/events/registration-confirmations/"
            + confirm_token(Registration.objects.get(pk=m["id"])),
            {},
        ).json()
        for m in made
    ]
    assert [m["status"] for m in made] == ["confirmed", "confirmed", "waitlisted"]
    client.post(f"/api/events/registrations/{made[0]['manage_token']}/cancel")
    again = client.get(f"/api/events/registrations/{made[2]['manage_token']}").json()
    assert again["status"] == "confirmed"


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_attendees_only_to_staff(people, world, role):
    response = client_for(people[role]).get(f"/api/events/events/{world['event'].pk}/registrations")
    if role in STAFF:
        assert response.json()["items"][0]["full_name"] == "Gizli Katılımcı"
    else:
        assert response.status_code in (401, 403) and "Gizli" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_it_checks_in_only_for_staff(people, world, role):
    session = Session.objects.filter(event=world["event"]).first()
    response = _post(
        client_for(people[role]),
        f"/api/events/sessions/{session.pk}/checkins",
        {"code": world["registration"].code},
    )
    if role in STAFF:
        assert response.json()["already_checked_in"] is True
    else:
        assert response.status_code in (401, 403)


def test_it_refuses_an_unknown_code_at_check_in(people, world):
    session = Session.objects.filter(event=world["event"]).first()
    response = _post(
        client_for(people["facilitator"]),
        f"/api/events/sessions/{session.pk}/checkins",
        {"code": "unknown"},
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "code"


@pytest.mark.parametrize("role", ROLES)
def test_it_revokes_only_for_staff(people, world, role):
    response = _post(
        client_for(people[role]),
        f"/api/events/certificates/{world['certificate'].pk}/revoke",
        {"reason": "Hata"},
    )
    if role in STAFF:
        assert response.json()["status"] == "revoked"
    else:
        # Not found, not forbidden: others' certificates do not disclose their existence.
        assert response.status_code in (401, 404)


def test_it_refuses_issuing_to_someone_who_has_not_completed(people, course):
    registration = RegistrationFactory(event=course)
    response = _post(
        client_for(people["manager"]),
        f"/api/events/events/{course.pk}/certificates",
        {"registration_id": registration.pk},
    )
    assert response.status_code == 400 and "has not completed" in response.json()["message"]


@pytest.mark.parametrize("role", ROLES)
def test_it_verifies_publicly(people, world, role):
    data = client_for(people[role]).get(f"/api/events/verify/{world['certificate'].code}").json()
    assert (data["status"], data["holder"]) == ("valid", "Gizli Katılımcı")
    assert "gizli@example.com" not in json.dumps(data)


def test_it_says_revoked_with_the_reason(people, world):
    certificates.revoke_certificate(people["manager"], world["certificate"], "Belge sahte")
    data = client_for(None).get(f"/api/events/verify/{world['certificate'].code}").json()
    assert (data["status"], data["revoked_reason"]) == ("revoked", "Belge sahte")


def test_it_answers_unknown_and_throttles_guesses(world):
    client = client_for(None)
    first = client.get("/api/events/verify/AAAAAAAAAAAAAAAAAAAAAAAA")
    for n in range(10):
        client.get(f"/api/events/verify/guess{n:020d}")
    throttled = client.get("/api/events/verify/BBBBBBBBBBBBBBBBBBBBBBBB")
    genuine = client.get(f"/api/events/verify/{world['certificate'].code}")
    assert first.status_code == 404 and first.json()["status"] == "unknown"
    assert throttled.status_code == 429
    # A genuine code still answers: guessing never makes a real certificate unverifiable.
    assert genuine.status_code == 200 and genuine.json()["status"] == "valid"


@pytest.mark.parametrize("role", ROLES)
def test_it_creates_events_only_for_staff(people, programme, role):
    payload = {
        "programme": programme.slug,
        "kind": "seminar",
        "title": "SKDM semineri",
        "place": "İSO",
        "starts_at": "2030-05-01T10:00:00+03:00",
        "ends_at": "2030-05-01T13:00:00+03:00",
        "capacity": 150,
        "registration_opens": "2030-01-01T00:00:00+03:00",
        "registration_closes": "2030-04-30T00:00:00+03:00",
    }
    response = _post(client_for(people[role]), "/api/events/events", payload)
    if role in STAFF:
        assert response.status_code == 201 and response.json()["total_hours"] == "3.00"
    else:
        assert response.status_code in (401, 403)


def test_it_names_the_bad_field_of_an_event(people, programme):
    payload = {
        "programme": programme.slug,
        "kind": "seminar",
        "title": "X",
        "place": "İSO",
        "starts_at": "2030-05-01T10:00:00+03:00",
        "ends_at": "2030-05-01T09:00:00+03:00",
        "capacity": 10,
        "registration_opens": "2030-01-01T00:00:00+03:00",
        "registration_closes": "2030-04-30T00:00:00+03:00",
    }
    response = _post(client_for(people["manager"]), "/api/events/events", payload)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "ends_at"


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_ambassadors_to_the_firm_and_staff(people, programme, firm, role):
    services.name_ambassador(people["manager"], programme, firm, people["firm_member"])
    response = client_for(people[role]).get(f"/api/events/programmes/{programme.slug}/ambassadors")
    names = (
        [a["name"] for a in response.json().get("items", [])] if response.status_code == 200 else []
    )
    assert (people["firm_member"].get_full_name() in names) == (
        role in STAFF | {"firm_admin", "firm_member"}
    )


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_event_figures_to_staff_and_funder(people, programme, role):
    response = client_for(people[role]).get(f"/api/events/programmes/{programme.slug}/figures")
    if role in STAFF | {"funder"}:
        assert response.json()["seminars"] == 0
    else:
        assert response.status_code in (401, 403, 404)


def test_it_lets_a_person_request_erasure_and_a_manager_approve(people, world):
    token_client = client_for(None)
    from dekvep.events.tokens import manage_token

    token = manage_token(world["registration"])
    request = _post(
        token_client, f"/api/events/registrations/{token}/erasure", {"reason": "KVKK"}
    ).json()
    decided = _post(
        client_for(people["manager"]),
        f"/api/events/data-requests/{request['id']}/decision",
        {"approve": True},
    ).json()
    assert decided["status"] == "approved"
    assert Registration.objects.get(pk=world["registration"].pk).full_name == "—"
    verified = client_for(None).get(f"/api/events/verify/{world['certificate'].code}").json()
    assert verified["holder"] == "G. K."


def test_it_serves_the_credential_to_the_holder(world):
    from dekvep.events.tokens import manage_token

    token = manage_token(world["registration"])
    credential = client_for(None).get(f"/api/events/registrations/{token}/credential").json()
    assert credential["proof"]["type"] == "DataIntegrityProof"


def test_an_event_is_written_in_both_languages_and_read_in_the_readers(people, programme):
    payload = {
        "programme": programme.slug,
        "kind": "seminar",
        "title": "Yeşil Mutabakat Semineri",
        "title_en": "Green Deal seminar",
        "description": "SKDM yükümlülükleri",
        "description_en": "CBAM obligations",
        "place": "İSO",
        "starts_at": "2030-05-01T10:00:00+03:00",
        "ends_at": "2030-05-01T13:00:00+03:00",
        "capacity": 10,
        "registration_opens": "2030-01-01T00:00:00+03:00",
        "registration_closes": "2030-04-30T00:00:00+03:00",
    }
    created = _post(client_for(people["manager"]), "/api/events/events", payload)
    assert created.status_code == 201 and created.json()["description_en"] == "CBAM obligations"
    url = f"/events/{created.json()['id']}/"
    english = client_for(None).get(url).content.decode()
    assert "Green Deal seminar" in english and "CBAM obligations" in english
    assert "Yeşil Mutabakat Semineri" not in english
    turkish = client_for(None)
    turkish.cookies["dekvep_language"] = "tr"
    page = turkish.get(url).content.decode()
    assert "Yeşil Mutabakat Semineri" in page and "SKDM yükümlülükleri" in page
