"""The write kit: how a service sets, validates, saves and audits one object.

Every aggregate declares once which fields a user may write (``CALL_FIELDS``, ``WORKSHOP_FIELDS``
...); its form and its API schema are derived from that list, and ``write`` refuses any other
field by name. A service then reads::

    @transaction.atomic
    def update_call(actor, call, **fields):
        require(actor, "calls.change_call", call)
        return write(actor, call, fields, CALL_FIELDS, validate=_validate_call,
                     programme=call.programme)
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from . import audit


def set_fields(obj: models.Model, fields: dict, allowed: Iterable[str]) -> dict:
    """Set the plain fields of ``obj`` named in ``fields``; return the many-to-many values.

    Many-to-many values can only be set once ``obj`` is saved (see ``set_related``). A field not
    in ``allowed`` is refused by name, so a client learns which one, and nothing is set.
    """
    allowed = set(allowed)
    refused = [name for name in fields if name not in allowed]
    if refused:
        raise ValidationError({refused[0]: _("This field cannot be changed here.")})
    related = {}
    for name, value in fields.items():
        if obj._meta.get_field(name).many_to_many:
            related[name] = value
        else:
            setattr(obj, name, value)
    return related


def set_related(obj: models.Model, related: dict) -> None:
    for name, values in related.items():
        getattr(obj, name).set(values)


def full_save(obj: models.Model, exclude: Iterable[str] | None = None) -> models.Model:
    """Validate the model's own rules (``full_clean``), then save."""
    obj.full_clean(exclude=exclude)
    obj.save()
    return obj


def write(
    actor,
    obj: models.Model,
    fields: dict,
    allowed: Iterable[str],
    *,
    validate: Callable[[models.Model], None] | None = None,
    prepare: Callable[[models.Model], None] | None = None,
    programme=None,
    exclude: Iterable[str] | None = None,
    audited: list[str] | None = None,
) -> models.Model:
    """Set the allowed ``fields`` on ``obj``, validate, save in one transaction and audit it.

    A new object (not yet saved) is audited as created, an existing one as updated with the
    ``{field: [before, after]}`` of what changed. ``prepare`` derives values from the others
    before validation (a sector from NACE codes); ``validate`` raises ``ValidationError`` for
    rules across fields; ``audited`` limits the fields the audit entry shows.
    """
    with transaction.atomic():
        creating = obj._state.adding
        before = None if creating else audit.snapshot(obj, audited)
        related = set_fields(obj, fields, allowed)
        if prepare:
            prepare(obj)
        if validate:
            validate(obj)
        full_save(obj, exclude)
        set_related(obj, related)
        if creating:
            audit.record_created(actor, obj, programme=programme, fields=audited)
        else:
            changes = audit.diff(before, audit.snapshot(obj, audited))
            audit.record(actor, "updated", obj, changes, programme=programme)
    return obj
