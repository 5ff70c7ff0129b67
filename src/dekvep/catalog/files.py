"""Reading the shipped CSV files with row- and field-named errors.

Pure Python, no Django import: the engines read the catalog too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class CatalogFileError(ValueError):
    """A shipped data file is malformed; the message names the file, row and field."""


def read_rows(file: str | Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)`` for each row of ``file`` (a name in ``data/`` or a path)."""
    path = DATA_DIR / file if isinstance(file, str) else file
    name = path.name
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise CatalogFileError(f"{name}: missing column(s) {', '.join(missing)}")
        for row in reader:
            yield reader.line_num, {c: (row[c] or "").strip() for c in columns}


def require(name: str, line: int, field: str, ok: bool, expected: str, value: str) -> None:
    """Raise a :class:`CatalogFileError` naming the row and field unless ``ok``."""
    if not ok:
        raise CatalogFileError(
            f"{name}, row {line}, field {field}: expected {expected}, got {value!r}"
        )


def parse_bool(name: str, line: int, field: str, value: str) -> bool:
    require(name, line, field, value in ("true", "false"), "true or false", value)
    return value == "true"


def _(message: str) -> str:
    """Translate ``message`` when Django is configured; plain English otherwise.

    The catalog is also read outside Django (the engines, scripts), so Django is imported lazily.
    """
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is installed with the project
        return message
    if not settings.configured:
        return message
    from django.utils.translation import gettext

    return gettext(message)


def active_language() -> str:
    """Django's active language when Django is configured, else English."""
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover
        return "en"
    if not settings.configured:
        return "en"
    from django.utils.translation import get_language

    return get_language() or settings.LANGUAGE_CODE
