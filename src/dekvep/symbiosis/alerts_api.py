"""Alerts and renewals in the API (under ``/api/symbiosis/``), over the services of the pages."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import ValidationError as PydanticError

from dekvep.core.models import Membership
from dekvep.core.permissions import get_visible
from dekvep.symbiosis import alerts, expiry
from dekvep.symbiosis.models import AlertFrequency, Listing

router = Router(tags=["symbiosis"])


class AlertPreferenceOut(Schema):
    organisation_id: int
    organisation: str
    frequency: str
    frequency_label: str


class AlertPreferenceIn(Schema):
    frequency: str


class RenewIn(Schema):
    available_until: dt.date | None = None


class RenewalOut(Schema):
    id: int
    title: str
    organisation_id: int
    status: str
    status_label: str
    expires_on: dt.date
    renewed_at: dt.datetime | None


def _preference_out(membership: Membership, frequency: str) -> dict:
    return {
        "organisation_id": membership.organisation_id,
        "organisation": membership.organisation.name,
        "frequency": frequency,
        "frequency_label": str(AlertFrequency(frequency).label),
    }


def _renewal_out(listing: Listing) -> dict:
    return {
        "id": listing.pk,
        "title": listing.title,
        "organisation_id": listing.organisation_id,
        "status": listing.status,
        "status_label": str(listing.get_status_display()),
        "expires_on": expiry.expires_on(listing),
        "renewed_at": listing.renewed_at,
    }


@router.get("/alert-preferences", response=list[AlertPreferenceOut])
def list_alert_preferences(request):
    """How the caller hears about new matches, for each firm they belong to."""
    return [_preference_out(m, m.frequency) for m in alerts.memberships_of(request.user)]


@router.put("/alert-preferences/{organisation_id}", response=AlertPreferenceOut)
def set_alert_preference(request, organisation_id: int, data: AlertPreferenceIn):
    """``at_once``, ``weekly`` or ``never``: the caller's own choice for that firm."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    membership = get_object_or_404(
        Membership.objects.select_related("organisation"),
        user=request.user,
        organisation_id=organisation_id,
    )
    preference = alerts.set_alert_frequency(request.user, membership, data.frequency)
    return _preference_out(membership, preference.frequency)


@router.get("/renewals", response=list[RenewalOut])
def list_renewals(request):
    """The caller's firms' listings that expired or expire within 30 days, soonest first."""
    orgs = [m.organisation_id for m in alerts.memberships_of(request.user)]
    return [_renewal_out(listing) for listing in expiry.listings_to_renew(orgs)]


@router.post("/listings/{pk}/renew", response=RenewalOut)
def renew_listing(request, pk: int):
    """One click: no body needed; ``{"available_until": "2027-06-30"}`` when availability ended.

    (The body is read here because the framework refuses an empty body for a declared one.)"""
    listing = get_visible(
        Listing.objects.select_related("programme"),
        pk,
        request.user,
        "symbiosis.view_listing",
        act="symbiosis.change_listing",
    )
    try:
        raw = request.body.strip() if request.content_type == "application/json" else b""
        until = RenewIn.model_validate_json(raw or b"{}").available_until
    except PydanticError:
        raise ValidationError(
            {"available_until": _("Give the end of availability as a date.")}
        ) from None
    return _renewal_out(expiry.renew_listing(request.user, listing, available_until=until))
