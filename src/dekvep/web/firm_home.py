"""A firm's own status for its home page and ``/api/home/firm``: its records, never the programme's.

For each organisation the user belongs to: its inventories by state, its latest firm report,
the package of measures of its latest assessed inventory (the engine's package, whose savings
are computed together, never a sum of measures alone), its listings, matches and synergies, its
action plan progress and its next deadlines.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Q, Subquery, When
from django.urls import reverse
from django.utils import timezone

from dekvep.assessment.models import Inventory, Opportunity, Report
from dekvep.calls.models import Application
from dekvep.core.batch import counts
from dekvep.core.formatting import local_date
from dekvep.core.i18n import bilingual, pick
from dekvep.core.models import Organisation
from dekvep.core.selectors import memberships_of
from dekvep.events.models import Registration
from dekvep.plans.models import Action
from dekvep.symbiosis.models import Listing, MatchResult, Synergy

OPEN_ACTION = (Action.Status.PLANNED, Action.Status.IN_PROGRESS, Action.Status.BLOCKED)
DEADLINES = 5
INVENTORY_STATES = Inventory.Status.choices
LISTING_STATES = Listing.Status.choices


def _by_state(queryset, prefix: str, choices) -> dict:
    return {f"{prefix}:{key}": queryset.filter(status=key) for key, _label in choices}


def _states(n: dict[str, int], prefix: str, choices) -> list[dict]:
    return [
        {"key": key, "label": str(label), "count": n[f"{prefix}:{key}"]} for key, label in choices
    ]


def _package_inventory(org):
    # The latest approved inventory (else the latest assessed): the one its report and measures
    # are about.
    return Inventory.objects.filter(organisation=org, result__isnull=False).order_by(
        Case(When(status=Inventory.Status.APPROVED, then=0), default=1), "-year", "-updated_at"
    )


def _all_counts(org, today) -> dict[str, int]:
    """Every count of the firm's block, read in one statement."""
    own = Q(offer__organisation=org) | Q(want__organisation=org)
    synergies = Synergy.objects.filter(own)
    actions = Action.objects.filter(
        Q(owner_organisation=org) | Q(plan__organisation=org)
    ).distinct()
    opportunities = Opportunity.objects.filter(
        inventory_id=Subquery(_package_inventory(org).values("pk")[:1])
    )
    return counts(
        {
            **_by_state(Inventory.objects.filter(organisation=org), "inventory", INVENTORY_STATES),
            **_by_state(Listing.objects.filter(organisation=org), "listing", LISTING_STATES),
            "recommended": opportunities,
            "accepted": opportunities.filter(status=Opportunity.Status.ACCEPTED),
            "matches": MatchResult.objects.filter(own),
            "synergies": synergies,
            "live": synergies.filter(state__in=(Synergy.State.AGREED, Synergy.State.ACTIVE)),
            "total": actions.exclude(status=Action.Status.DROPPED),
            "done": actions.filter(status=Action.Status.DONE),
            "in_progress": actions.filter(status=Action.Status.IN_PROGRESS),
            "overdue": actions.filter(due_date__lt=today, status__in=OPEN_ACTION),
        }
    )


def _inventory(org, n) -> dict:
    inventories = Inventory.objects.filter(organisation=org)
    latest = inventories.order_by("-year", "-updated_at").first()
    return {
        "states": _states(n, "inventory", INVENTORY_STATES),
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


def _package(org, n) -> dict | None:
    inventory = _package_inventory(org).first()
    if inventory is None:
        return None
    package = (inventory.result or {}).get("package") or {}
    return {
        "inventory_year": inventory.year,
        "recommended": n["recommended"],
        "accepted": n["accepted"],
        "measures": len(package.get("measures") or []),
        "money_try_per_year": package.get("money_try_per_year"),
        "tco2e_per_year": package.get("tco2e_per_year"),
        "investment_try": package.get("investment_try"),
        "payback_years": package.get("payback_years"),
        "url": reverse("assessment:report", args=[inventory.pk]),
    }


def _symbiosis(n) -> dict:
    return {
        "listings": _states(n, "listing", LISTING_STATES),
        "matches": n["matches"],
        "synergies": n["synergies"],
        "synergies_live": n["live"],
        "url": reverse("symbiosis:mine"),
    }


def _plan(n) -> dict:
    total, done = n["total"], n["done"]
    return {
        "total": total,
        "done": done,
        "in_progress": n["in_progress"],
        "overdue": n["overdue"],
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
    memberships = [
        m for m in memberships_of(user) if m.organisation.kind == Organisation.Kind.MANUFACTURER
    ]
    for membership in memberships:
        org = membership.organisation
        n = _all_counts(org, today)
        blocks.append(
            {
                "organisation": {"id": org.pk, "name": org.name, "kind": org.kind},
                "inventory": _inventory(org, n),
                "report": _report(org),
                "package": _package(org, n),
                "symbiosis": _symbiosis(n),
                "plan": _plan(n),
                "deadlines": _deadlines(user, org, now, today),
            }
        )
    return blocks
