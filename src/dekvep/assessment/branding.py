"""The programme's and the operator's names and logos on reports, from the settings
(``REPORT_*``, docs/deploy.md), falling back to the programme's record."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)
TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
MAX_BYTES = 512 * 1024


def logo(path: str) -> str:
    """The logo file as a data URI (the page and the PDF both show it), "" when unusable."""
    if not path:
        return ""
    file = Path(path)
    kind = TYPES.get(file.suffix.lower())
    if kind is None or not file.is_file() or file.stat().st_size > MAX_BYTES:
        log.warning("report logo not usable", extra={"path": path})
        return ""
    return f"data:{kind};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"


def branding(programme=None) -> dict[str, str]:
    operator = getattr(programme, "operator", None)
    return {
        "programme": getattr(settings, "REPORT_PROGRAMME_NAME", "")
        or getattr(programme, "name", ""),
        "operator": getattr(settings, "REPORT_OPERATOR_NAME", "") or getattr(operator, "name", ""),
        "programme_logo": logo(getattr(settings, "REPORT_PROGRAMME_LOGO", "")),
        "operator_logo": logo(getattr(settings, "REPORT_OPERATOR_LOGO", "")),
    }
