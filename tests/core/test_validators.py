import pytest
from django.core.exceptions import ValidationError

from dekvep.core.demo import demo_vkn
from dekvep.core.validators import is_valid_vkn, validate_vkn, vkn_check_digit


def test_it_accepts_a_tax_number_with_the_right_check_digit():
    number = demo_vkn(3)
    assert is_valid_vkn(number)
    validate_vkn(number)


def test_it_rejects_a_wrong_check_digit_with_a_clear_message():
    number = demo_vkn(3)
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        validate_vkn(wrong)
    assert "check digit" in error.value.messages[0]


@pytest.mark.parametrize("value", ["123", "12345678901", "12345abcde"])
def test_it_rejects_numbers_that_are_not_ten_digits(value):
    with pytest.raises(ValidationError) as error:
        validate_vkn(value)
    assert "10 digits" in error.value.messages[0]


def test_it_computes_the_published_algorithm():
    # Worked by hand: digits 0..8 of "123456789" shifted, weighted by powers of two mod 9.
    assert vkn_check_digit("123456789") == 0
