"""Pages of the marketplace: browse, my listings, a listing with its matches, the synergy board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dekvep.core.formatting import language_of
from dekvep.core.forms import form_errors
from dekvep.core.models import Organisation
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import member_organisation_ids
from dekvep.core.selectors import primary_programme
from dekvep.symbiosis import engine, services
from dekvep.symbiosis.alert_views import expiry_facts
from dekvep.symbiosis.challenges import listing_challenges
from dekvep.symbiosis.downloads import attachment_response
from dekvep.symbiosis.forms import AttachmentForm, ListingForm
from dekvep.symbiosis.identity import firm_name, introduced_organisation_ids
from dekvep.symbiosis.models import Listing, ListingAttachment, MatchRun, Synergy
from dekvep.symbiosis.network import network_svg
from dekvep.symbiosis.selectors import (
    present,
    presented_attachments,
    presented_matches,
    search,
    visible_listings,
    within_km,
)


def _lang() -> str:
    return language_of()


@login_required
def home(request):
    params = {k: request.GET.get(k, "") for k in ("q", "code", "material", "kind")}
    listings = search(visible_listings(request.user), **params)
    params["near_km"] = request.GET.get("near_km", "").strip()
    found, error = _near(request, listings, params["near_km"])
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    introduced = introduced_organisation_ids(request.user)
    pairs = page if params["near_km"] else [(item, None) for item in page]
    rows = [
        {**present(request.user, item, introduced, _lang()), "distance_km": km}
        for item, km in pairs
    ]
    materials = sorted(engine.default_knowledge().materials.values(), key=lambda m: m.name_en)
    context = {
        "rows": rows,
        "page": page,
        "params": params,
        "materials": materials,
        "mine": False,
        "near_error": error,
        "perms_workshop": _can_run_workshop(request.user),
        "can_create": can_create_listing(request.user),
    }
    return render(request, "symbiosis/home.html", context)


def can_create_listing(user) -> bool:
    """Whether "New listing" leads anywhere: the same check ``create`` makes."""
    orgs = sorted(member_organisation_ids(user))
    if not orgs:
        return False
    return user.has_perm("symbiosis.change_listing", Organisation.objects.get(pk=orgs[0]))


def _can_run_workshop(user) -> bool:
    programme = primary_programme(user)
    return programme is not None and user.has_perm("symbiosis.run_workshop", programme)


def _near(request, listings, near_km: str):
    """(listing, km) pairs: all listings, or those within ``near_km`` of the user's sites."""
    if not near_km:
        return listings, ""
    try:
        km = float(near_km.replace(",", "."))
    except ValueError:
        return [], _("Give the distance as a number of kilometres.")
    with form_errors(request, show=False) as found:
        return within_km(request.user, listings, km), ""
    return [], " ".join(found.error.message_dict["near_km"])


@login_required
def mine(request):
    orgs = member_organisation_ids(request.user)
    listings = Listing.objects.filter(organisation_id__in=orgs).select_related("organisation")
    rows = [present(request.user, item, lang=_lang()) for item in listings]
    context = {"rows": rows, "page": None, "params": {}, "materials": [], "mine": True}
    context["perms_workshop"] = _can_run_workshop(request.user)
    context["can_create"] = can_create_listing(request.user)
    return render(request, "symbiosis/home.html", context)


@login_required
def create(request):
    organisation = get_object_or_404(
        Organisation, pk=request.GET.get("organisation") or _first_org(request.user)
    )
    require(request.user, "symbiosis.change_listing", organisation)
    if organisation.kind == Organisation.Kind.SOLUTION_PROVIDER:
        return redirect("symbiosis:service_create")  # a provider lists services
    programme = primary_programme(request.user)
    form = ListingForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form):
            listing = services.create_listing(
                request.user, organisation, programme, **form.cleaned_data
            )
            return redirect("symbiosis:detail", listing.pk)
    return render(
        request, "symbiosis/listing_form.html", {"form": form, "organisation": organisation}
    )


def _first_org(user):
    orgs = sorted(member_organisation_ids(user))
    if not orgs:
        raise PermissionDenied
    return orgs[0]


@login_required
def detail(request, pk):
    listing = get_visible(
        Listing.objects.select_related("organisation", "programme"),
        pk,
        request.user,
        "symbiosis.view_listing",
    )
    matches = presented_matches(request.user, listing, services.matches_for(listing), _lang())
    context = {
        "listing": present(request.user, listing, lang=_lang()),
        "matches": matches,
        "can_change": request.user.has_perm("symbiosis.change_listing", listing),
        "statuses": Listing.Status.choices,
        "status_actions": STATUS_ACTIONS,
        "attachments": presented_attachments(request.user, listing),
        "attachment_form": AttachmentForm(),
        "table": listing.workshop_table,
        "listing_challenges": listing_challenges(request.user, listing),
        "expiry": expiry_facts(request.user, listing),
    }
    return render(request, "symbiosis/listing_detail.html", context)


STATUS_ACTIONS = [
    (Listing.Status.PUBLISHED, gettext_lazy("Publish")),
    (Listing.Status.PAUSED, gettext_lazy("Pause")),
    (Listing.Status.CLOSED, gettext_lazy("Close")),
]


@login_required
def edit(request, pk):
    listing = get_visible(
        Listing.objects.select_related("organisation"),
        pk,
        request.user,
        "symbiosis.view_listing",
        act="symbiosis.change_listing",
    )
    if listing.service:
        return redirect("symbiosis:service_edit", listing.pk)
    # The form works on a copy so that the service sees the listing as it was before.
    copy = Listing.objects.get(pk=pk)
    form = ListingForm(request.POST or None, instance=copy, organisation=listing.organisation)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form):
            services.update_listing(request.user, listing, **form.cleaned_data)
            messages.success(request, _("The listing is saved."))
            return redirect("symbiosis:detail", listing.pk)
    context = {"form": form, "organisation": listing.organisation, "listing": listing}
    return render(request, "symbiosis/listing_form.html", context)


@login_required
@require_POST
def set_status(request, pk):
    listing = get_visible(Listing, pk, request.user, "symbiosis.view_listing")
    services.set_listing_status(request.user, listing, request.POST.get("status", ""))
    return redirect("symbiosis:detail", pk)


@login_required
@require_POST
def add_attachment(request, pk):
    listing = get_visible(Listing, pk, request.user, "symbiosis.view_listing")
    form = AttachmentForm(request.POST, request.FILES)
    with form_errors(request):
        if not form.is_valid():
            raise ValidationError(_("Choose a file."))
        services.add_attachment(request.user, listing, form.cleaned_data["file"])
        messages.success(request, _("The file is attached."))
    return redirect("symbiosis:detail", pk)


@login_required
@require_POST
def delete_attachment(request, pk):
    attachment = get_visible(
        ListingAttachment.objects.select_related("listing"),
        pk,
        request.user,
        "symbiosis.view_listing",
        of="listing",
    )
    services.delete_attachment(request.user, attachment)
    return redirect("symbiosis:detail", attachment.listing_id)


@login_required
def attachment(request, pk):
    return attachment_response(request, pk)


@login_required
@require_POST
def interest(request, pk, other_pk):
    listing, other = get_object_or_404(Listing, pk=pk), get_object_or_404(Listing, pk=other_pk)
    offer, want = (listing, other) if listing.kind == Listing.Kind.OFFER else (other, listing)
    synergy = services.express_interest(request.user, offer, want)
    return redirect("symbiosis:synergy", synergy.pk)


@login_required
def synergies(request):
    found = services.visible_synergies(request.user)
    introduced = introduced_organisation_ids(request.user)
    columns = []
    for state, label in Synergy.State.choices:
        items = [
            {
                "synergy": s,
                "offer": present(request.user, s.offer, introduced),
                "want": present(request.user, s.want, introduced),
            }
            for s in found
            if s.state == state
        ]
        columns.append({"state": state, "label": label, "items": items})
    return render(request, "symbiosis/synergies.html", {"columns": columns})


@login_required
def board(request):
    programme = primary_programme(request.user)
    require(request.user, "symbiosis.view_programme_board", programme)
    run = MatchRun.objects.filter(programme=programme).first()
    results = (
        run.results.select_related("offer__organisation", "want__organisation")[:300] if run else []
    )
    rows = [
        {
            "r": r,
            "offer_firm": firm_name(request.user, r.offer),
            "want_firm": firm_name(request.user, r.want),
        }
        for r in results
    ]
    context = {
        "programme": programme,
        "run": run,
        "results": rows,
        "can_run": request.user.has_perm("symbiosis.run_matching", programme),
        "impact": services.programme_impact(programme),
    }
    return render(request, "symbiosis/board.html", context)


@login_required
@require_POST
def start_run(request):
    programme = primary_programme(request.user)
    services.start_match_run(request.user, programme)
    return redirect("symbiosis:board")


@login_required
def network(request):
    programme = primary_programme(request.user)
    require(request.user, "symbiosis.view_programme_board", programme)
    return HttpResponse(network_svg(programme), content_type="image/svg+xml")
