import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dekvep.core.models import AuditEntry
from dekvep.events import services
from dekvep.events.models import Registration
from tests.factories import OrganisationFactory


def _register(event, n, confirm=True, **extra):
    """Register without an account and, unless told otherwise, confirm the address."""
    registration = services.register(
        event, f"Kişi {n}", f"kisi{n}@example.com", "Örnek A.Ş.", consent=True, **extra
    )
    return services.confirm_email(registration) if confirm else registration


def test_it_confirms_while_places_last_then_waitlists(seminar):
    statuses = [_register(seminar, n).status for n in range(3)]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]


def test_it_promotes_the_first_waitlisted_when_a_confirmed_person_cancels(
    seminar, outbox, django_capture_on_commit_callbacks
):
    first = _register(seminar, 1)
    _register(seminar, 2)
    waiting = _register(seminar, 3)
    later = _register(seminar, 4)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(first)
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert (waiting.status, later.status) == ("confirmed", "waitlisted")
    assert waiting.promoted_at is not None
    assert outbox[0].to == ["kisi3@example.com"]
    assert "confirmed" in outbox[0].subject
    assert AuditEntry.objects.filter(action="promoted", object_id=str(waiting.pk)).exists()


def test_it_sends_a_confirmation_with_a_calendar_file(
    seminar, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(seminar, 1)
    assert "confirm your e-mail" in outbox[0].subject and not outbox[0].attachments
    message = outbox[1]
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("event.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content and "DTSTART:" in content
    assert registration.code in message.body
    assert "/events/r/" in message.body


def test_it_sends_a_waitlist_notice_without_a_calendar(
    seminar, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            _register(seminar, n)
    assert "waiting list" in outbox[-1].subject
    assert outbox[-1].attachments == []


def test_it_refuses_registration_after_the_window(seminar):
    seminar.registration_closes = timezone.now() - datetime.timedelta(minutes=1)
    seminar.save()
    with pytest.raises(ValidationError) as error:
        _register(seminar, 1)
    assert "Registration closed" in error.value.message_dict["event"][0]
    assert not Registration.objects.exists()


def test_it_refuses_registration_before_the_window(seminar):
    seminar.registration_opens = timezone.now() + datetime.timedelta(days=1)
    seminar.save()
    with pytest.raises(ValidationError) as error:
        _register(seminar, 1)
    assert "Registration opens" in error.value.message_dict["event"][0]


def test_it_refuses_an_invalid_email(seminar):
    with pytest.raises(ValidationError) as error:
        services.register(seminar, "Ayşe", "not-an-email", "", consent=True)
    assert "valid e-mail" in error.value.message_dict["email"][0]


def test_it_refuses_registration_without_consent(seminar):
    with pytest.raises(ValidationError) as error:
        services.register(seminar, "Ayşe", "ayse@example.com", "", consent=False)
    assert "personal data notice" in error.value.message_dict["consent"][0]


def test_it_refuses_a_second_registration_of_the_same_email(seminar):
    _register(seminar, 1)
    with pytest.raises(ValidationError) as error:
        services.register(seminar, "Kişi", "KISI1@example.com", "", consent=True)
    assert "already registered" in error.value.message_dict["email"][0]


def test_it_links_the_organisation_when_the_name_matches(seminar):
    organisation = OrganisationFactory(name="Boğaziçi Örme A.Ş.")
    registration = services.register(
        seminar, "Ayşe", "ayse@example.com", "  boğaziçi örme a.ş. ", consent=True
    )
    assert registration.organisation == organisation
    assert registration.organisation_key == f"org:{organisation.pk}"


def test_it_keeps_a_free_text_organisation_when_none_matches(seminar):
    registration = services.register(
        seminar, "Ayşe", "ayse@example.com", "Yeni Firma", consent=True
    )
    assert registration.organisation is None
    assert registration.organisation_key == "name:yeni firma"


def test_it_refuses_cancelling_twice(seminar):
    registration = _register(seminar, 1)
    services.cancel_registration(registration)
    with pytest.raises(ValidationError) as error:
        services.cancel_registration(registration)
    assert "already cancelled" in error.value.messages[0]


def test_it_gives_each_registration_an_unguessable_code(seminar):
    codes = {_register(seminar, n).code for n in range(3)}
    assert len(codes) == 3 and all(len(code) >= 22 for code in codes)
