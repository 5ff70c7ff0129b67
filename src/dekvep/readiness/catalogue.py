"""The rule catalogue: the shipped file, the version in force, and its validation."""

from __future__ import annotations

import csv
import datetime
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import CatalogueVersion

DATA_DIR = Path(__file__).resolve().parent / "data"
RULES_FILE = DATA_DIR / "rules.json"
CN_FILE = DATA_DIR / "cn_headings.csv"
LANGUAGES = ("tr", "en")
TEXT_FIELDS = ("title", "applies_to", "asks", "next_step")
SOURCE_FIELDS = ("citation", "url", "date", "version")
CONDITIONS = {
    "eu_export",
    "customer_requests",
    "mrv_installation",
    "never",
    "medium_or_large",
    "large",
}
INDIRECT = {"cbam_inputs", "uses_chemicals", "textile_sector", "eu_export", "all"}


@cache
def shipped_catalogue() -> dict[str, Any]:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))


def current_catalogue() -> dict[str, Any]:
    """The newest version saved by operator staff, or the shipped file."""
    latest = CatalogueVersion.objects.order_by("-created_at", "-pk").first()
    return latest.data if latest else shipped_catalogue()


@cache
def cn_headings() -> dict[str, dict[str, str]]:
    """CN headings (4 digits) of the chapters in scope, with their Turkish and English names."""
    with CN_FILE.open(encoding="utf-8") as handle:
        return {row["heading"]: row for row in csv.DictReader(handle)}


def text(value: dict[str, str] | str | None, language: str) -> str:
    """The Turkish or English text of a bilingual catalogue entry."""
    if not isinstance(value, dict):
        return value or ""
    return value.get("tr" if (language or "tr").startswith("tr") else "en") or value.get("en", "")


def _is_date(value: Any) -> bool:
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _rule_errors(index: int, rule: Any, seen: set[str]) -> list[str]:
    if not isinstance(rule, dict):
        return [_("rule %(n)s: not an object") % {"n": index + 1}]
    name = rule.get("id") or str(index + 1)
    where = _("rule %(id)s") % {"id": name}
    errors = []
    if not rule.get("id"):
        errors.append(_("%(where)s: field id is missing") % {"where": where})
    elif rule["id"] in seen:
        errors.append(_("%(where)s: id is used twice") % {"where": where})
    seen.add(rule.get("id"))
    for key in TEXT_FIELDS:
        value = rule.get(key)
        if not isinstance(value, dict) or not all(value.get(lang) for lang in LANGUAGES):
            errors.append(
                _("%(where)s: %(field)s needs Turkish and English text")
                % {"where": where, "field": key}
            )
    source = rule.get("source")
    for key in SOURCE_FIELDS:
        if not isinstance(source, dict) or not source.get(key):
            errors.append(
                _("%(where)s: source.%(field)s is missing") % {"where": where, "field": key}
            )
    if isinstance(source, dict) and source.get("date") and not _is_date(source["date"]):
        errors.append(_("%(where)s: source.date is not a date (YYYY-MM-DD)") % {"where": where})
    for i, item in enumerate(rule.get("dates") or []):
        if not isinstance(item, dict) or not _is_date(item.get("date")):
            errors.append(
                _("%(where)s: dates[%(i)s].date is not a date (YYYY-MM-DD)")
                % {"where": where, "i": i}
            )
    if not isinstance(rule.get("match"), dict):
        errors.append(_("%(where)s: field match is missing") % {"where": where})
    for key in rule.get("conditions") or []:
        if key not in CONDITIONS:
            errors.append(_("%(where)s: unknown condition %(key)s") % {"where": where, "key": key})
    for key in rule.get("indirect") or []:
        if key not in INDIRECT:
            errors.append(
                _("%(where)s: unknown indirect link %(key)s") % {"where": where, "key": key}
            )
    return errors


def validate_catalogue(data: Any) -> None:
    """Raise ValidationError naming each rule and field that is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or not data["rules"]:
        raise ValidationError({"data": [_("The catalogue needs a non-empty list of rules.")]})
    errors: list[str] = []
    seen: set[str] = set()
    for index, rule in enumerate(data["rules"]):
        errors.extend(_rule_errors(index, rule, seen))
    if errors:
        raise ValidationError({"data": errors})
