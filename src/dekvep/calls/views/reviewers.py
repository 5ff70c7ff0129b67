"""Pages for reviewers: their assignments and scoring."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from dekvep.core.forms import form_errors

from .. import services
from ..blinding import Shown
from ..forms import (
    ConflictForm,
    ReviewForm,
)
from ..identity import applicant_name, identity_hidden
from ..models import (
    Review,
    ReviewPhase,
)
from ..selectors import assigned_reviews, load_call

# Reviewers -------------------------------------------------------------------------------


@login_required
def review_list(request):
    reviews = list(assigned_reviews(request.user))
    _share_phases([item.application.call for item in reviews])
    for item in reviews:
        # Blind reviewers read [firma] where a title names the applicant.
        item.shown_title = Shown(item.application, request.user).title
    return render(request, "calls/reviews.html", {"reviews": reviews})


def _share_phases(calls) -> None:
    """Read the review phases of every listed call at once (each row asks whether its call is
    blind), instead of once per row."""
    phases = {call.pk: [] for call in calls}
    for phase in ReviewPhase.objects.filter(call_id__in=phases):
        phases[phase.call_id].append(phase)
    for call in calls:
        call._phases_cache = phases[call.pk]


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
        with form_errors(request, form) as done:
            services.transition_review(
                request.user,
                item,
                Review.Status.SUBMITTED,
                form.scores(),
                form.cleaned_data["comment_to_applicant"],
                form.cleaned_data["comment_internal"],
            )
        if done:
            messages.success(request, _("Your review is submitted."))
            return redirect("calls:reviews")
    shown = Shown(application, request.user)
    answers = list(application.answers.select_related("question").order_by("question__order"))
    for answer in answers:
        answer.shown = shown.text(answer.display())
    context = {
        "review": item,
        "application": application,
        "shown": shown,
        "call": application.call,
        "name": applicant_name(application, request.user),
        "hidden": identity_hidden(request.user, application.call),
        "answers": answers,
        "form": form,
    }
    return render(request, "calls/review.html", context)


@login_required
def conflicts(request, pk):
    call = load_call(request.user, pk, "calls.declare_conflict")
    references = call.applications.order_by("reference").values_list("reference", flat=True)
    form = ConflictForm(request.POST or None, references=list(references))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_errors(request, form) as done:
            if data["application"]:
                services.declare_for_application(
                    request.user, call, data["application"], data["note"]
                )
            else:
                services.declare_by_name(request.user, call, data["name"], data["note"])
        if done:
            messages.success(request, _("Your conflict of interest is recorded."))
            return redirect("calls:conflicts", call.pk)
    declared = call.conflicts.filter(reviewer=request.user).select_related("organisation")
    return render(
        request, "calls/conflicts.html", {"call": call, "form": form, "declared": declared}
    )
