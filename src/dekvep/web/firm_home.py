"""A firm's own status for its home page and ``/api/home/firm``: its records, never the programme's.

For each organisation the user belongs to: its inventories by state, its latest firm report,
the package of measures of its latest assessed inventory (the engine's package, whose savings
are computed together, never a sum of measures alone), its listings, matches and synergies, its
action plan progress and its next deadlines.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, Q, When
from django.urls import reverse
from django.utils import timezone

from dekvep.assessment.models import Inventory, Opportunity, Report
from dekvep.calls.models import Application
from dekvep.core.formatting import local_date
from dekvep.core.i18n import bilingual, pick
from dekvep.core.models import Membership, Organisation
from dekvep.events.models import Registration
from dekvep.plans.models import Action
from dekvep.symbiosis.models import Listing, MatchResult, Synergy

OPEN_ACTION = (Action.Status.PLANNED, Action.Status.IN_PROGRESS, Action.Status.BLOCKED)
DEADLINES = 5


def _counts(queryset, field: str, choices) -> list[dict]:
    found = dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))
    return [{"key": key, "label": str(label), "count": found.get(key, 0)} for key, label in choices]


def _inventory(org) -> dict:
    inventories = Inventory.objects.filter(organisation=org)
    latest = inventories.order_by("-year", "-updated_at").first()
    return {
        "states": _counts(inventories, "status", Inventory.Status.choices),
        "latest": None
        if latest is None
        else {
            "id": latest.pk,
            "year": latest.year,
            "status": latest.status,
            "status_label": str(latest.get_status_display()),
            "url": reverse("assessment:inventory_detail", args=[latest.pk]),
        },
    }


def _report(org) -> dict | None:
    report = (
        Report.objects.filter(organisation=org, kind=Report.Kind.FIRM, status=Report.Status.ISSUED)
        .order_by("-issued_at")
        .first()
    )
    if report is None:
        return None
    return {
        "id": report.pk,
        "year": report.year,
        "issued_on": local_date(report.issued_at),
        "language": report.language,
        "url": report.get_absolute_url(),
    }


def _package(org) -> dict | None:
    # The package of the latest approved inventory: the one its report and measures are about.
    inventory = (
        Inventory.objects.filter(organisation=org, result__isnull=False)
        .order_by(
            Case(When(status=Inventory.Status.APPROVED, then=0), default=1), "-year", "-updated_at"
        )
        .first()
    )
    if inventory is None:
        return None
    package = (inventory.result or {}).get("package") or {}
    opportunities = Opportunity.objects.filter(inventory=inventory)
    return {
        "inventory_year": inventory.year,
        "recommended": opportunities.count(),
        "accepted": opportunities.filter(status=Opportunity.Status.ACCEPTED).count(),
        "measures": len(package.get("measures") or []),
        "money_try_per_year": package.get("money_try_per_year"),
        "tco2e_per_year": package.get("tco2e_per_year"),
        "investment_try": package.get("investment_try"),
        "payback_years": package.get("payback_years"),
        "url": reverse("assessment:report", args=[inventory.pk]),
    }


def _symbiosis(org) -> dict:
    listings = Listing.objects.filter(organisation=org)
    own = Q(offer__organisation=org) | Q(want__organisation=org)
    synergies = Synergy.objects.filter(own)
    return {
        "listings": _counts(listings, "status", Listing.Status.choices),
        "matches": MatchResult.objects.filter(own).count(),
        "synergies": synergies.count(),
        "synergies_live": synergies.filter(
            state__in=(Synergy.State.AGREED, Synergy.State.ACTIVE)
        ).count(),
        "url": reverse("symbiosis:mine"),
    }


def _plan(org, today) -> dict:
    actions = Action.objects.filter(
        Q(owner_organisation=org) | Q(plan__organisation=org)
    ).distinct()
    total = actions.exclude(status=Action.Status.DROPPED).count()
    done = actions.filter(status=Action.Status.DONE).count()
    return {
        "total": total,
        "done": done,
        "in_progress": actions.filter(status=Action.Status.IN_PROGRESS).count(),
        "overdue": actions.filter(due_date__lt=today, status__in=OPEN_ACTION).count(),
        "share_done": done / total if total else None,
        "url": reverse("plans:actions"),
    }


def _deadlines(user, org, now, today) -> list[dict]:
    items = []
    for action in (
        Action.objects.filter(
            Q(owner_organisation=org) | Q(plan__organisation=org),
            due_date__gte=today,
            status__in=OPEN_ACTION,
        )
        .distinct()
        .order_by("due_date")[:DEADLINES]
    ):
        items.append(
            {
                "kind": "action",
                "label": bilingual(action, "title"),
                "on": action.due_date,
                "url": reverse("plans:action", args=[action.pk]),
            }
        )
    for application in Application.objects.filter(
        organisation=org, status=Application.Status.DRAFT, call__closes_at__gte=now
    ).select_related("call"):
        call = application.call
        items.append(
            {
                "kind": "call",
                "label": pick(call.title_tr, call.title_en),
                "on": local_date(call.closes_at),
                "url": reverse("calls:detail", args=[call.pk]),
            }
        )
    for registration in Registration.objects.filter(
        user=user, status=Registration.Status.CONFIRMED, event__starts_at__gte=now
    ).select_related("event"):
        event = registration.event
        items.append(
            {
                "kind": "event",
                "label": bilingual(event, "title"),
                "on": local_date(event.starts_at),
                "url": reverse("events:event", args=[event.pk]),
            }
        )
    return sorted(items, key=lambda item: item["on"])[:DEADLINES]


def firm_status(user, now: datetime.datetime | None = None) -> list[dict]:
    """One status block per manufacturing firm the user is a member of."""
    now = now or timezone.now()
    today = local_date(now)
    blocks = []
    memberships = Membership.objects.filter(
        user=user, organisation__kind=Organisation.Kind.MANUFACTURER
    ).select_related("organisation")
    for membership in memberships:
        org = membership.organisation
        blocks.append(
            {
                "organisation": {"id": org.pk, "name": org.name, "kind": org.kind},
                "inventory": _inventory(org),
                "report": _report(org),
                "package": _package(org),
                "symbiosis": _symbiosis(org),
                "plan": _plan(org, today),
                "deadlines": _deadlines(user, org, now, today),
            }
        )
    return blocks
