"""Every change to calls, applications, reviews, notices and pitch days.

Four state machines, each changed through one function that checks the permission, writes the
audit log and queues the notice: ``transition`` (applications), ``transition_review``,
``transition_notice`` and ``transition_interest``.
"""

import datetime
import decimal
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core import audit
from dekvep.core.formatting import format_datetime
from dekvep.core.models import AuditEntry, Membership, Organisation, StaffAssignment, User
from dekvep.core.permissions import require
from dekvep.core.rules import member_organisation_ids
from dekvep.core.services import add_participant, notify
from dekvep.core.uploads import DOCUMENTS, validate_upload

from . import eligibility, notices
from .models import (
    Answer,
    Application,
    Call,
    Challenge,
    Conflict,
    Criterion,
    Declaration,
    Notice,
    PitchDay,
    PitchInterest,
    PitchSlot,
    Question,
    Review,
    ReviewPhase,
    Score,
)

S = Application.Status
ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")

# Which status may follow which; who may make each move is decided in ``_check_move``.
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.ELIGIBLE, S.INELIGIBLE, S.WITHDRAWN},
    S.ELIGIBLE: {S.UNDER_REVIEW, S.INELIGIBLE, S.WITHDRAWN},
    S.INELIGIBLE: {S.ELIGIBLE, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.SHORTLISTED, S.REJECTED, S.WITHDRAWN},
    S.SHORTLISTED: {S.SELECTED, S.REJECTED, S.WITHDRAWN},
    S.SELECTED: {S.CONFIRMED, S.WITHDRAWN},
    S.REJECTED: set(),
    S.CONFIRMED: set(),
    S.WITHDRAWN: set(),
}
EDITABLE = {S.DRAFT, S.SUBMITTED, S.ELIGIBLE, S.INELIGIBLE}
DECISIONS = {S.SHORTLISTED, S.REJECTED, S.SELECTED}
NOTICE_FOR = {
    S.SUBMITTED: "received",
    S.ELIGIBLE: "eligible",
    S.INELIGIBLE: "ineligible",
    S.SHORTLISTED: "shortlisted",
    S.SELECTED: "selected",
    S.REJECTED: "rejected",
}
SYSTEM = None  # the actor of automatic moves (eligibility checks)


def aware(value: datetime.datetime) -> datetime.datetime:
    """A naive time is Istanbul time: calls open and close by the programme's clock."""
    if value is not None and timezone.is_naive(value):
        return value.replace(tzinfo=ISTANBUL)
    return value


def _save(obj, exclude=None):
    obj.full_clean(exclude=exclude)
    obj.save()
    return obj


# Calls and their parts -------------------------------------------------------------------


# The fields of a call staff set up, in the order the form shows them.
CALL_FIELDS = (
    "kind",
    "title_tr",
    "title_en",
    "description_tr",
    "description_en",
    "opens_at",
    "closes_at",
    "published",
    "places",
    "eligible_kinds",
    "eligible_nace_prefixes",
    "eligible_provinces",
    "eligible_zones",
    "eligible_employee_bands",
    "reviewers_per_application",
    "disagreement_threshold",
)


def _validate_call(call: Call) -> None:
    errors = {}
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        errors["closes_at"] = _("The call must close after it opens.")
    unknown = set(call.eligible_kinds) - set(Organisation.Kind.values)
    if unknown:
        errors["eligible_kinds"] = _("Unknown organisation kind: %(v)s") % {"v": ", ".join(unknown)}
    bands = set(call.eligible_employee_bands) - set(Organisation.EmployeeBand.values)
    if bands:
        errors["eligible_employee_bands"] = _("Unknown employee band: %(v)s") % {
            "v": ", ".join(bands)
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_call(actor, programme, **fields) -> Call:
    call = Call(programme=programme)
    require(actor, "calls.add_call", call)
    _set_fields(call, fields)
    _validate_call(call)
    _save(call)
    audit.record_created(actor, call, programme=programme)
    return call


def _set_fields(call, fields):
    for name, value in fields.items():
        if name not in CALL_FIELDS:
            raise ValidationError({name: _("This field cannot be set.")})
        if name in ("opens_at", "closes_at"):
            value = aware(value)
        setattr(call, name, value)


@transaction.atomic
def update_call(actor, call: Call, **fields) -> Call:
    require(actor, "calls.change_call", call)
    before = audit.snapshot(call)
    _set_fields(call, fields)
    _validate_call(call)
    _save(call)
    audit.record(actor, "updated", call, audit.diff(before, audit.snapshot(call)), call.programme)
    return call


PARTS = {
    "question": Question,
    "criterion": Criterion,
    "declaration": Declaration,
    "challenge": Challenge,
    "phase": ReviewPhase,
}


@transaction.atomic
def add_part(actor, call: Call, part: str, firms=None, **fields):
    """Add a question, criterion, declaration, challenge or review phase to a call."""
    require(actor, "calls.change_call", call)
    model = PARTS[part]
    obj = model(call=call, **fields)
    if part == "question":
        _validate_question(obj)
    if part == "criterion" and obj.scale_max <= obj.scale_min:
        raise ValidationError({"scale_max": _("The highest score must exceed the lowest.")})
    if part == "criterion" and obj.weight <= 0:
        raise ValidationError({"weight": _("The weight must be positive.")})
    _save(obj, exclude=["call"])
    if part == "challenge" and firms:
        obj.firms.set(firms)
    if part == "phase" and obj.active:
        _only_active(obj)
    audit.record_created(actor, obj, programme=call.programme)
    return obj


def _validate_question(question: Question) -> None:
    choice_kinds = (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE)
    if question.kind in choice_kinds and len(question.choices or []) < 2:
        raise ValidationError({"choices": _("A choice question needs at least two choices.")})
    if question.choices_en and len(question.choices_en) != len(question.choices or []):
        raise ValidationError(
            {"choices_en": _("Give as many English choices as Turkish ones, in the same order.")}
        )


@transaction.atomic
def remove_part(actor, obj) -> None:
    require(actor, "calls.change_call", obj.call)
    if isinstance(obj, Question) and obj.answers.exists():
        raise ValidationError(_("This question has answers; it cannot be removed."))
    audit.record_deleted(actor, obj, programme=obj.call.programme)
    obj.delete()


def _only_active(phase: ReviewPhase) -> None:
    ReviewPhase.objects.filter(call=phase.call_id).exclude(pk=phase.pk).update(active=False)


@transaction.atomic
def activate_phase(actor, phase: ReviewPhase) -> ReviewPhase:
    require(actor, "calls.change_call", phase.call)
    ReviewPhase.objects.filter(pk=phase.pk).update(active=True)
    _only_active(phase)
    phase.active = True
    audit.record(actor, "phase_activated", phase, programme=phase.call.programme)
    return phase


# Applications: drafting and answers ------------------------------------------------------


def _refuse_if_closed(call: Call) -> None:
    now = timezone.now()
    if not call.published or now < call.opens_at:
        raise ValidationError(_("This call is not open for applications yet."))
    if now >= call.closes_at:
        closed = format_datetime(call.closes_at)
        raise ValidationError(
            _("The call closed on %(when)s (Istanbul time); late applications are not accepted.")
            % {"when": closed}
        )


def _next_reference(call: Call) -> str:
    prefix = "A" if call.kind == Call.Kind.FIRM_SELECTION else "S"
    count = Application.objects.filter(call=call).count() + 1
    while Application.objects.filter(call=call, reference=f"{prefix}-{count:04d}").exists():
        count += 1
    return f"{prefix}-{count:04d}"


@transaction.atomic
def start_application(actor, call: Call, organisation: Organisation, title: str = ""):
    require(actor, "calls.apply", call)
    if organisation.pk not in member_organisation_ids(actor):
        raise PermissionDenied
    _refuse_if_closed(call)
    if Application.objects.filter(call=call, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("This organisation has already applied to this call.")}
        )
    application = Application(
        call=call,
        organisation=organisation,
        created_by=actor,
        title=(title or "").strip()[:200] or organisation.name,
        reference=_next_reference(call),
    )
    application.save()
    audit.record_created(actor, application, programme=call.programme)
    return application


def _clean_value(question: Question, value):
    """The stored form of an answer, or a ValidationError naming the question."""
    key = f"q{question.pk}"
    if value in (None, "", []):
        return None
    kind = question.kind
    if kind == Question.Kind.NUMBER:
        try:
            return float(decimal.Decimal(str(value).replace(",", ".")))
        except (decimal.InvalidOperation, ValueError):
            raise ValidationError({key: _("Enter a number.")}) from None
    if kind == Question.Kind.YES_NO:
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("yes", "true", "1", "evet"):
            return True
        if str(value).lower() in ("no", "false", "0", "hayır"):
            return False
        raise ValidationError({key: _("Answer yes or no.")})
    if kind == Question.Kind.SINGLE_CHOICE:
        if value not in question.choices:
            raise ValidationError({key: _("Choose one of the offered options.")})
        return value
    if kind == Question.Kind.MULTIPLE_CHOICE:
        values = value if isinstance(value, list) else [value]
        if any(v not in question.choices for v in values):
            raise ValidationError({key: _("Choose among the offered options.")})
        return values
    if kind == Question.Kind.SHORT_TEXT:
        if len(str(value)) > 300:
            raise ValidationError({key: _("Keep this answer under 300 characters.")})
    return str(value).strip()


@transaction.atomic
def save_application(
    actor,
    application: Application,
    *,
    title=None,
    summary=None,
    answers: dict | None = None,
    files: dict | None = None,
    challenge_ids=None,
    declaration_ids=None,
) -> Application:
    """Save the applicant's answers; allowed until the deadline, re-checking eligibility."""
    require(actor, "calls.change_application", application)
    _refuse_if_closed(application.call)
    if application.status not in EDITABLE:
        raise ValidationError(_("This application can no longer be changed."))
    if title is not None:
        if not title.strip():
            raise ValidationError({"title": _("Give your application a title.")})
        application.title = title.strip()[:200]
    if summary is not None:
        application.summary = summary.strip()
    if declaration_ids is not None:
        known = set(application.call.declarations.values_list("pk", flat=True))
        application.declarations_accepted = sorted(set(declaration_ids) & known)
    application.save()
    if challenge_ids is not None:
        challenges = list(application.call.challenges.filter(pk__in=challenge_ids))
        if len(challenges) != len(set(challenge_ids)):
            raise ValidationError({"challenges": _("Choose among this call's challenges.")})
        application.challenges.set(challenges)
    _save_answers(application, answers or {}, files or {})
    audit.record(actor, "answers_saved", application, programme=application.call.programme)
    if application.status in (S.ELIGIBLE, S.INELIGIBLE) and not application.override_note:
        _recheck(application)
    return application


def _save_answers(application, answers: dict, files: dict) -> None:
    questions = {q.pk: q for q in application.call.questions.all()}
    for qid, value in answers.items():
        question = questions.get(int(qid))
        if question is None:
            raise ValidationError({f"q{qid}": _("This call has no such question.")})
        if question.kind == Question.Kind.FILE:
            continue
        Answer.objects.update_or_create(
            application=application,
            question=question,
            defaults={"value": _clean_value(question, value)},
        )
    for qid, upload in files.items():
        question = questions.get(int(qid))
        if question is None or question.kind != Question.Kind.FILE:
            raise ValidationError({f"q{qid}": _("This question does not take a file.")})
        try:
            validate_upload(upload, allowed=DOCUMENTS)
        except ValidationError as error:
            raise ValidationError({f"q{qid}": error.messages}) from None
        answer, _created = Answer.objects.get_or_create(application=application, question=question)
        if answer.file:
            answer.file.delete(save=False)
        answer.file.save(upload.name, upload, save=True)


def missing_items(application: Application) -> dict:
    """What stops submission: required questions, declarations, challenges, a title."""
    errors = {}
    answers = {a.question_id: a for a in application.answers.all()}
    for question in application.call.questions.all():
        answer = answers.get(question.pk)
        empty = answer is None or (
            not answer.file
            if question.kind == Question.Kind.FILE
            else answer.value in (None, "", [])
        )
        if question.required and empty:
            errors[f"q{question.pk}"] = _("“%(q)s” is required.") % {"q": question.label}
    accepted = set(application.declarations_accepted)
    for declaration in application.call.declarations.all():
        if declaration.pk not in accepted:
            errors[f"d{declaration.pk}"] = _("You must accept: %(d)s") % {"d": declaration.text}
    call = application.call
    if call.kind == Call.Kind.OPEN_INNOVATION and call.challenges.exists():
        if not application.challenges.exists():
            errors["challenges"] = _("Choose at least one challenge your solution answers.")
    return errors


# Applications: the state machine ---------------------------------------------------------


def _check_move(actor, application: Application, target: str, note: str) -> None:
    if target not in TRANSITIONS[application.status]:
        raise ValidationError(
            {
                "status": _("An application cannot go from “%(a)s” to “%(b)s”.")
                % {"a": application.get_status_display(), "b": S(target).label}
            }
        )
    if actor is SYSTEM:
        if target not in (S.ELIGIBLE, S.INELIGIBLE, S.UNDER_REVIEW):
            raise PermissionDenied
        return
    if target in (S.SUBMITTED, S.WITHDRAWN, S.CONFIRMED):
        require(actor, "calls.change_application", application)
    elif target in (S.ELIGIBLE, S.INELIGIBLE):
        require(actor, "calls.check_eligibility", application)
        if not note.strip():
            raise ValidationError({"note": _("Say why you override the eligibility check.")})
    elif target == S.UNDER_REVIEW:
        require(actor, "calls.assign_reviewers", application)
    else:
        require(actor, "calls.decide", application)


def transition(actor, applications, target: str, note: str = ""):
    """Move an application (or a list of them) to ``target``: check, save, audit, queue notices.

    Returns the moved application, or the list when given a list.
    """
    single = isinstance(applications, Application)
    ids = [applications.pk] if single else [a.pk for a in applications]
    with transaction.atomic():
        locked = list(
            Application.objects.select_for_update()
            .select_related("call__programme", "organisation")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        now = timezone.now()
        entries = []
        for application in locked:
            _check_move(actor, application, target, note)
            entries.append(_audit_entry(actor, application, target, note, now))
            changes = _set_status(actor, application, target, note, now)
        if locked:
            # Every application of a batch takes the same values: one UPDATE for all.
            Application.objects.filter(pk__in=[a.pk for a in locked]).update(**changes)
        AuditEntry.objects.bulk_create(entries)
        for application in locked:
            _after_move(actor, application, target)
    return locked[0] if single else locked


def _set_status(actor, application, target, note, now) -> dict:
    """Set the fields a move changes on ``application``; returns them as ``{field: value}``."""
    changes = {"status": target, "updated_at": now}
    if target == S.SUBMITTED:
        changes["submitted_at"] = now
    if actor is not SYSTEM and target in (S.ELIGIBLE, S.INELIGIBLE):
        changes["override_note"] = note.strip()
        changes["eligibility_reasons"] = [{"code": "override", "params": {"note": note}}]
    if target in DECISIONS:
        changes["staged_status"] = ""
        changes["decided_by"] = actor
    for field, value in changes.items():
        setattr(application, field, value)
    return changes


def _audit_entry(actor, application, target, note, now) -> AuditEntry:
    # The same entry ``audit.record`` writes, built here so that a batch is saved at once.
    changes = {"status": [application.status, target]}
    if note:
        changes["note"] = [None, note]
    return AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=now,
        action="status_changed",
        object_type=application._meta.label_lower,
        object_id=str(application.pk),
        object_repr=str(application)[:300],
        changes=changes,
        programme=application.call.programme,
    )


def _after_move(actor, application: Application, target: str) -> None:
    if target in NOTICE_FOR:
        queue_notice(application, NOTICE_FOR[target])
    call = application.call
    if target in (S.CONFIRMED, S.WITHDRAWN):
        managers = User.objects.filter(
            staff_assignments__programme=call.programme,
            staff_assignments__role=StaffAssignment.Role.MANAGER,
        )

        def subject():
            return _("%(ref)s is now %(status)s (%(call)s)") % {
                "ref": application.reference,
                "status": S(target).label,
                "call": call.title,
            }

        notify(managers, subject, url=f"/calls/applications/{application.pk}/")
    if target == S.CONFIRMED and call.kind == Call.Kind.FIRM_SELECTION:
        # The decision-maker's authority admits the firm to the programme.
        decider = application.decided_by or (
            User.objects.filter(
                staff_assignments__programme=call.programme, staff_assignments__role="manager"
            ).first()
        )
        add_participant(decider, call.programme, application.organisation)


def submit(actor, application: Application) -> Application:
    """Submit before the deadline; the eligibility rules are then checked automatically."""
    require(actor, "calls.change_application", application)
    _refuse_if_closed(application.call)
    errors = missing_items(application)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        application = transition(actor, application, S.SUBMITTED)
        application = _recheck(application)
    return application


def _recheck(application: Application) -> Application:
    reasons = eligibility.check(application.call, application.organisation)
    target = S.INELIGIBLE if reasons else S.ELIGIBLE
    Application.objects.filter(pk=application.pk).update(eligibility_reasons=reasons)
    application.eligibility_reasons = reasons
    if application.status != target:
        application = transition(SYSTEM, application, target)
    return application


def withdraw(actor, application):
    return transition(actor, application, S.WITHDRAWN)


def confirm(actor, application):
    return transition(actor, application, S.CONFIRMED)


def override_eligibility(actor, application, eligible: bool, note: str):
    return transition(actor, application, S.ELIGIBLE if eligible else S.INELIGIBLE, note)


@transaction.atomic
def stage_decision(actor, application: Application, decision: str) -> Application:
    """Record a decision to be announced later with the others; '' clears it."""
    require(actor, "calls.decide", application)
    if decision and (decision not in DECISIONS or decision not in TRANSITIONS[application.status]):
        raise ValidationError(
            {
                "decision": _("“%(d)s” is not possible for an application that is %(s)s.")
                % {"d": decision, "s": application.get_status_display()}
            }
        )
    before = application.staged_status
    application.staged_status = decision
    application.save(update_fields=["staged_status", "updated_at"])
    audit.record(
        actor,
        "decision_staged",
        application,
        {"staged_status": [before, decision]},
        application.call.programme,
    )
    return application


@transaction.atomic
def announce(actor, call: Call) -> int:
    """Apply every staged decision of the call at once; returns how many were announced."""
    require(actor, "calls.decide", call)
    staged = list(call.applications.exclude(staged_status="").order_by("reference"))
    if not staged:
        raise ValidationError(_("There are no staged decisions to announce."))
    for decision in sorted({a.staged_status for a in staged}):
        transition(actor, [a for a in staged if a.staged_status == decision], decision)
    audit.record(actor, "decisions_announced", call, {"count": [0, len(staged)]}, call.programme)
    return len(staged)


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


@transaction.atomic
def declare_conflict(actor, call: Call, organisation: Organisation, note: str = "") -> Conflict:
    """A reviewer declares a conflict; unsubmitted assignments with that applicant are dropped."""
    require(actor, "calls.declare_conflict", call)
    conflict, created = Conflict.objects.get_or_create(
        call=call, reviewer=actor, organisation=organisation, defaults={"note": note[:300]}
    )
    if created:
        audit.record_created(actor, conflict, programme=call.programme)
    Review.objects.filter(
        application__call=call,
        application__organisation=organisation,
        reviewer=actor,
        status=Review.Status.ASSIGNED,
    ).delete()
    return conflict


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
        language, subject, body = notices.render(kind, recipient, application, slot)
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


def transition_notice(actor, notice: Notice, target: str) -> Notice:
    """Release (queue for sending), discard, restore, or mark sent (the mail task only)."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update().select_related("call__programme").get(pk=notice.pk)
        )
        if target not in NOTICE_MOVES[notice.status]:
            raise ValidationError({"status": _("This notice cannot make that move.")})
        if target == Notice.Status.SENT:
            if actor is not SYSTEM:
                raise PermissionDenied
            notice.sent_at = timezone.now()
        else:
            require(actor, "calls.manage_notices", notice)
        if target == Notice.Status.RELEASED:
            notice.released_by = actor
        before = notice.status
        notice.status = target
        notice.save()
        audit.record(
            actor, "notice_" + target, notice, {"status": [before, target]}, notice.call.programme
        )
        if target == Notice.Status.RELEASED:
            from .tasks import send_notice

            transaction.on_commit(lambda pk=notice.pk: send_notice.delay(pk))
    return notice


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


# Pitch day -------------------------------------------------------------------------------


@transaction.atomic
def create_pitch_day(actor, call: Call, name: str, date, venue: str = "") -> PitchDay:
    require(actor, "calls.manage_pitch", call)
    day = _save(
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
    _save(slot, exclude=["pitch_day", "application"])
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
    from dekvep.roadmaps.services import register_opportunity

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
    )


INTEREST_MOVES = {
    "new": {"contacted", "meeting", "agreed", "closed"},
    "contacted": {"meeting", "agreed", "closed"},
    "meeting": {"agreed", "closed"},
    "agreed": {"closed"},
    "closed": {"new"},
}


def transition_interest(
    actor, interest: PitchInterest, target: str, note: str = ""
) -> PitchInterest:
    """Follow up a collaboration opportunity: contacted → meeting → agreed, or closed."""
    with transaction.atomic():
        interest = (
            PitchInterest.objects.select_for_update()
            .select_related("slot__pitch_day__call__programme")
            .get(pk=interest.pk)
        )
        require(actor, "calls.follow_up_interest", interest.slot)
        if target not in INTEREST_MOVES[interest.status]:
            raise ValidationError({"status": _("This opportunity cannot make that move.")})
        before = interest.status
        interest.status = target
        if note:
            interest.follow_up_note = (interest.follow_up_note + "\n" + note).strip()
        interest.save()
        call = interest.slot.pitch_day.call
        audit.record(
            actor, "interest_" + target, interest, {"status": [before, target]}, call.programme
        )
        members = User.objects.filter(
            memberships__organisation_id__in=[
                interest.firm_id,
                interest.slot.application.organisation_id,
            ]
        )
        notify(
            members,
            lambda: _("Collaboration follow-up: %(s)s") % {"s": PitchInterest.Status(target).label},
        )
        register_interest(interest)
    return interest
