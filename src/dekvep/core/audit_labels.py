"""The audit log in words: actions, object types, field names and values through their labels.

Entries store codes (``status_in_discussion``, ``roadmaps.collaborationopportunity``,
``{"sector": [null, "white_goods"]}``) so that they can be filtered and compared; pages show
them with these functions in the reader's language.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .formatting import format_date, format_datetime, format_number
from .i18n import label, language_of
from .memo import in_reading, once

# Actions written by the services, in words.
ACTIONS = {
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("updated"),
    "deleted": gettext_lazy("deleted"),
    "state": gettext_lazy("state changed"),
    "status": gettext_lazy("status changed"),
    "voting": gettext_lazy("voting changed"),
    "sections": gettext_lazy("sections changed"),
    "accepted": gettext_lazy("accepted"),
    "agreed_to_introduction": gettext_lazy("agreed to be introduced"),
    "analyst_assigned": gettext_lazy("analyst assigned"),
    "answers_saved": gettext_lazy("answers saved"),
    "attendance_recorded": gettext_lazy("attendance recorded"),
    "checked_in": gettext_lazy("checked in"),
    "data_saved": gettext_lazy("data saved"),
    "decision_staged": gettext_lazy("decision prepared"),
    "decisions_announced": gettext_lazy("decisions announced"),
    "email_confirmed": gettext_lazy("e-mail address confirmed"),
    "erased": gettext_lazy("personal data erased"),
    "signed_up": gettext_lazy("signed up"),
    "notice_edited": gettext_lazy("notice edited"),
    "offer_drafted_from_waste": gettext_lazy("offer drafted from a waste stream"),
    "phase_activated": gettext_lazy("phase started"),
    "registered": gettext_lazy("registered"),
    "report_pdf_stored": gettext_lazy("report PDF stored"),
    "report_superseded": gettext_lazy("report replaced by a newer one"),
    "requested": gettext_lazy("requested"),
    "reviewers_assigned": gettext_lazy("reviewers assigned"),
    "revoked": gettext_lazy("revoked"),
    "role_changed": gettext_lazy("role changed"),
    "scored": gettext_lazy("scored"),
    "version_started": gettext_lazy("new version started"),
    "voted": gettext_lazy("voted"),
    "workbook_imported": gettext_lazy("Excel workbook imported"),
    "action_verified": gettext_lazy("action verified"),
    "baseline_chosen": gettext_lazy("baseline year chosen"),
    "goal_target_set": gettext_lazy("goal target set"),
    "inventory_version_recorded": gettext_lazy("approved inventory version recorded"),
    "published": gettext_lazy("new version published"),
    "stream_split": gettext_lazy("savings split between actions"),
    "question_relayed": gettext_lazy("question relayed to the other firm"),
    "question_answered": gettext_lazy("question answered"),
    "thread_exported": gettext_lazy("conversations exported"),
    "renewed": gettext_lazy("renewed"),
}

# ``<prefix>_<value>``: the prefix in words; the value is the object's status or state label.
PREFIXES = {
    "status": gettext_lazy("status"),
    "voting": gettext_lazy("voting"),
    "interest": gettext_lazy("interest"),
    "notice": gettext_lazy("notice"),
    "review": gettext_lazy("review"),
    "opportunity": gettext_lazy("measure"),
    "inventory": gettext_lazy("inventory"),
}
_STATE_FIELDS = ("status", "state", "voting", "decision")
_INVENTORY_STEPS = {
    "submit": gettext_lazy("submitted"),
    "return": gettext_lazy("returned for changes"),
    "approve": gettext_lazy("approved"),
    "reopen": gettext_lazy("reopened"),
}


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _state_label(model, value: str) -> str:
    if model is not None:
        for name in _STATE_FIELDS:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            for key, text in field.flatchoices or ():
                if str(key) == value:
                    return str(text)
    if value in _INVENTORY_STEPS:
        return str(_INVENTORY_STEPS[value])
    return label(value)


def action_label(action: str, object_type: str = "") -> str:
    """``"status_in_discussion"`` → "durum: Görüşülüyor" / "status: In discussion"."""
    if action in ACTIONS:
        return str(ACTIONS[action])
    prefix, _sep, value = action.partition("_")
    if value and prefix in PREFIXES:
        state = _state_label(_model(object_type), value)
        return f"{PREFIXES[prefix]}: {state}"
    return label(action)


def object_label(object_type: str) -> str:
    """``"roadmaps.collaborationopportunity"`` → the model's verbose name."""
    model = _model(object_type)
    return str(model._meta.verbose_name).capitalize() if model else label(object_type)


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _first_upper(text: str) -> str:
    """Only the first letter upper-cased ("AB'li", "F-gaz" stay), the Turkish dotted İ too."""
    if not text:
        return text
    first = "İ" if text[0] == "i" and language_of() == "tr" else text[0].upper()
    return first + text[1:]


def field_label(object_type: str, name: str) -> str:
    field = _field(_model(object_type), name)
    if field is not None and hasattr(field, "verbose_name"):
        # A verbose name Django made from the field's name is a plain string: translate it.
        return _first_upper(_(str(field.verbose_name)))
    return _first_upper(label(name))


def value_label(object_type: str, name: str, value) -> str:
    """A stored value as the reader knows it: a choice by its label, a sector by its title,
    yes/no, numbers and dates in the reader's format; ``∅`` when empty."""
    if value is None or value == "" or value == [] or value == {}:
        return "∅"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int) and (name == "year" or name.endswith("_year")):
        return str(value)  # a year, not an amount: no thousands separator
    if isinstance(value, int) and (related := _related(object_type, name, value)):
        return related
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(value_label(object_type, name, v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{label(k)}: {value_label(object_type, k, v)}" for k, v in value.items())
    field = _field(_model(object_type), name)
    text = str(value)
    if field is not None and field.flatchoices:
        return label(text, f"{field.model._meta.label}.{name}")
    if name == "sector" or name.endswith("_sector"):
        return label(text, "sector")
    return _dated(text) or (label(text) if "_" in text and " " not in text else text)


def _key_model(object_type: str, name: str):
    """The model a foreign key field points at, or None when the field is not such a key."""
    field = _field(_model(object_type), name)
    if field is None or not getattr(field, "related_model", None):
        return None
    if not (field.many_to_one or field.one_to_one):
        return None
    return field.related_model


def _related(object_type: str, name: str, pk: int) -> str:
    """The object a foreign key points at, by its name; "" when it is gone or not a key."""
    model = _key_model(object_type, name)
    if model is None:
        return ""

    def read() -> str:
        found = model._default_manager.filter(pk=pk).first()
        return str(found) if found is not None else ""

    return once(("audit_related", model._meta.label, pk), read)


def prefetch_related_labels(entries) -> None:
    """Within a request, name every object the entries' changes point at with one query per
    model, not one per value: a page of fifty entries would otherwise send a query each."""
    if not in_reading():
        return
    wanted: dict = {}
    for entry in entries:
        for name, pair in (entry.changes or {}).items():
            if not (isinstance(pair, list | tuple) and len(pair) == 2):
                continue
            model = _key_model(entry.object_type, name)
            if model is None or name == "year" or name.endswith("_year"):
                continue
            ids = [v for v in pair if isinstance(v, int) and not isinstance(v, bool)]
            wanted.setdefault(model, set()).update(ids)
    for model, ids in wanted.items():
        found = model._default_manager.in_bulk(ids)
        for pk in ids:
            text = str(found[pk]) if pk in found else ""
            once(("audit_related", model._meta.label, pk), lambda text=text: text)


def _dated(text: str) -> str:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return ""
    if len(text) == 10:
        return format_date(moment.date())
    return format_datetime(moment)


def changes(entry) -> list[tuple[str, str, str]]:
    """(field, before, after) of an entry, in words."""
    kind = entry.object_type
    return [
        (
            field_label(kind, name),
            value_label(kind, name, pair[0]),
            value_label(kind, name, pair[1]),
        )
        for name, pair in (entry.changes or {}).items()
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]
