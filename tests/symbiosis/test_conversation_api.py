"""Conversations in the API: the thread after the introduction, questions through the
facilitator before it, read marks, files without metadata, the export and the funder's counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dekvep.core.models import AuditEntry, Notification
from dekvep.symbiosis import conversations
from dekvep.symbiosis.conversation_models import MessageAttachment
from tests.conftest import client_for
from tests.samples import jpeg_bytes, pdf_bytes
from tests.symbiosis.conftest import THREAD_READERS


def _post(user, synergy, text="", files=()):
    return client_for(user).post(
        f"/api/symbiosis/synergies/{synergy.pk}/messages", {"text": text, "files": list(files)}
    )


def _ask(user, synergy, text="Is the cotton dyed?"):
    return client_for(user).post(
        f"/api/symbiosis/synergies/{synergy.pk}/questions",
        {"text": text},
        content_type="application/json",
    )


def _conversation(user, synergy):
    return client_for(user).get(f"/api/symbiosis/synergies/{synergy.pk}/conversation")


def test_a_firm_writes_to_the_firm_it_was_introduced_to(cast, introduced):
    _post(cast["firm_member"], introduced, "We can deliver 10 t in March.")
    body = _conversation(cast["other_firm_member"], introduced).json()
    assert body["messages"][0]["text"] == "We can deliver 10 t in March."
    assert body["messages"][0]["sender"] == "Boğaziçi Örme A.Ş."


def test_the_other_firm_is_notified_in_its_language(cast, introduced):
    cast["other_firm_member"].preferred_language = "tr"
    cast["other_firm_member"].save()
    _post(cast["firm_member"], introduced, "Merhaba")
    note = Notification.objects.filter(recipient=cast["other_firm_member"]).latest("pk")
    assert note.subject.startswith("Sinerjide yeni mesaj")


def test_the_author_is_not_notified_of_their_own_message(cast, introduced):
    before = Notification.objects.filter(recipient=cast["firm_member"]).count()
    _post(cast["firm_member"], introduced, "Merhaba")
    assert Notification.objects.filter(recipient=cast["firm_member"]).count() == before


def test_unread_messages_are_counted_until_read(cast, introduced):
    _post(cast["firm_member"], introduced, "one")
    _post(cast["firm_member"], introduced, "two")
    reader = client_for(cast["other_firm_member"])
    assert reader.get("/api/symbiosis/conversations/unread").json() == [
        {"synergy_id": introduced.pk, "unread": 2}
    ]
    reader.post(f"/api/symbiosis/synergies/{introduced.pk}/read")
    assert _conversation(cast["other_firm_member"], introduced).json()["unread"] == 0


def test_the_facilitator_joins_the_thread(cast, introduced):
    response = _post(cast["facilitator"], introduced, "I can arrange a lab test.")
    assert response.status_code == 201 and response.json()["sender"] == "Programme staff"
    _post(cast["firm_member"], introduced, "Thank you")
    assert Notification.objects.filter(recipient=cast["facilitator"]).exists()


def test_a_message_is_in_the_audit_log(cast, introduced):
    _post(cast["firm_member"], introduced, "Merhaba")
    assert AuditEntry.objects.filter(object_type="symbiosis.message", action="created").exists()


def test_an_empty_message_is_refused_naming_the_field(cast, introduced):
    response = _post(cast["firm_member"], introduced, "  ")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "text"


def test_a_photo_is_stored_without_its_gps_position(cast, introduced):
    photo = SimpleUploadedFile("numune.jpg", jpeg_bytes(), content_type="image/jpeg")
    body = _post(cast["firm_member"], introduced, "", [photo]).json()
    stored = MessageAttachment.objects.get(pk=body["attachments"][0]["id"]).file.read()
    assert 0x8825 not in Image.open(io.BytesIO(stored)).getexif()


def test_a_certificate_is_stored_without_its_author(cast, introduced):
    pdf = SimpleUploadedFile("analiz-sertifikasi.pdf", pdf_bytes())
    body = _post(cast["firm_member"], introduced, "Sertifika ekte", [pdf]).json()
    stored = MessageAttachment.objects.get(pk=body["attachments"][0]["id"]).file.read()
    assert b"Acme" not in stored and b"/Author" not in stored


def test_a_file_of_another_type_is_refused_and_nothing_is_saved(cast, introduced):
    sheet = SimpleUploadedFile("liste.xlsx", b"PK\x03\x04" + b"\0" * 20)
    response = _post(cast["firm_member"], introduced, "Liste", [sheet])
    assert response.status_code == 400 and ".xlsx" in response.json()["message"]
    assert not introduced.messages.exists()


def test_the_other_firm_downloads_a_shared_file(cast, introduced):
    pdf = SimpleUploadedFile("analiz.pdf", pdf_bytes())
    file_id = _post(cast["firm_member"], introduced, "", [pdf]).json()["attachments"][0]["id"]
    response = client_for(cast["other_firm_member"]).get(f"/api/symbiosis/message-files/{file_id}")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("firm_member", 200),
        ("other_firm_member", 200),
        ("facilitator", 200),
        ("third_firm_member", 404),
        ("jury", 404),
        ("funder", 404),
        ("provider", 404),
        ("anonymous", 401),
    ],
)
def test_a_shared_file_reaches_only_the_thread(cast, introduced, role, status):
    pdf = SimpleUploadedFile("analiz.pdf", pdf_bytes())
    file_id = _post(cast["firm_member"], introduced, "", [pdf]).json()["attachments"][0]["id"]
    response = client_for(cast[role]).get(f"/api/symbiosis/message-files/{file_id}")
    assert response.status_code == status


# Before the introduction -----------------------------------------------------------------


def test_there_is_no_thread_before_the_introduction(cast, pending):
    assert _post(cast["firm_member"], pending, "Merhaba").status_code == 403


def test_a_question_reaches_the_facilitator_with_the_asker(cast, pending):
    _ask(cast["firm_member"], pending)
    question = _conversation(cast["facilitator"], pending).json()["questions"][0]
    assert question["asked_by"].endswith("Boğaziçi Örme A.Ş.")
    assert Notification.objects.filter(recipient=cast["facilitator"]).exists()


def test_the_other_firm_does_not_see_an_unrelayed_question(cast, pending):
    _ask(cast["firm_member"], pending)
    assert _conversation(cast["other_firm_member"], pending).json()["questions"] == []


def test_a_relayed_question_does_not_name_the_asker(cast, pending):
    question_id = _ask(cast["firm_member"], pending).json()["id"]
    client_for(cast["facilitator"]).post(
        f"/api/symbiosis/questions/{question_id}/relay",
        {"text": "Is the material dyed?"},
        content_type="application/json",
    )
    response = _conversation(cast["other_firm_member"], pending)
    shown = response.json()["questions"][0]
    assert shown["text"] == "Is the material dyed?" and shown["asked_by"] == ""
    assert "Boğaziçi" not in response.content.decode()
    assert "Is the cotton dyed?" not in response.content.decode()


def test_the_relay_notification_does_not_name_the_asker(cast, pending):
    question_id = _ask(cast["firm_member"], pending).json()["id"]
    client_for(cast["facilitator"]).post(
        f"/api/symbiosis/questions/{question_id}/relay", {}, content_type="application/json"
    )
    notes = Notification.objects.filter(recipient=cast["other_firm_member"])
    assert any("bir soru iletti" in n.subject for n in notes)  # the member reads Turkish
    assert not any("Boğaziçi" in n.subject + n.body for n in notes)


def test_the_other_firm_answers_a_relayed_question_to_the_asker_only(cast, pending):
    question_id = _ask(cast["firm_member"], pending).json()["id"]
    staff, other = client_for(cast["facilitator"]), client_for(cast["other_firm_member"])
    staff.post(f"/api/symbiosis/questions/{question_id}/relay", {}, content_type="application/json")
    other.post(
        f"/api/symbiosis/questions/{question_id}/answer",
        {"text": "Undyed, natural colour."},
        content_type="application/json",
    )
    mine = _conversation(cast["firm_member"], pending).json()["questions"][0]
    assert mine["answer"] == "Undyed, natural colour."
    assert _conversation(cast["third_firm_member"], pending).status_code == 404


def test_the_other_firm_cannot_answer_before_the_relay(cast, pending):
    question_id = _ask(cast["firm_member"], pending).json()["id"]
    response = client_for(cast["other_firm_member"]).post(
        f"/api/symbiosis/questions/{question_id}/answer",
        {"text": "?"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_the_facilitator_answers_and_the_asker_is_told(cast, pending):
    question_id = _ask(cast["firm_member"], pending).json()["id"]
    client_for(cast["facilitator"]).post(
        f"/api/symbiosis/questions/{question_id}/answer",
        {"text": "Yes, reactive dyes."},
        content_type="application/json",
    )
    assert _conversation(cast["firm_member"], pending).json()["questions"][0]["answer"]
    assert Notification.objects.filter(
        recipient=cast["firm_member"], subject__contains="sorunuz yanıtlandı"
    ).exists()


def test_the_facilitators_answer_is_not_shown_to_the_other_firm(cast, pending):
    question_id = _ask(cast["firm_member"], pending).json()["id"]
    staff = client_for(cast["facilitator"])
    staff.post(f"/api/symbiosis/questions/{question_id}/relay", {}, content_type="application/json")
    staff.post(
        f"/api/symbiosis/questions/{question_id}/answer",
        {"text": "Secret answer"},
        content_type="application/json",
    )
    assert "Secret answer" not in _conversation(cast["other_firm_member"], pending).content.decode()


def test_a_question_is_in_the_audit_log_with_the_asking_firm(cast, pending, firm):
    _ask(cast["firm_member"], pending)
    entry = AuditEntry.objects.get(object_type="symbiosis.question", action="created")
    assert entry.organisation_id == firm.pk


def test_an_empty_question_is_refused(cast, pending):
    assert _ask(cast["firm_member"], pending, " ").json()["errors"][0]["field"] == "text"


@pytest.mark.parametrize("role", ["third_firm_member", "jury", "funder", "provider"])
def test_outsiders_cannot_ask(cast, pending, role):
    assert _ask(cast[role], pending).status_code == 404


# Export and counts ------------------------------------------------------------------------


def test_the_export_holds_the_firms_thread(cast, introduced):
    _post(cast["firm_member"], introduced, "=cmd|' /C calc'!A0")
    text = client_for(cast["other_firm_member"]).get("/api/symbiosis/conversations/export.csv")
    content = text.content.decode()
    assert "Boğaziçi Örme A.Ş." in content and "'=cmd" in content


def test_the_export_never_names_an_anonymous_asker(cast, pending):
    question_id = _ask(cast["firm_member"], pending).json()["id"]
    client_for(cast["facilitator"]).post(
        f"/api/symbiosis/questions/{question_id}/relay", {}, content_type="application/json"
    )
    content = (
        client_for(cast["other_firm_member"])
        .get("/api/symbiosis/conversations/export.csv")
        .content.decode()
    )
    assert "Is the cotton dyed?" in content and "Boğaziçi" not in content


def test_a_third_firms_export_holds_nothing_of_others(cast, introduced):
    _post(cast["firm_member"], introduced, "private words")
    content = (
        client_for(cast["third_firm_member"])
        .get("/api/symbiosis/conversations/export.csv")
        .content.decode()
    )
    assert "private words" not in content


@pytest.mark.parametrize("role", ["manager", "funder"])
def test_the_funder_and_staff_see_counts(cast, introduced, programme, role):
    _post(cast["firm_member"], introduced, "one")
    body = client_for(cast[role]).get(
        f"/api/symbiosis/programmes/{programme.pk}/conversation-counts"
    )
    assert body.json()["messages"] == 1 and body.json()["conversations"] == 1
    assert "one" not in body.content.decode()


@pytest.mark.parametrize("role", ["firm_member", "third_firm_member", "jury", "provider"])
def test_others_do_not_see_counts(cast, programme, role):
    url = f"/api/symbiosis/programmes/{programme.pk}/conversation-counts"
    assert client_for(cast[role]).get(url).status_code == 403


@pytest.mark.parametrize(("role", "sees"), THREAD_READERS)
def test_only_the_two_firms_and_staff_read_the_thread(cast, introduced, role, sees):
    _post(cast["firm_member"], introduced, "only for us")
    response = _conversation(cast[role], introduced)
    assert ("only for us" in response.content.decode()) is sees


def test_unread_counts_per_user_are_their_own(cast, introduced):
    _post(cast["firm_member"], introduced, "one")
    assert conversations.unread_count(cast["firm_member"], introduced) == 0
    assert conversations.unread_count(cast["other_firm_member"], introduced) == 1
