"""Applications: drafting, answers, the state machine, decisions and announcements."""

import decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core import audit, states
from dekvep.core.formatting import format_datetime
from dekvep.core.models import AuditEntry, Organisation, StaffAssignment, User
from dekvep.core.permissions import require
from dekvep.core.rules import member_organisation_ids
from dekvep.core.services import add_participant, notify
from dekvep.core.uploads import DOCUMENTS, validate_upload

from .. import eligibility
from ..models import (
    Answer,
    Application,
    Call,
    Question,
)
from .common import DECISIONS, EDITABLE, NOTICE_FOR, SYSTEM, TRANSITIONS, S
from .conflicts import match_declared_names
from .notices import queue_notice

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
    # Never the organisation's name as a default: blind reviewers read the title.
    title = (title or "").strip()[:200]
    if not title:
        raise ValidationError({"title": _("Give your application a title.")})
    application = Application(
        call=call,
        organisation=organisation,
        created_by=actor,
        title=title,
        reference=_next_reference(call),
    )
    application.save()
    audit.record_created(actor, application, programme=call.programme)
    match_declared_names(application)
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
    if not application.title.strip():
        errors["title"] = _("Give your application a title.")
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
    require(actor, _move_permission(target), application)
    if target in (S.ELIGIBLE, S.INELIGIBLE) and not note.strip():
        raise ValidationError({"note": _("Say why you override the eligibility check.")})


def _move_permission(target: str) -> str:
    if target in (S.SUBMITTED, S.WITHDRAWN, S.CONFIRMED):
        return "calls.change_application"
    if target in (S.ELIGIBLE, S.INELIGIBLE):
        return "calls.check_eligibility"
    if target == S.UNDER_REVIEW:
        return "calls.assign_reviewers"
    return "calls.decide"


# Batches of applications move together (announcements), so the machine keeps this mover.
APPLICATION_STATES = states.register(
    states.StateMachine(
        model=Application,
        field="status",
        moves=TRANSITIONS,
        perm=_move_permission,
        move=lambda application, to, actor, note="": transition(actor, application, to, note),
    )
)


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
