"""The priority sectors and the NACE codes that belong to them."""

import pytest

from dekvep.catalog.sectors import get_sector, priority_sectors, sector_for_nace


def test_it_ships_the_three_priority_sectors():
    assert [s.key for s in priority_sectors()] == ["textile", "plastics", "white_goods"]


def test_it_maps_textile_to_divisions_13_and_14():
    assert get_sector("textile").nace_prefixes == ("13", "14")


@pytest.mark.parametrize(
    ("code", "sector"),
    [
        ("13", "textile"),
        ("13.92", "textile"),
        ("14.1", "textile"),
        ("22.2", "plastics"),
        ("22.21", "plastics"),
        ("27.5", "white_goods"),
        ("27.51", "white_goods"),
    ],
)
def test_it_finds_the_sector_of_a_nace_code(code, sector):
    assert sector_for_nace(code).key == sector


@pytest.mark.parametrize("code", ["22", "22.1", "27.1", "15.2", "not a code"])
def test_it_finds_no_sector_outside_the_priority_codes(code):
    assert sector_for_nace(code) is None


def test_it_titles_a_sector_in_turkish_and_in_english():
    assert get_sector("white_goods").title("tr") == "Beyaz eşya"
    assert get_sector("white_goods").title("en") == "White goods"
