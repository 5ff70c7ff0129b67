"""Pages for applicants, reviewers and staff. Thin: parse, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dekvep.core.forms import apply_errors
from dekvep.core.models import Organisation, Programme
from dekvep.core.permissions import require, require_visible
from dekvep.core.rules import member_organisation_ids, staff_programme_ids

from . import export, services
from .eligibility import reason_text
from .forms import (
    PART_FORMS,
    ApplicationForm,
    AssignForm,
    AutoAssignForm,
    CallForm,
    ConflictForm,
    FollowUpForm,
    InterestForm,
    NoticeForm,
    OverrideForm,
    PitchDayForm,
    ReviewForm,
    SlotForm,
    StageForm,
    StartApplicationForm,
)
from .identity import applicant_name, download_name, identity_hidden
from .models import (
    Answer,
    Application,
    Call,
    Notice,
    PitchDay,
    PitchInterest,
    PitchSlot,
    Review,
)
from .selectors import assigned_reviews, own_applications, ranking, visible_calls

S = Application.Status


def _call(request, pk, perm="calls.view_call") -> Call:
    call = get_object_or_404(Call.objects.select_related("programme"), pk=pk)
    require_visible(request.user, perm, call)
    return call


def _application(request, pk, perm="calls.view_application") -> Application:
    application = get_object_or_404(
        Application.objects.select_related("call__programme", "organisation"), pk=pk
    )
    require_visible(request.user, perm, application)
    return application


def _fail(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def home(request):
    user = request.user
    calls = visible_calls(user).order_by("-opens_at")
    managed = staff_programme_ids(user, roles=("manager",))
    context = {
        "calls": calls,
        "applications": own_applications(user).order_by("-created_at"),
        "reviews": assigned_reviews(user).order_by("status", "application__reference")[:50],
        "can_create": bool(managed),
    }
    return render(request, "calls/home.html", context)


@login_required
def call_form(request, pk=None):
    call = _call(request, pk, "calls.change_call") if pk else None
    programmes = Programme.objects.filter(pk__in=staff_programme_ids(request.user, ("manager",)))
    if call is None and not programmes.exists():
        require(request.user, "calls.add_call", Call(programme=Programme()))
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            if call:
                call = services.update_call(request.user, call, **fields)
            else:
                programme = programmes.get(pk=request.POST.get("programme", programmes[0].pk))
                call = services.create_call(request.user, programme, **fields)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("calls:setup", call.pk)
    return render(
        request, "calls/call_form.html", {"form": form, "call": call, "programmes": programmes}
    )


@login_required
def call_detail(request, pk):
    call = _call(request, pk)
    user = request.user
    mine = own_applications(user).filter(call=call)
    context = {
        "call": call,
        "mine": mine,
        "can_apply": call.is_open() and not mine.exists() and member_organisation_ids(user),
        "is_staff": user.has_perm("calls.view_applications", call),
        "can_manage": user.has_perm("calls.change_call", call),
        "can_rank": user.has_perm("calls.view_ranking", call),
        "is_jury": user.has_perm("calls.declare_conflict", call),
        "can_see_pitch": call.pitch_days.exists() and _can_see_any_pitch(user, call),
    }
    return render(request, "calls/call_detail.html", context)


def _can_see_any_pitch(user, call) -> bool:
    return any(user.has_perm("calls.view_pitch_day", day) for day in call.pitch_days.all())


@login_required
def call_setup(request, pk):
    call = _call(request, pk, "calls.change_call")
    forms_by_part = {part: form(prefix=part) for part, form in PART_FORMS.items()}
    if request.method == "POST":
        part = request.POST.get("part")
        if part not in PART_FORMS:
            raise Http404
        form = PART_FORMS[part](request.POST, prefix=part)
        forms_by_part[part] = form
        if form.is_valid():
            data = dict(form.cleaned_data)
            firms = data.pop("firms", None)
            try:
                services.add_part(request.user, call, part, firms=firms, **data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Added."))
                return redirect("calls:setup", call.pk)
    context = {"call": call, "forms": forms_by_part}
    return render(request, "calls/call_setup.html", context)


@login_required
@require_POST
def remove_part(request, pk, part, part_pk):
    call = _call(request, pk, "calls.change_call")
    model = services.PARTS.get(part)
    if model is None:
        raise Http404
    obj = get_object_or_404(model, pk=part_pk, call=call)
    try:
        services.remove_part(request.user, obj)
    except ValidationError as error:
        _fail(request, error)
    return redirect("calls:setup", call.pk)


@login_required
@require_POST
def activate_phase(request, pk, phase_pk):
    call = _call(request, pk, "calls.change_call")
    services.activate_phase(request.user, get_object_or_404(call.phases, pk=phase_pk))
    messages.success(request, _("The review phase is now active."))
    return redirect("calls:setup", call.pk)


# Applicants ------------------------------------------------------------------------------


@login_required
def apply(request, pk):
    call = _call(request, pk)
    organisations = Organisation.objects.filter(pk__in=member_organisation_ids(request.user))
    form = StartApplicationForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(
                request.user, call, form.cleaned_data["organisation"], form.cleaned_data["title"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("calls:application_edit", application.pk)
    return render(request, "calls/apply.html", {"call": call, "form": form})


@login_required
def application_edit(request, pk):
    application = _application(request, pk, "calls.change_application")
    form = ApplicationForm(request.POST or None, request.FILES or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_application(request.user, application, **form.service_kwargs())
            if request.POST.get("action") == "submit":
                services.submit(request.user, application)
                messages.success(request, _("Your application is submitted."))
                return redirect("calls:application", application.pk)
        except ValidationError as error:
            apply_errors(form, error)
            _declaration_errors(form, error)
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect("calls:application_edit", application.pk)
    files = {a.question_id: a for a in application.answers.exclude(file="")}
    context = {"application": application, "call": application.call, "form": form, "files": files}
    return render(request, "calls/application_form.html", context)


def _declaration_errors(form, error):
    # Errors on fields that the form does not show (declarations and the like) go on top.
    if hasattr(error, "error_dict"):
        for field, items in error.message_dict.items():
            if field not in form.fields:
                form.add_error(None, items)


@login_required
def application_detail(request, pk):
    application = _application(request, pk)
    user = request.user
    call = application.call
    is_applicant = user.has_perm("calls.change_application", application)
    is_staff = user.has_perm("calls.view_applications", call)
    if not (is_applicant or is_staff):
        review = get_object_or_404(assigned_reviews(user), application=application)
        return redirect("calls:review", review.pk)
    announced = application.status in (S.SHORTLISTED, S.REJECTED, S.SELECTED, S.CONFIRMED)
    reviews = application.reviews.select_related("reviewer").prefetch_related("scores__criterion")
    context = {
        "application": application,
        "call": call,
        "name": applicant_name(application, user),
        "answers": application.answers.select_related("question").order_by("question__order"),
        "reasons": [reason_text(r) for r in application.eligibility_reasons],
        "is_applicant": is_applicant,
        "is_staff": is_staff,
        "can_decide": user.has_perm("calls.decide", application),
        "comments": [r.comment_to_applicant for r in reviews if r.comment_to_applicant]
        if announced or is_staff
        else [],
        "reviews": reviews if is_staff else [],
        "editable": is_applicant and application.status in services.EDITABLE and call.is_open(),
        "can_withdraw": is_applicant and S.WITHDRAWN in services.TRANSITIONS[application.status],
        "can_confirm": is_applicant and application.status == S.SELECTED,
        "override_form": OverrideForm() if is_staff else None,
        "stage_form": StageForm(initial={"decision": application.staged_status}),
        "assign_form": AssignForm(jury=services.jury_of(call)),
        "steps": _steps(application),
    }
    return render(request, "calls/application_detail.html", context)


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
    application = _application(request, pk, perm)
    try:
        fn(application)
    except ValidationError as error:
        _fail(request, error)
    else:
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
    application = _application(request, pk)
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
    review = get_object_or_404(Review.objects.select_related("application__call"), pk=pk)
    require_visible(request.user, "calls.view_application", review.application)
    try:
        services.unassign_reviewer(request.user, review)
    except ValidationError as error:
        _fail(request, error)
    return redirect("calls:application", review.application_id)


@login_required
def answer_file(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("application__call"), pk=pk)
    require_visible(request.user, "calls.view_application", answer.application)
    if not answer.file:
        raise Http404
    return FileResponse(answer.file.open("rb"), as_attachment=True, filename=download_name(answer))


# Staff -----------------------------------------------------------------------------------


@login_required
def applications(request, pk):
    call = _call(request, pk, "calls.view_applications")
    status = request.GET.get("status", "")
    rows = call.applications.select_related("organisation").order_by("reference")
    if status:
        rows = rows.filter(status=status)
    context = {
        "call": call,
        "rows": rows,
        "status": status,
        "statuses": S.choices,
        "staged": call.applications.exclude(staged_status="").count(),
        "can_decide": request.user.has_perm("calls.decide", call),
        "auto_form": AutoAssignForm(initial={"per_application": call.reviewers_per_application}),
    }
    return render(request, "calls/applications.html", context)


@login_required
@require_POST
def auto_assign(request, pk):
    call = _call(request, pk, "calls.view_applications")
    form = AutoAssignForm(request.POST)
    try:
        n = form.cleaned_data["per_application"] if form.is_valid() else None
        if n is None:
            raise ValidationError({"per_application": _("Enter a whole number of at least 1.")})
        count = services.auto_assign(request.user, call, n)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            ngettext("%(n)s assignment made.", "%(n)s assignments made.", count) % {"n": count},
        )
    return redirect("calls:applications", call.pk)


@login_required
@require_POST
def announce(request, pk):
    call = _call(request, pk, "calls.view_applications")
    try:
        count = services.announce(request.user, call)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(n)s decision announced; its notice waits in the outbox.",
                "%(n)s decisions announced; their notices wait in the outbox.",
                count,
            )
            % {"n": count},
        )
    return redirect("calls:applications", call.pk)


@login_required
def ranking_page(request, pk):
    call = _call(request, pk, "calls.view_ranking")
    context = {
        "call": call,
        "rows": ranking(call, request.user),
        "criteria": list(call.criteria.all()),
        "hidden": identity_hidden(request.user, call),
        "not_hidden": not identity_hidden(request.user, call),
        "can_decide": request.user.has_perm("calls.decide", call),
        "app_base": reverse("calls:application", args=[0])[:-2],
        "disagree_label": _("reviewers disagree"),
    }
    return render(request, "calls/ranking.html", context)


@login_required
def ranking_export(request, pk):
    call = _call(request, pk, "calls.view_ranking")
    content = export.ranking_workbook(call, request.user)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="ranking-call-{call.pk}.xlsx"'
    return response


# Reviewers -------------------------------------------------------------------------------


@login_required
def review_list(request):
    return render(request, "calls/reviews.html", {"reviews": assigned_reviews(request.user)})


@login_required
def review(request, pk):
    item = get_object_or_404(assigned_reviews(request.user), pk=pk)
    application = item.application
    criteria = list(application.call.criteria.all())
    scores = dict(item.scores.values_list("criterion_id", "value"))
    initial = {
        "comment_to_applicant": item.comment_to_applicant,
        "comment_internal": item.comment_internal,
    }
    form = ReviewForm(request.POST or None, criteria=criteria, scores=scores, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "reopen":
        services.transition_review(request.user, item, Review.Status.ASSIGNED)
        return redirect("calls:review", item.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.transition_review(
                request.user,
                item,
                Review.Status.SUBMITTED,
                form.scores(),
                form.cleaned_data["comment_to_applicant"],
                form.cleaned_data["comment_internal"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your review is submitted."))
            return redirect("calls:reviews")
    context = {
        "review": item,
        "application": application,
        "call": application.call,
        "name": applicant_name(application, request.user),
        "hidden": identity_hidden(request.user, application.call),
        "answers": application.answers.select_related("question").order_by("question__order"),
        "form": form,
    }
    return render(request, "calls/review.html", context)


@login_required
def conflicts(request, pk):
    call = _call(request, pk, "calls.declare_conflict")
    kinds = call.eligible_kinds or [
        Organisation.Kind.MANUFACTURER,
        Organisation.Kind.SOLUTION_PROVIDER,
    ]
    organisations = Organisation.objects.filter(kind__in=kinds).order_by("name")
    form = ConflictForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        services.declare_conflict(
            request.user, call, form.cleaned_data["organisation"], form.cleaned_data["note"]
        )
        messages.success(request, _("Your conflict of interest is recorded."))
        return redirect("calls:conflicts", call.pk)
    declared = call.conflicts.filter(reviewer=request.user).select_related("organisation")
    return render(
        request, "calls/conflicts.html", {"call": call, "form": form, "declared": declared}
    )


# Notices ---------------------------------------------------------------------------------


@login_required
def outbox(request, pk):
    call = _call(request, pk, "calls.manage_notices")
    status = request.GET.get("status", Notice.Status.HELD)
    notices = call.notices.filter(status=status).select_related("recipient", "application")
    context = {
        "call": call,
        "notices": notices,
        "status": status,
        "statuses": Notice.Status.choices,
    }
    return render(request, "calls/outbox.html", context)


@login_required
def notice_edit(request, pk):
    notice = get_object_or_404(Notice.objects.select_related("call"), pk=pk)
    require_visible(request.user, "calls.manage_notices", notice)
    form = NoticeForm(request.POST or None, instance=notice)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_notice(
                request.user, notice, form.cleaned_data["subject"], form.cleaned_data["body"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The notice is saved."))
            return redirect("calls:outbox", notice.call_id)
    return render(request, "calls/notice_form.html", {"notice": notice, "form": form})


@login_required
@require_POST
def notice_move(request, pk, target):
    notice = get_object_or_404(Notice.objects.select_related("call"), pk=pk)
    require_visible(request.user, "calls.manage_notices", notice)
    if target not in (Notice.Status.RELEASED, Notice.Status.DISCARDED, Notice.Status.HELD):
        raise Http404
    try:
        services.transition_notice(request.user, notice, target)
    except ValidationError as error:
        _fail(request, error)
    return redirect(reverse("calls:outbox", args=[notice.call_id]) + f"?status={notice.status}")


@login_required
@require_POST
def release_all(request, pk):
    call = _call(request, pk, "calls.manage_notices")
    count = services.release_all(request.user, call)
    messages.success(
        request,
        ngettext("%(n)s notice released for sending.", "%(n)s notices released for sending.", count)
        % {"n": count},
    )
    return redirect("calls:outbox", call.pk)


# Pitch day -------------------------------------------------------------------------------


@login_required
def pitch(request, pk):
    call = _call(request, pk)
    user = request.user
    days = [d for d in call.pitch_days.all() if user.has_perm("calls.view_pitch_day", d)]
    for day in days:
        day.agenda = list(day.slots.select_related("application__organisation"))
    can_manage = user.has_perm("calls.manage_pitch", call)
    if not days and not can_manage:
        raise Http404
    firms = Organisation.objects.filter(
        pk__in=member_organisation_ids(user), participations__programme=call.programme
    )
    day_form = PitchDayForm(request.POST or None) if can_manage else None
    if request.method == "POST" and can_manage and day_form.is_valid():
        try:
            services.create_pitch_day(request.user, call, **day_form.cleaned_data)
        except ValidationError as error:
            apply_errors(day_form, error)
        else:
            return redirect("calls:pitch", call.pk)
    marked = set(PitchInterest.objects.filter(firm__in=firms).values_list("slot_id", flat=True))
    shortlisted = call.applications.filter(
        status__in=[S.SHORTLISTED, S.SELECTED, S.CONFIRMED], pitch_slot__isnull=True
    ).select_related("organisation")
    context = {
        "call": call,
        "days": days,
        "can_manage": can_manage,
        "day_form": day_form,
        "slot_form": SlotForm(applications=shortlisted) if can_manage else None,
        "interest_form": InterestForm(firms=firms) if firms else None,
        "marked": marked,
    }
    return render(request, "calls/pitch.html", context)


@login_required
@require_POST
def add_slot(request, pk):
    day = get_object_or_404(PitchDay.objects.select_related("call"), pk=pk)
    require_visible(request.user, "calls.manage_pitch", day)
    form = SlotForm(request.POST, applications=day.call.applications.all())
    if form.is_valid():
        try:
            services.add_slot(request.user, day, **form.cleaned_data)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("The slot is on the agenda."))
    else:
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''}: {errors[0]}"
            )
    return redirect("calls:pitch", day.call_id)


@login_required
@require_POST
def invite(request, pk, reminder=False):
    day = get_object_or_404(PitchDay.objects.select_related("call"), pk=pk)
    require_visible(request.user, "calls.manage_pitch", day)
    count = services.invite_to_pitch(request.user, day, reminder=reminder)
    messages.success(
        request,
        ngettext("%(n)s notice waits in the outbox.", "%(n)s notices wait in the outbox.", count)
        % {"n": count},
    )
    return redirect("calls:pitch", day.call_id)


@login_required
@require_POST
def mark_interest(request, pk):
    slot = get_object_or_404(PitchSlot.objects.select_related("pitch_day__call"), pk=pk)
    require_visible(request.user, "calls.view_pitch_day", slot.pitch_day)
    firms = Organisation.objects.filter(pk__in=member_organisation_ids(request.user))
    form = InterestForm(request.POST, firms=firms)
    if form.is_valid():
        try:
            services.mark_interest(
                request.user, slot, form.cleaned_data["firm"], form.cleaned_data["note"]
            )
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(
                request, _("Your interest is recorded; the programme team will follow up.")
            )
    return redirect("calls:pitch", slot.pitch_day.call_id)


@login_required
def interests(request, pk):
    call = _call(request, pk)
    user = request.user
    rows = PitchInterest.objects.filter(slot__pitch_day__call=call).select_related(
        "firm", "slot__application__organisation"
    )
    can_follow = user.has_perm("calls.follow_up_interest", call)
    if not user.has_perm("calls.view_applications", call):
        mine = member_organisation_ids(user)
        rows = rows.filter(firm_id__in=mine) | rows.filter(
            slot__application__organisation_id__in=mine
        )
    context = {"call": call, "rows": rows, "can_follow": can_follow, "form": FollowUpForm()}
    return render(request, "calls/interests.html", context)


@login_required
@require_POST
def follow_up(request, pk):
    interest = get_object_or_404(
        PitchInterest.objects.select_related("slot__pitch_day__call"), pk=pk
    )
    require_visible(request.user, "calls.view_interest", interest)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.transition_interest(
                request.user, interest, form.cleaned_data["status"], form.cleaned_data["note"]
            )
        except ValidationError as error:
            _fail(request, error)
    return redirect("calls:interests", interest.slot.pitch_day.call_id)
