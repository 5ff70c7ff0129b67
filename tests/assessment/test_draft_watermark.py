"""A report of an inventory not yet approved says "draft" across its pages; an approved one not."""

import io

from pypdf import PdfReader

from ..conftest import client_for


def _text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_a_draft_report_is_marked_draft_on_every_page(inventory, people):
    client = client_for(people["firm_admin"])
    client.cookies["dekvep_language"] = "tr"
    response = client.get(f"/assessment/inventories/{inventory.pk}/report.pdf?lang=tr")
    reader = PdfReader(io.BytesIO(response.content))
    assert all("TASLAK" in page.extract_text() for page in reader.pages)


def test_an_approved_report_is_not_marked_draft(approved, people):
    response = client_for(people["firm_admin"]).get(
        f"/assessment/inventories/{approved.pk}/report.pdf?lang=en"
    )
    assert "DRAFT" not in _text(response)
    assert "Cleaner production" in _text(response) or "circular" in _text(response).lower()
