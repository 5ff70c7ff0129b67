"""Excel bombs: an upload is refused from its size and dimensions before any row is read.

The attack: a 16 KB .xlsx with one cell at row 1,048,576 cost the web worker 40 s and 1 GB.
"""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from dekvep.assessment import xlsx
from dekvep.core.models import Job
from tests.assessment.factories import example_data


def _bomb() -> bytes:
    book = load_workbook(io.BytesIO(xlsx.write_template(example_data(), "en")))
    book.worksheets[1]["A1048576"] = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO(xlsx.write_template(example_data(), "en"))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b" " * (30 * 1024 * 1024))
    return buffer.getvalue()


def test_a_cell_at_the_last_row_is_refused_quickly_with_a_clear_message(inventory, people, login):
    bomb = _bomb()
    assert len(bomb) < 40_000
    started = time.monotonic()
    with pytest.raises(xlsx.WorkbookError):
        xlsx.load_template(bomb)
    assert time.monotonic() - started < 3
    response = login(people["firm_member"]).post(
        f"/assessment/inventories/{inventory.pk}/upload",
        {"file": SimpleUploadedFile("inventory.xlsx", bomb)},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "row 1048576" in body and "at most 2000 rows" in body
    job = Job.objects.get(kind="inventory_upload")
    assert job.status == Job.Status.FAILED  # read in the task queue, inline without a broker


def test_the_refusal_is_in_the_readers_language(inventory, people, client):
    client.force_login(people["firm_member"])
    client.cookies["dekvep_language"] = "tr"
    response = client.post(
        f"/assessment/inventories/{inventory.pk}/upload",
        {"file": SimpleUploadedFile("envanter.xlsx", _bomb())},
        HTTP_ACCEPT_LANGUAGE="tr",
    )
    body = response.content.decode()
    assert "1048576" in body and "at most" not in body


def test_a_workbook_that_unpacks_too_large_is_refused_through_the_api(inventory, people, login):
    bomb = _zip_bomb()
    assert len(bomb) < 200_000
    response = login(people["firm_member"]).post(
        f"/api/assessment/inventories/{inventory.pk}/upload",
        {"file": SimpleUploadedFile("inventory.xlsx", bomb)},
    )
    assert response.status_code == 400
    assert "the limit is 25 MB" in response.json()["message"]


def test_a_normal_upload_is_still_read_and_saved(inventory, people, login):
    response = login(people["firm_member"]).post(
        f"/api/assessment/inventories/{inventory.pk}/upload",
        {"file": SimpleUploadedFile("inventory.xlsx", xlsx.write_template(example_data(), "en"))},
    )
    assert response.status_code == 200, response.content
    assert response.json()["job_id"] == Job.objects.get(kind="inventory_upload").pk


def test_the_reader_checks_the_real_dimension_when_the_stated_one_lies():
    book = load_workbook(io.BytesIO(_bomb()))
    with pytest.raises(xlsx.WorkbookError):
        xlsx._check_dimensions(book)
