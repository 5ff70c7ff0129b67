"""Reviewers' conflicts of interest, declared without seeing the organisation directory."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.models import Organisation
from dekvep.core.permissions import require

from ..blinding import fold, name_variants
from ..models import Application, Call, Conflict, Review


def _drop_open_assignments(reviewer, call: Call, organisation_id: int) -> None:
    Review.objects.filter(
        application__call=call,
        application__organisation_id=organisation_id,
        reviewer=reviewer,
        status=Review.Status.ASSIGNED,
    ).delete()


@transaction.atomic
def declare_conflict(
    actor, call: Call, organisation: Organisation, note: str = "", declared_name: str = ""
) -> Conflict:
    """A reviewer declares a conflict; unsubmitted assignments with that applicant are dropped."""
    require(actor, "calls.declare_conflict", call)
    conflict, created = Conflict.objects.get_or_create(
        call=call,
        reviewer=actor,
        organisation=organisation,
        defaults={"note": note[:300], "declared_name": declared_name[:200]},
    )
    if created:
        audit.record_created(actor, conflict, programme=call.programme)
    _drop_open_assignments(actor, call, organisation.pk)
    return conflict


def declare_for_application(actor, call: Call, reference: str, note: str = "") -> Conflict:
    """A conflict with the applicant behind one of the call's application references."""
    require(actor, "calls.declare_conflict", call)
    application = call.applications.filter(reference=(reference or "").strip()).first()
    if application is None:
        raise ValidationError(
            {"application": _("This call has no application with this reference.")}
        )
    return declare_conflict(
        actor, call, application.organisation, note, declared_name=application.reference
    )


def _names_match(name: str, organisation: Organisation) -> bool:
    # Whole names, with or without the legal form: a first word alone is too loose here.
    typed = " ".join(fold(name).split())
    return any(" ".join(fold(t).split()) == typed for t in name_variants(organisation))


@transaction.atomic
def declare_by_name(actor, call: Call, name: str, note: str = "") -> Conflict:
    """A conflict with an organisation typed by name, matched to the applicants on the server.

    The answer is the same whether or not the organisation applied, so the form reveals
    nothing about who applied; an unmatched name is matched again when someone applies.
    """
    require(actor, "calls.declare_conflict", call)
    name = " ".join((name or "").split())[:200]
    if len(name) < 3:
        raise ValidationError({"name": _("Type the organisation's name.")})
    for application in call.applications.select_related("organisation"):
        if _names_match(name, application.organisation):
            return declare_conflict(actor, call, application.organisation, note, name)
    conflict, created = Conflict.objects.get_or_create(
        call=call,
        reviewer=actor,
        organisation=None,
        declared_name=name,
        defaults={"note": note[:300]},
    )
    if created:
        audit.record_created(actor, conflict, programme=call.programme)
    return conflict


def match_declared_names(application: Application) -> None:
    """Attach the call's waiting typed-name conflicts that name this new applicant."""
    waiting = Conflict.objects.filter(call_id=application.call_id, organisation=None)
    for conflict in waiting:
        if not _names_match(conflict.declared_name, application.organisation):
            continue
        if Conflict.objects.filter(
            call_id=application.call_id,
            reviewer_id=conflict.reviewer_id,
            organisation=application.organisation,
        ).exists():
            conflict.delete()
        else:
            Conflict.objects.filter(pk=conflict.pk).update(organisation=application.organisation)
