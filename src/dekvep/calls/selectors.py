"""What users see: visible calls and applications, and the ranking of a call."""

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Exists, OuterRef

from dekvep.core.permissions import get_visible
from dekvep.core.rules import member_organisation_ids, staff_programme_ids

from .identity import identity_hidden
from .models import Application, Call, Conflict, Review, Score

S = Application.Status
RANKED = [S.ELIGIBLE, S.UNDER_REVIEW, S.SHORTLISTED, S.REJECTED, S.SELECTED, S.CONFIRMED]


def visible_calls(user):
    """Published calls for everyone signed in; drafts too for the programme's staff."""
    published = Call.objects.filter(published=True)
    staff = Call.objects.filter(programme_id__in=staff_programme_ids(user))
    return (published | staff).distinct().select_related("programme")


def own_applications(user):
    return Application.objects.filter(
        organisation_id__in=member_organisation_ids(user)
    ).select_related("call", "organisation")


def assigned_reviews(user):
    """The user's assignments, except those with an applicant they declared a conflict with."""
    conflict = Conflict.objects.filter(
        call_id=OuterRef("application__call_id"),
        reviewer=user,
        organisation_id=OuterRef("application__organisation_id"),
    )
    return (
        Review.objects.filter(reviewer=user)
        .exclude(Exists(conflict))
        .select_related("application__call__programme", "application__organisation")
    )


@dataclass
class RankRow:
    application_id: int
    reference: str
    applicant: str
    status: str
    status_label: str
    staged: str
    assigned: int
    reviewed: int
    totals: list = field(default_factory=list)
    criteria: dict = field(default_factory=dict)
    mean: Decimal | None = None
    median: Decimal | None = None
    spread: Decimal | None = None
    disagreement: bool = False
    rank: int | None = None
    criteria_list: list = field(default_factory=list)


def ranking(call: Call, user) -> list[RankRow]:
    """Applications by the mean of their reviewers' weighted totals (0–100), best first."""
    hidden = identity_hidden(user, call)
    apps = call.applications.filter(status__in=RANKED).values_list(
        "pk", "reference", "status", "staged_status", "organisation__name"
    )
    rows = {}
    labels = {value: str(label) for value, label in S.choices}
    for pk, reference, status, staged, name in apps:
        rows[pk] = RankRow(
            application_id=pk,
            reference=reference,
            applicant=reference if hidden else name,
            status=status,
            status_label=labels[status],
            staged=labels.get(staged, ""),
            assigned=0,
            reviewed=0,
        )
    reviews = Review.objects.filter(application__call=call).values_list(
        "application_id", "status", "total"
    )
    for app_id, status, total in reviews:
        row = rows.get(app_id)
        if row is None:
            continue
        row.assigned += 1
        if status == Review.Status.SUBMITTED and total is not None:
            row.reviewed += 1
            row.totals.append(total)
    criteria_means = (
        Score.objects.filter(review__application__call=call, review__status="submitted")
        .values_list("review__application_id", "criterion_id")
        .annotate(mean=Avg("value"))
    )
    for app_id, criterion_id, mean in criteria_means:
        if app_id in rows:
            rows[app_id].criteria[criterion_id] = round(mean, 1)
    threshold = Decimal(call.disagreement_threshold)
    for row in rows.values():
        if row.totals:
            row.mean = (sum(row.totals) / len(row.totals)).quantize(Decimal("0.01"))
            row.median = Decimal(statistics.median(row.totals)).quantize(Decimal("0.01"))
            row.spread = max(row.totals) - min(row.totals)
            row.disagreement = len(row.totals) > 1 and row.spread > threshold
    ordered = sorted(rows.values(), key=lambda r: (r.mean is None, -(r.mean or 0), r.reference))
    criterion_ids = list(call.criteria.values_list("pk", flat=True))
    for position, row in enumerate(ordered, start=1):
        row.rank = position if row.mean is not None else None
        row.criteria_list = [row.criteria.get(pk, "—") for pk in criterion_ids]
    return ordered


# Loading one object a user may see (404 otherwise), for the pages and the API alike ----------


def load_call(user, pk, perm: str = "calls.view_call") -> Call:
    return get_visible(Call.objects.select_related("programme"), pk, user, perm)


def load_application(user, pk, perm: str = "calls.view_application") -> Application:
    queryset = Application.objects.select_related("call__programme", "organisation")
    return get_visible(queryset, pk, user, perm)
