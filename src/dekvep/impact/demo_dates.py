"""Date the demo's records across the programme's 18 months, not on the day the demo ran.

The app demos create many records with the moment they run (``created_at``, ``issued_at`` ...).
The funder and the manager read these dates (monthly charts, the timeline), so this last step
moves them to where the reference programme had them: applications inside their call's window,
analyses in months 3-8, reports in months 7-9, registrations before their event, certificates
after it, action plans in months 9-18. Records that are meant to be live in the demo (an open
call, an upcoming event) are left as they are; synergies are dated by the symbiosis demo.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from dekvep.assessment.models import Inventory, Opportunity, Report
from dekvep.calls.models import Application
from dekvep.core.formatting import ISTANBUL
from dekvep.core.models import Participation
from dekvep.events.models import Ambassador, Certificate, Registration
from dekvep.plans.models import Action, ProgressUpdate


def _month(programme, months: int, day: int = 0) -> datetime.datetime:
    """The start of the programme's month ``months`` (0 = the first), plus ``day`` days, 10:00."""
    start = programme.starts_on
    year, month = divmod(start.month - 1 + months, 12)
    first = datetime.date(start.year + year, month + 1, 1) + datetime.timedelta(days=day)
    return datetime.datetime.combine(first, datetime.time(10), tzinfo=ISTANBUL)


def _spread(first: datetime.datetime, last: datetime.datetime, index: int, count: int):
    """The ``index``-th of ``count`` moments spread evenly from ``first`` to ``last``."""
    if count <= 1 or last <= first:
        return first
    return first + (last - first) * (index / (count - 1))


def _end(programme) -> datetime.datetime:
    return datetime.datetime.combine(programme.ends_on, datetime.time(17), tzinfo=ISTANBUL)


def _applications(programme) -> None:
    end = _end(programme)
    rows = list(
        Application.objects.filter(call__programme=programme, call__closes_at__lte=end)
        .select_related("call")
        .order_by("call_id", "pk")
    )
    by_call: dict[int, list] = {}
    for row in rows:
        by_call.setdefault(row.call_id, []).append(row)
    for items in by_call.values():
        call = items[0].call
        for i, application in enumerate(items):
            moment = _spread(call.opens_at, call.closes_at, i, len(items))
            application.created_at = moment
            if application.submitted_at is not None:
                application.submitted_at = moment
    Application.objects.bulk_update(rows, ["created_at", "submitted_at"])


def _assessment(programme) -> None:
    inventories = list(Inventory.objects.filter(programme=programme).order_by("year", "pk"))
    first_year = min((i.year for i in inventories), default=0)
    for i, inventory in enumerate(inventories):
        # A second-year inventory is the monitoring round at the programme's end.
        base = 3 if inventory.year == first_year else 13
        inventory.created_at = _month(programme, base, i % 28)
        if inventory.submitted_at is not None:
            inventory.submitted_at = _month(programme, base + 2, i % 28)
        if inventory.approved_at is not None:
            inventory.approved_at = _month(programme, base + 3, i % 28)
    Inventory.objects.bulk_update(inventories, ["created_at", "submitted_at", "approved_at"])
    reports = list(Report.objects.filter(programme=programme).order_by("pk"))
    for i, report in enumerate(reports):
        months = 8 if report.kind == Report.Kind.SECTOR else 7
        if report.year > first_year:
            months = 16
        report.issued_at = _month(programme, months, i % 28)
    Report.objects.bulk_update(reports, ["issued_at"])
    opportunities = list(
        Opportunity.objects.filter(inventory__programme=programme, decided_at__isnull=False)
    )
    for i, opportunity in enumerate(opportunities):
        opportunity.decided_at = _month(programme, 8, i % 28)
    Opportunity.objects.bulk_update(opportunities, ["decided_at"])


def _events(programme) -> None:
    end = _end(programme)
    registrations = list(
        Registration.objects.filter(event__programme=programme, event__starts_at__lte=end)
        .select_related("event")
        .order_by("event_id", "created_at", "pk")
    )
    by_event: dict[int, list] = {}
    for registration in registrations:
        by_event.setdefault(registration.event_id, []).append(registration)
    for items in by_event.values():
        event = items[0].event
        first = min(event.registration_opens, event.starts_at - datetime.timedelta(days=1))
        last = min(event.registration_closes, event.starts_at) - datetime.timedelta(hours=1)
        for i, registration in enumerate(items):
            # Spread in their order, so the waiting list keeps its order.
            moment = _spread(first, max(first, last), i, len(items))
            registration.created_at = registration.consent_at = moment
    Registration.objects.bulk_update(registrations, ["created_at", "consent_at"])
    certificates = list(
        Certificate.objects.filter(
            event__programme=programme, event__ends_at__lte=end
        ).select_related("event")
    )
    for certificate in certificates:
        certificate.issued_at = certificate.event.ends_at + datetime.timedelta(days=7)
    Certificate.objects.bulk_update(certificates, ["issued_at"])
    ambassadors = list(Ambassador.objects.filter(programme=programme).order_by("pk"))
    for i, ambassador in enumerate(ambassadors):
        ambassador.named_at = _month(programme, 4, i % 28)
    Ambassador.objects.bulk_update(ambassadors, ["named_at"])


def _plans(programme) -> None:
    actions = list(Action.objects.filter(plan__programme=programme).order_by("pk"))
    count = len(actions)
    for i, action in enumerate(actions):
        start = _spread(_month(programme, 9), _month(programme, 14), i, count).date()
        action.start_date = start
        action.due_date = min(start + datetime.timedelta(days=90 + 30 * (i % 4)), programme.ends_on)
        action.created_at = _month(programme, 8, i % 28)
    Action.objects.bulk_update(actions, ["start_date", "due_date", "created_at"])
    updates = list(
        ProgressUpdate.objects.filter(action__plan__programme=programme).select_related("action")
    )
    for update in updates:
        update.date = min(update.action.start_date + datetime.timedelta(days=30), programme.ends_on)
        update.created_at = datetime.datetime.combine(update.date, datetime.time(12), ISTANBUL)
    ProgressUpdate.objects.bulk_update(updates, ["date", "created_at"])


def date_records(programme) -> None:
    if programme.ends_on >= timezone.localdate():
        return  # a programme still running keeps the dates its records were made
    _applications(programme)
    _assessment(programme)
    _events(programme)
    _plans(programme)
    Participation.objects.filter(programme=programme).update(joined_on=_month(programme, 2).date())
