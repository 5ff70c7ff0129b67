"""Solution providers in the marketplace: the services they offer (recycling, treatment,
logistics, testing) are wants flagged with the service, so the engine, the pages and the CSV
treat them as any want; here are their rules, their saving and the provinces they serve."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from dekvep.core.models import Organisation, Participation, Programme
from dekvep.core.permissions import require
from dekvep.core.rules import member_organisation_ids
from dekvep.symbiosis import services
from dekvep.symbiosis.models import Listing, ServiceKind
from dekvep.symbiosis.reach import province_of, serves, within_reach  # noqa: F401 (part of this API)

SERVICE_FIELDS = (
    "service",
    "title",
    "description",
    "waste_code",
    "material",
    "quantity",
    "unit",
    "frequency",
    "hazardous_licence",
    "available_from",
    "available_until",
    "price",
    "logistics",
    "site",
)
# The provinces are written beside the form's fields: the form asks for them as one text.
_WRITABLE = SERVICE_FIELDS + ("service_provinces",)


def is_provider(organisation: Organisation) -> bool:
    return organisation.kind == Organisation.Kind.SOLUTION_PROVIDER


def provider_organisations(user):
    """The solution-provider organisations the user belongs to."""
    return Organisation.objects.filter(
        pk__in=member_organisation_ids(user), kind=Organisation.Kind.SOLUTION_PROVIDER
    )


def provider_programmes(organisation: Organisation):
    """Programmes a provider takes part in: as a participant, by applying to one of their
    calls, or through a listing it already has there."""
    return Programme.objects.filter(
        Q(pk__in=Participation.objects.filter(organisation=organisation).values("programme_id"))
        | Q(calls__applications__organisation=organisation)
        | Q(listings__organisation=organisation)
    ).distinct()


def served_programme_ids(user) -> set[int]:
    """Programmes where one of the user's providers has a published service: there it sees the
    published listings as a participant firm does (anonymised)."""
    orgs = member_organisation_ids(user)
    if not orgs:
        return set()
    return set(
        Listing.objects.filter(organisation_id__in=orgs, status=Listing.Status.PUBLISHED)
        .exclude(service="")
        .values_list("programme_id", flat=True)
    )


def _provinces(value) -> list[str]:
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    cleaned = [str(p).strip()[:60] for p in value or [] if str(p).strip()]
    if len(cleaned) > 81:
        raise ValidationError({"service_provinces": _("Name at most 81 provinces.")})
    return list(dict.fromkeys(cleaned))


def _check(organisation: Organisation, programme: Programme, service: str) -> None:
    if not is_provider(organisation):
        raise ValidationError(
            {"organisation": _("Only a solution provider's organisation offers services.")}
        )
    if service not in ServiceKind.values:
        raise ValidationError({"service": _("Choose the kind of service.")})
    if programme is None or not provider_programmes(organisation).filter(pk=programme.pk).exists():
        raise ValidationError(
            {"programme": _("Your organisation takes no part in this programme.")}
        )


def create_service(actor, organisation, programme, *, service_provinces=(), **fields) -> Listing:
    """A service listing: a want of the provider, flagged with the service it offers."""
    require(actor, "symbiosis.offer_service", organisation)
    _check(organisation, programme, fields.get("service", ""))
    fields |= {"kind": Listing.Kind.WANT, "service_provinces": _provinces(service_provinces)}
    return services.save_new_listing(
        actor, organisation, programme, allowed=_WRITABLE + ("kind", "status"), **fields
    )


def update_service(actor, listing: Listing, **fields) -> Listing:
    """Change a service listing: its service and provinces beside the usual fields."""
    require(actor, "symbiosis.offer_service", listing)
    if not listing.service:
        raise ValidationError({"service": _("This listing is not a service.")})
    _check(listing.organisation, listing.programme, fields.get("service", listing.service))
    if "service_provinces" in fields:
        fields["service_provinces"] = _provinces(fields["service_provinces"])
    return services.save_listing_changes(actor, listing, fields, _WRITABLE)
