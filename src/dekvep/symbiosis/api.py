"""The marketplace in the API: listings, matches, synergies, match runs, impact."""

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Router
from ninja.pagination import paginate

from dekvep.core.models import Organisation, Programme
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import require, require_visible
from dekvep.core.rules import member_organisation_ids
from dekvep.symbiosis import engine, services
from dekvep.symbiosis.identity import introduced_organisation_ids
from dekvep.symbiosis.models import Listing, MatchRun, Synergy
from dekvep.symbiosis.schemas import (
    CodeProposalOut,
    ExchangeIn,
    ImpactOut,
    InterestIn,
    ListingIn,
    ListingOut,
    MatchOut,
    MatchRunOut,
    StatusIn,
    SynergyOut,
    TransitionIn,
)
from dekvep.symbiosis.selectors import present, presented_matches, search, visible_listings

router = Router(tags=["symbiosis"])


def _lang() -> str:
    return "tr" if (get_language() or "tr").startswith("tr") else "en"


def _listing(request, pk: int) -> Listing:
    listing = get_object_or_404(
        Listing.objects.select_related("organisation", "site", "programme"), pk=pk
    )
    require_visible(request.user, "symbiosis.view_listing", listing)
    return listing


@router.get("/listings", response=list[ListingOut])
@paginate(Pagination)
def list_listings(
    request,
    q: str = "",
    code: str = "",
    material: str = "",
    sector: str = "",
    kind: str = "",
    mine: bool = False,
):
    listings = search(visible_listings(request.user), q, code, material, sector, kind)
    if mine:
        listings = listings.filter(organisation_id__in=member_organisation_ids(request.user))
    introduced = introduced_organisation_ids(request.user)
    return [present(request.user, item, introduced, _lang()) for item in listings]


@router.post("/listings", response={201: ListingOut})
def create_listing(request, data: ListingIn):
    organisation = get_object_or_404(Organisation, pk=data.organisation_id)
    programme = get_object_or_404(Programme, pk=data.programme_id)
    fields = data.dict(exclude={"organisation_id", "programme_id", "site_id"})
    site = organisation.sites.filter(pk=data.site_id).first() if data.site_id else None
    listing = services.create_listing(request.user, organisation, programme, site=site, **fields)
    return 201, present(request.user, listing, lang=_lang())


@router.get("/listings/{pk}", response=ListingOut)
def get_listing(request, pk: int):
    return present(request.user, _listing(request, pk), lang=_lang())


@router.post("/listings/{pk}/status", response=ListingOut)
def set_status(request, pk: int, data: StatusIn):
    listing = services.set_listing_status(request.user, _listing(request, pk), data.status)
    return present(request.user, listing, lang=_lang())


@router.get("/listings/{pk}/matches", response=list[MatchOut])
def listing_matches(request, pk: int, top: int = 10):
    listing = _listing(request, pk)
    matches = services.matches_for(listing, top=min(max(top, 1), 50))
    return presented_matches(request.user, listing, matches, _lang())


@router.get("/code-proposals", response=list[CodeProposalOut])
def code_proposals(request, text: str, sector: str = ""):
    lang = _lang()
    return [
        {
            "code": p.code,
            "hazardous": p.hazardous,
            "score": p.score,
            "description": (p.description_tr or p.description_en)
            if lang == "tr"
            else p.description_en,
        }
        for p in engine.propose_codes(text, sector or None)
    ]


def _synergy_out(request, synergy: Synergy) -> dict:
    introduced = introduced_organisation_ids(request.user)
    orgs = member_organisation_ids(request.user)
    mine = (synergy.offer.organisation_id in orgs and synergy.offer_side_agrees) or (
        synergy.want.organisation_id in orgs and synergy.want_side_agrees
    )
    impact = services.synergy_impact(synergy)
    return {
        "id": synergy.pk,
        "state": synergy.state,
        "introduced": synergy.introduced,
        "my_side_agrees": mine,
        "offer": present(request.user, synergy.offer, introduced, _lang()),
        "want": present(request.user, synergy.want, introduced, _lang()),
        "score": synergy.score,
        "distance_km": synergy.distance_km,
        "dropped_reason": synergy.dropped_reason,
        "tonnes_exchanged": synergy.exchanges.aggregate(t=Sum("tonnes"))["t"] or 0.0,
        "co2e_avoided_t": impact.co2e_avoided_t,
    }


def _synergy(request, pk: int) -> Synergy:
    synergy = get_object_or_404(
        Synergy.objects.select_related("offer__organisation", "want__organisation"), pk=pk
    )
    require_visible(request.user, "symbiosis.view_synergy", synergy)
    return synergy


@router.get("/synergies", response=list[SynergyOut])
@paginate(Pagination)
def list_synergies(request, state: str = ""):
    synergies = services.visible_synergies(request.user)
    if state:
        synergies = synergies.filter(state=state)
    return [_synergy_out(request, s) for s in synergies]


@router.post("/synergies", response={201: SynergyOut})
def express_interest(request, data: InterestIn):
    offer, want = _listing(request, data.offer_id), _listing(request, data.want_id)
    return 201, _synergy_out(request, services.express_interest(request.user, offer, want))


@router.get("/synergies/{pk}", response=SynergyOut)
def get_synergy(request, pk: int):
    return _synergy_out(request, _synergy(request, pk))


@router.post("/synergies/{pk}/introduction", response=SynergyOut)
def agree_to_introduction(request, pk: int):
    return _synergy_out(
        request, services.agree_to_introduction(request.user, _synergy(request, pk))
    )


@router.post("/synergies/{pk}/transition", response=SynergyOut)
def transition(request, pk: int, data: TransitionIn):
    synergy = services.transition_synergy(
        request.user, _synergy(request, pk), data.state, data.reason
    )
    return _synergy_out(request, synergy)


@router.post("/synergies/{pk}/exchanges", response={201: SynergyOut})
def record_exchange(request, pk: int, data: ExchangeIn):
    synergy = _synergy(request, pk)
    services.record_exchange(request.user, synergy, data.date, data.tonnes)
    return 201, _synergy_out(request, synergy)


def _run_out(run: MatchRun) -> dict:
    return {
        "id": run.pk,
        "job_id": run.job_id,
        "offers": run.offers,
        "wants": run.wants,
        "pairs": run.pairs,
        "allocated_t": run.allocated_t,
        "finished": run.finished_at is not None,
    }


@router.post("/programmes/{pk}/match-runs", response={201: MatchRunOut})
def start_match_run(request, pk: int):
    programme = get_object_or_404(Programme, pk=pk)
    run = services.start_match_run(request.user, programme)
    run.refresh_from_db()
    return 201, _run_out(run)


@router.get("/match-runs/{pk}", response=MatchRunOut)
def get_match_run(request, pk: int):
    run = get_object_or_404(MatchRun, pk=pk)
    require(request.user, "symbiosis.view_programme_board", run.programme)
    return _run_out(run)


@router.get("/programmes/{pk}/impact", response=ImpactOut)
def programme_impact(request, pk: int):
    programme = get_object_or_404(Programme, pk=pk)
    user = request.user
    if not (
        user.has_perm("symbiosis.view_programme_board", programme) or _is_funder(user, programme)
    ):
        raise PermissionDenied
    impact = services.programme_impact(programme)
    return {
        "tonnes": impact.tonnes,
        "co2e_avoided_t": impact.co2e_avoided_t,
        "cost_saving_eur": impact.cost_saving_eur,
    }


def _is_funder(user, programme) -> bool:
    from dekvep.core.rules import is_funder_viewer

    return is_funder_viewer(user, programme)


@router.get("/programmes/{pk}/listings.csv")
def export_listings(request, pk: int):
    from django.http import HttpResponse

    from dekvep.symbiosis.interchange import export_csv

    programme = get_object_or_404(Programme, pk=pk)
    listings = visible_listings(request.user).filter(
        programme=programme, status=Listing.Status.PUBLISHED
    )
    response = HttpResponse(export_csv(listings), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="listings.csv"'
    return response


@router.post("/organisations/{pk}/listings/import", response={201: list[ListingOut]})
def import_listings(request, pk: int, programme_id: int):
    from dekvep.symbiosis.interchange import import_csv

    organisation = get_object_or_404(Organisation, pk=pk)
    require(request.user, "symbiosis.change_listing", organisation)
    programme = get_object_or_404(Programme, pk=programme_id)
    upload = request.FILES.get("file")
    data = upload.read() if upload else request.body
    created = import_csv(request.user, organisation, programme, data)
    return 201, [present(request.user, item, lang=_lang()) for item in created]
