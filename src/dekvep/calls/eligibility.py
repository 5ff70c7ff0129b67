"""A call's eligibility rules, checked against the applying organisation.

Reasons are stored as codes with parameters and rendered in the reader's language.
"""

from django.utils.translation import gettext as _

from dekvep.core.models import Organisation


def _nace_matches(codes: list[str], prefixes: list[str]) -> bool:
    normalised = [c.strip() for c in codes or []]
    return any(code.startswith(prefix.strip()) for code in normalised for prefix in prefixes)


def check(call, organisation: Organisation) -> list[dict]:
    """The rules ``organisation`` fails, as ``[{"code", "params"}]``; empty when eligible."""
    reasons = []
    if call.eligible_kinds and organisation.kind not in call.eligible_kinds:
        reasons.append({"code": "kind", "params": {"value": organisation.kind}})
    if call.eligible_nace_prefixes and not _nace_matches(
        organisation.nace_codes, call.eligible_nace_prefixes
    ):
        reasons.append(
            {
                "code": "nace",
                "params": {
                    "value": ", ".join(organisation.nace_codes or []) or "—",
                    "allowed": ", ".join(call.eligible_nace_prefixes),
                },
            }
        )
    places = list(call.eligible_provinces) + list(call.eligible_zones)
    if places and not (
        organisation.province in call.eligible_provinces
        or organisation.industrial_zone in call.eligible_zones
    ):
        where = organisation.industrial_zone or organisation.province or "—"
        reasons.append({"code": "place", "params": {"value": where, "allowed": ", ".join(places)}})
    bands = call.eligible_employee_bands
    if bands and organisation.employee_band not in bands:
        reasons.append(
            {
                "code": "employees",
                "params": {"value": organisation.employee_band or "—", "allowed": ", ".join(bands)},
            }
        )
    return reasons


def reason_text(reason: dict) -> str:
    params = reason.get("params", {})
    code = reason.get("code")
    if code == "kind":
        return _("This call is not open to organisations of this kind (%(value)s).") % params
    if code == "nace":
        return _("Activity codes %(value)s are not among the eligible sectors (%(allowed)s).") % (
            params
        )
    if code == "place":
        return _("Location %(value)s is outside the eligible provinces or zones (%(allowed)s).") % (
            params
        )
    if code == "employees":
        return _("Employee band %(value)s is not eligible (allowed: %(allowed)s).") % params
    if code == "override":
        return _("Decided by staff: %(note)s") % params
    return str(params)
