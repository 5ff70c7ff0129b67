"""Translatable messages for the pure engine.

The engine marks every message a user may see with ``_()`` so ``makemessages`` extracts it, but
it cannot import Django: the web app installs Django's ``gettext`` with :func:`set_translator`
when it starts, and ``dekvep assess`` keeps the default, which leaves messages in English.
"""

from __future__ import annotations

from collections.abc import Callable


def _identity(message: str) -> str:
    return message


_translator: Callable[[str], str] = _identity


def _(message: str) -> str:
    """``message`` in the active language (as the installed translator sees it)."""
    return _translator(message)


def set_translator(fn: Callable[[str], str] | None) -> None:
    """Translate engine messages with ``fn`` from now on (None restores English)."""
    global _translator
    _translator = fn or _identity
