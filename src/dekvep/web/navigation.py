"""The navigation bar: which sections a user sees, by role."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dekvep.core.rules import is_operator_staff
from dekvep.readiness.selectors import can_use
from dekvep.roadmaps.rules import uses_pages


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # "all" signed-in users, "staff" operator staff, "staff_or_funder", or the name of a check
    # in ``CHECKS``: the same check the section's page makes, so no item leads to a refusal.
    show: str


ITEMS = [
    NavItem(_("Home"), "web:home", "all"),
    NavItem(_("Calls"), "calls:home", "all"),
    NavItem(_("Assessment"), "assessment:home", "all"),
    NavItem(_("Marketplace"), "symbiosis:home", "all"),
    NavItem(_("Roadmaps"), "roadmaps:home", "roadmaps"),
    NavItem(_("Events"), "events:home", "all"),
    NavItem(_("Green Deal"), "readiness:home", "readiness"),
    NavItem(_("Impact"), "impact:dashboard", "staff_or_funder"),
    NavItem(_("Organisations"), "core:directory", "staff"),
    NavItem(_("Reference data"), "catalog:home", "all"),
    NavItem(_("Audit log"), "core:audit_log", "staff"),
]


def _uses_readiness(user) -> bool:
    return can_use(user)


def _uses_roadmaps(user) -> bool:
    return uses_pages(user)


CHECKS = {"readiness": _uses_readiness, "roadmaps": _uses_roadmaps}


def items_for(user, roles: list[str]) -> list[dict]:
    staff = bool(is_operator_staff(user))
    funder = "funder" in roles
    visible = []
    for item in ITEMS:
        if item.show == "staff" and not staff:
            continue
        if item.show == "staff_or_funder" and not (staff or funder):
            continue
        if item.show in CHECKS and not CHECKS[item.show](user):
            continue
        if (
            funder
            and not staff
            and item.show in ("all", "roadmaps")
            and item.url_name != "web:home"
        ):
            continue
        visible.append({"label": item.label, "url": reverse(item.url_name), "name": item.url_name})
    return visible
