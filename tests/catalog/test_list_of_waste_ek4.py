"""The catalogue against the Turkish regulation's wording (Ek-4), when the reference file is at
hand, and mirror entries explained as pairs."""

import csv
from pathlib import Path

import pytest
from django.utils import translation

from dekvep.catalog.waste import all_waste, get_waste, mirror_pair

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "list-of-waste-tr.csv"


@pytest.fixture(scope="module")
def ek4():
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is not present")
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        return {row["code"].replace(" ", ""): row for row in csv.DictReader(handle)}


def test_every_ek4_code_is_in_the_catalogue_with_its_hazard_flag(ek4):
    for code, row in ek4.items():
        entry = get_waste(code)
        assert entry is not None, code
        assert entry.hazardous == (row["hazardous"] == "true"), code


def test_the_ek4_entries_carry_the_regulations_wording_and_source(ek4):
    for code, row in ek4.items():
        entry = get_waste(code)
        assert entry.description_tr == row["description_tr"], code
        assert entry.checked_against_ek4 and row["source_url"] in entry.tr_source, code


def test_the_other_entries_say_they_are_not_yet_checked(ek4):
    unchecked = [e for e in all_waste() if e.code not in ek4]
    assert len(unchecked) == 842 - len(ek4)
    assert {e.tr_source for e in unchecked} == {"not yet checked against Ek-4"}


def test_turkish_readers_see_the_regulations_entry_type(ek4):
    for code, row in ek4.items():
        if row["hazardous"] != "true":
            continue
        entry = get_waste(code)
        expected = {"M": "mirror", "A": "absolute"}[row["mirror_type"]]
        assert entry.entry_type_for("tr") == expected, code
    # 05 01 12 is absolute in the European list and a mirror entry in Ek-4.
    assert get_waste("050112").entry_type_for("en") == "absolute"
    assert get_waste("050112").entry_type_for("tr") == "mirror"


def test_a_mirror_entry_is_shown_with_its_pair():
    assert mirror_pair("040219").display == "04 02 19* / 04 02 20"
    assert mirror_pair("040220").display == "04 02 19* / 04 02 20"
    assert mirror_pair("040222") is None  # absolute


def test_the_catalogue_page_asks_the_question_that_decides(client):
    client.cookies["dekvep_language"] = "tr"
    body = client.get("/catalog/waste/040220/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert "04 02 19* / 04 02 20" in body
    assert "tehlikeli madde" in body and "04 02 19*" in body
    client.cookies["dekvep_language"] = "en"
    with translation.override("en"):
        body = client.get("/catalog/waste/040220/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Does an analysis show hazardous substances" in body


def test_the_waste_page_says_when_its_turkish_wording_is_unchecked(client):
    client.cookies["dekvep_language"] = "tr"
    body = client.get("/catalog/waste/040222/").content.decode()
    assert "Ek-4" in body
