"""Pydantic's validation errors in the project's own, translatable words.

Pydantic's messages are English only; each common error type gets a message marked for
translation here, and anything else keeps pydantic's text.
"""

from __future__ import annotations

import re
from typing import Any

from .i18n import _

_NUMBER = ("float_parsing", "float_type", "finite_number", "decimal_parsing", "decimal_type")
_INTEGER = ("int_parsing", "int_type", "int_from_float", "int_parsing_size")
_BOUNDS = ("greater_than_equal", "greater_than", "less_than_equal", "less_than")


def pydantic_message(error: Any) -> str:
    """The user-facing message of one entry of ``ValidationError.errors()``."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in _BOUNDS:
        return _bound_message(kind, ctx)
    if kind in ("literal_error", "enum"):
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return _("must be one of: %(choices)s") % {"choices": choices}
    if kind in ("string_too_short", "too_short"):
        return _length_message(kind, ctx)
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    simple = _simple_message(kind)
    return simple if simple is not None else str(error.get("msg", ""))


def _simple_message(kind: str) -> str | None:
    if kind in _NUMBER:
        return _("must be a number")
    if kind in _INTEGER:
        return _("must be a whole number")
    messages = {
        "missing": _("this field is required"),
        "string_type": _("must be text"),
        "bool_type": _("must be yes or no"),
        "bool_parsing": _("must be yes or no"),
        "extra_forbidden": _("this field is not part of the inventory format"),
        "list_type": _("must be a list"),
        "dict_type": _("must be a group of named fields"),
        "model_type": _("must be a group of named fields"),
        "model_attributes_type": _("must be a group of named fields"),
    }
    return messages.get(kind)


def _bound_message(kind: str, ctx: dict[str, Any]) -> str:
    key = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le"}.get(
        kind, "lt"
    )
    limit = _number(ctx.get(key))
    if kind == "greater_than_equal":
        return _("must be at least %(limit)s") % {"limit": limit}
    if kind == "greater_than":
        return _("must be greater than %(limit)s") % {"limit": limit}
    if kind == "less_than_equal":
        return _("must be at most %(limit)s") % {"limit": limit}
    return _("must be less than %(limit)s") % {"limit": limit}


def _length_message(kind: str, ctx: dict[str, Any]) -> str:
    minimum = ctx.get("min_length", 1)
    if kind == "too_short":
        return _("needs at least %(count)s line(s)") % {"count": minimum}
    if minimum == 1:
        return _("must not be empty")
    return _("must be at least %(count)s characters long") % {"count": minimum}


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
