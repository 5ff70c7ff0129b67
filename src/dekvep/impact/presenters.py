"""Figures made ready to show: formatted values, drill-down rows, breakdown tables."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import number_format

from .figures import all_figures, summary
from .registry import Column, Figure
from .selectors import breakdown


def formatted(value, decimals: int = 0) -> str:
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def figure_url(figure: Figure, programme) -> str:
    return reverse("impact:figure", args=[figure.key]) + f"?programme={programme.slug}"


def cards(programme) -> list[dict]:
    """One card per figure, computed from one aggregate query each."""
    values = summary(programme)
    return [
        {
            "figure": figure,
            "value": values[figure.key],
            "display": formatted(values[figure.key], figure.decimals),
            "url": figure_url(figure, programme),
            "breakdown": [(label, formatted(n)) for label, n in breakdown(figure, programme) if n],
        }
        for figure in all_figures()
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
    return "" if value is None else value


def rows(records, columns: tuple[Column, ...]) -> list[dict]:
    result = []
    for record in records:
        url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
        result.append({"cells": [resolve(record, c.path) for c in columns], "url": url})
    return result
