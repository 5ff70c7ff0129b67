"""Issuing firm and sector reports: the record, the stored PDF, superseding, notifying."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.assessment import reporting
from dekvep.assessment.models import Report
from dekvep.core.models import AuditEntry, Notification


def test_it_records_an_issued_firm_report_with_its_stored_pdf(approved, people):
    report = reporting.issue_firm_report(people["analyst"], approved, "tr")
    assert (report.kind, report.organisation, report.year, report.language) == (
        "firm",
        approved.organisation,
        approved.year,
        "tr",
    )
    assert (report.inventory, report.issued_by, report.status) == (
        approved,
        people["analyst"],
        "issued",
    )
    assert (report.factor_set_name, report.factor_set_version) == ("DEKVEP-TR", "2024.1")
    assert report.pdf.read().startswith(b"%PDF")


def test_it_stores_the_pdf_under_a_random_name_that_names_no_firm(approved, people):
    report = reporting.issue_firm_report(people["analyst"], approved, "tr")
    assert re.fullmatch(r"assessment/reports/[0-9a-f]{32}\.pdf", report.pdf.name)


def test_it_writes_the_issue_to_the_audit_log(approved, people):
    report = reporting.issue_firm_report(people["manager"], approved, "en")
    entry = AuditEntry.objects.get(object_type="assessment.report", object_id=str(report.pk))
    assert entry.actor == people["manager"] and entry.action == "created"
    assert entry.changes["language"] == [None, "en"]


def test_it_notifies_the_firms_members_when_their_report_is_issued(approved, people):
    # The firm's members read Turkish (their preference), whoever issues the report.
    reporting.issue_firm_report(people["analyst"], approved, "tr")
    notified = set(
        Notification.objects.filter(subject__startswith="Raporunuz düzenlendi").values_list(
            "recipient__email", flat=True
        )
    )
    assert notified == {"admin@firm.example", "member@firm.example"}


def test_it_supersedes_the_earlier_issue_of_the_same_year_and_language(approved, people):
    first = reporting.issue_firm_report(people["analyst"], approved, "tr", render=False)
    english = reporting.issue_firm_report(people["analyst"], approved, "en", render=False)
    second = reporting.issue_firm_report(people["manager"], approved, "tr", render=False)
    first.refresh_from_db()
    english.refresh_from_db()
    assert (first.status, english.status, second.status) == ("superseded", "issued", "issued")
    assert AuditEntry.objects.filter(action="report_superseded", object_id=str(first.pk)).exists()


def test_it_refuses_to_issue_the_report_of_an_inventory_not_yet_approved(inventory, people):
    with pytest.raises(ValidationError) as caught:
        reporting.issue_firm_report(people["analyst"], inventory, "tr")
    assert "inventory" in caught.value.message_dict
    assert not Report.objects.exists()


def test_it_refuses_an_unknown_language(approved, people):
    with pytest.raises(ValidationError) as caught:
        reporting.issue_firm_report(people["analyst"], approved, "de")
    assert "language" in caught.value.message_dict


@pytest.mark.parametrize("role", ["firm_admin", "facilitator", "funder"])
def test_it_lets_no_one_but_the_firms_reviewers_issue_its_report(role, approved, people):
    with pytest.raises(Exception) as caught:
        reporting.issue_firm_report(people[role], approved, "tr", render=False)
    # the firm itself is told "forbidden"; staff who may not see the firm, "not found"
    assert type(caught.value).__name__ in {"PermissionDenied", "Http404"}
    assert not Report.objects.exists()


def test_it_renders_a_pdf_on_the_first_download_and_hands_over_the_same_file_after(issued, people):
    assert not issued.pdf
    first = reporting.report_pdf(people["firm_member"], issued)
    issued.refresh_from_db()
    assert first.startswith(b"%PDF") and issued.pdf.name.endswith(".pdf")
    assert reporting.report_pdf(people["firm_admin"], issued) == first


def test_it_refuses_a_sector_report_below_three_firms(approved, programme, people):
    with pytest.raises(ValidationError) as caught:
        reporting.issue_sector_report(people["manager"], programme, "textile", language="tr")
    assert "there are 1" in caught.value.message_dict["sector"][0]
    assert not Report.objects.exists()


def test_it_issues_a_sector_report_of_three_firms_naming_none(sector_of_three, people):
    report = reporting.issue_sector_report(
        people["analyst"], sector_of_three, "textile", language="en"
    )
    assert (report.kind, report.organisation, report.firms, report.year) == (
        "sector",
        None,
        3,
        2024,
    )
    assert report.pdf.read().startswith(b"%PDF")


def test_it_supersedes_the_earlier_sector_report_of_the_year(sector_of_three, people):
    first = reporting.issue_sector_report(
        people["manager"], sector_of_three, "textile", language="tr", render=False
    )
    reporting.issue_sector_report(
        people["manager"], sector_of_three, "textile", language="tr", render=False
    )
    first.refresh_from_db()
    assert first.status == "superseded"
    assert Report.objects.filter(kind="sector", status="issued").count() == 1


@pytest.mark.parametrize("role", ["firm_admin", "facilitator", "jury", "funder"])
def test_it_lets_only_managers_and_analysts_issue_sector_reports(role, sector_of_three, people):
    with pytest.raises(PermissionDenied):
        reporting.issue_sector_report(people[role], sector_of_three, "textile", render=False)


def test_it_writes_the_issued_pdf_as_the_firm_sees_its_marketplace_matches(
    approved, programme, other_firm, people
):
    import io

    from pypdf import PdfReader

    from dekvep.symbiosis import services as symbiosis
    from dekvep.symbiosis.models import Listing

    offer = symbiosis.create_offer_from_waste_stream(
        people["firm_admin"],
        organisation=approved.organisation,
        programme=programme,
        code="04 02 22",
        quantity_t_per_year=120,
    )
    symbiosis.set_listing_status(people["firm_admin"], offer, "published")
    symbiosis.create_listing(
        people["other_firm_member"],
        other_firm,
        programme,
        kind=Listing.Kind.WANT,
        title="Tekstil kırpıntısı aranıyor",
        waste_code="040222",
        quantity=200,
        unit=Listing.Unit.TONNE,
        frequency=Listing.Frequency.YEAR,
        status="published",
    )
    report = reporting.issue_firm_report(people["analyst"], approved, "en")
    reader = PdfReader(io.BytesIO(report.pdf.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Tekstil kırpıntısı aranıyor" in text
    assert "Rakip Plastik" not in text


def test_an_unverified_grid_factor_is_flagged_in_both_languages():
    from django.utils import translation

    from dekvep.assessment.report_labels import report_labels
    from dekvep.assessment.report_render import _note

    params = {"year": 2023, "level": "transmission", "value": 0.436}
    note = {"code": "grid_level_unverified", "message": "", "params": params}
    with translation.override("tr"):
        assert _note(note, report_labels()) == (
            "2023 yılı iletim şebekesi faktörü (0,436 tCO2e/MWh) Enerji ve Tabii Kaynaklar "
            "Bakanlığının yayımladığı bilgi formuyla henüz doğrulanmadı: rapor imzalanmadan önce "
            "kontrol edin."
        )
    with translation.override("en"):
        assert "transmission grid factor for 2023 (0.436 tCO2e/MWh)" in _note(note, report_labels())


def test_a_year_before_the_grid_series_says_the_series_starts_later():
    from django.utils import translation

    from dekvep.assessment.report_labels import report_labels
    from dekvep.assessment.report_render import _note

    note = {"code": "grid_year", "message": "", "params": {"used": 2023, "year": 2019}}
    with translation.override("en"):
        text = _note(note, report_labels())
    assert text == (
        "The grid factor of 2023 is used for 2019 "
        "(the series starts later; nearest published year)."
    )
    later = {"code": "grid_year", "message": "", "params": {"used": 2023, "year": 2025}}
    with translation.override("en"):
        assert "no later value published" in _note(later, report_labels())
