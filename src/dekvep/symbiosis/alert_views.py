"""Pages of alerts and renewals: how a member hears about new matches, listings to renew."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.models import Membership
from dekvep.core.permissions import get_visible
from dekvep.symbiosis import alerts, expiry
from dekvep.symbiosis.models import AlertFrequency, Listing


@login_required
def settings_page(request):
    """A member's choice per firm, and the firm's listings that expired or expire soon."""
    memberships = alerts.memberships_of(request.user)
    if not memberships:
        raise PermissionDenied
    if request.method == "POST":
        membership = get_object_or_404(
            Membership, user=request.user, organisation_id=request.POST.get("organisation")
        )
        with form_errors(request) as saved:
            alerts.set_alert_frequency(request.user, membership, request.POST.get("frequency"))
        if saved:
            messages.success(request, _("Your choice is saved."))
        return redirect("symbiosis:alerts")
    to_renew = expiry.listings_to_renew([m.organisation_id for m in memberships])
    today = timezone.localdate()
    rows = [
        {
            "listing": listing,
            # an expired listing shows its status, not an end its edited dates may have moved
            "expires_on": None
            if listing.status == Listing.Status.EXPIRED
            else expiry.expires_on(listing),
            "expired": listing.status == Listing.Status.EXPIRED,
            "availability_ended": bool(listing.available_until and listing.available_until < today),
        }
        for listing in to_renew
    ]
    context = {
        "memberships": memberships,
        "frequencies": AlertFrequency.choices,
        "rows": rows,
        "window_days": expiry.RENEW_WINDOW_DAYS,
    }
    return render(request, "symbiosis/alerts.html", context)


@login_required
@require_POST
def renew(request, pk):
    listing = get_visible(
        Listing, pk, request.user, "symbiosis.view_listing", act="symbiosis.change_listing"
    )
    until = None
    with form_errors(request) as saved:
        until = _date(request.POST.get("available_until", ""))
        expiry.renew_listing(request.user, listing, available_until=until)
    if saved:
        messages.success(request, _("The listing is renewed for twelve months."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("symbiosis:detail", pk)


def _date(text: str) -> dt.date | None:
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            {"available_until": _("Give the end of availability as a date.")}
        ) from None


def expiry_facts(user, listing: Listing) -> dict | None:
    """When the listing leaves the marketplace and whether ``user`` may renew it (its page)."""
    if not user.has_perm("symbiosis.change_listing", listing):
        return None
    if listing.status not in expiry.RENEWABLE:
        return None
    return {
        "id": listing.pk,
        "expires_on": expiry.expires_on(listing),
        "expired": listing.status == Listing.Status.EXPIRED,
        "can_renew": True,
        "availability_ended": bool(
            listing.available_until and listing.available_until < timezone.localdate()
        ),
    }
