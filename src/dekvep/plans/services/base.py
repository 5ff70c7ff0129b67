"""What the services of this package share: constants and helpers."""

from __future__ import annotations

from dekvep.core.uploads import DOCUMENTS

EVIDENCE_TYPES = DOCUMENTS
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 8 * 1024 * 1024
