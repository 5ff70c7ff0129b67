"""Numbers as people write them: "1.500" is fifteen hundred in Turkish and one and a half in
English. A file's convention is read from the values that can only be one or the other; a value
that could be either in a file that never says which is reported, never guessed."""

from __future__ import annotations

import re

TURKISH, ENGLISH = "tr", "en"
# can only be Turkish: "1.500.000", "1.500,5", "12,5"
_ONLY_TR = re.compile(
    r"^\d{1,3}(\.\d{3}){2,}(,\d+)?$|^\d{1,3}(\.\d{3})+,\d+$|^\d+,(\d{1,2}|\d{4,})$"
)
# can only be English: "1,500,000", "1,500.5", "12.5"
_ONLY_EN = re.compile(
    r"^\d{1,3}(,\d{3}){2,}(\.\d+)?$|^\d{1,3}(,\d{3})+\.\d+$|^\d+\.(\d{1,2}|\d{4,})$"
)
# either: "1.500" (1500 or 1.5), "1,500" (1500 or 1.5)
_EITHER = re.compile(r"^\d{1,3}[.,]\d{3}$")


class AmbiguousNumber(ValueError):
    """A value that reads as two different numbers and a file that does not say which."""


def convention(text: str) -> str | None:
    """ "tr" or "en" when the value can be written only one way, else None."""
    text = text.strip().lstrip("+-")
    if _ONLY_TR.match(text):
        return TURKISH
    if _ONLY_EN.match(text):
        return ENGLISH
    return None


def detect(values: list[str]) -> tuple[str | None, list[int]]:
    """The convention the values agree on (None when they never say) and, when they disagree,
    the positions of the values of the less common one."""
    seen: dict[str, list[int]] = {TURKISH: [], ENGLISH: []}
    for i, value in enumerate(values):
        if found := convention(value):
            seen[found].append(i)
    if seen[TURKISH] and seen[ENGLISH]:
        major = TURKISH if len(seen[TURKISH]) >= len(seen[ENGLISH]) else ENGLISH
        minor = ENGLISH if major == TURKISH else TURKISH
        return major, seen[minor]
    if seen[TURKISH]:
        return TURKISH, []
    if seen[ENGLISH]:
        return ENGLISH, []
    return None, []


def parse(text: str, locale: str | None) -> float:
    """The number ``text`` stands for under ``locale`` ("tr", "en" or None: not known)."""
    text = text.strip()
    if locale is None:
        if _EITHER.match(text.lstrip("+-")):
            raise AmbiguousNumber(text)
        locale = convention(text) or ENGLISH
    if locale == TURKISH:
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", ""))
