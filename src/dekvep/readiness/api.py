"""The readiness JSON API: the same services and selectors as the pages.

Firm endpoints answer 404 to anyone who may not see the firm (members, assigned analyst and
programme managers only); the programme endpoint gives firm names only to operator staff.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.utils import translation
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from dekvep.core.formatting import language_of
from dekvep.core.models import Programme
from dekvep.core.permissions import get_visible, require
from dekvep.core.uploads import validate_upload

from . import exports, services
from .catalogue import current_catalogue
from .catalogue_sheet import catalogue_workbook, read_catalogue
from .footprints import cbam_for, footprints_for
from .models import ReadinessProfile
from .programme import programme_overview
from .selectors import firm_readiness, load_firm
from .vsme import datapoints

router = Router(tags=["readiness"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ProfileIn(Schema):
    export_markets: list[str] = []
    eu_export_share: float | None = None
    customer_requests: bool | None = None
    cn_codes: list[str] = []
    product_types: list[str] = []
    packaging_placed_t: float | None = None
    packaging_kinds: list[str] = []
    fgas_equipment: list[str] = []
    fgas_in_products: bool | None = None
    mrv_installation: bool | None = None
    headcount: int | None = None
    turnover_eur_m: float | None = None
    female_employees: int | None = None
    permanent_employees: int | None = None
    recordable_accidents: int | None = None
    fatalities: int | None = None
    training_hours: float | None = None
    collective_bargaining_pct: float | None = None
    allocation_key: str = "mass"


class CatalogueIn(Schema):
    version: str
    note: str
    data: dict[str, Any]


def _profile_out(profile: ReadinessProfile | None) -> dict:
    if profile is None:
        return {"answered": False, **ProfileIn().dict()}
    answers = {name: getattr(profile, name) for name in ProfileIn.model_fields}
    return {"answered": True, **answers, "updated_at": profile.updated_at.isoformat()}


@router.get("/catalogue", response=dict)
def get_catalogue(request):
    """The rule catalogue in force: every requirement with its source, date and version."""
    require(request.user, "readiness.view_catalogue")
    return current_catalogue()


@router.post("/catalogue", response={201: dict})
def post_catalogue(request, payload: CatalogueIn):
    """Put a new catalogue version in force (operator staff; audited)."""
    saved = services.publish_catalogue(request.user, payload.data, payload.version, payload.note)
    return 201, {"version": saved.version, "created_at": saved.created_at.isoformat()}


@router.get("/catalogue.xlsx")
def get_catalogue_xlsx(request, language: str = "tr"):
    """The catalogue in force as an Excel workbook with labelled columns, to edit and upload."""
    require(request.user, "readiness.view_catalogue")
    content = catalogue_workbook(current_catalogue(), language_of(language))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="dekvep-rule-catalogue.xlsx"'
    return response


@router.post("/catalogue/upload", response={201: dict})
def upload_catalogue(request, version: Form[str], note: Form[str], file: File[UploadedFile]):
    """A new catalogue version from an edited workbook; errors name sheet, row and column."""
    require(request.user, "readiness.change_catalogue")
    validate_upload(file, allowed=(".xlsx",))
    data = read_catalogue(file, current_catalogue())
    saved = services.publish_catalogue(request.user, data, version, note)
    return 201, {"version": saved.version, "created_at": saved.created_at.isoformat()}


@router.get("/firms/{pk}", response=dict)
def get_firm(request, pk: int, language: str = "tr"):
    """Every requirement for the firm: decision, reasons, deadline, held, missing, next step."""
    firm = load_firm(request.user, pk)
    with translation.override(language_of(language)):
        readiness = firm_readiness(firm, language_of(language))
    return {"organisation": firm.pk, **readiness}


@router.get("/firms/{pk}/profile", response=dict)
def get_profile(request, pk: int):
    firm = load_firm(request.user, pk)
    return _profile_out(ReadinessProfile.objects.filter(organisation=firm).first())


@router.put("/firms/{pk}/profile", response=dict)
def put_profile(request, pk: int, payload: ProfileIn):
    """Replace the firm's answers; 400 with ``errors[].field`` when an answer is not valid."""
    firm = load_firm(request.user, pk, "readiness.change_profile")
    return _profile_out(services.save_profile(request.user, firm, payload.dict()))


@router.get("/firms/{pk}/footprints", response=dict)
def get_footprints(request, pk: int, language: str = "tr"):
    firm = load_firm(request.user, pk)
    with translation.override(language_of(language)):
        found = footprints_for(firm)
    if found is None:
        return {"available": False, "rows": []}
    rows = [{k: v for k, v in row.items() if k != "display"} for row in found["rows"]]
    return {
        "available": True,
        "year": found["year"],
        "allocation_key": found["key"],
        "chosen_key": found["chosen_key"],
        "method": found["method"],
        "factor_set": found["factor_set"],
        "unit": "tCO2e",
        "rows": rows,
    }


@router.get("/firms/{pk}/cbam", response=dict)
def get_cbam(request, pk: int):
    firm = load_firm(request.user, pk)
    found = cbam_for(firm)
    if found is None:
        return {"available": False}
    return {"available": True, **{k: v for k, v in found.items() if k != "display"}}


@router.get("/firms/{pk}/vsme", response=dict)
def get_vsme(request, pk: int, language: str = "tr"):
    firm = load_firm(request.user, pk)
    with translation.override(language_of(language)):
        return datapoints(firm)


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/firms/{pk}/vsme.xlsx")
def get_vsme_xlsx(request, pk: int, language: str = "tr"):
    firm = load_firm(request.user, pk)
    return _file(exports.vsme_xlsx(firm, language_of(language)), XLSX, f"dekvep-vsme-{pk}.xlsx")


@router.get("/firms/{pk}/vsme.pdf")
def get_vsme_pdf(request, pk: int, language: str = "tr"):
    firm = load_firm(request.user, pk)
    return _file(
        exports.vsme_pdf(firm, language_of(language)), "application/pdf", f"dekvep-vsme-{pk}.pdf"
    )


@router.get("/firms/{pk}/footprints.pdf")
def get_footprints_pdf(request, pk: int, language: str = "tr"):
    firm = load_firm(request.user, pk)
    content = exports.footprints_pdf(firm, language_of(language))
    if content is None:
        raise Http404
    return _file(content, "application/pdf", f"dekvep-product-footprints-{pk}.pdf")


@router.get("/programmes/{pk}", response=dict)
def get_programme(request, pk: int, language: str = "tr"):
    """Counts per requirement, readiness per sector, firms to invite per seminar topic (names for
    operator staff, counts only for the funder)."""
    programme = get_visible(Programme, pk, request.user, "readiness.view_programme")
    with_names = request.user.has_perm("readiness.view_invitations", programme)
    with translation.override(language_of(language)):
        return programme_overview(programme, language_of(language), with_names)
