"""Reviewer assignment, conflicts of interest, scoring and the ranking."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.calls import services
from dekvep.calls.models import Application, Review
from dekvep.calls.selectors import ranking
from tests.factories import OrganisationFactory, StaffAssignmentFactory

from .factories import ApplicationFactory

S = Application.Status


@pytest.fixture
def jury(programme, people):
    extra = [
        StaffAssignmentFactory(
            programme=programme, role="jury", user__email=f"j{i}@jury.example"
        ).user
        for i in range(3)
    ]
    return [people["jury"], *extra]


def _eligible(call, count):
    return [ApplicationFactory(call=call, status=S.ELIGIBLE) for _ in range(count)]


def test_it_plans_n_reviewers_per_application_with_balanced_load():
    apps = [(i, 100 + i) for i in range(10)]
    plan = services.plan_assignments(apps, [1, 2, 3, 4], 2, set(), set())
    loads = [sum(1 for _a, r in plan if r == reviewer) for reviewer in (1, 2, 3, 4)]
    assert len(plan) == 20
    assert max(loads) - min(loads) <= 1
    assert all(sum(1 for a, _r in plan if a == app) == 2 for app, _org in apps)


def test_it_never_plans_a_reviewer_with_a_conflict():
    apps = [(i, 100 + i) for i in range(6)]
    plan = services.plan_assignments(apps, [1, 2, 3], 2, set(), {(1, 100), (1, 103)})
    assert (0, 1) not in plan and (3, 1) not in plan


def test_it_assigns_reviewers_automatically_and_starts_the_review(people, call, jury):
    apps = _eligible(call, 6)
    assert services.auto_assign(people["manager"], call, 2) == 12
    loads = [Review.objects.filter(reviewer=j).count() for j in jury]
    assert loads == [3, 3, 3, 3]
    assert {a.status for a in call.applications.all()} == {S.UNDER_REVIEW}
    assert all(a.reviews.count() == 2 for a in apps)


def test_it_respects_declared_conflicts_in_automatic_assignment(people, call, jury):
    apps = _eligible(call, 4)
    services.declare_conflict(people["jury"], call, apps[0].organisation, "Danışmanıyım")
    services.auto_assign(people["manager"], call, 4 - 1)
    assert not apps[0].reviews.filter(reviewer=people["jury"]).exists()


def test_it_refuses_auto_assignment_with_too_small_a_jury(people, call, jury):
    _eligible(call, 1)
    with pytest.raises(ValidationError) as error:
        services.auto_assign(people["manager"], call, 5)
    assert error.value.message_dict["per_application"] == ["The jury has only 4 members."]


def test_it_refuses_a_manual_assignment_against_a_declared_conflict(people, call, jury):
    application = _eligible(call, 1)[0]
    services.declare_conflict(people["jury"], call, application.organisation)
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.assign_reviewer(people["manager"], application, people["jury"])


def test_it_drops_an_open_assignment_when_a_conflict_is_declared(people, call, jury):
    application = _eligible(call, 1)[0]
    services.assign_reviewer(people["manager"], application, people["jury"])
    services.declare_conflict(people["jury"], call, application.organisation)
    assert not application.reviews.exists()


def test_it_refuses_auto_assignment_by_a_jury_member(people, call, jury):
    with pytest.raises(PermissionDenied):
        services.auto_assign(people["jury"], call, 1)


def _review(people, application, reviewer, values):
    review = services.assign_reviewer(people["manager"], application, reviewer)
    criteria = list(application.call.criteria.all())
    scores = dict(zip([c.pk for c in criteria], values, strict=True))
    return services.transition_review(reviewer, review, "submitted", scores, "İyi", "Dahili")


def test_it_computes_the_weighted_total_on_a_0_to_100_scale(people, call, jury):
    application = _eligible(call, 1)[0]
    review = _review(people, application, jury[0], [10, 4])  # weights 2 and 1
    assert review.total == Decimal("80.00")


def test_it_refuses_a_score_outside_the_scale_naming_the_criterion(people, call, jury):
    application = _eligible(call, 1)[0]
    review = services.assign_reviewer(people["manager"], application, jury[0])
    criterion = call.criteria.first()
    with pytest.raises(ValidationError) as error:
        services.transition_review(jury[0], review, "submitted", {criterion.pk: 11})
    assert error.value.message_dict == {f"c{criterion.pk}": ["Score between 0 and 10."]}


def test_it_refuses_a_review_by_someone_else(people, call, jury):
    application = _eligible(call, 1)[0]
    review = services.assign_reviewer(people["manager"], application, jury[0])
    with pytest.raises(PermissionDenied):
        services.transition_review(jury[1], review, "submitted", {})


def test_it_refuses_scoring_when_the_phase_closes_it(people, call, jury):
    application = _eligible(call, 1)[0]
    review = services.assign_reviewer(people["manager"], application, jury[0])
    services.add_part(
        people["manager"], call, "phase", name_tr="Karar", active=True, scoring_open=False
    )
    with pytest.raises(ValidationError, match="Scoring is closed"):
        services.transition_review(jury[0], review, "submitted", {})


def test_it_ranks_by_mean_with_median_spread_and_disagreement(people, call, jury):
    strong, split = _eligible(call, 2)
    for reviewer in jury[:3]:
        _review(people, strong, reviewer, [9, 9])
    _review(people, split, jury[0], [10, 10])
    _review(people, split, jury[1], [1, 1])
    _review(people, split, jury[2], [6, 6])
    rows = ranking(call, people["manager"])
    assert [r.application_id for r in rows] == [strong.pk, split.pk]
    top, second = rows
    assert (top.rank, top.mean, top.spread, top.disagreement) == (1, Decimal("90.00"), 0, False)
    assert second.median == Decimal("60.00")
    assert second.spread == Decimal("90.00")
    assert second.disagreement is True


def test_it_shows_staff_the_applicant_in_the_ranking(people, call, jury):
    application = _eligible(call, 1)[0]
    assert ranking(call, people["manager"])[0].applicant == application.organisation.name


def test_it_keeps_a_conflicted_reviewer_away_from_the_application(people, call, jury):
    application = _eligible(call, 1)[0]
    review = services.assign_reviewer(people["manager"], application, people["jury"])
    review.status = Review.Status.SUBMITTED
    review.save()
    services.declare_conflict(people["jury"], call, application.organisation)
    assert not people["jury"].has_perm("calls.view_application", application)


def test_it_lets_only_jury_members_declare_conflicts(people, call):
    with pytest.raises(PermissionDenied):
        services.declare_conflict(people["firm_admin"], call, OrganisationFactory())
