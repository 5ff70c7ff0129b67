"""NACE Rev.2 divisions and groups, their search and the validation of activity codes."""

import pytest
from django.utils.translation import override

from dekvep.catalog.nace import get_nace, manufacturing, normalise_nace_code, validate_nace_code
from dekvep.catalog.search import search_nace


def test_it_ships_the_24_manufacturing_divisions():
    divisions = [e.code for e in manufacturing() if e.level == "division"]
    assert divisions == [str(n) for n in range(10, 34)]


def test_it_ships_all_95_manufacturing_groups():
    groups = [e for e in manufacturing() if e.level == "group"]
    assert len(groups) == 95
    assert all(get_nace(g.parent).level == "division" for g in groups)


@pytest.mark.parametrize("code", ["13.1", "13.2", "13.3", "13.9", "22.2", "27.5", "33.2"])
def test_it_has_the_groups_the_programme_uses(code):
    assert get_nace(code).level == "group"


def test_it_titles_an_entry_in_turkish_and_in_english():
    entry = get_nace("22.2")
    assert entry.title("tr") == "Plastik ürünlerin imalatı"
    assert entry.title("en") == "Manufacture of plastic products"


def test_it_answers_a_class_with_its_group():
    assert get_nace("13.92").code == "13.9"


@pytest.mark.parametrize("typed", ["13.20", "13,20", "1320", "13 .20", "C13.20"])
def test_it_normalises_a_code_in_any_spelling(typed):
    assert normalise_nace_code(typed) == "13.20"


def test_it_searches_by_code_prefix():
    assert [e.code for e in search_nace("27")][:3] == ["27", "27.1", "27.2"]


def test_it_searches_turkish_titles_without_turkish_letters():
    assert get_nace("27.5") in search_nace("evde kullanilan")


def test_it_searches_english_titles():
    assert get_nace("22.2") in search_nace("plastic")


@pytest.mark.parametrize("code", ["13", "13.2", "13.92", "22.21", "38.32", "85.32"])
def test_it_accepts_valid_codes(code):
    assert validate_nace_code(code) is None


def test_it_rejects_a_malformed_code_with_an_example():
    with pytest.raises(ValueError, match="“tekstil” is not a NACE Rev.2 code.*13.20"):
        validate_nace_code("tekstil")


def test_it_rejects_a_division_that_does_not_exist():
    with pytest.raises(ValueError, match="There is no NACE Rev.2 division 04"):
        validate_nace_code("04.11")


def test_it_rejects_a_manufacturing_group_that_does_not_exist():
    with pytest.raises(ValueError, match="no NACE Rev.2 group 13.5 in division 13"):
        validate_nace_code("13.51")


def test_it_explains_a_missing_group_in_turkish_when_turkish_is_active():
    with override("tr"), pytest.raises(ValueError) as error:
        validate_nace_code("13.51")
    assert str(error.value) == (
        "13 bölümünde (Tekstil ürünlerinin imalatı) 13.5 diye bir NACE Rev.2 grubu yok."
    )
