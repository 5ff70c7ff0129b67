"""The shipped List of Waste file: complete, bilingual, and faithful to the European list."""

import csv
from pathlib import Path

import pytest

from dekvep.catalog.files import CatalogFileError
from dekvep.catalog.waste import all_waste, chapters, get_heading, get_waste, load_waste

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "list-of-waste-en.csv"


def _reference_rows():
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is not present")
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_it_ships_842_entries():
    assert len(all_waste()) == 842


def test_it_has_the_codes_of_the_european_list():
    expected = {row["code"] for row in _reference_rows()}
    assert {entry.code for entry in all_waste()} == expected


def test_it_has_the_hazard_flags_of_the_european_list():
    expected = {row["code"]: row["hazardous"] == "true" for row in _reference_rows()}
    assert {entry.code: entry.hazardous for entry in all_waste()} == expected


def test_it_has_the_mirror_entries_of_the_european_list():
    expected = {row["code"] for row in _reference_rows() if row["entry_type"].startswith("Mirror")}
    assert {entry.code for entry in all_waste() if entry.is_mirror} == expected


def test_it_has_a_turkish_description_for_every_entry():
    missing = [entry.code for entry in all_waste() if not entry.description_tr.strip()]
    assert missing == []


def test_it_has_an_english_description_for_every_entry():
    assert all(entry.description_en.strip() for entry in all_waste())


def test_it_describes_an_entry_in_turkish_and_in_english():
    entry = get_waste("040222")
    assert entry.description("tr") == "İşlenmiş tekstil elyafı atıkları"
    assert entry.description("en") == "Wastes from processed textile fibres"


def test_it_shows_the_asterisk_of_a_hazardous_code():
    assert get_waste("130205").display_code == "13 02 05*"
    assert get_waste("040222").display_code == "04 02 22"


def test_it_has_a_heading_in_both_languages_for_every_chapter_and_sub_chapter():
    for entry in all_waste():
        for code in (entry.chapter, entry.sub_chapter):
            heading = get_heading(code)
            assert heading.title_en and heading.title_tr, code


def test_it_lists_twenty_chapters_in_order():
    assert [c.code for c in chapters()] == [f"{n:02d}" for n in range(1, 21)]


def test_it_names_the_row_and_field_of_a_bad_hazard_flag(tmp_path):
    bad = tmp_path / "list_of_waste.csv"
    bad.write_text(
        "code,hazardous,entry_type,chapter,sub_chapter,description_en,description_tr,"
        "entry_type_tr,tr_source\n"
        "040222,yes,absolute,04,0402,Wastes from processed textile fibres,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogFileError, match="list_of_waste.csv, row 2, field hazardous"):
        load_waste(bad)


def test_it_names_the_row_of_a_duplicate_code(tmp_path):
    bad = tmp_path / "list_of_waste.csv"
    row = "040222,false,absolute,04,0402,Wastes from processed textile fibres,,,\n"
    header = (
        "code,hazardous,entry_type,chapter,sub_chapter,description_en,description_tr,"
        "entry_type_tr,tr_source\n"
    )
    bad.write_text(header + row + row, encoding="utf-8")
    with pytest.raises(CatalogFileError, match="row 3, field code: expected a unique code"):
        load_waste(bad)
