"""What a user may see of plans, actions and the register, and the figures other apps use.

Other apps call ``opportunity_counts`` (impact, roadmaps figures).
"""

import copy

from django.db.models import Count, Q

from dekvep.core.memo import once, programme_key
from dekvep.core.models import Organisation
from dekvep.core.permissions import get_visible
from dekvep.core.rules import (
    assigned_organisation_ids,
    is_assigned_staff_of,
    member_organisation_ids,
    staff_programme_ids,
)

from .models import (
    Action,
    ActionPlan,
    CollaborationOpportunity,
)


def _staff_ids(user):
    return staff_programme_ids(user)


def opportunity_counts(programme) -> dict:
    """Collaboration opportunities of a programme counted by type and by status.

    ``{"total": n, "by_type": {type: n}, "by_status": {status: n},
    "by_type_and_status": {type: {status: n}}}`` with every type and status present (0 if none).
    """
    key = ("opportunity_counts", programme_key(programme))
    return copy.deepcopy(once(key, lambda: _opportunity_counts(programme)))


def _opportunity_counts(programme) -> dict:
    types = CollaborationOpportunity.Type.values
    statuses = CollaborationOpportunity.Status.values
    grid = {t: dict.fromkeys(statuses, 0) for t in types}
    rows = (
        CollaborationOpportunity.objects.filter(programme=programme)
        .values("type", "status")
        .annotate(n=Count("id"))
    )
    for row in rows:
        grid[row["type"]][row["status"]] = row["n"]
    by_type = {t: sum(grid[t].values()) for t in types}
    by_status = {s: sum(grid[t][s] for t in types) for s in statuses}
    return {
        "total": sum(by_type.values()),
        "by_type": by_type,
        "by_status": by_status,
        "by_type_and_status": grid,
    }


def visible_actions(user):
    """Actions the user owns or shares, and those of plans the user runs or is assigned to."""
    orgs = member_organisation_ids(user)
    staff = _staff_ids(user)
    condition = Q(owner_organisation_id__in=orgs) | Q(partners__in=orgs)
    condition |= Q(plan__programme_id__in=staff) & ~Q(plan__kind=ActionPlan.Kind.FIRM)
    condition |= Q(
        plan__kind=ActionPlan.Kind.FIRM, plan__organisation_id__in=assigned_org_ids(user)
    )
    return (
        Action.objects.filter(condition)
        .distinct()
        .select_related("plan", "owner_organisation", "owner_person")
    )


def assigned_org_ids(user) -> set[int]:
    """Firms whose confidential data the user may see as operator staff."""
    if getattr(user, "is_superuser", False):
        return set(Organisation.objects.values_list("id", flat=True))
    return assigned_organisation_ids(user)


def visible_plans(user):
    orgs = member_organisation_ids(user)
    staff = _staff_ids(user)
    condition = Q(programme_id__in=staff) & ~Q(kind=ActionPlan.Kind.FIRM)
    condition |= Q(kind=ActionPlan.Kind.FIRM, organisation_id__in=assigned_org_ids(user) | orgs)
    return ActionPlan.objects.filter(condition).distinct()


def visible_opportunities(user):
    orgs = member_organisation_ids(user)
    return (
        CollaborationOpportunity.objects.filter(
            Q(programme_id__in=_staff_ids(user)) | Q(parties__in=orgs)
        )
        .distinct()
        .prefetch_related("parties")
    )


def party_names(opportunity, user) -> list[str]:
    """Parties as this user may see them: other firms stay anonymous until agreed."""
    orgs = member_organisation_ids(user)
    staff = opportunity.programme_id in _staff_ids(user)
    names = []
    for party in opportunity.parties.all():
        if staff or party.pk in orgs or opportunity.parties_identified:
            names.append(party.name)
        else:
            names.append(party.anonymous_label)
    return names


def can_see_confidential(user, organisation) -> bool:
    return organisation.pk in member_organisation_ids(user) or is_assigned_staff_of(
        user, organisation
    )


def load_monitored_firm(user, pk: int) -> Organisation:
    """The firm, or 404 for anyone who may not see its monitoring."""
    return get_visible(Organisation, pk, user, "plans.view_monitoring")
