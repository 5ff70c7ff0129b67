"""Every e-mail is queued and sent by a task after commit; only core.mail reaches the backend."""

import re
from pathlib import Path

from django.core import mail

from dekvep.core import services
from dekvep.core.models import Membership
from dekvep.events import services as events

SRC = Path(__file__).parents[2] / "src" / "dekvep"


def test_an_invitation_is_sent_only_after_commit(people, firm, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.invite(people["firm_admin"], "yeni@firm.example", firm, Membership.Role.MEMBER)
    assert mail.outbox == [] and len(queued) == 1
    queued[0]()
    assert mail.outbox[0].to == ["yeni@firm.example"]
    assert "Boğaziçi Örme A.Ş." in mail.outbox[0].subject


def test_a_registration_mail_is_sent_only_after_commit(
    programme, django_capture_on_commit_callbacks
):
    from tests.events.factories import EventFactory

    event = EventFactory(programme=programme, capacity=5)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        events.register(event, full_name="Ayşe Yılmaz", email="ayse@example.com", consent=True)
    assert mail.outbox == []
    for callback in queued:
        callback()
    assert mail.outbox[0].to == ["ayse@example.com"]
    assert "/events/confirm/" in mail.outbox[0].body


def test_only_core_mail_hands_messages_to_the_backend():
    senders = re.compile(
        r"\b(EmailMessage|EmailMultiAlternatives|send_mass_mail)\b"
        r"|from django\.core\.mail import|from django\.core import mail"
    )
    found = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if senders.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["core/mail.py"]
