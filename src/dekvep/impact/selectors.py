"""What a user may read of the figures: programmes, records behind a figure, monthly series."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404

from dekvep.core.memo import once
from dekvep.core.models import Participation, Programme, StaffAssignment
from dekvep.core.permissions import require
from dekvep.core.rules import is_analyst, is_programme_manager, is_programme_staff
from dekvep.core.selectors import primary_programme

from .registry import Figure, Visibility, breakdown_key

VIEWER_ROLES = (
    StaffAssignment.Role.MANAGER,
    StaffAssignment.Role.ANALYST,
    StaffAssignment.Role.FACILITATOR,
    StaffAssignment.Role.FUNDER,
)


def readable_programmes(user):
    """Programmes whose figures the user may read, newest first."""
    if getattr(user, "is_superuser", False):
        return Programme.objects.order_by("-starts_on", "-id")
    if not getattr(user, "is_authenticated", False):
        return Programme.objects.none()
    ids = StaffAssignment.objects.filter(user=user, role__in=VIEWER_ROLES).values("programme_id")
    return Programme.objects.filter(pk__in=ids).order_by("-starts_on", "-id")


def programme_for(user, slug: str | None) -> Programme:
    """The programme named by ``slug`` (or the user's newest), after the permission check."""
    if slug:
        programme = get_object_or_404(Programme, slug=slug)
    else:
        programme = readable_programmes(user).first()
        if programme is None:
            programme = primary_programme(user)
        if programme is None:
            raise Http404
    require(user, "impact.view_impact", programme)
    return programme


def may_list_records(user, figure: Figure, programme) -> bool:
    if figure.records is None:
        return False
    if figure.visibility == Visibility.PUBLIC:
        return True
    if figure.visibility == Visibility.STAFF:
        return bool(is_programme_staff(user, programme))
    if figure.visibility == Visibility.PARTICIPANTS:
        return bool(is_programme_staff(user, programme)) or programme.publishes_participants
    return bool(is_programme_manager(user, programme) or is_analyst(user, programme))


def records_for(user, figure: Figure, programme):
    """The records behind a figure that this user may see, or None for aggregate only.

    Firms' confidential records (inventories, reports, listings) are listed only to the
    programme manager and, for the firms assigned to them, to their analyst.
    """
    if not may_list_records(user, figure, programme):
        return None
    records = figure.records(programme)
    if figure.visibility != Visibility.FIRM or is_programme_manager(user, programme):
        return records
    assigned = Participation.objects.filter(programme=programme, analyst=user).values(
        "organisation_id"
    )
    condition = Q()
    for path in figure.organisation_fields:
        condition |= Q(**{f"{path}__in": assigned})
    if not figure.organisation_fields:
        return records.none()
    # a record with both parties assigned to the analyst must still be listed once
    return records.filter(pk__in=records.filter(condition).values("pk"))


def monthly(figure: Figure, programme) -> list[tuple[datetime.date, float]]:
    """Records per month (or the summed quantity per month), from the records' own dates."""
    if figure.records is None or not figure.date_field:
        return []
    measure = Sum(figure.sum_field) if figure.sum_field else Count("pk")
    rows = (
        figure.records(programme)
        .exclude(**{f"{figure.date_field}__isnull": True})
        .annotate(month=TruncMonth(figure.date_field))
        .values("month")
        .annotate(n=measure)
        .order_by("month")
    )
    series = []
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        series.append((month, float(row["n"] or 0)))
    return _fill_gaps(series)


def _fill_gaps(series):
    """Months with no record count as zero, so the chart's time axis is even."""
    if not series:
        return []
    values = dict(series)
    month, last = series[0][0], series[-1][0]
    filled = []
    while month <= last:
        filled.append((month, values.get(month, 0.0)))
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return filled


def breakdown(figure: Figure, programme) -> list[tuple[str, float]]:
    if not figure.breakdown:
        return []
    return list(once(breakdown_key(figure, programme), lambda: list(figure.breakdown(programme))))


def ordered(records, figure: Figure):
    """Newest first, by the records' own date when they have one."""
    if figure.date_field:
        return records.order_by(f"-{figure.date_field}", "-pk")
    return records.order_by("-pk")
