"""Finding List of Waste entries by code in any spacing and by words in Turkish or English."""

import pytest

from dekvep.catalog.search import search_waste
from dekvep.catalog.waste import get_waste


@pytest.mark.parametrize("typed", ["04 02 22", "040222", "04 02 22*", " 04.02.22 ", "04-02-22"])
def test_it_gets_an_entry_by_code_in_any_spacing(typed):
    assert get_waste(typed).code == "040222"


def test_it_answers_none_for_an_unknown_code():
    assert get_waste("04 02 23") is None


@pytest.mark.parametrize("typed", ["04 02 22", "040222", "04 02 22*"])
def test_it_searches_by_a_full_code_in_any_spacing(typed):
    assert [e.code for e in search_waste(typed)] == ["040222"]


def test_it_searches_by_a_sub_chapter_code():
    codes = [e.code for e in search_waste("04 02", limit=None)]
    assert codes[0] == "040209" and codes[-1] == "040299" and len(codes) == 11


def test_it_finds_turkish_words_whatever_the_case_and_suffix():
    found = search_waste("ÇAMUR", limit=None)
    assert get_waste("190805") in found
    assert all("çamur" in e.description_tr.lower() for e in found)


def test_it_finds_turkish_words_typed_without_turkish_letters():
    assert get_waste("040222") in search_waste("islenmis tekstil elyafi")


@pytest.mark.parametrize("typed", ["İŞLENMİŞ", "IŞLENMIŞ", "işlenmiş", "ışlenmış"])
def test_it_treats_dotted_and_dotless_i_alike(typed):
    assert get_waste("040222") in search_waste(f"{typed} tekstil")


@pytest.mark.parametrize("typed", ["KIRMIZI ÇAMUR", "kırmızı çamur", "kirmizi camur", "KİRMİZİ"])
def test_it_treats_dotless_and_dotted_i_alike_in_any_case(typed):
    assert [e.code for e in search_waste(typed)] == ["010309", "010310"]


def test_it_finds_english_words():
    assert [e.code for e in search_waste("processed textile fibres")] == ["040222"]


def test_it_needs_every_word_to_match():
    assert search_waste("textile cement") == []


def test_it_ranks_exact_words_before_longer_words():
    first = search_waste("cam")[0]
    assert "cam" in first.description_tr.lower().split()


def test_it_narrows_words_to_a_code_typed_among_them():
    assert [e.code for e in search_waste("çamur 19 08 14")] == ["190814"]


def test_it_limits_the_number_of_results():
    assert len(search_waste("atık", limit=5)) == 5


def test_it_finds_nothing_for_an_empty_query():
    assert search_waste("   ") == []
