"""Conversations as a given user may see them, for the page, the API and the export."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from dekvep.core.audit import record
from dekvep.core.exports import csv_text
from dekvep.core.formatting import format_datetime
from dekvep.core.models import Organisation
from dekvep.core.rules import member_organisation_ids
from dekvep.symbiosis import conversations
from dekvep.symbiosis.conversation_models import Message, Question, Side
from dekvep.symbiosis.models import Synergy


def _attachment_out(attachment) -> dict:
    return {
        "id": attachment.pk,
        "name": attachment.original_name or f"{attachment.kind}-{attachment.pk}",
        "kind": attachment.kind,
        "size": attachment.size,
        "url": f"/symbiosis/message-files/{attachment.pk}/",
    }


def _sender(message: Message) -> str:
    """A message's sender: the firm's name (the firms are introduced) or programme staff."""
    if message.side == Side.STAFF:
        return _("Programme staff")
    return message.organisation.name if message.organisation else message.get_side_display()


def present_message(user, message: Message) -> dict:
    return {
        "id": message.pk,
        "side": message.side,
        "sender": _sender(message),
        "author": str(message.author) if message.author else "",
        "text": message.text,
        "created_at": message.created_at,
        "mine": message.author_id == user.pk,
        "attachments": [_attachment_out(a) for a in message.attachments.all()],
    }


def present_question(user, question: Question, side: str | None) -> dict:
    """Staff see who asked; the asking firm its question; the other firm only what was relayed."""
    staff, mine = side == Side.STAFF, side == question.side
    shown = {
        "id": question.pk,
        "text": question.text if (staff or mine) else question.relayed_text,
        "asked_at": question.asked_at,
        "mine": mine,
        "relayed": question.relayed_at is not None,
        "relayed_text": question.relayed_text if (staff or not mine) else "",
        # the answer goes back to the asker; the other firm sees only its own answer
        "answer": question.answer if (staff or mine or question.answered_by_side == side) else "",
        "answered": question.answered_at is not None,
        "answered_at": question.answered_at
        if (staff or mine or question.answered_by_side == side)
        else None,
        "may_answer": conversations.may_answer(user, question),
        "may_relay": staff and not question.answered_at,
        "asked_by": "",
    }
    if staff:
        who = question.asked_by.get_full_name() if question.asked_by else ""
        shown["asked_by"] = f"{who}, {question.organisation.name}".strip(", ")
    return shown


def present_conversation(user, synergy: Synergy) -> dict:
    """The thread and the questions of ``synergy`` as ``user`` sees them."""
    side = conversations.side_of(user, synergy)
    readable = conversations.may_read_thread(user, synergy)
    messages = []
    if readable:
        found = synergy.messages.select_related("organisation", "author").prefetch_related(
            "attachments"
        )
        messages = [present_message(user, m) for m in found]
    questions = conversations.visible_questions(user, synergy).select_related(
        "organisation", "asked_by"
    )
    return {
        "introduced": synergy.introduced,
        "may_read": readable,
        "may_post": conversations.may_post(user, synergy),
        "may_ask": conversations.may_ask(user, synergy),
        "unread": conversations.unread_count(user, synergy) if readable else 0,
        "messages": messages,
        "questions": [present_question(user, q, side) for q in questions],
    }


# Export ---------------------------------------------------------------------------------------


def _exported_synergies(user):
    orgs = member_organisation_ids(user)
    return Synergy.objects.filter(
        Q(offer__organisation_id__in=orgs) | Q(want__organisation_id__in=orgs)
    ).select_related("offer__organisation", "want__organisation", "programme")


def export_rows(user, synergy_id: int | None = None) -> list[list]:
    """The user's firms' threads and questions, as that firm sees them on the page."""
    rows = []
    synergies = _exported_synergies(user)
    if synergy_id is not None:
        synergies = synergies.filter(pk=synergy_id)
    for synergy in synergies.order_by("pk"):
        shown = present_conversation(user, synergy)
        for m in shown["messages"]:
            files = "; ".join(a["name"] for a in m["attachments"])
            rows.append(
                [
                    str(synergy),
                    _when(m["created_at"]),
                    _("Message"),
                    m["sender"],
                    m["text"],
                    "",
                    files,
                ]
            )
        for q in shown["questions"]:
            asker = _("Your firm") if q["mine"] else _("A firm, through the facilitator")
            rows.append(
                [
                    str(synergy),
                    _when(q["asked_at"]),
                    _("Question"),
                    asker,
                    q["text"],
                    q["answer"],
                    "",
                ]
            )
    return rows


def _when(value) -> str:
    return format_datetime(value) if value else ""


def export_csv(user, synergy_id: int | None = None) -> str:
    """The export of the user's own firms' conversations (``core.exports``: no formulas)."""
    header = [
        _("Synergy"),
        _("Date"),
        _("Kind"),
        _("From"),
        _("Text"),
        _("Answer"),
        _("Attachments"),
    ]
    text = csv_text(header, export_rows(user, synergy_id))

    for organisation in Organisation.objects.filter(pk__in=member_organisation_ids(user)):
        record(user, "thread_exported", organisation, {"synergy": [None, synergy_id]})
    return text
