"""Who may see and change workshops, roadmaps and cluster meetings.

Firms see their sector's roadmap once it leaves the draft, the workshops and meetings they take
part in, their own actions and those they partner on; firm-level plans are confidential to the
firm and the staff assigned to it; the funder sees figures only.
"""

import rules
from django.core.exceptions import PermissionDenied

from dekvep.core.models import Participation
from dekvep.core.rules import (
    is_facilitator,
    is_funder_viewer,
    is_operator_staff,
    is_programme_manager,
    is_programme_staff,
    member_organisation_ids,
)


def uses_pages(user) -> bool:
    """Operator staff and firm members use these pages; the funder sees the figures only."""
    if is_operator_staff(user):
        return True
    return bool(member_organisation_ids(user)) and not is_funder_viewer(user)


def require_pages(user):
    if not uses_pages(user):
        raise PermissionDenied


def _programme(obj):
    """Every object here carries ``programme_id`` (versions and actions through a property)."""
    return obj


@rules.predicate
def is_sector_member(user, obj):
    """Member of a firm taking part in ``obj``'s programme in ``obj``'s sector."""
    if obj is None:
        return False
    roadmap = getattr(obj, "roadmap", obj)
    orgs = member_organisation_ids(user)
    return (
        bool(orgs)
        and Participation.objects.filter(
            programme_id=roadmap.programme_id, sector=roadmap.sector, organisation_id__in=orgs
        ).exists()
    )


@rules.predicate
def is_staff_here(user, obj):
    return is_programme_staff(user, _programme(obj))


@rules.predicate
def is_manager_here(user, obj):
    return is_programme_manager(user, _programme(obj))


@rules.predicate
def is_facilitator_here(user, obj):
    return is_facilitator(user, _programme(obj))


@rules.predicate
def is_funder_here(user, obj):
    return is_funder_viewer(user, obj)


@rules.predicate
def facilitates(user, obj):
    """One of the facilitators named on this workshop or cluster meeting."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    return obj.facilitators.filter(pk=user.pk).exists()


@rules.predicate
def takes_part_in_workshop(user, workshop):
    if workshop is None or not getattr(user, "is_authenticated", False):
        return False
    if workshop.invited_people.filter(pk=user.pk).exists():
        return True
    if workshop.attending_people.filter(pk=user.pk).exists():
        return True
    orgs = member_organisation_ids(user)
    return bool(orgs) and (
        workshop.invited_organisations.filter(pk__in=orgs).exists()
        or workshop.attending_organisations.filter(pk__in=orgs).exists()
    )


@rules.predicate
def takes_part_in_meeting(user, meeting):
    if meeting is None or not getattr(user, "is_authenticated", False):
        return False
    orgs = member_organisation_ids(user)
    return meeting.participant_people.filter(pk=user.pk).exists() or (
        bool(orgs) and meeting.participants.filter(pk__in=orgs).exists()
    )


@rules.predicate
def roadmap_is_public_to_sector(user, version):
    return version is not None and version.status in ("consultation", "published")


@rules.predicate
def roadmap_in_consultation(user, version):
    return version is not None and version.status == "consultation"


can_run_programme_events = is_manager_here | is_facilitator_here

# Workshops
rules.add_perm("roadmaps.add_workshop", can_run_programme_events)
rules.add_perm("roadmaps.view_workshop", is_staff_here | takes_part_in_workshop)
rules.add_perm("roadmaps.change_workshop", is_manager_here | (is_facilitator_here & facilitates))
rules.add_perm("roadmaps.vote", takes_part_in_workshop)
# Roadmaps
rules.add_perm("roadmaps.add_roadmap", can_run_programme_events)
rules.add_perm(
    "roadmaps.view_roadmap", is_staff_here | (is_sector_member & roadmap_is_public_to_sector)
)
rules.add_perm("roadmaps.change_roadmap", can_run_programme_events)
rules.add_perm("roadmaps.comment_roadmap", is_staff_here | is_sector_member)
# Cluster meetings
rules.add_perm("roadmaps.add_cluster_meeting", can_run_programme_events)
rules.add_perm("roadmaps.view_cluster_meeting", is_staff_here | takes_part_in_meeting)
rules.add_perm(
    "roadmaps.change_cluster_meeting", is_manager_here | (is_facilitator_here & facilitates)
)
# Programme figures
rules.add_perm("roadmaps.view_figures", is_staff_here | is_funder_here)
