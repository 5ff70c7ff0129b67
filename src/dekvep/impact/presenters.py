"""Figures made ready to show: formatted values, drill-down rows, breakdown tables."""

from __future__ import annotations

import datetime

from django.urls import reverse

from dekvep.core.formatting import format_datetime, format_number
from dekvep.core.i18n import label
from dekvep.core.memo import reading

from .figures import all_figures, summary
from .registry import Column, Figure, prefetch_breakdowns
from .selectors import breakdown


def formatted(value, decimals: int = 0) -> str:
    return format_number(value, decimals)


def figure_url(figure: Figure, programme) -> str:
    return reverse("impact:figure", args=[figure.key]) + f"?programme={programme.slug}"


def cards(programme) -> list[dict]:
    """One card per figure, computed from one aggregate query each."""
    values = summary(programme)
    figures = all_figures()
    with reading():
        prefetch_breakdowns(figures, programme)
        return _cards(figures, values, programme)


def _cards(figures, values, programme) -> list[dict]:
    return [
        {
            "figure": figure,
            "value": values[figure.key],
            "display": formatted(values[figure.key], figure.decimals),
            "url": figure_url(figure, programme),
            "breakdown": [(label, formatted(n)) for label, n in breakdown(figure, programme) if n],
        }
        for figure in figures
    ]


def resolve(record, path: str):
    """``organisation.name`` on a record; choices show their label, callables are called."""
    value = record
    for part in path.split("."):
        if value is None:
            return ""
        display = getattr(value, f"get_{part}_display", None)
        value = display() if callable(display) else getattr(value, part, "")
        if callable(value):
            value = value()
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_datetime(value)
    if path.split(".")[-1] == "sector" and isinstance(value, str):
        return label(value or "other", "sector")
    return value


def rows(records, columns: tuple[Column, ...]) -> list[dict]:
    result = []
    for record in records:
        url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
        result.append({"cells": [resolve(record, c.path) for c in columns], "url": url})
    return result
