"""Issued reports: firm and sector reports, their PDFs, and the peer percentiles they show.

Split from ``services`` so that the report modules depend on services, never the reverse.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.models import Membership, Programme, User
from dekvep.core.permissions import require, require_visible
from dekvep.core.services import notify

from .models import Inventory, Report
from .peers import peer_group_key, peer_percentiles  # noqa: F401 (part of this API)
from .reports import firm_report_pdf, sector_report_pdf
from .services import SECTOR_KEYS, SECTOR_REPORT_MIN_FIRMS, Status, _firm_members, compute_result

# Issued reports ------------------------------------------------------------------------------


def _check_language(language: str) -> None:
    if language not in Report.Language.values:
        raise ValidationError({"language": _("Choose Turkish (tr) or English (en).")})


def _factor_set(results: list[dict]) -> tuple[str, str]:
    """The factor set (name, version) the results were computed with; several are joined."""
    found = {
        (str(r["factor_set"]["name"]), str(r["factor_set"]["version"]))
        for r in results
        if r.get("factor_set")
    }
    names = ", ".join(sorted({name for name, _version in found}))
    return names, ", ".join(sorted({version for _name, version in found}))


def _supersede(actor, issued) -> None:
    """Mark the earlier issues of the same report superseded (locked, so two issues of the same
    report at the same moment cannot both stay issued)."""
    for report in issued.select_for_update():
        report.status = Report.Status.SUPERSEDED
        report.save(update_fields=["status"])
        audit.record(
            actor,
            "report_superseded",
            report,
            {"status": [Report.Status.ISSUED, Report.Status.SUPERSEDED]},
            programme=report.programme,
        )


def _store_pdf(report: Report, content: bytes) -> None:
    # The storage name comes from ``report_path``: random, whatever name is passed here.
    report.pdf.save("report.pdf", ContentFile(content), save=True)


_REPORT_FIELDS = [
    "kind",
    "organisation",
    "sector",
    "year",
    "language",
    "inventory",
    "firms",
    "factor_set_name",
    "factor_set_version",
]


@transaction.atomic
def issue_firm_report(actor, inventory: Inventory, language: str, render: bool = True) -> Report:
    """Issue the firm report of an approved inventory (programme manager or the firm's analyst);
    an earlier issue of the same firm, year and language is superseded. Without ``render`` the
    PDF is rendered on its first download."""
    require_visible(actor, "assessment.view_inventory", inventory)
    require(actor, "assessment.issue_report", inventory)
    return _issue_firm_report(actor, inventory, language, render)


def _issue_firm_report(actor, inventory: Inventory, language: str, render: bool) -> Report:

    _check_language(language)
    if inventory.status != Status.APPROVED:
        raise ValidationError(
            {"inventory": _("Only an approved inventory's report can be issued.")}
        )
    if not inventory.result:
        raise ValidationError({"inventory": _("The inventory has no valid assessment result.")})
    content = firm_report_pdf(_firm_reader(inventory), inventory, language) if render else None
    _supersede(
        actor,
        Report.objects.filter(
            programme=inventory.programme,
            kind=Report.Kind.FIRM,
            organisation=inventory.organisation,
            year=inventory.year,
            language=language,
            status=Report.Status.ISSUED,
        ),
    )
    name, version = _factor_set([inventory.result])
    report = Report.objects.create(
        kind=Report.Kind.FIRM,
        programme=inventory.programme,
        organisation=inventory.organisation,
        sector=inventory.sector,
        year=inventory.year,
        language=language,
        inventory=inventory,
        factor_set_name=name,
        factor_set_version=version,
        issued_by=actor,
    )
    if content:
        _store_pdf(report, content)
    audit.record_created(actor, report, programme=inventory.programme, fields=_REPORT_FIELDS)
    notify(
        _firm_members(inventory),
        lambda: _("Your report was issued: %(name)s") % {"name": inventory},
        url="/assessment/reports/",
    )
    return report


def sector_inventories(programme: Programme, sector: str, year: int | None = None):
    """Approved, assessed inventories of a sector for ``year`` (the latest year when None),
    and that year."""
    queryset = Inventory.objects.filter(
        programme=programme, sector=sector, status=Status.APPROVED, result__isnull=False
    )
    if year is None:
        year = queryset.order_by("-year").values_list("year", flat=True).first()
    return queryset.filter(year=year), year


def sector_firm_count(programme: Programme, sector: str, year: int | None = None) -> int:
    inventories, _year = sector_inventories(programme, sector, year)
    return inventories.aggregate(n=Count("organisation_id", distinct=True))["n"]


@transaction.atomic
def issue_sector_report(
    actor,
    programme: Programme,
    sector: str,
    year: int | None = None,
    language: str = "tr",
    render: bool = True,
) -> Report:
    """Issue a sector's evaluation report for a year (the latest when None): only when at least
    three firms of the sector have an approved assessment that year."""
    require(actor, "assessment.issue_sector_report", programme)
    return _issue_sector_report(actor, programme, sector, year, language, render)


def _issue_sector_report(actor, programme, sector, year, language, render) -> Report:

    _check_language(language)
    if sector not in SECTOR_KEYS:
        raise ValidationError({"sector": _("Unknown sector.")})
    inventories, year = sector_inventories(programme, sector, year)
    firms = inventories.aggregate(n=Count("organisation_id", distinct=True))["n"]
    if firms < SECTOR_REPORT_MIN_FIRMS:
        raise ValidationError(
            {
                "sector": _(
                    "A sector report needs at least three firms of the sector with an approved "
                    "assessment in the year; there are %(firms)d."
                )
                % {"firms": firms}
            }
        )
    content = sector_report_pdf(programme, sector, language, year) if render else None
    _supersede(
        actor,
        Report.objects.filter(
            programme=programme,
            kind=Report.Kind.SECTOR,
            sector=sector,
            year=year,
            language=language,
            status=Report.Status.ISSUED,
        ),
    )
    name, version = _factor_set(list(inventories.values_list("result", flat=True)))
    report = Report.objects.create(
        kind=Report.Kind.SECTOR,
        programme=programme,
        sector=sector,
        year=year,
        language=language,
        firms=firms,
        factor_set_name=name,
        factor_set_version=version,
        issued_by=actor,
    )
    if content:
        _store_pdf(report, content)
    audit.record_created(actor, report, programme=programme, fields=_REPORT_FIELDS)
    return report


def issue_programme_reports(actor, programme: Programme, language: str, progress=None) -> dict:
    """Re-assess every approved inventory of the programme and issue its firm report, then each
    sector report that has enough firms; ``progress(done, total, message)`` after each one.

    Each report is issued in its own transaction, so that the progress shows while it runs."""
    require(actor, "assessment.generate_reports", programme)
    _check_language(language)
    inventories = list(
        Inventory.objects.filter(programme=programme, status=Status.APPROVED).select_related(
            "organisation", "programme"
        )
    )
    total = len(inventories) + len(SECTOR_KEYS)
    issued = {"firm_reports": 0, "sector_reports": 0}
    for done, inventory in enumerate(inventories, start=1):
        with transaction.atomic():
            if compute_result(inventory):
                _issue_firm_report(actor, inventory, language, render=True)
                issued["firm_reports"] += 1
        if progress:
            progress(done, total, str(inventory.organisation))
    for offset, sector in enumerate(SECTOR_KEYS, start=1):
        if sector_firm_count(programme, sector) >= SECTOR_REPORT_MIN_FIRMS:
            with transaction.atomic():
                _issue_sector_report(actor, programme, sector, None, language, render=True)
            issued["sector_reports"] += 1
        if progress:
            progress(len(inventories) + offset, total, sector)
    return issued


def report_pdf(actor, report: Report) -> bytes | None:
    """The issued PDF; a report recorded without one gets it rendered now and stored, so every
    later download hands over the same file. None when it can no longer be rendered."""
    require_visible(actor, "assessment.view_issued_report", report)
    if not report.pdf:
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=report.pk)
            if not report.pdf:
                content = _render_issued(report)
                if content is None:
                    return None
                _store_pdf(report, content)
                audit.record(actor, "report_pdf_stored", report, programme=report.programme)
    with report.pdf.open("rb") as handle:
        return handle.read()


def _render_issued(report: Report) -> bytes | None:

    if report.kind == Report.Kind.SECTOR:
        return sector_report_pdf(report.programme, report.sector, report.language, report.year)
    if report.inventory is None or not report.inventory.result:
        return None
    return firm_report_pdf(_firm_reader(report.inventory), report.inventory, report.language)


def _firm_reader(inventory: Inventory) -> User | None:
    """The issued PDF is handed to the firm, so it is written as the firm sees its report:
    other firms in the marketplace matches are named only when the firm may know them."""
    membership = (
        Membership.objects.filter(organisation=inventory.organisation)
        .select_related("user")
        .order_by("role", "pk")  # "admin" before "ambassador" and "member"
        .first()
    )
    return membership.user if membership else None
