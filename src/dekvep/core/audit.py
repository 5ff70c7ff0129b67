"""The audit log: every write made through a service is recorded here.

Each entry carries the programme and the owning organisation of the object it is about, so the
log can be shown only to those who may see that object (``visible_entries``): a firm's inventory
comments, progress notes, evidence and draft listings are confidential to the firm and the staff
assigned to it, and their audit entries are too.
"""

import datetime
import decimal

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile

from .models import AuditEntry, Participation, StaffAssignment
from .rules import staff_programme_ids


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


# Where an object without its own organisation or programme field finds them: the parents
# tried in order. Plain data, so the migration that back-fills old entries uses it too.
PARENTS = {
    "calls.declaration": ("call",),
    "calls.question": ("call",),
    "calls.criterion": ("call",),
    "calls.reviewphase": ("call",),
    "calls.challenge": ("call",),
    "calls.application": ("call",),
    "calls.conflict": ("call",),
    "calls.answer": ("application",),
    "calls.review": ("application",),
    "calls.score": ("review",),
    "calls.notice": ("application", "call"),
    "calls.pitchday": ("call",),
    "calls.pitchslot": ("application", "pitch_day"),
    "calls.pitchinterest": ("slot",),
    "assessment.inventorycomment": ("inventory",),
    "assessment.opportunity": ("inventory",),
    "symbiosis.matchresult": ("offer", "run"),
    "symbiosis.synergy": ("offer",),
    "symbiosis.exchange": ("synergy",),
    "symbiosis.listingattachment": ("listing",),
    "symbiosis.listingchallenge": ("listing",),
    "symbiosis.message": ("synergy",),
    "symbiosis.messageattachment": ("message",),
    "symbiosis.question": ("synergy",),
    "symbiosis.alertpreference": ("membership",),
    "symbiosis.workshopagreement": ("offer", "table"),
    "roadmaps.workshopfile": ("workshop",),
    "roadmaps.voteitem": ("workshop",),
    "roadmaps.vote": ("item",),
    "roadmaps.roadmapversion": ("roadmap",),
    "roadmaps.strategicgoal": ("version",),
    "roadmaps.barrier": ("version",),
    "roadmaps.roadmapmeasure": ("version",),
    "roadmaps.roadmapcomment": ("version",),
    "roadmaps.clusterneed": ("meeting",),
    "plans.action": ("plan",),
    "plans.progressupdate": ("action",),
    "plans.actionresult": ("action",),
    "plans.streamsplit": ("action",),
    "plans.evidence": ("action",),
    "plans.goaltarget": ("goal",),
    "events.session": ("event",),
    "events.registration": ("event",),
    "events.checkin": ("registration",),
    "events.certificate": ("registration", "event"),
}
# Fields naming the owning organisation, besides ``organisation`` (tried after the parents).
OWNER_FIELDS = {
    "calls.pitchinterest": "firm",
    "events.outreachactivity": "school",
    "plans.action": "owner_organisation",
}


def _related_id(obj, name: str):
    try:
        obj._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return getattr(obj, f"{name}_id", None)


def _resolve(obj, field: str, depth: int = 0):
    """The id of ``field`` (organisation or programme) on ``obj`` or its nearest parent."""
    if obj is None or depth > 6:
        return None
    label = obj._meta.label_lower
    if field == "organisation" and label == "core.organisation":
        return obj.pk
    found = _related_id(obj, field)
    if found:
        return found
    for parent in PARENTS.get(label, ()):
        try:
            above = getattr(obj, parent, None)
        except ObjectDoesNotExist:  # deleted along with the object
            above = None
        found = _resolve(above, field, depth + 1)
        if found:
            return found
    if field == "organisation" and label in OWNER_FIELDS:
        return _related_id(obj, OWNER_FIELDS[label])
    return None


def owner_ids(obj: models.Model) -> tuple[int | None, int | None]:
    """``(programme id, organisation id)`` of the object an audit entry is about."""
    return _resolve(obj, "programme"), _resolve(obj, "organisation")


def record(actor, action: str, obj: models.Model, changes: dict | None = None, programme=None):
    """Write one audit entry. ``changes`` is ``{field: [before, after]}``."""
    programme_id, organisation_id = owner_ids(obj)
    if programme is not None:
        programme_id = programme.pk
    return AuditEntry.objects.create(
        organisation_id=organisation_id,
        programme_id=programme_id,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes={k: [_plain(v[0]), _plain(v[1])] for k, v in (changes or {}).items()},
    )


def record_created(actor, obj: models.Model, programme=None, fields=None):
    after = snapshot(obj, fields)
    changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [], {})}
    return record(actor, "created", obj, changes, programme)


def record_deleted(actor, obj: models.Model, programme=None):
    return record(actor, "deleted", obj, {}, programme)


def visible_entries(user, entries=None):
    """The audit entries ``user`` may read: those about objects the user may see.

    An entry about a firm's object (it has an owning organisation) is shown to the firm's
    assigned staff — the managers of a programme it takes part in and its analyst — and to the
    managers of the entry's programme (an applicant not yet a participant). An entry about a
    programme's own object (a call, an event, a workshop) is shown to that programme's operator
    staff. Entries about accounts (no programme, no organisation) only to site administrators.
    """
    entries = AuditEntry.objects.all() if entries is None else entries
    if getattr(user, "is_superuser", False):
        return entries
    if not getattr(user, "is_authenticated", False):
        return entries.none()
    staff_of = staff_programme_ids(user)
    managed = staff_programme_ids(user, roles=(StaffAssignment.Role.MANAGER,))
    assigned = Participation.objects.filter(Q(programme_id__in=managed) | Q(analyst=user)).values(
        "organisation_id"
    )
    return entries.filter(
        Q(organisation__isnull=True, programme_id__in=staff_of)
        | Q(organisation_id__in=assigned)
        | Q(organisation__isnull=False, programme_id__in=managed)
    )
