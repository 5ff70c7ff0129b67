"""The solution providers' services and the challenges drafted from unmatched offers, in the API."""

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import ModelSchema, Router, Schema

from dekvep.calls.models import Call
from dekvep.core.formatting import language_of
from dekvep.core.models import Organisation, Programme
from dekvep.core.permissions import get_visible, require
from dekvep.symbiosis import challenges, providers, services
from dekvep.symbiosis.identity import firm_name
from dekvep.symbiosis.models import Listing
from dekvep.symbiosis.schemas import ListingOut
from dekvep.symbiosis.selectors import present

router = Router(tags=["symbiosis"])


class ServiceIn(Schema):
    organisation_id: int
    programme_id: int
    service: str
    title: str
    description: str = ""
    waste_code: str = ""
    material: str = ""
    quantity: float
    unit: str = "t"
    frequency: str = "year"
    service_provinces: list[str] = []
    hazardous_licence: bool = False
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    price: Decimal | None = None
    logistics: str = ""
    site_id: int | None = None


class ServicePatch(ModelSchema):
    """Any of a service's writable fields (``providers.SERVICE_FIELDS``), the site by its id."""

    site_id: int | None = None
    service_provinces: list[str] | None = None

    class Meta:
        model = Listing
        fields = [name for name in providers.SERVICE_FIELDS if name != "site"]
        fields_optional = "__all__"


class ProposalOut(Schema):
    listing_id: int
    listing_title: str
    firm: str
    published_days: int
    challenge_title: str
    challenge_description: str


class ProposalsOut(Schema):
    unmatched_days: int
    acceptable_score: float
    call_id: int | None
    call_title: str
    call_open: bool
    proposals: list[ProposalOut]


class DraftIn(Schema):
    call_id: int | None = None


class ChallengeOut(Schema):
    id: int
    call_id: int
    title: str
    description: str
    source: str


class ProposalRefOut(Schema):
    id: int
    reference: str
    title: str
    status: str
    status_label: str


class ListingChallengeOut(Schema):
    id: int
    call_id: int
    call_title: str
    title: str
    description: str
    proposals: list[ProposalRefOut]


class SettingsIO(Schema):
    unmatched_days: int = 60
    acceptable_score: float = 0.5
    call_id: int | None = None


def _lang() -> str:
    return language_of()


# Services -----------------------------------------------------------------------------------


@router.get("/services", response=list[ListingOut])
def my_services(request):
    orgs = providers.provider_organisations(request.user)
    found = Listing.objects.filter(organisation__in=orgs).exclude(service="")
    return [present(request.user, item, lang=_lang()) for item in found]


@router.post("/services", response={201: ListingOut})
def create_service(request, data: ServiceIn):
    organisation = get_object_or_404(Organisation, pk=data.organisation_id)
    require(request.user, "symbiosis.offer_service", organisation)
    programme = get_object_or_404(Programme, pk=data.programme_id)
    fields = data.dict(exclude={"organisation_id", "programme_id", "site_id"})
    fields["site"] = services.own_site(organisation, data.site_id)
    listing = providers.create_service(request.user, organisation, programme, **fields)
    return 201, present(request.user, listing, lang=_lang())


@router.patch("/services/{pk}", response=ListingOut)
def update_service(request, pk: int, data: ServicePatch):
    listing = get_visible(
        Listing.objects.select_related("organisation", "programme"),
        pk,
        request.user,
        "symbiosis.view_listing",
        act="symbiosis.offer_service",
    )
    fields = {k: v for k, v in data.dict(exclude_unset=True).items() if v is not None}
    if "site_id" in fields:
        fields["site"] = services.own_site(listing.organisation, fields.pop("site_id"))
    listing = providers.update_service(request.user, listing, **fields)
    return present(request.user, listing, lang=_lang())


# Challenges ---------------------------------------------------------------------------------


def _programme(request, pk: int, perm: str) -> Programme:
    programme = get_object_or_404(Programme, pk=pk)
    require(request.user, perm, programme)
    return programme


@router.get("/programmes/{pk}/challenge-proposals", response=ProposalsOut)
def challenge_proposals(request, pk: int):
    programme = _programme(request, pk, "symbiosis.view_challenge_proposals")
    chosen = challenges.challenge_settings(programme)
    call = challenges.target_call(programme)
    now = dt.datetime.now(dt.UTC)
    rows = []
    for listing in challenges.unmatched_offers(programme):
        title, description = challenges.anonymised_text(listing, _lang())
        rows.append(
            {
                "listing_id": listing.pk,
                "listing_title": listing.title,
                "firm": firm_name(request.user, listing),
                "published_days": (now - listing.created_at).days,
                "challenge_title": title,
                "challenge_description": description,
            }
        )
    return {
        "unmatched_days": chosen.unmatched_days,
        "acceptable_score": chosen.acceptable_score,
        "call_id": call.pk if call else None,
        "call_title": call.title if call else "",
        "call_open": bool(call and call.is_open()),
        "proposals": rows,
    }


@router.post("/listings/{pk}/challenge", response={201: ChallengeOut})
def draft_challenge(request, pk: int, data: DraftIn):
    listing = get_visible(
        Listing.objects.select_related("organisation", "programme", "site"),
        pk,
        request.user,
        "symbiosis.view_listing",
    )
    require(request.user, "symbiosis.draft_challenge", listing.programme)
    call = None
    if data.call_id is not None:
        call = get_object_or_404(Call, pk=data.call_id, programme=listing.programme)
    challenge = challenges.draft_challenge(request.user, listing, call)
    return 201, {
        "id": challenge.pk,
        "call_id": challenge.call_id,
        "title": challenge.title,
        "description": challenge.description,
        "source": challenge.source,
    }


@router.get("/listings/{pk}/challenges", response=list[ListingChallengeOut])
def listing_challenges(request, pk: int):
    listing = get_visible(
        Listing.objects.select_related("organisation", "programme"),
        pk,
        request.user,
        "symbiosis.view_listing",
        act="symbiosis.view_listing_challenge",
    )
    return challenges.listing_challenges(request.user, listing)


def _settings_out(found) -> dict:
    return {
        "unmatched_days": found.unmatched_days,
        "acceptable_score": found.acceptable_score,
        "call_id": found.call_id,
    }


@router.get("/programmes/{pk}/challenge-settings", response=SettingsIO)
def get_challenge_settings(request, pk: int):
    programme = _programme(request, pk, "symbiosis.view_challenge_proposals")
    return _settings_out(challenges.challenge_settings(programme))


@router.put("/programmes/{pk}/challenge-settings", response=SettingsIO)
def put_challenge_settings(request, pk: int, data: SettingsIO):
    programme = _programme(request, pk, "symbiosis.change_challenge_settings")
    call = None
    if data.call_id is not None:
        call = get_object_or_404(Call, pk=data.call_id, programme=programme)
    found = challenges.update_challenge_settings(
        request.user,
        programme,
        unmatched_days=data.unmatched_days,
        acceptable_score=data.acceptable_score,
        call=call,
    )
    return _settings_out(found)
