"""Every change to readiness data: the firm's profile and the rule catalogue's versions."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.permissions import require
from dekvep.core.writes import write

from . import choices
from .catalogue import cn_headings, current_catalogue, validate_catalogue
from .models import CatalogueVersion, ReadinessProfile

LIST_FIELDS = {
    "export_markets": choices.MARKETS,
    "product_types": choices.PRODUCT_TYPES,
    "packaging_kinds": choices.PACKAGING_KINDS,
    "fgas_equipment": choices.FGAS_EQUIPMENT,
}
PERCENT_FIELDS = ("eu_export_share", "collective_bargaining_pct")
NON_NEGATIVE = ("packaging_placed_t", "turnover_eur_m", "training_hours")
COUNT_FIELDS = (
    "headcount",
    "female_employees",
    "permanent_employees",
    "recordable_accidents",
    "fatalities",
)
BOOL_FIELDS = ("customer_requests", "fgas_in_products", "mrv_installation")
FIELDS = (
    *LIST_FIELDS,
    "cn_codes",
    *PERCENT_FIELDS,
    *NON_NEGATIVE,
    *COUNT_FIELDS,
    *BOOL_FIELDS,
    "allocation_key",
)


def parse_cn_codes(value: Any) -> list[str]:
    """``"6109 10, 6302.21"`` or a list → ``["610910", "630221"]``: commas separate codes."""
    items = value if isinstance(value, list) else re.split(r"[,;\n]+", str(value or ""))
    codes = []
    for item in items:
        code = re.sub(r"[.\s]", "", str(item))
        if code and code not in codes:
            codes.append(code)
    return codes


def _cn_errors(codes: list[str]) -> list[str]:
    known = cn_headings()
    errors = []
    for position, code in enumerate(codes, start=1):
        if not code.isdigit() or len(code) not in (4, 6, 8):
            message = _("code %(n)s (%(code)s): a CN code has 4, 6 or 8 digits")
            errors.append(message % {"n": position, "code": code})
        elif code[:4] not in known:
            message = _(
                "code %(n)s (%(code)s): heading %(heading)s is not in the CN list of our chapters"
            )
            errors.append(message % {"n": position, "code": code, "heading": code[:4]})
    return errors


def _number_errors(answers: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in PERCENT_FIELDS:
        value = answers.get(name)
        if value is not None and not 0 <= value <= 100:
            errors[name] = [_("Enter a percentage between 0 and 100.")]
    for name in (*NON_NEGATIVE, *COUNT_FIELDS):
        value = answers.get(name)
        if value is not None and value < 0:
            errors[name] = [_("Enter a number of 0 or more.")]
    headcount = answers.get("headcount")
    for name in ("female_employees", "permanent_employees"):
        value = answers.get(name)
        if headcount is not None and value is not None and value > headcount:
            errors.setdefault(name, []).append(_("Cannot exceed the headcount."))
    return errors


def validate_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """Check the questionnaire's answers; raise ValidationError naming every wrong field."""
    unknown = set(answers) - set(FIELDS)
    errors: dict[str, list[str]] = {name: [_("Unknown question.")] for name in unknown}
    cleaned = {k: v for k, v in answers.items() if k in FIELDS}
    for name, options in LIST_FIELDS.items():
        values = cleaned.get(name) or []
        allowed = dict(options)
        bad = [str(v) for v in values if v not in allowed]
        if bad:
            errors[name] = [_("Not a choice: %(values)s") % {"values": ", ".join(bad)}]
        elif "none" in values and len(values) > 1:
            errors[name] = [_("“None” cannot be combined with other answers.")]
        cleaned[name] = list(dict.fromkeys(values))
    cleaned["cn_codes"] = parse_cn_codes(cleaned.get("cn_codes"))
    cn_errors = _cn_errors(cleaned["cn_codes"])
    if cn_errors:
        errors["cn_codes"] = cn_errors
    errors.update(_number_errors(cleaned))
    markets = cleaned.get("export_markets") or []
    if (cleaned.get("eu_export_share") or 0) > 0 and "eu" not in markets:
        errors.setdefault("eu_export_share", []).append(
            _("You gave a share exported to the EU but the EU is not among your export markets.")
        )
    key = cleaned.get("allocation_key") or ReadinessProfile.AllocationKey.MASS
    if key not in ReadinessProfile.AllocationKey.values:
        errors["allocation_key"] = [_("Not a choice: %(values)s") % {"values": key}]
    cleaned["allocation_key"] = key
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def save_profile(actor, organisation, answers: dict[str, Any]) -> ReadinessProfile:
    """Save a firm's questionnaire answers (all of them; a missing answer is stored as empty)."""
    require(actor, "readiness.change_profile", organisation)
    cleaned = validate_answers(answers)
    profile = ReadinessProfile.objects.filter(organisation=organisation).first()
    profile = profile or ReadinessProfile(organisation=organisation)
    fields = {
        name: cleaned.get(name, [] if name in LIST_FIELDS or name == "cn_codes" else None)
        for name in FIELDS
    }
    fields["updated_by"] = actor if getattr(actor, "is_authenticated", False) else None
    fields["updated_at"] = timezone.now()
    # Filed under the firm's programme so that its staff find it in their audit log.
    participation = organisation.participations.order_by("-joined_on").first()
    programme = participation.programme if participation else None
    return write(
        actor,
        profile,
        fields,
        [*FIELDS, "updated_by", "updated_at"],
        programme=programme,
        audited=list(FIELDS),
    )


@transaction.atomic
def publish_catalogue(actor, data: dict[str, Any], version: str, note: str) -> CatalogueVersion:
    """Put a new version of the rule catalogue in force (operator staff, audited)."""
    require(actor, "readiness.change_catalogue")
    errors = {}
    version = (version or "").strip()
    if not version:
        errors["version"] = [_("Give the new version a name, e.g. 2026.1.")]
    elif CatalogueVersion.objects.filter(
        version=version
    ).exists() or version == current_catalogue().get("version"):
        errors["version"] = [_("This version name is already used.")]
    if not (note or "").strip():
        errors["note"] = [_("Say what changed and on which source.")]
    try:
        validate_catalogue(data)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    previous = current_catalogue()
    data = {**data, "version": version}
    saved = CatalogueVersion.objects.create(
        version=version, data=data, note=note.strip(), created_by=actor
    )
    audit.record(actor, "published", saved, _catalogue_changes(previous, data))
    return saved


def _catalogue_changes(before: dict, after: dict) -> dict:
    """``{rule id: [old, new]}`` for each rule added, removed or changed, and the version."""
    old = {r["id"]: r for r in before.get("rules", [])}
    new = {r["id"]: r for r in after.get("rules", [])}
    changes = {"version": [before.get("version"), after.get("version")]}
    for rule_id in sorted(set(old) | set(new)):
        if old.get(rule_id) != new.get(rule_id):
            changes[f"rule {rule_id}"] = [old.get(rule_id), new.get(rule_id)]
    return changes
