"""Validators for identifiers used across the platform."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dekvep.catalog import nace


def vkn_check_digit(first_nine: str) -> int:
    """The check digit of a Turkish tax number (Vergi Kimlik Numarası) from its first nine."""
    total = 0
    for i, char in enumerate(first_nine):
        shifted = (int(char) + 9 - i) % 10
        weighted = (shifted * 2 ** (9 - i)) % 9
        if shifted != 0 and weighted == 0:
            weighted = 9
        total += weighted
    return (10 - total % 10) % 10


def is_valid_vkn(value: str) -> bool:
    return len(value) == 10 and value.isdigit() and vkn_check_digit(value[:9]) == int(value[9])


def validate_vkn(value: str) -> None:
    if not (len(value) == 10 and value.isdigit()):
        raise ValidationError(_("A tax number has exactly 10 digits."), code="vkn_format")
    if not is_valid_vkn(value):
        raise ValidationError(
            _("This tax number's check digit is wrong; please check the number."),
            code="vkn_check_digit",
        )


def validate_latitude(value: float) -> None:
    if value is not None and not -90 <= value <= 90:
        raise ValidationError(_("Latitude must be between -90 and 90."), code="latitude")


def validate_longitude(value: float) -> None:
    if value is not None and not -180 <= value <= 180:
        raise ValidationError(_("Longitude must be between -180 and 180."), code="longitude")


def validate_nace_codes(value: list) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("NACE codes must be a list."), code="nace")
    for code in value:
        try:
            nace.validate_nace_code(str(code))
        except ValueError as error:
            raise ValidationError(
                _("Unknown NACE code %(code)s: %(reason)s"),
                params={"code": code, "reason": error},
                code="nace",
            ) from error
