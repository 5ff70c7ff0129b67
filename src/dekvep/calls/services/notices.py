"""Notices: the outbox staff release, and the notice state machine."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dekvep.core import audit, states
from dekvep.core.models import Membership, User
from dekvep.core.permissions import require
from dekvep.core.queue import enqueue

from .. import notices as texts
from ..models import (
    Application,
    Call,
    Notice,
)

# Notices: the outbox ---------------------------------------------------------------------


def _recipients(application: Application) -> list[User]:
    if application.created_by_id:
        return [application.created_by]
    admins = Membership.objects.filter(organisation=application.organisation_id, role="admin")
    return [m.user for m in admins.select_related("user")]


def queue_notice(application: Application, kind: str, slot=None) -> list[Notice]:
    """Hold a notice of ``kind`` for each recipient until staff release it."""
    created = []
    for recipient in _recipients(application):
        language, subject, body = texts.render(kind, recipient, application, slot)
        created.append(
            Notice.objects.create(
                call=application.call,
                application=application,
                recipient=recipient,
                kind=kind,
                language=language,
                subject=subject[:300],
                body=body,
            )
        )
    return created


NOTICE_MOVES = {
    Notice.Status.HELD: {Notice.Status.RELEASED, Notice.Status.DISCARDED},
    Notice.Status.RELEASED: {Notice.Status.SENT},
    Notice.Status.DISCARDED: {Notice.Status.HELD},
    Notice.Status.SENT: set(),
}


def _notice_apply(notice: Notice, to: str, actor, details: dict) -> list[str]:
    if to == Notice.Status.SENT:
        notice.sent_at = timezone.now()
    if to == Notice.Status.RELEASED:
        notice.released_by = actor
    return ["sent_at", "released_by"]


def _notice_after(notice: Notice, before: str, to: str, actor) -> None:
    if to == Notice.Status.RELEASED:
        enqueue("calls.tasks.send_notice", notice.pk)


NOTICE_STATES = states.register(
    states.StateMachine(
        model=Notice,
        field="status",
        moves=NOTICE_MOVES,
        perm="calls.manage_notices",
        system_moves=frozenset({Notice.Status.SENT}),
        apply=_notice_apply,
        after=_notice_after,
        programme=lambda notice: notice.call.programme,
        action=lambda to: "notice_" + to,
        refusal=gettext_lazy("This notice cannot make that move."),
    )
)


def transition_notice(actor, notice: Notice, target: str) -> Notice:
    """Release (queue for sending), discard, restore, or mark sent (the mail task only)."""
    return states.transition(notice, target, actor=actor)


@transaction.atomic
def edit_notice(actor, notice: Notice, subject: str, body: str) -> Notice:
    require(actor, "calls.manage_notices", notice)
    if notice.status != Notice.Status.HELD:
        raise ValidationError(_("Only notices held in the outbox can be edited."))
    if not subject.strip():
        raise ValidationError({"subject": _("A notice needs a subject.")})
    before = audit.snapshot(notice, ["subject", "body"])
    notice.subject, notice.body = subject.strip()[:300], body
    notice.save(update_fields=["subject", "body"])
    audit.record(
        actor,
        "notice_edited",
        notice,
        audit.diff(before, audit.snapshot(notice, ["subject", "body"])),
        notice.call.programme,
    )
    return notice


def release_all(actor, call: Call) -> int:
    require(actor, "calls.manage_notices", call)
    held = list(call.notices.filter(status=Notice.Status.HELD))
    for notice in held:
        transition_notice(actor, notice, Notice.Status.RELEASED)
    return len(held)
