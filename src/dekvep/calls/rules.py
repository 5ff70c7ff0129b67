"""Who may do what with calls, applications, reviews, notices and pitch days.

Objects passed to the predicates are a Call, or anything with a ``call`` (Application,
PitchDay, Notice) or an ``application`` (Review, PitchSlot).
"""

import rules

from dekvep.core.models import Participation
from dekvep.core.rules import (
    is_facilitator,
    is_jury_member,
    is_member_of,
    is_programme_manager,
    is_programme_staff,
    is_superuser,
    member_organisation_ids,
)

from .models import Call, Conflict


def call_of(obj):
    if obj is None or isinstance(obj, Call):
        return obj
    if hasattr(obj, "call"):
        return obj.call
    if hasattr(obj, "slot"):
        return obj.slot.pitch_day.call
    if hasattr(obj, "pitch_day"):
        return obj.pitch_day.call
    if hasattr(obj, "application"):
        return obj.application.call
    return None


def _programme(obj):
    call = call_of(obj)
    return call.programme if call is not None else None


@rules.predicate
def is_call_staff(user, obj=None):
    """Programme manager, analyst or facilitator of the call's programme."""
    return is_programme_staff(user, _programme(obj))


@rules.predicate
def is_call_manager(user, obj=None):
    return is_programme_manager(user, _programme(obj))


@rules.predicate
def is_call_facilitator(user, obj=None):
    return is_facilitator(user, _programme(obj))


@rules.predicate
def is_call_jury(user, obj=None):
    return is_jury_member(user, _programme(obj))


@rules.predicate
def is_published(user, obj):
    call = call_of(obj)
    return bool(call and call.published)


@rules.predicate
def is_signed_in(user):
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_applicant(user, application):
    """Member of the organisation that applied."""
    return is_member_of(user, application)


def has_conflict(user, application) -> bool:
    return Conflict.objects.filter(
        call_id=application.call_id, reviewer=user, organisation_id=application.organisation_id
    ).exists()


@rules.predicate
def is_assigned_reviewer(user, application):
    """Assigned to review this application and without a declared conflict of interest."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not application.reviews.filter(reviewer=user).exists():
        return False
    return not has_conflict(user, application)


@rules.predicate
def is_own_review(user, review):
    return review.reviewer_id == getattr(user, "pk", None) and not has_conflict(
        user, review.application
    )


@rules.predicate
def is_participant_firm_member(user, obj):
    """Member of a participant firm of the call's programme (the firms attending a pitch day)."""
    programme = _programme(obj)
    if programme is None:
        return False
    return Participation.objects.filter(
        programme=programme, organisation_id__in=member_organisation_ids(user)
    ).exists()


@rules.predicate
def is_on_agenda(user, obj):
    """Member of a solution provider with a slot on this pitch day."""
    return obj.slots.filter(application__organisation_id__in=member_organisation_ids(user)).exists()


@rules.predicate
def is_interested_firm(user, interest):
    return is_member_of(user, interest.firm) or is_member_of(user, interest.provider)


# Calls
rules.add_perm("calls.view_call", is_call_staff | (is_signed_in & is_published))
rules.add_perm("calls.add_call", is_call_manager)
rules.add_perm("calls.change_call", is_call_manager)
# Applications
rules.add_perm("calls.apply", is_signed_in & is_published)
rules.add_perm("calls.view_applications", is_call_staff)
rules.add_perm("calls.view_application", is_applicant | is_call_staff | is_assigned_reviewer)
rules.add_perm("calls.change_application", is_applicant)
rules.add_perm("calls.check_eligibility", is_call_staff)
rules.add_perm("calls.decide", is_call_manager)
# Review
rules.add_perm("calls.assign_reviewers", is_call_manager)
rules.add_perm("calls.review", is_own_review)
rules.add_perm("calls.declare_conflict", is_call_jury)
rules.add_perm("calls.view_ranking", is_call_staff | is_call_jury)
# Notices
rules.add_perm("calls.manage_notices", is_call_manager)
# Pitch day
rules.add_perm("calls.manage_pitch", is_call_manager | is_call_facilitator)
rules.add_perm(
    "calls.view_pitch_day",
    is_call_staff | is_call_jury | is_participant_firm_member | is_on_agenda,
)
rules.add_perm("calls.mark_interest", is_participant_firm_member)
rules.add_perm("calls.view_interest", is_call_staff | is_interested_firm)
rules.add_perm("calls.follow_up_interest", is_call_manager | is_call_facilitator)

__all__ = ["is_superuser", "call_of", "has_conflict"]
