"""The outbox: notices held for review, edited, released and sent by the background task."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.calls import services
from dekvep.calls.models import Notice
from dekvep.core.models import Notification


def test_it_sends_nothing_until_staff_release_the_notice(application):
    assert mail.outbox == []
    assert application.notices.filter(status="held").count() == 2


def test_it_sends_a_released_notice_by_the_background_task(
    people, application, django_capture_on_commit_callbacks
):
    notice = application.notices.get(kind="received")
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_notice(people["manager"], notice, Notice.Status.RELEASED)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT
    assert mail.outbox[0].to == ["admin@firm.example"]
    assert application.reference in mail.outbox[0].body
    assert Notification.objects.filter(
        recipient=people["firm_admin"], subject=notice.subject
    ).exists()


def test_it_writes_the_notice_in_the_recipients_language(people, call, firm):
    from .conftest import submitted

    people["firm_admin"].preferred_language = "en"
    people["firm_admin"].save()
    application = submitted(people["firm_admin"], call, firm)
    notice = application.notices.get(kind="eligible")
    assert notice.language == "en"
    assert notice.subject == f"Your application is eligible: {call.title_en}"
    assert "meets the eligibility rules" in notice.body


def test_it_lists_the_reasons_in_an_ineligibility_notice(people, call, firm):
    from .conftest import submitted

    firm.nace_codes = ["18.12"]
    firm.save()
    application = submitted(people["firm_admin"], call, firm)
    notice = application.notices.get(kind="ineligible")
    assert "Activity codes 18.12" in notice.body or "18.12" in notice.body


def test_it_lets_staff_edit_a_held_notice(people, application):
    notice = application.notices.first()
    services.edit_notice(people["manager"], notice, "Başvurunuz alındı", "Kısa metin")
    notice.refresh_from_db()
    assert (notice.subject, notice.body) == ("Başvurunuz alındı", "Kısa metin")


def test_it_refuses_to_edit_a_sent_notice(people, application, django_capture_on_commit_callbacks):
    notice = application.notices.first()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_notice(people["manager"], notice, Notice.Status.RELEASED)
    with pytest.raises(ValidationError, match="held in the outbox"):
        services.edit_notice(people["manager"], Notice.objects.get(pk=notice.pk), "x", "y")


def test_it_refuses_the_outbox_to_an_analyst(people, application):
    with pytest.raises(PermissionDenied):
        services.transition_notice(people["analyst"], application.notices.first(), "released")


def test_it_discards_a_notice_without_sending(people, application):
    notice = services.transition_notice(people["manager"], application.notices.first(), "discarded")
    assert notice.status == "discarded" and mail.outbox == []


def test_it_releases_every_held_notice_at_once(
    people, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.release_all(people["manager"], application.call) == 2
    assert len(mail.outbox) == 2
