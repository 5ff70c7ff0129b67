"""Setting up a call: its fields, questions, criteria, declarations, challenges, phases."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.models import Organisation
from dekvep.core.permissions import require
from dekvep.core.writes import full_save, write

from ..models import (
    Call,
    Challenge,
    Criterion,
    Declaration,
    Question,
    ReviewPhase,
)
from .common import aware

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


def _call_times(call: Call) -> None:
    call.opens_at, call.closes_at = aware(call.opens_at), aware(call.closes_at)


@transaction.atomic
def create_call(actor, programme, **fields) -> Call:
    call = Call(programme=programme)
    require(actor, "calls.add_call", call)
    return _write_call(actor, call, fields)


@transaction.atomic
def update_call(actor, call: Call, **fields) -> Call:
    require(actor, "calls.change_call", call)
    return _write_call(actor, call, fields)


def _write_call(actor, call: Call, fields: dict) -> Call:
    return write(
        actor,
        call,
        fields,
        CALL_FIELDS,
        prepare=_call_times,
        validate=_validate_call,
        programme=call.programme,
    )


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
    full_save(obj, exclude=["call"])
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
