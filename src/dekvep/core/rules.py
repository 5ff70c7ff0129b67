"""Who may do what: named predicates per role and the object-level permissions built on them.

Views and API endpoints call ``user.has_perm("core.<perm>", obj)`` or ``require(...)``; every
service that changes data checks the same permission before it writes.
"""

import rules
from django.db.models import Q

from .memo import once
from .models import (
    OPERATOR_ROLES,
    Membership,
    Organisation,
    Participation,
    Programme,
    StaffAssignment,
)


def _roles(user) -> set[tuple[int, str]]:
    """(programme id, role) pairs of a user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_dekvep_staff_roles", None)
    if cached is None:
        cached = set(StaffAssignment.objects.filter(user=user).values_list("programme_id", "role"))
        user._dekvep_staff_roles = cached
    return cached


def _org_roles(user) -> dict[int, str]:
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_dekvep_org_roles", None)
    if cached is None:
        cached = {m.organisation_id: m.role for m in memberships_of(user)}
        user._dekvep_org_roles = cached
    return cached


def staff_programme_ids(user, roles=OPERATOR_ROLES) -> set[int]:
    if getattr(user, "is_superuser", False):
        return set(Programme.objects.values_list("id", flat=True))
    return {pid for pid, role in _roles(user) if role in roles}


def memberships_of(user) -> list[Membership]:
    """The user's memberships with their organisations, read once per request (the roles, the
    navigation, the home page and the firm's status block all list them)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        once(
            ("memberships", user.pk),
            lambda: list(Membership.objects.filter(user=user).select_related("organisation")),
        )
    )


def member_organisation_ids(user) -> set[int]:
    return set(_org_roles(user))


@rules.predicate
def is_superuser(user):
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def is_operator_staff(user):
    """Programme manager, analyst or facilitator of any programme."""
    return is_superuser(user) or any(role in OPERATOR_ROLES for _, role in _roles(user))


def _has_role(role):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user, programme=None):
        if is_superuser(user):
            return True
        pid = _programme_id(programme)
        return any(r == role and (pid is None or p == pid) for p, r in _roles(user))

    return predicate


def _programme_id(obj):
    if obj is None:
        return None
    if isinstance(obj, Programme):
        return obj.pk
    return getattr(obj, "programme_id", None)


is_programme_manager = _has_role(StaffAssignment.Role.MANAGER)
is_analyst = _has_role(StaffAssignment.Role.ANALYST)
is_facilitator = _has_role(StaffAssignment.Role.FACILITATOR)
is_jury_member = _has_role(StaffAssignment.Role.JURY)
is_funder_viewer = _has_role(StaffAssignment.Role.FUNDER)


@rules.predicate
def is_programme_staff(user, programme=None):
    """Operator staff of this programme (or of any programme when none is given)."""
    if is_superuser(user):
        return True
    pid = _programme_id(programme)
    return any(r in OPERATOR_ROLES and (pid is None or p == pid) for p, r in _roles(user))


@rules.predicate
def is_firm_member(user):
    return bool(_org_roles(user))


def _organisation_id(obj):
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj.pk
    return getattr(obj, "organisation_id", None)


@rules.predicate
def is_member_of(user, obj):
    """Member (any role) of the organisation ``obj`` is, or belongs to."""
    return _organisation_id(obj) in _org_roles(user)


@rules.predicate
def is_admin_of(user, obj):
    return _org_roles(user).get(_organisation_id(obj)) == Membership.Role.ADMIN


@rules.predicate
def is_assigned_staff_of(user, obj):
    """Programme manager of a programme the organisation takes part in, or its assigned analyst.

    These are the operator staff allowed to see a firm's confidential data.
    """
    if is_superuser(user):
        return True
    org_id = _organisation_id(obj)
    if org_id is None or not is_operator_staff(user):  # a firm's own people ask per listing
        return False
    return org_id in _assigned(user)


def assigned_organisation_ids(user) -> set[int]:
    """Organisations taking part in a programme the user manages, or assigned to the user as
    analyst (a new set: the caller may add to it)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(_assigned(user))


def _assigned(user) -> frozenset[int]:
    """``assigned_organisation_ids``, read once per request: a page asks for every listing."""

    def read() -> frozenset[int]:
        managed = staff_programme_ids(user, roles=(StaffAssignment.Role.MANAGER,))
        return frozenset(
            Participation.objects.filter(Q(programme_id__in=managed) | Q(analyst=user))
            .values_list("organisation_id", flat=True)
            .distinct()
        )

    return once(("assigned_organisations", user.pk), read)


# Organisations
rules.add_perm("core.view_directory", is_operator_staff)
rules.add_perm("core.view_organisation", is_operator_staff | is_member_of)
rules.add_perm("core.view_organisation_confidential", is_assigned_staff_of | is_member_of)
rules.add_perm("core.add_organisation", is_operator_staff)
rules.add_perm("core.change_organisation", is_operator_staff | is_admin_of)
rules.add_perm("core.manage_team", is_operator_staff | is_admin_of)
rules.add_perm("core.invite_staff", is_programme_manager)
# Programmes
rules.add_perm("core.view_programme", is_programme_staff | is_funder_viewer | is_jury_member)
rules.add_perm("core.change_programme", is_programme_manager)


@rules.predicate
def publishes_participants(user, programme):
    return bool(programme is not None and programme.publishes_participants)


# Funders see figures; the list of firms only when the programme publishes it.
rules.add_perm(
    "core.view_participants",
    is_programme_staff | is_jury_member | (is_funder_viewer & publishes_participants),
)
rules.add_perm("core.view_audit_log", is_operator_staff)
