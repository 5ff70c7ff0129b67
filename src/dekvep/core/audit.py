"""The audit log: every write made through a service is recorded here."""

import datetime
import decimal

from django.db import models
from django.db.models.fields.files import FieldFile

from .models import AuditEntry


def _plain(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields=None) -> dict:
    """The current values of ``fields`` (default: all concrete fields) of ``obj``, as plain data."""
    names = fields or [f.name for f in obj._meta.concrete_fields if f.name != "id"]
    values = {}
    for name in names:
        field = obj._meta.get_field(name)
        values[name] = _plain(getattr(obj, field.attname))
    return values


def diff(before: dict, after: dict) -> dict:
    """``{field: [before, after]}`` for the fields whose value changed."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def record(actor, action: str, obj: models.Model, changes: dict | None = None, programme=None):
    """Write one audit entry. ``changes`` is ``{field: [before, after]}``."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes={k: [_plain(v[0]), _plain(v[1])] for k, v in (changes or {}).items()},
        programme=programme,
    )


def record_created(actor, obj: models.Model, programme=None, fields=None):
    after = snapshot(obj, fields)
    changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [], {})}
    return record(actor, "created", obj, changes, programme)


def record_deleted(actor, obj: models.Model, programme=None):
    return record(actor, "deleted", obj, {}, programme)
