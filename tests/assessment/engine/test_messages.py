import pytest

from dekvep.assessment.engine import InventoryError, assess
from dekvep.assessment.engine.messages import pydantic_message


def errors_of(data) -> dict[str, str]:
    with pytest.raises(InventoryError) as caught:
        assess(data)
    return {e.path: e.message for e in caught.value.errors}


def test_it_says_a_missing_field_is_required(example):
    del example["production"][0]["unit"]
    assert errors_of(example)["production[0].unit"] == "this field is required"


def test_it_says_a_field_outside_the_format_is_not_part_of_it(example):
    example["energy"][0]["colour"] = "green"
    message = errors_of(example)["energy[0].colour"]
    assert message == "this field is not part of the inventory format"


def test_it_says_a_word_where_a_number_belongs_must_be_a_number(example):
    example["water"][0]["quantity"] = "a lot"
    assert errors_of(example)["water[0].quantity"] == "must be a number"


def test_it_states_the_upper_bound_of_a_share(example):
    example["materials"][0]["recycled_share"] = 1.4
    assert errors_of(example)["materials[0].recycled_share"] == "must be at most 1"


def test_it_lists_the_sectors_of_a_wrong_sector(example):
    example["sector"] = "mining"
    assert errors_of(example)["sector"] == "must be one of: textile, plastics, white_goods, other"


def test_it_keeps_pydantic_wording_for_an_error_it_has_no_words_for():
    error = {"type": "url_parsing", "loc": ("site",), "msg": "Input should be a valid URL"}
    assert pydantic_message(error) == "Input should be a valid URL"
