"""What a user may see, and the read-only figures other apps use.

Other apps call ``workshop_attendance`` (events: ambassadors' training, programme figures) and
``opportunity_counts`` / ``programme_figures`` (impact).
"""

from django.db.models import Count, Q, Sum

from dekvep.core.models import Organisation, Participation, User
from dekvep.core.rules import (
    member_organisation_ids,
    staff_programme_ids,
)
from dekvep.plans.models import Action, ActionPlan
from dekvep.plans.selectors import opportunity_counts  # noqa: F401  (re-exported)

from .models import (
    ClusterMeeting,
    ClusterNeed,
    Roadmap,
    RoadmapVersion,
    Vote,
    Workshop,
)

# Cross-app functions -------------------------------------------------------------------------


def workshop_attendance(person_or_org):
    """Workshops a person (User) or an organisation attended, oldest first.

    A person counts when named among the attending people; an organisation when it is among the
    attending firms. Each workshop has ``starts_at`` and ``duration_hours`` for training records.
    """
    if isinstance(person_or_org, Organisation):
        workshops = Workshop.objects.filter(attending_organisations=person_or_org)
    elif isinstance(person_or_org, User):
        workshops = Workshop.objects.filter(attending_people=person_or_org)
    else:
        raise TypeError("workshop_attendance takes a User or an Organisation")
    return workshops.select_related("programme").order_by("starts_at").distinct()


def programme_figures(programme) -> dict:
    """Aggregate figures of workshops, roadmaps, actions and meetings: no firm is named."""
    workshops = Workshop.objects.filter(programme=programme)
    attendance = workshops.aggregate(
        people=Count("attending_people", distinct=True),
        firms=Count("attending_organisations", distinct=True),
    )
    actions = Action.objects.filter(plan__programme=programme)
    by_status = dict.fromkeys(Action.Status.values, 0)
    for row in actions.values("status").annotate(n=Count("id")):
        by_status[row["status"]] = row["n"]
    published = RoadmapVersion.objects.filter(
        roadmap__programme=programme, status=RoadmapVersion.Status.PUBLISHED
    )
    needs = ClusterNeed.objects.filter(meeting__programme=programme)
    return {
        "workshops": workshops.count(),
        "workshop_people": attendance["people"],
        "workshop_firms": attendance["firms"],
        "workshop_hours": float(workshops.aggregate(h=Sum("duration_hours"))["h"] or 0),
        "roadmaps": Roadmap.objects.filter(programme=programme).count(),
        "roadmaps_published": published.values("roadmap").distinct().count(),
        "actions": actions.count(),
        "actions_by_status": by_status,
        "actions_overdue": sum(1 for a in actions.only("status", "due_date") if a.is_overdue),
        "firm_plans": ActionPlan.objects.filter(
            programme=programme, kind=ActionPlan.Kind.FIRM
        ).count(),
        "cluster_meetings": ClusterMeeting.objects.filter(programme=programme).count(),
        "cluster_needs": needs.count(),
        "cluster_needs_followed_up": needs.filter(follow_up__isnull=False).count(),
        "opportunities": opportunity_counts(programme),
    }


# Voting --------------------------------------------------------------------------------------


def vote_results(workshop) -> list[dict]:
    """Each proposal with its votes and voters, most votes first."""
    items = workshop.items.annotate(
        total=Sum("votes__count", default=0),
        voters=Count("votes", filter=Q(votes__count__gt=0)),
    )
    results = [
        {
            "item": item,
            "id": item.pk,
            "title": item.title,
            "votes": item.total,
            "voters": item.voters,
        }
        for item in items
    ]
    results.sort(key=lambda r: (-r["votes"], r["item"].order, r["id"]))
    top = max((r["votes"] for r in results), default=0)
    for rank, result in enumerate(results, start=1):
        result["rank"] = rank
        result["percent"] = round(100 * result["votes"] / top) if top else 0
    return results


def my_votes(workshop, user) -> dict[int, int]:
    if not getattr(user, "is_authenticated", False):
        return {}
    return dict(
        Vote.objects.filter(item__workshop=workshop, voter=user).values_list("item_id", "count")
    )


def voter_count(workshop) -> int:
    return (
        Vote.objects.filter(item__workshop=workshop, count__gt=0).values("voter").distinct().count()
    )


# Visibility ----------------------------------------------------------------------------------


def _staff_ids(user):
    return staff_programme_ids(user)


def visible_workshops(user):
    orgs = member_organisation_ids(user)
    return (
        Workshop.objects.filter(
            Q(programme_id__in=_staff_ids(user))
            | Q(invited_people=user)
            | Q(attending_people=user)
            | Q(invited_organisations__in=orgs)
            | Q(attending_organisations__in=orgs)
        )
        .distinct()
        .select_related("programme")
    )


def member_sectors(user) -> list[tuple[int, str]]:
    """(programme id, sector) pairs of the firms the user belongs to."""
    orgs = member_organisation_ids(user)
    return list(
        Participation.objects.filter(organisation_id__in=orgs)
        .exclude(sector="")
        .values_list("programme_id", "sector")
        .distinct()
    )


def visible_roadmaps(user):
    condition = Q(programme_id__in=_staff_ids(user))
    for programme_id, sector in member_sectors(user):
        condition |= Q(programme_id=programme_id, sector=sector)
    return Roadmap.objects.filter(condition).distinct()


def visible_versions(user, roadmap):
    versions = roadmap.versions.all()
    if roadmap.programme_id in _staff_ids(user):
        return versions
    return versions.exclude(status=RoadmapVersion.Status.DRAFT)


def visible_meetings(user):
    orgs = member_organisation_ids(user)
    return ClusterMeeting.objects.filter(
        Q(programme_id__in=_staff_ids(user))
        | Q(participants__in=orgs)
        | Q(participant_people=user if user.is_authenticated else None)
    ).distinct()
