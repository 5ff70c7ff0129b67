"""Ids in an API payload turned into the objects they name; an unknown id is named in the error."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .models import Organisation, Programme, User
from .selectors import primary_programme

# Payload fields that name people or organisations by id, many or one.
MANY = {
    "facilitators": User,
    "invited_people": User,
    "participant_people": User,
    "invited_organisations": Organisation,
    "participants": Organisation,
    "partners": Organisation,
}
ONE = {"owner_organisation": Organisation, "owner_person": User}


def objects_by_id(model, ids, field: str) -> list:
    """The objects with these ids, each once, in no particular order."""
    ids = list(dict.fromkeys(ids or []))
    found = list(model.objects.filter(pk__in=ids))
    if len(found) != len(ids):
        missing = sorted(set(ids) - {o.pk for o in found})
        raise ValidationError(
            {field: _("Unknown id(s): %(ids)s.") % {"ids": ", ".join(map(str, missing))}}
        )
    return found


def object_by_id(model, pk, field: str):
    return None if pk is None else objects_by_id(model, [pk], field)[0]


def resolve_ids(data: dict) -> dict:
    """Replace the people and organisation ids of ``data`` with the objects themselves."""
    for name, model in MANY.items():
        if name in data and data[name] is not None:
            data[name] = objects_by_id(model, data[name], name)
    for name, model in ONE.items():
        if name in data:
            data[name] = object_by_id(model, data[name], name)
    return data


def programme_of(user) -> Programme:
    """The programme the user works in; refused for someone in none."""
    programme = primary_programme(user)
    if programme is None:
        raise PermissionDenied
    return programme
