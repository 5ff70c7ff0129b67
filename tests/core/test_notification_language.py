"""Notifications and their e-mails speak the recipient's language, not the sender's."""

from django.core import mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from dekvep.core.models import Notification
from dekvep.core.services import notify

from ..assessment.factories import InventoryFactory
from ..conftest import client_for


def test_an_english_analysts_comment_reaches_the_turkish_firm_in_turkish(
    people, programme, firm, django_capture_on_commit_callbacks
):
    analyst, member = people["analyst"], people["firm_member"]
    analyst.preferred_language = "en"
    analyst.save()
    admin = people["firm_admin"]  # the firm's admin reads English
    admin.preferred_language = "en"
    admin.save()
    inventory = InventoryFactory(programme=programme, organisation=firm)
    client = client_for(analyst)  # the analyst's own pages are in English
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/assessment/inventories/{inventory.pk}/comment", {"body": "Please check row 3."}
        )
    assert response.status_code in (200, 302)
    to_member = Notification.objects.get(recipient=member)
    assert to_member.subject == f"{inventory} envanterine yeni görüş"
    to_admin = Notification.objects.get(recipient=admin)
    assert to_admin.subject == f"New comment on the inventory {inventory}"
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[member.email] == f"{inventory} envanterine yeni görüş"
    assert subjects[admin.email] == f"New comment on the inventory {inventory}"


def test_a_turkish_managers_action_reaches_an_english_speaker_in_english(people, programme):
    people["jury"].preferred_language = "en"
    people["jury"].save()
    with override("tr"):
        notify(
            [people["jury"], people["firm_member"]],
            lambda: _("Voting is open: %(title)s") % {"title": "Tekstil 1"},
        )
    by_user = {n.recipient_id: n.subject for n in Notification.objects.all()}
    assert by_user[people["jury"].pk] == "Voting is open: Tekstil 1"
    assert by_user[people["firm_member"].pk].startswith("Oylama açıldı")
