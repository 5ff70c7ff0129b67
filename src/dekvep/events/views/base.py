"""What the services of this package share: constants and helpers."""

from dekvep.core.models import Programme
from dekvep.core.rules import staff_programme_ids


def _staff_programmes(user):
    return Programme.objects.filter(pk__in=staff_programme_ids(user))
