"""API for inventories, their review, Excel templates, reports, opportunities and sector reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from dekvep.core.formatting import language_of
from dekvep.core.jobs import start_job
from dekvep.core.models import Organisation, Programme, Site
from dekvep.core.pagination import Pagination
from dekvep.core.permissions import get_visible, require
from dekvep.core.selectors import visible_programmes
from dekvep.core.uploads import validate_upload

from . import reporting, reports, services
from .engine import InventoryError, assess
from .engine.benchmarks import INDICATORS, summary
from .engine.disclosure import MIN_FIRMS_TOTAL, total
from .engine.finance import default_discount_rate
from .models import Report
from .selectors import (
    load_inventory,
    load_opportunity,
    sector_results,
    visible_inventories,
    visible_reports,
)
from .tasks import generate_programme_reports

router = Router(tags=["assessment"])


class InventoryIn(Schema):
    organisation_id: int
    programme_id: int
    year: int
    site_id: int | None = None
    data: dict[str, Any] | None = None


class InventoryOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str
    programme_id: int
    site_id: int | None
    year: int
    sector: str
    product_group: str
    status: str
    factor_set: str
    has_report: bool
    submitted_at: datetime | None
    approved_at: datetime | None

    @staticmethod
    def resolve_organisation_name(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_has_report(obj):
        return obj.result is not None


class InventoryDetailOut(InventoryOut):
    data: dict[str, Any]
    errors: list[dict[str, str]]

    @staticmethod
    def resolve_errors(obj):
        return services.data_errors(obj.data)


class DataIn(Schema):
    data: dict[str, Any]


class SaveOut(Schema):
    status: str
    errors: list[dict[str, str]]
    # The background job that read an upload (without a broker it has ended by the answer).
    job_id: int | None = None


class TransitionIn(Schema):
    action: str
    comment: str = ""


class CommentIn(Schema):
    body: str


class CommentOut(Schema):
    id: int
    author: str
    body: str
    action: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj):
        return str(obj.author) if obj.author else ""


class OpportunityIn(Schema):
    title_en: str | None = None
    title_tr: str | None = None
    kind: str | None = None
    saving: float | None = None
    saving_unit: str | None = None
    money_try_per_year: float | None = None
    tco2e_per_year: float | None = None
    investment_try: float | None = None
    priority: str | None = None
    note: str | None = None


class OpportunityOut(Schema):
    id: int
    inventory_id: int
    measure_id: str
    title_en: str
    title_tr: str
    kind: str
    saving: float
    saving_unit: str
    money_try_per_year: float
    tco2e_per_year: float
    investment_try: float
    payback_years: float | None
    priority: str
    status: str
    note: str
    source: str


class DecisionIn(Schema):
    decision: str
    note: str = ""


class JobOut(Schema):
    id: int
    status: str
    done: int
    total: int


class ReportIn(Schema):
    language: str = "tr"


class SectorReportIn(Schema):
    language: str = "tr"
    year: int | None = None


class ReportOut(Schema):
    id: int
    kind: str
    programme_id: int
    organisation_id: int | None
    organisation_name: str | None
    sector: str
    year: int
    language: str
    inventory_id: int | None
    firms: int | None
    factor_set_name: str
    factor_set_version: str
    issued_at: datetime
    issued_by: str | None
    status: str
    download_url: str

    @staticmethod
    def resolve_organisation_name(obj):
        return obj.organisation.name if obj.organisation_id else None

    @staticmethod
    def resolve_issued_by(obj):
        return str(obj.issued_by) if obj.issued_by_id else None

    @staticmethod
    def resolve_download_url(obj):
        return f"/api/assessment/reports/{obj.pk}/download"


@router.post("/assess", auth=None)
def assess_json(request, payload: DataIn):
    """Run the engine on a JSON inventory without saving anything (as ``dekvep assess``)."""

    try:
        return assess(payload.data).as_dict()
    except InventoryError as error:
        raise ValidationError({e.path: e.message for e in error.errors}) from None


@router.get("/inventories", response=list[InventoryOut])
@paginate(Pagination)
def list_inventories(request, year: int | None = None, status: str = ""):
    inventories = visible_inventories(request.user)
    if year:
        inventories = inventories.filter(year=year)
    if status:
        inventories = inventories.filter(status=status)
    return inventories.order_by("-year", "organisation__name")


@router.post("/inventories", response={201: InventoryDetailOut})
def create_inventory(request, payload: InventoryIn):
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    programme = get_object_or_404(
        visible_programmes(request.user).distinct(), pk=payload.programme_id
    )
    site = get_object_or_404(Site, pk=payload.site_id) if payload.site_id else None
    return 201, services.create_inventory(
        request.user, organisation, programme, payload.year, site, payload.data
    )


@router.get("/inventories/{pk}", response=InventoryDetailOut)
def get_inventory(request, pk: int):
    return load_inventory(request.user, pk)


@router.put("/inventories/{pk}/data", response=SaveOut)
def save_data(request, pk: int, payload: DataIn):
    inventory = load_inventory(request.user, pk, "assessment.change_inventory")
    errors = services.save_inventory_data(request.user, inventory, payload.data)
    return {"status": inventory.status, "errors": errors}


@router.post("/inventories/{pk}/validate", response=SaveOut)
def validate_data(request, pk: int, payload: DataIn):
    inventory = load_inventory(request.user, pk, "assessment.change_inventory")
    data = {
        **payload.data,
        "organization": inventory.organisation.name,
        "sector": inventory.sector,
        "year": inventory.year,
    }
    return {"status": inventory.status, "errors": services.data_errors(data)}


@router.post("/inventories/{pk}/transition", response=InventoryDetailOut)
def transition(request, pk: int, payload: TransitionIn):
    inventory = load_inventory(request.user, pk)
    return services.transition(request.user, inventory, payload.action, payload.comment)


@router.get("/inventories/{pk}/comments", response=list[CommentOut])
@paginate(Pagination)
def list_comments(request, pk: int):
    return load_inventory(request.user, pk).comments.select_related("author")


@router.post("/inventories/{pk}/comments", response={201: CommentOut})
def add_comment(request, pk: int, payload: CommentIn):
    return 201, services.add_comment(request.user, load_inventory(request.user, pk), payload.body)


@router.get("/inventories/{pk}/template.xlsx")
def excel_template(request, pk: int, lang: str = "tr"):
    inventory = load_inventory(request.user, pk)
    response = HttpResponse(
        services.workbook_for(request.user, inventory, lang),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="inventory-{pk}.xlsx"'
    return response


@router.post("/inventories/{pk}/upload", response=SaveOut)
def excel_upload(request, pk: int, file: File[UploadedFile]):
    inventory = load_inventory(request.user, pk, "assessment.change_inventory")
    validate_upload(file, allowed=(".xlsx",))
    job = services.queue_workbook_import(request.user, inventory, file.read())
    error = services.upload_error_of(job)
    if error:
        raise error
    inventory.refresh_from_db()
    return {"status": inventory.status, "errors": [], "job_id": job.pk}


@router.get("/inventories/{pk}/report")
def report(request, pk: int):
    """The assessment result with peer percentiles (404 until the data is valid)."""
    inventory = load_inventory(request.user, pk, "assessment.view_report")
    if not inventory.result:
        raise Http404
    return {
        **inventory.result,
        "benchmarks": {
            **inventory.result["benchmarks"],
            "peer_percentiles": reporting.peer_percentiles(inventory),
        },
    }


@router.get("/inventories/{pk}/report.pdf")
def report_pdf(request, pk: int, lang: str = "tr"):
    inventory = load_inventory(request.user, pk, "assessment.view_report")
    content = reports.firm_report_pdf(request.user, inventory, "en" if lang == "en" else "tr")
    if content is None:
        raise Http404
    return HttpResponse(content, content_type="application/pdf")


@router.get("/inventories/{pk}/opportunities", response=list[OpportunityOut])
@paginate(Pagination)
def list_opportunities(request, pk: int):
    return load_inventory(request.user, pk, "assessment.view_report").opportunities.all()


@router.post("/inventories/{pk}/opportunities", response={201: OpportunityOut})
def add_opportunity(request, pk: int, payload: OpportunityIn):
    inventory = load_inventory(request.user, pk, "assessment.manage_opportunities")
    fields = payload.dict(exclude_none=True)
    return 201, services.add_opportunity(request.user, inventory, **fields)


@router.patch("/opportunities/{pk}", response=OpportunityOut)
def update_opportunity(request, pk: int, payload: OpportunityIn):
    opportunity = load_opportunity(request.user, pk)
    return services.update_opportunity(
        request.user, opportunity, **payload.dict(exclude_unset=True, exclude_none=True)
    )


@router.post("/opportunities/{pk}/decision", response=OpportunityOut)
def decide_opportunity(request, pk: int, payload: DecisionIn):
    opportunity = load_opportunity(request.user, pk)
    return services.decide_opportunity(request.user, opportunity, payload.decision, payload.note)


@router.post("/inventories/{pk}/wastes/{index}/offer")
def waste_offer(request, pk: int, index: int):
    offer = services.create_offer_from_waste(request.user, load_inventory(request.user, pk), index)
    return {"offer_id": getattr(offer, "pk", None)}


class SettingsIn(Schema):
    discount_rate: float | None = None
    origin_carbon_price_eur_per_t: float = 0.0
    gwp_set: str = "AR5"


class SettingsOut(Schema):
    programme_id: int
    discount_rate: float | None
    discount_rate_used: float
    origin_carbon_price_eur_per_t: float
    gwp_set: str


def _settings_out(found) -> dict:

    rate = found.discount_rate
    return {
        "programme_id": found.programme_id,
        "discount_rate": rate,
        "discount_rate_used": default_discount_rate() if rate is None else rate,
        "origin_carbon_price_eur_per_t": found.origin_carbon_price_eur_per_t,
        "gwp_set": found.gwp_set,
    }


def _settings_programme(request, programme_id: int) -> Programme:
    return get_visible(
        visible_programmes(request.user).distinct(),
        programme_id,
        request.user,
        "assessment.view_settings",
    )


@router.get("/programmes/{programme_id}/settings", response=SettingsOut)
def get_settings(request, programme_id: int):
    """The programme's assessment settings (discount rate, Turkish carbon price, GWP set)."""
    programme = _settings_programme(request, programme_id)
    return _settings_out(services.programme_settings(programme))


@router.put("/programmes/{programme_id}/settings", response=SettingsOut)
def put_settings(request, programme_id: int, payload: SettingsIn):
    programme = _settings_programme(request, programme_id)
    found = services.update_programme_settings(request.user, programme, **payload.dict())
    return _settings_out(found)


def _programme(request, programme_id: int) -> Programme:
    programme = get_object_or_404(Programme, pk=programme_id)
    require(request.user, "assessment.view_sector_report", programme)
    return programme


# Keys of the sector report's data the answer leaves out: the older keys give the same figures,
# and ``enough`` is the page's switch (below three firms every section is null and withheld).
_SECTOR_KEYS_GIVEN = {"sector", "firms", "enough", "ghg_total_tco2e"}
_SECTOR_KEYS_GIVEN |= {"package_money_try_per_year", "package_tco2e_per_year"}


@router.get("/programmes/{programme_id}/sectors/{sector}/report")
def sector_report(request, programme_id: int, sector: str, year: int | None = None, lang: str = ""):
    """Anonymous sector aggregates under the disclosure rules: quartiles from five firms, totals
    from three firms where none makes up more than half, rounded. Every section of the sector
    page follows (``sector_data``), its labels in ``lang`` (else the request's language)."""
    programme = _programme(request, programme_id)
    results = sector_results(programme, sector, year)
    enough = len(results) >= MIN_FIRMS_TOTAL
    found = {
        "sector": sector,
        "firms": len(results) if enough else None,
        "indicators": {
            name: summary(r["benchmarks"]["values"].get(name) for r in results)
            for name in INDICATORS
        },
        "total_tco2e": total(r["ghg"]["total_location_tco2e"] for r in results),
        "package_money_try_per_year": total(
            (r.get("package") or {}).get("money_try_per_year") for r in results
        ),
        "package_tco2e_per_year": total(
            (r.get("package") or {}).get("tco2e_per_year") for r in results
        ),
    }
    data = reports.sector_report_data(programme, sector, language_of(lang), year, results)
    return found | {k: v for k, v in data.items() if k not in _SECTOR_KEYS_GIVEN}


@router.get("/programmes/{programme_id}/sectors/{sector}/report.pdf")
def sector_report_pdf(request, programme_id: int, sector: str, lang: str = "tr"):
    programme = _programme(request, programme_id)
    content = reports.sector_report_pdf(programme, sector, "en" if lang == "en" else "tr")
    return HttpResponse(content, content_type="application/pdf")


@router.post("/programmes/{programme_id}/reports/generate", response={202: JobOut})
def generate_reports(request, programme_id: int, lang: str = "tr"):
    programme = get_object_or_404(Programme, pk=programme_id)
    if not request.user.has_perm("assessment.generate_reports", programme):
        raise PermissionDenied

    job = start_job("assessment_reports", created_by=request.user, programme=programme)
    transaction.on_commit(lambda: generate_programme_reports.delay(job.pk, programme.pk, lang))
    return 202, job


# Issued reports --------------------------------------------------------------------------------


@router.get("/reports", response=list[ReportOut])
@paginate(Pagination)
def list_reports(
    request,
    kind: str = "",
    year: int | None = None,
    status: str = "issued",
    organisation_id: int | None = None,
):
    """Issued reports the user may read (``status=`` empty for superseded ones too)."""
    reports_ = visible_reports(request.user)
    if kind:
        reports_ = reports_.filter(kind=kind)
    if year:
        reports_ = reports_.filter(year=year)
    if status:
        reports_ = reports_.filter(status=status)
    if organisation_id:
        reports_ = reports_.filter(organisation_id=organisation_id)
    return reports_


def _report(request, pk: int) -> Report:
    return get_visible(
        Report.objects.select_related("programme", "organisation", "inventory", "issued_by"),
        pk,
        request.user,
        "assessment.view_issued_report",
    )


@router.get("/reports/{pk}", response=ReportOut)
def get_report(request, pk: int):
    return _report(request, pk)


@router.get("/reports/{pk}/download")
def download_report(request, pk: int):
    """The issued PDF (rendered and stored on the first download when recorded without one)."""
    report = _report(request, pk)
    content = reporting.report_pdf(request.user, report)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.download_name}"'
    return response


@router.post("/inventories/{pk}/reports", response={201: ReportOut})
def issue_firm_report(request, pk: int, payload: ReportIn):
    inventory = load_inventory(request.user, pk, "assessment.issue_report")
    return 201, reporting.issue_firm_report(request.user, inventory, payload.language)


@router.post("/programmes/{programme_id}/sectors/{sector}/reports", response={201: ReportOut})
def issue_sector_report(request, programme_id: int, sector: str, payload: SectorReportIn):
    programme = _programme(request, programme_id)
    return 201, reporting.issue_sector_report(
        request.user, programme, sector, payload.year, payload.language
    )
