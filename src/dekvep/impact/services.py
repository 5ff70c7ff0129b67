"""Setting a programme's targets: the one write of the impact app."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.memo import once
from dekvep.core.permissions import require
from dekvep.core.writes import write

from .figures import get_figure
from .models import Target

TARGET_FIELDS = ("value", "note")


def _decimal(value, key: str) -> Decimal:
    text = str(value).strip().replace(" ", "")
    if "," in text and "." in text:
        # Both marks: the last one is the decimal point, the other groups thousands.
        point = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if point == "," else ",", "")
    try:
        number = Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({key: _("Enter a number.")}) from None
    if not number.is_finite() or number < 0:
        raise ValidationError({key: _("Enter a number that is zero or more.")})
    return number


@transaction.atomic
def set_target(actor, programme, key: str, value, note: str = "") -> Target | None:
    """Set (or, with an empty value, remove) the programme's target for figure ``key``."""
    require(actor, "impact.set_target", programme)
    figure = get_figure(key)
    if figure is None:
        raise ValidationError({"key": _("There is no figure with this key.")})
    existing = Target.objects.filter(programme=programme, key=key).first()
    if value is None or str(value).strip() == "":
        if existing is not None:
            audit.record_deleted(actor, existing, programme=programme)
            existing.delete()
        return None
    number = _decimal(value, key)
    target = existing or Target(programme=programme, key=key)
    if existing is not None and existing.value == number and existing.note == note:
        return existing
    return write(actor, target, {"value": number, "note": note}, TARGET_FIELDS, programme=programme)


@transaction.atomic
def save_targets(actor, programme, values: dict[str, str]) -> None:
    """Set several targets at once; a wrong value refuses them all, naming its figure."""
    errors = {}
    for key, value in values.items():
        try:
            with transaction.atomic():
                set_target(actor, programme, key, value)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def targets_of(programme) -> dict[str, float]:
    """``{figure key: target}`` of a programme (read once per request: the home page's
    headline and its figures against targets both ask)."""
    key = ("targets", getattr(programme, "pk", programme))
    return dict(
        once(
            key, lambda: {t.key: float(t.value) for t in Target.objects.filter(programme=programme)}
        )
    )
