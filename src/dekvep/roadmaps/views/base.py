"""What the services of this package share: constants and helpers."""

from django.http import Http404
from django.utils.translation import get_language

from dekvep.core.selectors import primary_programme


def _programme(user):
    programme = primary_programme(user)
    if programme is None:
        raise Http404
    return programme


def _instrument_rows(items) -> list[dict]:
    language = get_language() or "tr"
    return [item.as_dict(language) for item in items]
