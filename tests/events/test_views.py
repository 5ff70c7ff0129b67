"""Pages: what each role sees, and the flows through them."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dekvep.events import certificates, services
from dekvep.events.models import Registration
from dekvep.events.tokens import manage_token
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


@pytest.fixture
def world(people, course):
    registration = RegistrationFactory(
        event=course, full_name="Gizli Katılımcı", email="gizli@example.com"
    )
    for session in course.sessions.all():
        services.check_in(people["facilitator"], session, registration.code)
    registration.refresh_from_db()
    certificate = certificates.issue_certificate(people["manager"], registration, render=False)
    return {
        "event": course,
        "registration": registration,
        "certificate": certificate,
        "session": course.sessions.first(),
    }


STAFF_PAGES = [
    ("attendees", lambda w: f"/events/{w['event'].pk}/attendees/", "Gizli Katılımcı"),
    ("completion", lambda w: f"/events/{w['event'].pk}/completion/", "Gizli Katılımcı"),
    ("checkin", lambda w: f"/events/sessions/{w['session'].pk}/checkin/", "Check-in"),
    ("sessions", lambda w: f"/events/{w['event'].pk}/sessions/", "Add a session"),
    ("edit", lambda w: f"/events/{w['event'].pk}/edit/", "Edit event"),
    ("certificate", lambda w: f"/events/certificates/{w['certificate'].pk}/", "Revoke certificate"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,url,marker", STAFF_PAGES, ids=[p[0] for p in STAFF_PAGES])
def test_it_shows_staff_pages_only_to_programme_staff(people, world, role, name, url, marker):
    response = client_for(people[role]).get(url(world))
    body = response.content.decode()
    if role in STAFF:
        assert response.status_code == 200 and marker in body
    else:
        # A certificate answers 404 to others: its existence does not leak (issue 10.11).
        refused = (302, 404) if name == "certificate" else (302, 403)
        assert response.status_code in refused and "Gizli Katılımcı" not in body


@pytest.mark.parametrize("role", ROLES)
def test_it_exports_attendance_only_to_staff(people, world, role):
    response = client_for(people[role]).get(f"/events/{world['event'].pk}/attendees.xlsx")
    if role in STAFF:
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert response.content[:2] == b"PK"
    else:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_public_event_page_without_the_attendees(people, world, role):
    body = client_for(people[role]).get(f"/events/{world['event'].pk}/").content.decode()
    assert world["event"].title_en in body and "Personal data notice" in body
    assert "Gizli Katılımcı" not in body
    assert ("For staff" in body) == (role in STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_events_to_everyone(people, world, role):
    body = client_for(people[role]).get("/events/").content.decode()
    assert world["event"].title_en in body
    assert ("New event" in body) == (role in STAFF)


def test_it_shows_the_events_page_in_turkish_by_default(world):
    body = Client().get("/events/").content.decode()
    assert 'lang="tr"' in body


def test_it_registers_an_anonymous_visitor_and_shows_their_code(seminar):
    response = client_for(None).post(
        f"/events/{seminar.pk}/",
        {
            "full_name": "Deniz Ak",
            "email": "deniz@example.com",
            "organisation_name": "Ak Ltd.",
            "consent": "on",
        },
        follow=True,
    )
    registration = Registration.objects.get(email="deniz@example.com")
    body = response.content.decode()
    assert "Your registration" in body and "Awaiting e-mail confirmation" in body
    assert "confirmation link to deniz@example.com" in body and "registration_qr" not in body
    assert registration.status == "pending"


def test_it_holds_the_place_only_when_the_mailed_link_is_confirmed(
    seminar, outbox, django_capture_on_commit_callbacks
):
    client = client_for(None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/events/{seminar.pk}/",
            {"full_name": "Deniz Ak", "email": "deniz@example.com", "consent": "on"},
        )
    link = re.search(r"https?://\S+/events/confirm/\S+/", outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    page = client.get(path).content.decode()
    assert "Confirm" in page and Registration.objects.get().status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, follow=True)
    body = response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == "confirmed" and registration.code in body
    assert "your place is held" in body
    assert "confirmed" in outbox[-1].subject


def test_a_forged_confirmation_link_is_not_found(seminar):
    assert client_for(None).get("/events/confirm/forged/").status_code == 404


def test_the_wait_list_keeps_the_order_of_confirmation(seminar):
    # Capacity 2: the third to confirm waits, whatever the order of registering.
    people = [
        services.register(seminar, f"K {n}", f"k{n}@example.com", "", consent=True)
        for n in range(4)
    ]
    for n in (3, 0, 1, 2):
        services.confirm_email(people[n])
    statuses = {p.full_name: Registration.objects.get(pk=p.pk).status for p in people}
    assert statuses == {
        "K 3": "confirmed",
        "K 0": "confirmed",
        "K 1": "waitlisted",
        "K 2": "waitlisted",
    }
    services.cancel_registration(Registration.objects.get(pk=people[0].pk))
    assert Registration.objects.get(pk=people[1].pk).status == "confirmed"
    assert Registration.objects.get(pk=people[2].pk).status == "waitlisted"


def test_a_pending_registration_cannot_be_checked_in(seminar, people):
    registration = services.register(seminar, "K", "k@example.com", "", consent=True)
    session = seminar.sessions.first()
    with pytest.raises(ValidationError) as error:
        services.check_in(people["manager"], session, registration.code)
    assert "not confirmed their e-mail" in error.value.messages[0]


def test_registering_again_while_pending_resends_the_link(
    seminar, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register(seminar, "K", "k@example.com", "", consent=True)
        again = services.register(seminar, "K", "K@example.com", "", consent=True)
    assert first.pk == again.pk and len(outbox) == 2


def test_it_shows_the_registration_errors_on_the_form(seminar):
    body = (
        client_for(None)
        .post(f"/events/{seminar.pk}/", {"full_name": "", "email": "bad", "consent": ""})
        .content.decode()
    )
    assert "Please enter your name." in body
    assert "Enter a valid e-mail address" in body
    assert "personal data notice" in body
    assert not Registration.objects.exists()


def test_it_cancels_through_the_signed_link_and_promotes_the_next(seminar):
    first, second, waiting = (RegistrationFactory(event=seminar) for _ in range(3))
    waiting.status = "waitlisted"
    waiting.save()
    client_for(None).post(f"/events/r/{manage_token(first)}/cancel/")
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_it_refuses_a_forged_registration_link(seminar):
    registration = RegistrationFactory(event=seminar)
    assert client_for(None).get(f"/events/r/{registration.code}/").status_code == 404


def test_it_checks_in_by_typed_code_on_the_phone_page(people, seminar):
    registration = RegistrationFactory(
        event=seminar, full_name="Elif Su", organisation_name="Su A.Ş."
    )
    session = seminar.sessions.first()
    client = client_for(people["facilitator"])
    first = client.post(
        f"/events/sessions/{session.pk}/checkin/",
        {"code": registration.code},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    second = client.post(
        f"/events/sessions/{session.pk}/checkin/",
        {"code": registration.code},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    unknown = client.post(
        f"/events/sessions/{session.pk}/checkin/", {"code": "nope"}
    ).content.decode()
    assert "Elif Su (Su A.Ş.) is checked in." in first
    assert "already checked in" in second and "1 of 1 confirmed" in second
    assert "Unknown code" in unknown


def test_it_shows_the_holder_their_certificate_and_credential(world):
    token = manage_token(world["registration"])
    client = client_for(None)
    assert "Your certificate" in client.get(f"/events/r/{token}/").content.decode()
    assert client.get(f"/events/r/{token}/certificate.pdf").content.startswith(b"%PDF")
    credential = client.get(f"/events/r/{token}/credential.json").json()
    assert credential["type"][1] == "OpenBadgeCredential"


def test_it_serves_the_qr_code_as_svg(world):
    response = client_for(None).get(f"/events/r/{manage_token(world['registration'])}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content


def test_it_serves_a_calendar_file(world):
    response = client_for(None).get(f"/events/r/{manage_token(world['registration'])}/calendar.ics")
    assert b"BEGIN:VCALENDAR" in response.content and response["Content-Type"].startswith(
        "text/calendar"
    )


def test_it_revokes_from_the_certificate_page(people, world):
    certificate = world["certificate"]
    client_for(people["manager"]).post(
        f"/events/certificates/{certificate.pk}/", {"reason": "Hatalı kayıt"}
    )
    body = client_for(None).get(f"/verify/{certificate.code}").content.decode()
    assert "Revoked certificate" in body and "Hatalı kayıt" in body


@pytest.mark.parametrize("role", ROLES)
def test_it_verifies_publicly_without_more_than_the_certificate(people, world, role):
    body = client_for(people[role]).get(f"/verify/{world['certificate'].code}").content.decode()
    assert "Valid certificate" in body and "Gizli Katılımcı" in body
    assert "gizli@example.com" not in body and world["registration"].code not in body


def test_it_says_unknown_for_a_random_code(world):
    response = client_for(None).get("/verify/AAAAAAAAAAAAAAAAAAAAAA")
    assert response.status_code == 404 and "Unknown code" in response.content.decode()


def test_it_throttles_repeated_misses(world):
    client = client_for(None)
    for n in range(10):
        client.get(f"/verify/guess{n:020d}")
    response = client.get("/verify/BBBBBBBBBBBBBBBBBBBBBBBB")
    assert response.status_code == 429 and "Too many unknown codes" in response.content.decode()
    genuine = client.get(f"/verify/{world['certificate'].code}")
    assert genuine.status_code == 200 and "Valid certificate" in genuine.content.decode()


def test_it_publishes_the_issuer_key(client):
    document = client.get("/.well-known/dekvep-issuer.json").json()
    assert document["id"].startswith("did:web:")
    assert document["verificationMethod"][0]["publicKeyMultibase"].startswith("z6Mk")


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_ambassadors_to_the_firm_and_staff_only(people, programme, firm, role):
    services.name_ambassador(people["manager"], programme, firm, people["firm_member"])
    response = client_for(people[role]).get("/events/ambassadors/")
    body = response.content.decode()
    name = people["firm_member"].get_full_name()
    if role in STAFF | {"firm_admin", "firm_member"}:
        assert name in body and "Ambassador training path" in body
    elif role == "other_firm_member":  # sees its own firm only
        assert "Rakip Plastik A.Ş." in body and name not in body
    else:
        assert response.status_code in (302, 403) and name not in body


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_outreach_to_staff_and_funder(people, programme, role):
    response = client_for(people[role]).get("/events/outreach/")
    if role in STAFF | {"funder"}:
        assert "people reached" in response.content.decode()
        assert ("Record an activity" in response.content.decode()) == (role in STAFF)
    else:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_data_requests_only_to_managers(people, world, role):
    from dekvep.events import privacy

    privacy.request_erasure("gizli@example.com")
    response = client_for(people[role]).get("/events/privacy/")
    if role == "manager":
        assert "gizli@example.com" in response.content.decode()
    else:
        assert response.status_code in (302, 403)


def test_it_downloads_my_data_when_logged_in(people, seminar):
    user = people["firm_member"]
    services.register(seminar, "Üye", user.email, "", consent=True, user=user)
    data = client_for(user).get("/events/my/data.json").json()
    assert data["registrations"][0]["email"] == user.email


def test_it_shows_the_istanbul_day_of_a_certificate_issued_late_in_the_utc_evening(world):
    import datetime

    from dekvep.events.models import Certificate

    certificate = world["certificate"]
    late = datetime.datetime(2022, 2, 28, 21, 30, tzinfo=datetime.UTC)  # 1 March in Istanbul
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=late)
    turkish = client_for(None)
    turkish.cookies["dekvep_language"] = "tr"
    assert "01.03.2022" in turkish.get(f"/verify/{certificate.code}").content.decode()
    english = client_for(None).get(f"/verify/{certificate.code}").content.decode()
    assert "1 Mar 2022" in english and "28 Feb" not in english
    api = client_for(None).get(f"/api/events/verify/{certificate.code}")
    assert api.json()["issued_on"] == "2022-03-01"
