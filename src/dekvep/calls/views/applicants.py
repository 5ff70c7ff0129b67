"""Pages for applicants: applying, answers, withdrawing and confirming."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import apply_errors, form_errors
from dekvep.core.models import Organisation
from dekvep.core.permissions import get_visible
from dekvep.core.rules import member_organisation_ids
from dekvep.core.states import allowed_transitions

from .. import blinding, services
from ..downloads import answer_file_response
from ..eligibility import reason_text
from ..forms import (
    ApplicationForm,
    AssignForm,
    OverrideForm,
    StageForm,
    StartApplicationForm,
)
from ..identity import applicant_name
from ..models import (
    Review,
)
from ..selectors import assigned_reviews, load_application, load_call
from .common import S

# Applicants ------------------------------------------------------------------------------


@login_required
def apply(request, pk):
    call = load_call(request.user, pk)
    organisations = Organisation.objects.filter(pk__in=member_organisation_ids(request.user))
    form = StartApplicationForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            application = services.start_application(
                request.user, call, form.cleaned_data["organisation"], form.cleaned_data["title"]
            )
        if done:
            return redirect("calls:application_edit", application.pk)
    return render(request, "calls/apply.html", {"call": call, "form": form})


@login_required
def application_edit(request, pk):
    application = load_application(request.user, pk, "calls.change_application")
    form = ApplicationForm(request.POST or None, request.FILES or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_application(request.user, application, **form.service_kwargs())
            if request.POST.get("action") == "submit":
                services.submit(request.user, application)
                messages.success(request, _("Your application is submitted."))
                found = blinding.mentions(application)
                if found:
                    messages.warning(request, blinding.warning(found))
                return redirect("calls:application", application.pk)
        except ValidationError as error:
            apply_errors(form, error)
            _declaration_errors(form, error)
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect("calls:application_edit", application.pk)
    files = {a.question_id: a for a in application.answers.exclude(file="")}
    found = blinding.mentions(application)
    context = {
        "application": application,
        "call": application.call,
        "form": form,
        "files": files,
        "identity_warning": blinding.warning(found) if found else "",
    }
    return render(request, "calls/application_form.html", context)


def _declaration_errors(form, error):
    # Errors on fields that the form does not show (declarations and the like) go on top.
    if hasattr(error, "error_dict"):
        for field, items in error.message_dict.items():
            if field not in form.fields:
                form.add_error(None, items)


@login_required
def application_detail(request, pk):
    application = load_application(request.user, pk)
    user = request.user
    call = application.call
    is_applicant = user.has_perm("calls.change_application", application)
    is_staff = user.has_perm("calls.view_applications", call)
    if not (is_applicant or is_staff):
        review = get_object_or_404(assigned_reviews(user), application=application)
        return redirect("calls:review", review.pk)
    announced = application.status in (S.SHORTLISTED, S.REJECTED, S.SELECTED, S.CONFIRMED)
    reviews = application.reviews.select_related("reviewer").prefetch_related("scores__criterion")
    allowed = allowed_transitions(application, user)
    context = {
        "application": application,
        "call": call,
        "name": applicant_name(application, user),
        "answers": application.answers.select_related("question").order_by("question__order"),
        "reasons": [reason_text(r) for r in application.eligibility_reasons],
        "is_applicant": is_applicant,
        "is_staff": is_staff,
        "identity_warning": _identity_warning(application) if is_applicant or is_staff else "",
        "can_decide": user.has_perm("calls.decide", application),
        "comments": [r.comment_to_applicant for r in reviews if r.comment_to_applicant]
        if announced or is_staff
        else [],
        "reviews": reviews if is_staff else [],
        "editable": is_applicant and application.status in services.EDITABLE and call.is_open(),
        "can_withdraw": is_applicant and S.WITHDRAWN in allowed,
        "can_confirm": is_applicant and S.CONFIRMED in allowed,
        "override_form": OverrideForm(allowed=allowed)
        if is_staff and {S.ELIGIBLE, S.INELIGIBLE} & set(allowed)
        else None,
        "stage_form": StageForm(initial={"decision": application.staged_status}, allowed=allowed),
        "can_stage": bool(services.DECISIONS & set(allowed)) or bool(application.staged_status),
        "assign_form": AssignForm(jury=services.jury_of(call)),
        "steps": _steps(application),
    }
    return render(request, "calls/application_detail.html", context)


def _identity_warning(application) -> str:
    found = blinding.mentions(application)
    return blinding.warning(found) if found else ""


def _steps(application) -> list[dict]:
    path = [
        S.DRAFT,
        S.SUBMITTED,
        S.ELIGIBLE,
        S.UNDER_REVIEW,
        S.SHORTLISTED,
        S.SELECTED,
        S.CONFIRMED,
    ]
    current = application.status
    if current in (S.INELIGIBLE, S.REJECTED, S.WITHDRAWN):
        return [{"label": S(current).label, "state": "current"}]
    position = path.index(current)
    return [
        {"label": s.label, "state": "done" if i < position else "current" if i == position else ""}
        for i, s in enumerate(path)
    ]


def _post_transition(request, pk, fn, success, perm="calls.view_application"):
    application = load_application(request.user, pk, perm)
    with form_errors(request) as done:
        fn(application)
    if done:
        messages.success(request, success)
    return redirect("calls:application", application.pk)


@login_required
@require_POST
def withdraw(request, pk):
    return _post_transition(
        request,
        pk,
        lambda a: services.withdraw(request.user, a),
        _("Your application is withdrawn."),
    )


@login_required
@require_POST
def confirm(request, pk):
    return _post_transition(
        request,
        pk,
        lambda a: services.confirm(request.user, a),
        _("You have confirmed your place."),
    )


@login_required
@require_POST
def override(request, pk):
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and say why."))
        return redirect("calls:application", pk)
    data = form.cleaned_data
    return _post_transition(
        request,
        pk,
        lambda a: services.override_eligibility(request.user, a, data["eligible"], data["note"]),
        _("Eligibility is overridden."),
    )


@login_required
@require_POST
def stage(request, pk):
    decision = request.POST.get("decision", "")
    return _post_transition(
        request,
        pk,
        lambda a: services.stage_decision(request.user, a, decision),
        _("The decision is staged; it is announced with the others."),
    )


@login_required
@require_POST
def assign(request, pk):
    application = load_application(request.user, pk)
    form = AssignForm(request.POST, jury=services.jury_of(application.call))
    if form.is_valid():
        return _post_transition(
            request,
            pk,
            lambda a: services.assign_reviewer(request.user, a, form.cleaned_data["reviewer"]),
            _("The reviewer is assigned."),
        )
    messages.error(request, _("Choose a reviewer from the jury."))
    return redirect("calls:application", pk)


@login_required
@require_POST
def unassign(request, pk):
    review = get_visible(
        Review.objects.select_related("application__call"),
        pk,
        request.user,
        "calls.view_application",
        of="application",
    )
    with form_errors(request):
        services.unassign_reviewer(request.user, review)
    return redirect("calls:application", review.application_id)


@login_required
def answer_file(request, pk):
    return answer_file_response(request, pk)
