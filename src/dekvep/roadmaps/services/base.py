"""What the services of this package share: constants and helpers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dekvep.core.models import User
from dekvep.core.uploads import DOCUMENTS

EVIDENCE_TYPES = DOCUMENTS
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 8 * 1024 * 1024


def _check_sector(programme, sector: str, field: str = "sector") -> None:
    if sector not in (programme.priority_sectors or []):
        raise ValidationError(
            {
                field: _("“%(sector)s” is not a priority sector of this programme.")
                % {"sector": sector}
            }
        )


def _sector_users(programme, sector):
    return User.objects.filter(
        memberships__organisation__participations__programme=programme,
        memberships__organisation__participations__sector=sector,
        is_active=True,
    ).distinct()
