"""Listings that go stale: expiry, the reminder before it, and renewal.

A published listing leaves the marketplace (and matching) the day after its availability ends, or
twelve months after it was created or last renewed, whichever comes first. Its firm is reminded
two weeks before, and renews it in one click; an expired listing comes back when renewed.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core.audit import diff, record, snapshot
from dekvep.core.formatting import format_date
from dekvep.core.models import Membership
from dekvep.core.permissions import require
from dekvep.core.services import notify
from dekvep.symbiosis.alerts import match_published_listing
from dekvep.symbiosis.models import Listing

LIFETIME_MONTHS = 12
REMINDER_DAYS = 14
# Listings expiring this soon are "to renew" in the digest and on the alerts page.
RENEW_WINDOW_DAYS = 30
AUDITED = ["status", "renewed_at", "available_until"]
RENEWABLE = (Listing.Status.PUBLISHED, Listing.Status.PAUSED, Listing.Status.EXPIRED)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def lifetime_start(listing: Listing) -> dt.date:
    return timezone.localdate(listing.renewed_at or listing.created_at or timezone.now())


def expires_on(listing: Listing) -> dt.date:
    """The first day the listing is no longer on the marketplace."""
    end = add_months(lifetime_start(listing), LIFETIME_MONTHS)
    if listing.available_until:
        end = min(end, listing.available_until + dt.timedelta(days=1))
    return end


def is_past_its_end(listing: Listing) -> bool:
    """Expired, or (paused, draft) past the day it would have left the marketplace."""
    return listing.status == Listing.Status.EXPIRED or (
        listing.pk is not None and expires_on(listing) <= timezone.localdate()
    )


def _ending_by(day: dt.date) -> Q:
    """Listings whose ``expires_on`` is on or before ``day`` (a query, so no listing is loaded)."""
    started_before = timezone.make_aware(
        dt.datetime.combine(add_months(day, -LIFETIME_MONTHS) + dt.timedelta(days=1), dt.time())
    )
    return (
        Q(available_until__lt=day)
        | Q(renewed_at__isnull=True, created_at__lt=started_before)
        | Q(renewed_at__lt=started_before)
    )


def renewal_due(organisation_ids, today: dt.date | None = None):
    """The firms' listings that expired or expire within ``RENEW_WINDOW_DAYS`` (a queryset)."""
    today = today or timezone.localdate()
    soon = Q(status__in=[Listing.Status.PUBLISHED, Listing.Status.PAUSED]) & _ending_by(
        today + dt.timedelta(days=RENEW_WINDOW_DAYS)
    )
    return Listing.objects.filter(organisation_id__in=organisation_ids).filter(
        soon | Q(status=Listing.Status.EXPIRED)
    )


def listings_to_renew(organisation_ids, today: dt.date | None = None) -> list[Listing]:
    """The listings of ``renewal_due``, soonest first."""
    found = renewal_due(organisation_ids, today)
    return sorted(found, key=lambda listing: (expires_on(listing), listing.pk))


def expire_listings(today: dt.date | None = None) -> int:
    """Take the listings past their end off the marketplace; their firms are told."""
    today = today or timezone.localdate()
    due = Listing.objects.filter(_ending_by(today), status=Listing.Status.PUBLISHED)
    count = 0
    for listing in due.select_related("programme", "organisation"):
        with transaction.atomic():
            listing.status = Listing.Status.EXPIRED
            listing.save(update_fields=["status", "updated_at"])
            record(None, "status", listing, {"status": ["published", "expired"]})
            notify(
                _members(listing),
                lambda listing=listing: (
                    _("Your listing “%(title)s” has expired; renew it to list it again")
                    % {"title": listing.title}
                ),
                lambda: _("Expired listings are not shown to other firms and are not matched."),
                url=reverse("symbiosis:detail", args=[listing.pk]),
            )
        count += 1
    return count


def send_expiry_reminders(today: dt.date | None = None) -> int:
    """Remind each firm, once per term, of the listings that expire within ``REMINDER_DAYS``."""
    today = today or timezone.localdate()
    due = Listing.objects.filter(
        _ending_by(today + dt.timedelta(days=REMINDER_DAYS)),
        status=Listing.Status.PUBLISHED,
        expiry_reminded_at__isnull=True,
    )
    count = 0
    for listing in due.select_related("organisation"):
        with transaction.atomic():
            notify(
                _members(listing),
                lambda listing=listing: (
                    _("Your listing “%(title)s” expires on %(date)s: renew it to keep it listed")
                    % {"title": listing.title, "date": format_date(expires_on(listing))}
                ),
                lambda: _("Renewing keeps it on the marketplace for twelve more months."),
                url=reverse("symbiosis:detail", args=[listing.pk]),
            )
            Listing.objects.filter(pk=listing.pk).update(expiry_reminded_at=timezone.now())
        count += 1
    return count


def _members(listing: Listing):
    return [
        m.user
        for m in Membership.objects.filter(organisation_id=listing.organisation_id).select_related(
            "user"
        )
        if m.user.is_active
    ]


def renew_listing(
    actor, listing: Listing, available_until: dt.date | None = None, publish: bool = False
) -> Listing:
    """Twelve more months from today; an expired listing (any, with ``publish``) is published
    again. Audited."""
    require(actor, "symbiosis.change_listing", listing)
    if listing.status not in RENEWABLE and not publish:
        raise ValidationError(
            {"status": _("Only a published, paused or expired listing can be renewed.")}
        )
    today = timezone.localdate()
    until = available_until or listing.available_until
    if until and until < today:
        raise ValidationError(
            {
                "available_until": _(
                    "Its availability ended on %(date)s: give a new end date to renew it."
                )
                % {"date": format_date(until)}
            }
        )
    before = snapshot(listing, AUDITED)
    with transaction.atomic():
        listing.renewed_at = timezone.now()
        listing.expiry_reminded_at = None
        listing.available_until = until
        if publish or listing.status == Listing.Status.EXPIRED:
            listing.status = Listing.Status.PUBLISHED
        listing.save(
            update_fields=[
                "renewed_at",
                "expiry_reminded_at",
                "available_until",
                "status",
                "updated_at",
            ]
        )
        changes = diff(before, snapshot(listing, AUDITED))
        record(actor, "renewed", listing, changes, programme=listing.programme)
        if before["status"] != listing.status:
            match_published_listing(listing)
    return listing


def renewal_todos(count: int) -> list[dict]:
    """The home page's to-do for ``count`` listings to renew (``renewal_due``, counted by
    ``symbiosis.home`` with its other figures)."""
    if not count:
        return []
    label = ngettext(
        "%(n)s listing expired or expires soon: renew it",
        "%(n)s listings expired or expire soon: renew them",
        count,
    ) % {"n": count}
    return [{"label": label, "url": reverse("symbiosis:alerts")}]
