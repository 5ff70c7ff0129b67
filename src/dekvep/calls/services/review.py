"""Review: the jury, assignments, conflicts, scores and the review state machine."""

import decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core import audit
from dekvep.core.models import StaffAssignment, User
from dekvep.core.permissions import require
from dekvep.core.services import notify

from ..models import (
    Application,
    Call,
    Conflict,
    Criterion,
    Review,
    Score,
)
from .applications import transition
from .common import S
from .conflicts import declare_conflict  # noqa: F401 - part of this module's API

# Review ----------------------------------------------------------------------------------


def jury_of(call: Call):
    return User.objects.filter(
        staff_assignments__programme_id=call.programme_id,
        staff_assignments__role=StaffAssignment.Role.JURY,
    ).distinct()


def _start_review(actor, application: Application) -> None:
    if Application.objects.filter(pk=application.pk, status=S.ELIGIBLE).exists():
        transition(actor, application, S.UNDER_REVIEW)
        application.status = S.UNDER_REVIEW


@transaction.atomic
def assign_reviewer(actor, application: Application, reviewer: User) -> Review:
    require(actor, "calls.assign_reviewers", application)
    if application.status not in (S.ELIGIBLE, S.UNDER_REVIEW, S.SHORTLISTED):
        raise ValidationError({"reviewer": _("Only eligible applications are reviewed.")})
    if not jury_of(application.call).filter(pk=reviewer.pk).exists():
        raise ValidationError({"reviewer": _("This person is not on the programme's jury.")})
    if Conflict.objects.filter(
        call_id=application.call_id, reviewer=reviewer, organisation_id=application.organisation_id
    ).exists():
        raise ValidationError({"reviewer": _("This reviewer declared a conflict of interest.")})
    review, created = Review.objects.get_or_create(application=application, reviewer=reviewer)
    if created:
        audit.record_created(actor, review, programme=application.call.programme)
        notify(
            [reviewer], lambda: _("A new application to review"), url=f"/calls/reviews/{review.pk}/"
        )
    _start_review(actor, application)
    return review


@transaction.atomic
def unassign_reviewer(actor, review: Review) -> None:
    require(actor, "calls.assign_reviewers", review.application)
    if review.status == Review.Status.SUBMITTED:
        raise ValidationError(_("A submitted review cannot be removed."))
    audit.record_deleted(actor, review, programme=review.application.call.programme)
    review.delete()


def plan_assignments(
    applications: list[tuple[int, int]],
    reviewers: list[int],
    per_application: int,
    existing: set[tuple[int, int]],
    conflicts: set[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Pairs (application, reviewer) giving each application up to N reviewers.

    ``applications`` are (id, organisation id). Each pick goes to the least-loaded reviewer
    without a conflict, so loads stay within one of each other wherever conflicts allow.
    """
    load = {r: 0 for r in reviewers}
    have: dict[int, int] = {}
    for app_id, reviewer in existing:
        have[app_id] = have.get(app_id, 0) + 1
        if reviewer in load:
            load[reviewer] += 1
    planned = []
    for app_id, org_id in applications:
        need = per_application - have.get(app_id, 0)
        if need <= 0:
            continue
        candidates = [
            r for r in reviewers if (r, org_id) not in conflicts and (app_id, r) not in existing
        ]
        candidates.sort(key=lambda r: (load[r], r))
        for reviewer in candidates[:need]:
            load[reviewer] += 1
            planned.append((app_id, reviewer))
    return planned


@transaction.atomic
def auto_assign(actor, call: Call, per_application: int | None = None) -> int:
    """Assign reviewers to every eligible application; returns the number of new assignments."""
    require(actor, "calls.assign_reviewers", call)
    n = per_application or call.reviewers_per_application
    if n < 1:
        raise ValidationError({"per_application": _("Assign at least one reviewer.")})
    reviewers = list(jury_of(call).values_list("pk", flat=True).order_by("pk"))
    if len(reviewers) < n:
        raise ValidationError(
            {"per_application": _("The jury has only %(n)s members.") % {"n": len(reviewers)}}
        )
    apps = list(
        call.applications.filter(status__in=[S.ELIGIBLE, S.UNDER_REVIEW])
        .order_by("reference")
        .values_list("pk", "organisation_id")
    )
    existing = set(
        Review.objects.filter(application__call=call).values_list("application_id", "reviewer_id")
    )
    conflicts = set(call.conflicts.values_list("reviewer_id", "organisation_id"))
    plan = plan_assignments(apps, reviewers, n, existing, conflicts)
    Review.objects.bulk_create([Review(application_id=a, reviewer_id=r) for a, r in plan])
    transition(actor, list(call.applications.filter(status=S.ELIGIBLE)), S.UNDER_REVIEW)
    audit.record(actor, "reviewers_assigned", call, {"assignments": [0, len(plan)]}, call.programme)
    counts: dict[int, int] = {}
    for _app, reviewer in plan:
        counts[reviewer] = counts.get(reviewer, 0) + 1
    for reviewer in User.objects.filter(pk__in=counts):
        notify(
            [reviewer],
            lambda n=counts[reviewer.pk]: (
                ngettext(
                    "%(n)s application to review in %(call)s",
                    "%(n)s applications to review in %(call)s",
                    n,
                )
                % {"n": n, "call": call.title}
            ),
            url="/calls/reviews/",
        )
    return len(plan)


def weighted_total(scores: dict[int, int], criteria: list[Criterion]) -> decimal.Decimal:
    """0–100: each score placed on its scale, weighted by its criterion."""
    weight_sum = sum(c.weight for c in criteria)
    total = decimal.Decimal(0)
    for criterion in criteria:
        span = decimal.Decimal(criterion.scale_max - criterion.scale_min)
        share = (decimal.Decimal(scores[criterion.pk]) - criterion.scale_min) / span
        total += share * criterion.weight
    return (total / weight_sum * 100).quantize(decimal.Decimal("0.01"))


def _clean_scores(review: Review, scores: dict) -> dict[int, int]:
    criteria = list(review.application.call.criteria.all())
    clean = {}
    for criterion in criteria:
        key = f"c{criterion.pk}"
        raw = scores.get(criterion.pk, scores.get(str(criterion.pk)))
        if raw in (None, ""):
            raise ValidationError({key: _("Score “%(c)s”.") % {"c": criterion.name}})
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ValidationError({key: _("Enter a whole number.")}) from None
        if not criterion.scale_min <= value <= criterion.scale_max:
            raise ValidationError(
                {
                    key: _("Score between %(a)s and %(b)s.")
                    % {"a": criterion.scale_min, "b": criterion.scale_max}
                }
            )
        clean[criterion.pk] = value
    return clean


def transition_review(
    actor, review: Review, target: str, scores=None, to_applicant="", internal=""
) -> Review:
    """Submit a review with its scores (reviewer) or reopen it (reviewer or manager)."""
    with transaction.atomic():
        review = (
            Review.objects.select_for_update()
            .select_related("application__call__programme")
            .get(pk=review.pk)
        )
        call = review.application.call
        before = review.status
        if target == Review.Status.SUBMITTED:
            require(actor, "calls.review", review)
            phase = call.current_phase
            if phase is not None and not phase.scoring_open:
                raise ValidationError(_("Scoring is closed in the current review phase."))
            clean = _clean_scores(review, scores or {})
            Score.objects.filter(review=review).delete()
            Score.objects.bulk_create(
                [Score(review=review, criterion_id=c, value=v) for c, v in clean.items()]
            )
            review.total = weighted_total(clean, list(call.criteria.all()))
            review.comment_to_applicant = (to_applicant or "").strip()
            review.comment_internal = (internal or "").strip()
            review.submitted_at = timezone.now()
        elif target == Review.Status.ASSIGNED and before == Review.Status.SUBMITTED:
            if not (actor.has_perm("calls.review", review) or actor.has_perm("calls.decide", call)):
                raise PermissionDenied
        else:
            raise ValidationError({"status": _("This review cannot make that move.")})
        review.status = target
        review.save()
        changes = {"status": [before, target], "total": [None, review.total]}
        audit.record(actor, "review_" + target, review, changes, call.programme)
        if target == Review.Status.SUBMITTED:
            managers = User.objects.filter(
                staff_assignments__programme=call.programme, staff_assignments__role="manager"
            )
            notify(
                managers,
                lambda: (
                    _("A review of %(ref)s was submitted") % {"ref": review.application.reference}
                ),
            )
    return review
