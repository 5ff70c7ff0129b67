"""Pages for reviewers: their assignments and scoring."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from dekvep.core.forms import form_errors
from dekvep.core.models import Organisation

from .. import services
from ..forms import (
    ConflictForm,
    ReviewForm,
)
from ..identity import applicant_name, identity_hidden
from ..models import (
    Review,
)
from ..selectors import assigned_reviews, load_call

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
    call = load_call(request.user, pk, "calls.declare_conflict")
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
