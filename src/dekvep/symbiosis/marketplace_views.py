"""Pages of the solution providers' services and of the challenges drafted from unmatched
offers (the staff's list, the programme's settings)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.calls.models import Call
from dekvep.core.formatting import language_of
from dekvep.core.forms import form_errors
from dekvep.core.models import Organisation
from dekvep.core.permissions import get_visible, require
from dekvep.core.selectors import primary_programme
from dekvep.symbiosis import challenges, providers
from dekvep.symbiosis.identity import firm_name
from dekvep.symbiosis.marketplace_forms import ChallengeSettingsForm, PickCallForm, ServiceForm
from dekvep.symbiosis.models import Listing
from dekvep.symbiosis.selectors import present

# Services -----------------------------------------------------------------------------------


def _provider(user) -> Organisation:
    found = providers.provider_organisations(user).first()
    if found is None:
        raise PermissionDenied
    return found


@login_required
def services(request):
    organisation = _provider(request.user)
    listings = Listing.objects.filter(organisation=organisation).exclude(service="")
    rows = [present(request.user, item, lang=language_of()) for item in listings]
    context = {"organisation": organisation, "rows": rows}
    return render(request, "symbiosis/services.html", context)


@login_required
def service_form(request, pk=None):
    listing = None
    if pk is not None:
        listing = get_visible(
            Listing.objects.select_related("organisation", "programme"),
            pk,
            request.user,
            "symbiosis.view_listing",
            act="symbiosis.offer_service",
        )
        organisation = listing.organisation
    else:
        organisation = _provider(request.user)
    require(request.user, "symbiosis.offer_service", organisation)
    copy = Listing.objects.get(pk=pk) if pk else None
    form = ServiceForm(
        request.POST or None,
        instance=copy,
        organisation=organisation,
        programmes=providers.provider_programmes(organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["service_provinces"] = data.pop("provinces", "")
        programme = data.pop("programme", None)
        with form_errors(request, form) as saved:
            if listing is None:
                listing = providers.create_service(request.user, organisation, programme, **data)
            else:
                providers.update_service(request.user, listing, **data)
        if saved:
            messages.success(request, _("The service is saved."))
            return redirect("symbiosis:detail", listing.pk)
    context = {"form": form, "organisation": organisation, "listing": listing}
    return render(request, "symbiosis/service_form.html", context)


# Challenges ---------------------------------------------------------------------------------


def _proposal_rows(user, programme) -> list[dict]:
    lang = language_of()
    rows = []
    for listing in challenges.unmatched_offers(programme):
        title, description = challenges.anonymised_text(listing, lang)
        rows.append(
            {
                "listing": listing,
                "firm": firm_name(user, listing),
                "days": (timezone.now() - listing.created_at).days,
                "title": title,
                "description": description,
            }
        )
    return rows


@login_required
def challenge_proposals(request):
    programme = primary_programme(request.user)
    require(request.user, "symbiosis.view_challenge_proposals", programme)
    chosen = challenges.challenge_settings(programme)
    call = challenges.target_call(programme)
    may_draft = request.user.has_perm("symbiosis.draft_challenge", programme) and (
        call is None or request.user.has_perm("calls.change_call", call)
    )
    may_set = request.user.has_perm("symbiosis.change_challenge_settings", programme)
    context = {
        "programme": programme,
        "settings": chosen,
        "call": call,
        "rows": _proposal_rows(request.user, programme),
        "may_draft": may_draft,
        "pick_form": PickCallForm(programme=programme, auto_id=False) if call is None else None,
        "settings_form": ChallengeSettingsForm(instance=chosen, programme=programme)
        if may_set
        else None,
        "has_calls": Call.objects.filter(programme=programme).exists(),
    }
    return render(request, "symbiosis/challenge_proposals.html", context)


@login_required
@require_POST
def draft_challenge(request, pk):
    listing = get_visible(
        Listing.objects.select_related("organisation", "programme", "site"),
        pk,
        request.user,
        "symbiosis.view_listing",
    )
    require(request.user, "symbiosis.draft_challenge", listing.programme)
    call = None
    if request.POST.get("call"):
        call = get_object_or_404(Call, pk=request.POST["call"], programme=listing.programme)
    with form_errors(request, message=True) as saved:
        challenge = challenges.draft_challenge(request.user, listing, call)
    if saved:
        messages.success(
            request,
            _("The challenge “%(t)s” is drafted in the call “%(c)s”.")
            % {"t": challenge.title, "c": challenge.call.title},
        )
    return redirect("symbiosis:challenge_proposals")


@login_required
@require_POST
def challenge_settings(request):
    programme = primary_programme(request.user)
    require(request.user, "symbiosis.change_challenge_settings", programme)
    chosen = challenges.challenge_settings(programme)
    form = ChallengeSettingsForm(request.POST, instance=chosen, programme=programme)
    if form.is_valid():
        with form_errors(request, form, message=True) as saved:
            challenges.update_challenge_settings(request.user, programme, **form.cleaned_data)
        if saved:
            messages.success(request, _("The challenge settings are saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("symbiosis:challenge_proposals")
