"""Conversations on a synergy: every change to them, with its permission check and audit.

After both firms agreed to the introduction, the two firms (and the programme's staff, who may
join) write in one thread per synergy, with photos and certificates attached. Before it, a firm
asks about the other listing through the facilitator: only staff learn who asked; the
facilitator answers, or relays the question to the other firm without the asker, and the answer
goes back to the asking firm only.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core.audit import record, record_created
from dekvep.core.models import Membership, StaffAssignment
from dekvep.core.rules import is_member_of, is_programme_staff
from dekvep.core.services import notify
from dekvep.core.uploads import IMAGES, checked_upload
from dekvep.symbiosis.conversation_models import (
    Message,
    MessageAttachment,
    Question,
    ReadMark,
    Side,
)
from dekvep.symbiosis.models import Synergy

ATTACHMENT_TYPES = (".pdf", ".png", ".jpg", ".jpeg")
MAX_FILES = 5
MAX_TEXT = 5000
CLOSED = (Synergy.State.DROPPED, Synergy.State.ENDED)


def side_of(user, synergy: Synergy) -> str | None:
    """``offer``/``want`` for a member of either firm, ``staff`` for programme staff."""
    if is_member_of(user, synergy.offer):
        return Side.OFFER
    if is_member_of(user, synergy.want):
        return Side.WANT
    if is_programme_staff(user, synergy.programme):
        return Side.STAFF
    return None


def may_read_thread(user, synergy: Synergy) -> bool:
    return synergy.introduced and side_of(user, synergy) is not None


def may_post(user, synergy: Synergy) -> bool:
    return may_read_thread(user, synergy) and synergy.state not in CLOSED


def may_ask(user, synergy: Synergy) -> bool:
    return not synergy.introduced and side_of(user, synergy) in (Side.OFFER, Side.WANT)


def _members(*organisations) -> list:
    return [
        m.user
        for m in Membership.objects.filter(organisation__in=organisations).select_related("user")
    ]


def _facilitators(programme) -> list:
    """Who answers questions: the programme's facilitators, else its managers."""
    staff = StaffAssignment.objects.filter(programme=programme).select_related("user")
    found = [a.user for a in staff if a.role == StaffAssignment.Role.FACILITATOR]
    return found or [a.user for a in staff if a.role == StaffAssignment.Role.MANAGER]


def _clean_text(text: str, field: str = "text") -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({field: _("Write at most %(n)s characters.") % {"n": MAX_TEXT}})
    return text


def _url(synergy: Synergy) -> str:
    return f"/symbiosis/synergies/{synergy.pk}/#conversation"


# The thread ---------------------------------------------------------------------------------


def post_message(actor, synergy: Synergy, text: str = "", files=()) -> Message:
    """A message in the thread of an introduced synergy; the other participants are told."""
    if not may_read_thread(actor, synergy):
        raise PermissionDenied
    if synergy.state in CLOSED:
        raise ValidationError({"text": _("The synergy is closed; its conversation is kept.")})
    text, files = _clean_text(text), list(files or ())
    if not text and not files:
        raise ValidationError({"text": _("Write a message or attach a file.")})
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("Attach at most %(n)s files.") % {"n": MAX_FILES}})
    cleaned = [checked_upload(f, allowed=ATTACHMENT_TYPES) for f in files]
    side = side_of(actor, synergy)
    organisation = getattr(synergy, side).organisation if side != Side.STAFF else None
    with transaction.atomic():
        message = Message.objects.create(
            synergy=synergy, side=side, organisation=organisation, author=actor, text=text
        )
        record_created(actor, message, programme=synergy.programme)
        for upload in cleaned:
            _attach(actor, message, upload)
        mark_read(actor, synergy, message.pk)
        _tell_thread(actor, synergy)
    return message


def _attach(actor, message: Message, upload) -> MessageAttachment:
    suffix = Path(upload.name).suffix.lower()
    kind = MessageAttachment.Kind.IMAGE if suffix in IMAGES else MessageAttachment.Kind.DOCUMENT
    attachment = MessageAttachment(
        message=message, kind=kind, original_name=Path(upload.name).name[:255], size=upload.size
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    record_created(actor, attachment, programme=message.synergy.programme)
    return attachment


def _tell_thread(actor, synergy: Synergy) -> None:
    """Both firms' members, and staff who joined the thread, except the author."""
    joined = Message.objects.filter(synergy=synergy, side=Side.STAFF).values("author")
    staff = [a.user for a in StaffAssignment.objects.filter(user__in=joined).select_related("user")]
    recipients = _members(synergy.offer.organisation, synergy.want.organisation) + staff
    notify(
        [u for u in recipients if u.pk != actor.pk],
        lambda: _("New message on the synergy “%(s)s”") % {"s": str(synergy)},
        url=_url(synergy),
    )


def mark_read(user, synergy: Synergy, up_to: int | None = None) -> None:
    """The user has read the thread up to message ``up_to`` (default: its latest)."""
    if up_to is None:
        up_to = synergy.messages.aggregate(m=Max("pk"))["m"] or 0
    mark, _created = ReadMark.objects.get_or_create(synergy=synergy, user=user)
    if up_to > mark.last_read:
        mark.last_read = up_to
        mark.save(update_fields=["last_read", "read_at"])


def unread_count(user, synergy: Synergy) -> int:
    mark = ReadMark.objects.filter(synergy=synergy, user=user).values_list("last_read", flat=True)
    last = mark.first() or 0
    return synergy.messages.filter(pk__gt=last).exclude(author=user).count()


def unread_by_synergy(user, synergies) -> dict[int, int]:
    """Unread messages per synergy for ``user`` (only the introduced ones have a thread)."""
    marks = dict(
        ReadMark.objects.filter(user=user, synergy__in=synergies).values_list(
            "synergy_id", "last_read"
        )
    )
    rows = (
        Message.objects.filter(synergy__in=synergies)
        .exclude(author=user)
        .values_list("synergy_id", "pk")
    )
    counts: dict[int, int] = {}
    for synergy_id, pk in rows:
        if pk > marks.get(synergy_id, 0):
            counts[synergy_id] = counts.get(synergy_id, 0) + 1
    return counts


# Questions through the facilitator ----------------------------------------------------------


def ask_question(actor, synergy: Synergy, text: str) -> Question:
    """A firm asks about the other listing before the introduction; staff only learn who."""
    side = side_of(actor, synergy)
    if side not in (Side.OFFER, Side.WANT):
        raise PermissionDenied
    if synergy.introduced:
        raise ValidationError({"text": _("You have been introduced: write in the conversation.")})
    text = _clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    with transaction.atomic():
        question = Question.objects.create(
            synergy=synergy,
            side=side,
            organisation=getattr(synergy, side).organisation,
            asked_by=actor,
            text=text,
        )
        record_created(actor, question, programme=synergy.programme)
        notify(
            _facilitators(synergy.programme),
            lambda: _("A question about a listing waits for you: “%(s)s”") % {"s": str(synergy)},
            url=_url(synergy),
        )
    return question


def _other_side(question: Question) -> str:
    return Side.WANT if question.side == Side.OFFER else Side.OFFER


def relay_question(actor, question: Question, text: str = "") -> Question:
    """Staff pass the question on to the other firm, worded as they choose, without the asker."""
    synergy = question.synergy
    if side_of(actor, synergy) != Side.STAFF:
        raise PermissionDenied
    if question.answered_at:
        raise ValidationError({"text": _("The question has been answered already.")})
    text = _clean_text(text) or question.text
    other = getattr(synergy, _other_side(question))
    with transaction.atomic():
        question.relayed_text, question.relayed_by = text, actor
        question.relayed_at = timezone.now()
        question.save(update_fields=["relayed_text", "relayed_by", "relayed_at"])
        record(actor, "question_relayed", question, {"relayed_text": ["", text]}, synergy.programme)
        notify(
            _members(other.organisation),
            lambda: (
                _("The facilitator passed on a question about your listing “%(title)s”")
                % {"title": other.title}
            ),
            url=_url(synergy),
        )
    return question


def may_answer(user, question: Question) -> bool:
    if question.answered_at:
        return False
    side = side_of(user, question.synergy)
    return side == Side.STAFF or (bool(question.relayed_at) and side == _other_side(question))


def answer_question(actor, question: Question, text: str) -> Question:
    """Staff, or the other firm once the question was relayed, answer; the asker is told."""
    if not may_answer(actor, question):
        if question.answered_at:
            raise ValidationError({"text": _("The question has been answered already.")})
        raise PermissionDenied
    text = _clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write the answer.")})
    synergy = question.synergy
    with transaction.atomic():
        question.answer, question.answered_by = text, actor
        question.answered_by_side = side_of(actor, synergy)
        question.answered_at = timezone.now()
        question.save(update_fields=["answer", "answered_by", "answered_by_side", "answered_at"])
        record(actor, "question_answered", question, {"answer": ["", text]}, synergy.programme)
        other = getattr(synergy, _other_side(question))
        notify(
            _members(question.organisation),
            lambda: _("Your question about “%(title)s” has an answer") % {"title": other.title},
            url=_url(synergy),
        )
    return question


def visible_questions(user, synergy: Synergy):
    """Staff see every question; the asking firm its own; the other firm those relayed to it."""
    side = side_of(user, synergy)
    found = synergy.questions.all()
    if side == Side.STAFF:
        return found
    if side is None:
        return found.none()
    return found.filter(Q(side=side) | Q(relayed_at__isnull=False))


# Counts for the funder ----------------------------------------------------------------------


def programme_counts(programme) -> dict[str, int]:
    """How much the programme's firms talk: counts only, never who or what."""
    messages = Message.objects.filter(synergy__programme=programme)
    return {
        "conversations": messages.values("synergy").distinct().count(),
        "messages": messages.count(),
        "attachments": MessageAttachment.objects.filter(
            message__synergy__programme=programme
        ).count(),
        "questions": Question.objects.filter(synergy__programme=programme).count(),
        "questions_answered": Question.objects.filter(
            synergy__programme=programme, answered_at__isnull=False
        ).count(),
    }


def message_counts(synergies) -> dict[int, int]:
    rows = Message.objects.filter(synergy__in=synergies).values("synergy").annotate(n=Count("pk"))
    return {r["synergy"]: r["n"] for r in rows}
