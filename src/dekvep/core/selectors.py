"""What a user may see: the querysets views and endpoints start from."""

from .memo import once
from .models import (
    OPERATOR_ROLES,
    Organisation,
    Participation,
    Programme,
    StaffAssignment,
)
from .rules import is_operator_staff, member_organisation_ids, memberships_of


def visible_organisations(user):
    if is_operator_staff(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=member_organisation_ids(user))


def visible_programmes(user):
    if getattr(user, "is_superuser", False):
        return Programme.objects.all()
    staff = StaffAssignment.objects.filter(user=user).values("programme_id")
    member_of = Participation.objects.filter(organisation__memberships__user=user).values(
        "programme_id"
    )
    return Programme.objects.filter(pk__in=staff) | Programme.objects.filter(pk__in=member_of)


def user_roles(user) -> list[str]:
    """Names of every role the user holds, for navigation and home pages."""
    if not getattr(user, "is_authenticated", False):
        return []
    # Read once per request: the page and its navigation both ask.
    return list(once(("user_roles", user.pk), lambda: _read_user_roles(user)))


def _read_user_roles(user) -> list[str]:
    roles = set(StaffAssignment.objects.filter(user=user).values_list("role", flat=True))
    if user.is_superuser:
        roles.add(StaffAssignment.Role.MANAGER)
    for membership in memberships_of(user):
        roles.add("firm_" + membership.role)
        if membership.organisation.kind == Organisation.Kind.SOLUTION_PROVIDER:
            roles.add("solution_provider")
    return sorted(roles)


def is_operator(user) -> bool:
    return bool(is_operator_staff(user))


def primary_programme(user):
    """The programme a user's pages default to: their newest one."""
    return visible_programmes(user).distinct().order_by("-starts_on").first()


__all__ = [
    "OPERATOR_ROLES",
    "is_operator",
    "memberships_of",
    "primary_programme",
    "user_roles",
    "visible_organisations",
    "visible_programmes",
]
