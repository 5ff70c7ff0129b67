"""Numbers, percentages and dates in the reader's language, always in Istanbul time.

One format per language, used by pages (the ``num``, ``pct``, ``day`` and ``moment`` template
filters), exports and PDFs:

===========  ==============  ==============
             Turkish         English
===========  ==============  ==============
number       ``1.234,5``     ``1,234.5``
percent      ``%36``         ``36%``
date         ``01.03.2022``  ``1 Mar 2022``
date & time  ``01.03.2022 14:05``  ``1 Mar 2022 14:05``
===========  ==============  ==============

Every function takes an optional ``language``; without it the active language is used.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal
from zoneinfo import ZoneInfo

ISTANBUL = ZoneInfo("Europe/Istanbul")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEPARATORS = {"tr": (".", ","), "en": (",", ".")}


def language_of(language: str | None = None) -> str:
    """``"tr"`` or ``"en"``: the given language, else the active one (Turkish by default)."""
    if not language:
        # Lazy: the engines read the catalog through this module, and they load no Django.
        from django.utils.translation import get_language

        language = get_language() or "tr"
    return "en" if language.lower().startswith("en") else "tr"


def format_number(value, decimals: int | None = None, language: str | None = None) -> str:
    """``1234.5`` → ``"1.234,5"`` (tr) / ``"1,234.5"`` (en).

    ``decimals=None`` shows the value as entered, trimmed to at most two decimals
    (``218720.0`` → ``"218.720"``); a whole number of ``decimals`` always shows that many.
    None and empty values give ``""``; text is returned unchanged.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return value
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    thousands, point = _SEPARATORS[language_of(language)]
    if decimals is None:
        text = f"{round(value, 2):,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    return text.replace(",", "\x00").replace(".", point).replace("\x00", thousands)


def format_percent(value, decimals: int = 0, language: str | None = None) -> str:
    """Percentage points as the language writes them: ``36`` → ``"%36"`` / ``"36%"``."""
    if value is None or value == "":
        return ""
    number = format_number(value, decimals, language)
    return f"%{number}" if language_of(language) == "tr" else f"{number}%"


def format_share(value, decimals: int = 0, language: str | None = None) -> str:
    """A share between 0 and 1 as a percentage: ``0.36`` → ``"%36"`` / ``"36%"``."""
    if value is None or value == "":
        return ""
    return format_percent(float(value) * 100, decimals, language)


def local(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime in Istanbul time (a naive one is taken as Istanbul time already)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=ISTANBUL)
    return value.astimezone(ISTANBUL)


def local_date(value) -> datetime.date | None:
    """The Istanbul calendar day of a datetime (a date is returned as it is)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return local(value).date()
    return value


def format_date(value, language: str | None = None) -> str:
    """``"01.03.2022"`` (tr) / ``"1 Mar 2022"`` (en); a datetime counts in Istanbul time."""
    day = local_date(value)
    if day is None or day == "":
        return ""
    if language_of(language) == "tr":
        return day.strftime("%d.%m.%Y")
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def format_datetime(value, language: str | None = None) -> str:
    """``"01.03.2022 14:05"`` (tr) / ``"1 Mar 2022 14:05"`` (en), in Istanbul time."""
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value, language)
    moment = local(value)
    return f"{format_date(moment.date(), language)} {moment:%H:%M}"


def format_month(value, language: str | None = None) -> str:
    """``"03.2022"`` (tr) / ``"Mar 2022"`` (en)."""
    day = local_date(value)
    if day is None:
        return ""
    if language_of(language) == "tr":
        return day.strftime("%m.%Y")
    return f"{_MONTHS_EN[day.month - 1]} {day.year}"


def with_unit(text, unit: str, language: str | None = None) -> str:
    """A formatted value with its unit; a percentage the way the language writes it
    (``"%36,5"`` / ``"36.5%"``). A missing value (``"–"``, ``""``) stays without its unit."""
    text = "" if text is None else str(text)
    if not unit or text in ("", "–", "—"):
        return text
    if unit == "%":
        return f"%{text}" if language_of(language) == "tr" else f"{text}%"
    return f"{text} {unit}"


def _capfirst(text) -> str:
    text = str(text)
    if not text:
        return text
    first = "İ" if text[0] == "i" and language_of() == "tr" else text[0].upper()
    return first + text[1:]


def capfirst(text):
    """Django's ``capfirst`` with Turkish casing: "il" → "İl" on Turkish pages ("Il" is wrong).
    Lazy like Django's, so a label built at import time is cased in the reader's language."""
    # Lazy: the engines read the catalog through this module, and they load no Django.
    from django.utils.functional import keep_lazy_text

    return keep_lazy_text(_capfirst)(text)
