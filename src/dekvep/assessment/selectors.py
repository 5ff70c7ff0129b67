"""What a user may see of inventories and reports: the querysets views and endpoints start from."""

from django.db.models import Q

from dekvep.core.memo import once
from dekvep.core.models import Participation, StaffAssignment
from dekvep.core.permissions import get_visible
from dekvep.core.rules import is_superuser, member_organisation_ids, staff_programme_ids

from .models import Inventory, Opportunity, Report


def _analysed(user) -> list[tuple[int, int]]:
    """(programme id, organisation id) of the firms the user analyses, read once per request."""
    return once(
        ("analysed", user.pk),
        lambda: list(
            Participation.objects.filter(analyst=user).values_list(
                "programme_id", "organisation_id"
            )
        ),
    )


def visible_inventories(user):
    """Inventories of the user's own firms, and of the firms the user reviews (as programme
    manager or assigned analyst)."""
    if not getattr(user, "is_authenticated", False):
        return Inventory.objects.none()
    managed = staff_programme_ids(user, roles=(StaffAssignment.Role.MANAGER,))
    analysed = _analysed(user)
    condition = Q(organisation_id__in=member_organisation_ids(user)) | Q(programme_id__in=managed)
    for programme_id, organisation_id in analysed:
        condition |= Q(programme_id=programme_id, organisation_id=organisation_id)
    return Inventory.objects.filter(condition).select_related("organisation", "programme", "site")


def reviewable_organisations(user, programme):
    """Participant firms of ``programme`` the user may open inventories for."""
    participations = Participation.objects.filter(programme=programme).select_related(
        "organisation"
    )
    if programme.pk in staff_programme_ids(user, roles=(StaffAssignment.Role.MANAGER,)):
        return [p.organisation for p in participations]
    org_ids = member_organisation_ids(user)
    return [
        p.organisation
        for p in participations
        if p.analyst_id == user.pk or p.organisation_id in org_ids
    ]


def sector_results(programme, sector: str, year: int | None = None) -> list[dict]:
    """Results of approved inventories of a sector in a programme (latest year when none)."""
    queryset = Inventory.objects.filter(
        programme=programme,
        sector=sector,
        status=Inventory.Status.APPROVED,
        result__isnull=False,
    )
    if year is None:
        latest = queryset.order_by("-year").values_list("year", flat=True).first()
        if latest is None:
            return []
        year = latest
    return list(queryset.filter(year=year).values_list("result", flat=True))


def visible_reports(user):
    """Issued reports the user may read: a firm's reports for its members and its reviewers
    (programme manager, assigned analyst); sector reports for everyone who may read the
    programme's sector reports."""

    if not getattr(user, "is_authenticated", False):
        return Report.objects.none()
    queryset = Report.objects.select_related("organisation", "programme", "issued_by")
    if is_superuser(user):
        return queryset
    managed = staff_programme_ids(user, roles=(StaffAssignment.Role.MANAGER,))
    firm = Q(organisation_id__in=member_organisation_ids(user)) | Q(programme_id__in=managed)
    for programme_id, organisation_id in _analysed(user):
        firm |= Q(programme_id=programme_id, organisation_id=organisation_id)
    participant = Participation.objects.filter(
        organisation_id__in=member_organisation_ids(user)
    ).values_list("programme_id", flat=True)
    sector_readers = staff_programme_ids(user, roles=tuple(StaffAssignment.Role.values))
    sector = Q(programme_id__in=sector_readers) | Q(programme_id__in=list(participant))
    return queryset.filter(
        (Q(kind=Report.Kind.FIRM) & firm) | (Q(kind=Report.Kind.SECTOR) & sector)
    )


# Loading one object a user may see (404 otherwise), for the pages and the API alike ----------


def load_inventory(user, pk, act: str = "assessment.view_inventory") -> Inventory:
    queryset = Inventory.objects.select_related(
        "organisation", "programme", "programme__operator", "created_by"
    )
    return get_visible(queryset, pk, user, "assessment.view_inventory", act=act)


def open_opportunities(inventory: Inventory) -> list[Opportunity]:
    """The inventory's measures that are not rejected, in their order; read once per request
    (the report and the readiness card both show them)."""
    return list(
        once(
            ("assessment.open_opportunities", inventory.pk),
            lambda: list(inventory.opportunities.exclude(status=Opportunity.Status.REJECTED)),
        )
    )


def load_opportunity(user, pk, act: str | None = None) -> Opportunity:
    queryset = Opportunity.objects.select_related("inventory")
    return get_visible(queryset, pk, user, "assessment.view_inventory", act=act, of="inventory")
