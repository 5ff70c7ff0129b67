"""Pitch days: slots, invitations, firms' interest and its state machine."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dekvep.core import audit, states
from dekvep.core.models import Organisation, User
from dekvep.core.permissions import require
from dekvep.core.rules import member_organisation_ids
from dekvep.core.services import notify
from dekvep.core.writes import full_save
from dekvep.plans.services import register_opportunity

from ..models import (
    Application,
    Call,
    PitchDay,
    PitchInterest,
    PitchSlot,
)
from .common import S, aware
from .notices import queue_notice

# Pitch day -------------------------------------------------------------------------------


@transaction.atomic
def create_pitch_day(actor, call: Call, name: str, date, venue: str = "") -> PitchDay:
    require(actor, "calls.manage_pitch", call)
    day = full_save(
        PitchDay(call=call, name=(name or "").strip(), date=date, venue=venue), exclude=["call"]
    )
    audit.record_created(actor, day, programme=call.programme)
    return day


@transaction.atomic
def add_slot(
    actor, day: PitchDay, application: Application, starts_at, ends_at, room="", online_link=""
):
    require(actor, "calls.manage_pitch", day)
    if application.call_id != day.call_id:
        raise ValidationError({"application": _("The application belongs to another call.")})
    if application.status not in (S.SHORTLISTED, S.SELECTED, S.CONFIRMED):
        raise ValidationError({"application": _("Only shortlisted applications pitch.")})
    starts_at, ends_at = aware(starts_at), aware(ends_at)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The slot must end after it starts.")})
    if not (room or online_link):
        raise ValidationError({"room": _("Give a room or an online link.")})
    clash = day.slots.filter(starts_at__lt=ends_at, ends_at__gt=starts_at, room=room).exclude(
        room=""
    )
    if clash.exists():
        raise ValidationError(
            {"starts_at": _("Room %(room)s is taken at that time.") % {"room": room}}
        )
    slot = PitchSlot(
        pitch_day=day,
        application=application,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        online_link=online_link,
    )
    full_save(slot, exclude=["pitch_day", "application"])
    audit.record_created(actor, slot, programme=day.call.programme)
    return slot


@transaction.atomic
def invite_to_pitch(actor, day: PitchDay, reminder: bool = False) -> int:
    """Queue an invitation (or reminder) notice for every slot on the agenda."""
    require(actor, "calls.manage_pitch", day)
    field = "reminded_at" if reminder else "invited_at"
    kind = "pitch_reminder" if reminder else "pitch_invitation"
    count = 0
    for slot in day.slots.select_related("application__call", "application__created_by"):
        if getattr(slot, field) and not reminder:
            continue
        queue_notice(slot.application, kind, slot=slot)
        setattr(slot, field, timezone.now())
        slot.save(update_fields=[field])
        count += 1
    audit.record(actor, kind, day, {"slots": [0, count]}, day.call.programme)
    return count


@transaction.atomic
def mark_interest(actor, slot: PitchSlot, firm: Organisation, note: str = "") -> PitchInterest:
    """A sector firm marks interest in a pitched solution: a collaboration opportunity opens."""
    require(actor, "calls.mark_interest", slot)
    if firm.pk not in member_organisation_ids(actor):
        raise PermissionDenied
    if not slot.pitch_day.call.programme.participations.filter(organisation=firm).exists():
        raise ValidationError({"firm": _("Only the programme's participant firms mark interest.")})
    interest, created = PitchInterest.objects.get_or_create(
        slot=slot, firm=firm, defaults={"marked_by": actor, "note": note[:400]}
    )
    if created:
        call = slot.pitch_day.call
        audit.record_created(actor, interest, programme=call.programme)
        staff = User.objects.filter(
            staff_assignments__programme=call.programme,
            staff_assignments__role__in=["manager", "facilitator"],
        )
        notify(
            staff,
            lambda: (
                _("%(firm)s is interested in %(provider)s")
                % {"firm": firm.name, "provider": slot.application.organisation.name}
            ),
            url=f"/calls/{call.pk}/interests/",
        )
        register_interest(interest)
    return interest


# How a pitch-day interest stands in the programme's collaboration register.
INTEREST_IN_REGISTER = {
    "new": "identified",
    "contacted": "in_discussion",
    "meeting": "in_discussion",
    "agreed": "agreed",
    "closed": "dropped",
}


def register_interest(interest: PitchInterest):
    """Carry a pitch-day interest into the collaboration register (firm ↔ solution provider)."""
    application = interest.slot.application
    call = interest.slot.pitch_day.call
    return register_opportunity(
        None,
        programme=call.programme,
        type="open_innovation",
        title=application.title,
        parties=[interest.firm, application.organisation],
        source_app="calls.pitch_interest",
        source_id=interest.pk,
        source_label=call.title_tr or call.title_en,
        status=INTEREST_IN_REGISTER[interest.status],
        next_step=interest.follow_up_note[-300:],
        sector=interest.firm.sector,
        identified_at=_pitch_time(interest.slot.pitch_day.date),
    )


def _pitch_time(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


INTEREST_MOVES = {
    "new": {"contacted", "meeting", "agreed", "closed"},
    "contacted": {"meeting", "agreed", "closed"},
    "meeting": {"agreed", "closed"},
    "agreed": {"closed"},
    "closed": {"new"},
}


def _interest_note(interest: PitchInterest, to: str, actor, details: dict) -> list[str]:
    note = details.get("note", "")
    if note:
        interest.follow_up_note = (interest.follow_up_note + "\n" + note).strip()
    return ["follow_up_note"]


def _interest_after(interest: PitchInterest, before: str, to: str, actor) -> None:
    members = User.objects.filter(
        memberships__organisation_id__in=[
            interest.firm_id,
            interest.slot.application.organisation_id,
        ]
    )
    notify(
        members,
        lambda: _("Collaboration follow-up: %(s)s") % {"s": PitchInterest.Status(to).label},
    )
    register_interest(interest)


INTEREST_STATES = states.register(
    states.StateMachine(
        model=PitchInterest,
        field="status",
        moves=INTEREST_MOVES,
        perm="calls.follow_up_interest",
        of="slot",
        apply=_interest_note,
        after=_interest_after,
        programme=lambda interest: interest.slot.pitch_day.call.programme,
        action=lambda to: "interest_" + to,
        refusal=gettext_lazy("This opportunity cannot make that move."),
    )
)


def transition_interest(
    actor, interest: PitchInterest, target: str, note: str = ""
) -> PitchInterest:
    """Follow up a collaboration opportunity: contacted → meeting → agreed, or closed."""
    return states.transition(interest, target, actor=actor, note=note)
