"""The marketplace in the API: listings, matches, synergies, match runs, impact."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate

from dekvep.catalog.waste import mirror_pair
from dekvep.core.formatting import language_of
from dekvep.core.i18n import pick
from dekvep.core.models import Organisation, Programme
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import is_funder_viewer, member_organisation_ids
from dekvep.core.states import allowed_transitions
from dekvep.roadmaps.models import Workshop
from dekvep.symbiosis import engine, exchanges, services, workshop
from dekvep.symbiosis.downloads import attachment_response
from dekvep.symbiosis.geo_privacy import shown_match_distance
from dekvep.symbiosis.identity import introduced_organisation_ids
from dekvep.symbiosis.interchange import export_csv, import_csv
from dekvep.symbiosis.models import (
    Exchange,
    Listing,
    ListingAttachment,
    MatchRun,
    Synergy,
)
from dekvep.symbiosis.schemas import (
    AgreementIn,
    AgreementOut,
    AttachmentOut,
    CodeProposalOut,
    ExchangeIn,
    ImpactOut,
    InterestIn,
    ListingIn,
    ListingOut,
    ListingPatch,
    MatchOut,
    MatchRunOut,
    RouteIn,
    StatusIn,
    SynergyOut,
    TableIn,
    TableListingOut,
    TableMatchOut,
    TableOut,
    TransitionIn,
    WorkshopRowsIn,
)
from dekvep.symbiosis.selectors import (
    load_workshop_table,
    present,
    presented_attachments,
    presented_matches,
    search,
    visible_listings,
    within_km,
)

router = Router(tags=["symbiosis"])


def _lang() -> str:
    return language_of()


def _listing(request, pk: int) -> Listing:
    return get_visible(
        Listing.objects.select_related("organisation", "site", "programme"),
        pk,
        request.user,
        "symbiosis.view_listing",
    )


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
    near_km: float | None = None,
):
    listings = search(visible_listings(request.user), q, code, material, sector, kind)
    if mine:
        listings = listings.filter(organisation_id__in=member_organisation_ids(request.user))
    introduced = introduced_organisation_ids(request.user)
    if near_km is None:
        return [present(request.user, item, introduced, _lang()) for item in listings]
    return [
        {**present(request.user, item, introduced, _lang()), "distance_km": round(km, 1)}
        for item, km in within_km(request.user, listings, near_km)
    ]


@router.post("/listings", response={201: ListingOut})
def create_listing(request, data: ListingIn):
    organisation = get_object_or_404(Organisation, pk=data.organisation_id)
    programme = get_object_or_404(Programme, pk=data.programme_id)
    fields = data.dict(exclude={"organisation_id", "programme_id", "site_id"})
    site = services.own_site(organisation, data.site_id)
    listing = services.create_listing(request.user, organisation, programme, site=site, **fields)
    return 201, present(request.user, listing, lang=_lang())


@router.get("/listings/{pk}", response=ListingOut)
def get_listing(request, pk: int):
    return present(request.user, _listing(request, pk), lang=_lang())


@router.patch("/listings/{pk}", response=ListingOut)
def update_listing(request, pk: int, data: ListingPatch):
    listing = _listing(request, pk)
    fields = data.dict(exclude_unset=True)
    if "site_id" in fields:
        fields["site"] = services.own_site(listing.organisation, fields.pop("site_id"))
    for name in ("title", "kind", "unit", "frequency", "quantity"):
        if name in fields and fields[name] is None:
            raise ValidationError({name: _("This field cannot be empty.")})
    fields = {k: ("" if v is None and k in TEXT_FIELDS else v) for k, v in fields.items()}
    listing = services.update_listing(request.user, listing, **fields)
    return present(request.user, listing, lang=_lang())


TEXT_FIELDS = {
    "description",
    "waste_code",
    "material",
    "form",
    "logistics",
    "colour",
    "grade",
    "contamination",
    "physical_form",
    "moisture",
    "capacity_process",
}


@router.get("/listings/{pk}/attachments", response=list[AttachmentOut])
def list_attachments(request, pk: int):
    return presented_attachments(request.user, _listing(request, pk))


@router.post("/listings/{pk}/attachments", response={201: AttachmentOut})
def add_attachment(request, pk: int, file: UploadedFile = File(...)):
    listing = _listing(request, pk)
    attachment = services.add_attachment(request.user, listing, file)
    shown = presented_attachments(request.user, listing)
    return 201, next(a for a in shown if a["id"] == attachment.pk)


@router.get("/attachments/{pk}")
def download_attachment(request, pk: int):
    return attachment_response(request, pk)


@router.delete("/attachments/{pk}", response={204: None})
def delete_attachment(request, pk: int):
    attachment = get_visible(
        ListingAttachment.objects.select_related("listing"),
        pk,
        request.user,
        "symbiosis.view_listing",
        of="listing",
    )
    services.delete_attachment(request.user, attachment)
    return 204, None


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
            "description": pick(p.description_tr, p.description_en, lang),
            **_mirror(p.code, lang),
        }
        for p in engine.propose_codes(text, sector or None)
    ]


def _mirror(code: str, lang: str) -> dict:
    pair = mirror_pair(code, lang)
    if pair is None:
        return {}
    question = _(
        "Does an analysis show hazardous substances in the waste? If yes, declare "
        "%(hazardous)s; if not, %(other)s."
    ) % {"hazardous": pair.hazardous[0].display_code, "other": pair.other[0].display_code}
    return {"mirror_pair": pair.display, "mirror_question": question}


def _synergy_distance(user, synergy: Synergy, orgs, introduced):
    """Exact for staff and introduced sides; coarse while the other side is anonymous."""
    if synergy.offer.organisation_id in orgs:
        own, other = synergy.offer, synergy.want
    else:
        own, other = synergy.want, synergy.offer
    return shown_match_distance(user, own, other, synergy.distance_km, introduced)


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
        "distance_km": _synergy_distance(request.user, synergy, orgs, introduced),
        "dropped_reason": synergy.dropped_reason,
        "tonnes_exchanged": synergy.exchanges.aggregate(t=Sum("tonnes"))["t"] or 0.0,
        "co2e_avoided_t": impact.co2e_avoided_t,
        "allowed_transitions": allowed_transitions(synergy, request.user),
        "baseline_route": synergy.baseline_route,
        "receiving_process": synergy.receiving_process,
        "ended_on": synergy.ended_on,
        "impact": _impact_out(impact),
        "realised": _impact_out(exchanges.synergy_realised(synergy)),
        "exchanges": [exchanges.present_exchange(request.user, e) for e in synergy.exchanges.all()],
    }


def _impact_out(impact: engine.Impact) -> dict:
    return {
        "tonnes": impact.tonnes,
        "baseline_route": impact.baseline_route,
        "substitute": impact.substitute,
        "baseline_t_co2e": impact.disposal_t_co2e,
        "new_route_t_co2e": impact.new_route_t_co2e,
        "substituted_t_co2e": impact.virgin_t_co2e,
        "transport_t_co2e": impact.transport_t_co2e,
        "co2e_avoided_t": impact.co2e_avoided_t,
        "disposal_saving_eur": impact.disposal_saving_eur,
        "material_value_eur": impact.material_value_eur,
        "transport_cost_eur": impact.transport_cost_eur,
        "cost_saving_eur": impact.cost_saving_eur,
        "cost_saving_try": impact.cost_saving_try,
        "savings_not_reported": impact.savings_not_reported,
    }


def _synergy(request, pk: int) -> Synergy:
    return get_visible(
        Synergy.objects.select_related("offer__organisation", "want__organisation"),
        pk,
        request.user,
        "symbiosis.view_synergy",
    )


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
    services.record_exchange(request.user, synergy, **data.dict())
    return 201, _synergy_out(request, synergy)


@router.post("/synergies/{pk}/route", response=SynergyOut)
def set_route(request, pk: int, data: RouteIn):
    synergy = exchanges.set_route(
        request.user, _synergy(request, pk), data.baseline_route, data.receiving_process
    )
    return _synergy_out(request, synergy)


def _exchange(request, pk: int, exchange: int):
    synergy = _synergy(request, pk)
    return synergy, get_object_or_404(Exchange, pk=exchange, synergy=synergy)


@router.post("/synergies/{pk}/exchanges/{exchange}/confirm", response=SynergyOut)
def confirm_exchange(request, pk: int, exchange: int):
    synergy, found = _exchange(request, pk, exchange)
    exchanges.confirm(request.user, found)
    return _synergy_out(request, synergy)


@router.post("/synergies/{pk}/exchanges/{exchange}/verify", response=SynergyOut)
def verify_exchange(request, pk: int, exchange: int):
    synergy, found = _exchange(request, pk, exchange)
    exchanges.verify(request.user, found)
    return _synergy_out(request, synergy)


@router.post("/synergies/{pk}/exchanges/{exchange}/invoice", response=SynergyOut)
def upload_invoice(request, pk: int, exchange: int, file: UploadedFile = File(...)):
    synergy, found = _exchange(request, pk, exchange)
    exchanges.attach_invoice(request.user, found, file)
    return _synergy_out(request, synergy)


@router.get("/synergies/{pk}/exchanges/{exchange}/invoice")
def download_invoice(request, pk: int, exchange: int):
    _synergy_, found = _exchange(request, pk, exchange)
    return exchanges.invoice_response(request.user, found)


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
    # 404 for a run the user may not see, as for every other object.
    run = get_visible(
        MatchRun.objects.select_related("programme"),
        pk,
        request.user,
        "symbiosis.view_programme_board",
        of="programme",
    )
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
        "savings_not_reported": impact.savings_not_reported,
    }


def _is_funder(user, programme) -> bool:
    return is_funder_viewer(user, programme)


@router.get("/programmes/{pk}/listings.csv")
def export_listings(request, pk: int):
    programme = get_object_or_404(Programme, pk=pk)
    listings = visible_listings(request.user).filter(
        programme=programme, status=Listing.Status.PUBLISHED
    )
    response = HttpResponse(export_csv(listings), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="listings.csv"'
    return response


@router.post("/organisations/{pk}/listings/import", response={201: list[ListingOut]})
def import_listings(request, pk: int, programme_id: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    require(request.user, "symbiosis.change_listing", organisation)
    programme = get_object_or_404(Programme, pk=programme_id)
    upload = request.FILES.get("file")
    data = upload.read() if upload else request.body
    created = import_csv(request.user, organisation, programme, data)
    return 201, [present(request.user, item, lang=_lang()) for item in created]


# Workshop mode ------------------------------------------------------------------------------


@router.get("/workshop-tables", response=list[TableOut])
@paginate(Pagination)
def list_tables(request):
    return [workshop.present_table(t) for t in workshop.visible_tables(request.user)]


@router.post("/workshop-tables", response={201: TableOut})
def create_table(request, data: TableIn):
    programme = get_object_or_404(Programme, pk=data.programme_id)
    found = None
    if data.workshop_id:
        found = get_object_or_404(Workshop, pk=data.workshop_id)
    organisations = Organisation.objects.filter(pk__in=data.organisation_ids)
    table = workshop.create_table(request.user, programme, data.title, found, organisations)
    return 201, workshop.present_table(table)


@router.get("/workshop-tables/{pk}", response=TableOut)
def get_table(request, pk: int):
    return workshop.present_table(load_workshop_table(request.user, pk))


@router.get("/workshop-tables/{pk}/listings", response=list[TableListingOut])
def table_listings(request, pk: int):
    return [
        workshop.present_row(item)
        for item in workshop.table_listings(load_workshop_table(request.user, pk))
    ]


@router.post("/workshop-tables/{pk}/listings", response={201: list[TableListingOut]})
def enter_listings(request, pk: int, data: WorkshopRowsIn):
    table = load_workshop_table(request.user, pk)
    if data.tsv.strip():
        rows, where = workshop.parse_tsv(data.tsv), "line"
    else:
        rows = [workshop.Row(n, r.dict()) for n, r in enumerate(data.rows, 1)]
        where = "row"
    created = workshop.enter_listings(request.user, table, rows, where)
    return 201, [workshop.present_row(item) for item in created]


@router.get("/workshop-tables/{pk}/matches", response=list[TableMatchOut])
def table_matches(request, pk: int):
    return workshop.board(load_workshop_table(request.user, pk), _lang())


@router.get("/workshop-tables/{pk}/agreements", response=list[AgreementOut])
def list_agreements(request, pk: int):
    table = load_workshop_table(request.user, pk)
    found = table.agreements.select_related("offer__organisation", "want__organisation")
    return [workshop.present_agreement(a) for a in found]


@router.post("/workshop-tables/{pk}/agreements", response={201: AgreementOut})
def agree(request, pk: int, data: AgreementIn):
    table = load_workshop_table(request.user, pk)
    offer = get_object_or_404(table.listings.select_related("organisation"), pk=data.offer_id)
    want = get_object_or_404(table.listings.select_related("organisation"), pk=data.want_id)
    agreement = workshop.agree(request.user, table, offer, want, data.note)
    return 201, workshop.present_agreement(agreement)
