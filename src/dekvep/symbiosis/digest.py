"""The weekly marketplace digest: one e-mail per firm member who chose it.

It is made of sections (``SECTIONS``), each a title and a function giving the lines for one
membership; a section with no lines is left out, and a digest with no lines is not sent. To add
what the digest reports, add a ``Section`` to ``SECTIONS``.
Everything is written in the recipient's language and names other firms only as the recipient
may see them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from dekvep.core.formatting import format_date
from dekvep.core.mail import send_mail
from dekvep.core.models import Membership
from dekvep.symbiosis.alerts import DEFAULT_FREQUENCY, match_line
from dekvep.symbiosis.conversations import unread_by_synergy
from dekvep.symbiosis.expiry import expires_on, listings_to_renew
from dekvep.symbiosis.identity import firm_name
from dekvep.symbiosis.models import (
    AlertFrequency,
    AlertPreference,
    Listing,
    MatchAlert,
    Synergy,
)

WEEK = dt.timedelta(days=7)
# A digest is not sent twice within this time, however often the task runs.
MIN_INTERVAL = dt.timedelta(days=6)
PER_LISTING = 5  # new matches shown per listing
OPEN_STATES = (Synergy.State.IDENTIFIED, Synergy.State.CONTACTED, Synergy.State.NEGOTIATING)


@dataclass(frozen=True)
class Line:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    lines: Callable[[Membership, dt.datetime], list[Line]]


def _link(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def new_matches(membership: Membership, since: dt.datetime) -> list[Line]:
    """Matches of the firm's published listings with published listings, found since ``since``."""
    alerts = (
        MatchAlert.objects.filter(
            listing__organisation_id=membership.organisation_id,
            listing__status=Listing.Status.PUBLISHED,
            other__status=Listing.Status.PUBLISHED,
            found_at__gt=since,
        )
        .select_related("listing", "other__organisation")
        .order_by("listing__title", "listing_id", "-score")
    )
    by_listing: dict[int, list[MatchAlert]] = {}
    for alert in alerts:
        by_listing.setdefault(alert.listing_id, []).append(alert)
    lines = []
    for listing_id, found in by_listing.items():
        lines.append(
            Line(
                _("Your listing “%(title)s”:") % {"title": found[0].listing.title},
                _link("symbiosis:detail", listing_id),
            )
        )
        # the best few, by score; the listing's page has them all
        lines += [Line(match_line(membership.user, a.other)) for a in found[:PER_LISTING]]
        if len(found) > PER_LISTING:
            more = len(found) - PER_LISTING
            lines.append(
                Line(
                    ngettext(
                        "– and %(n)s more on the listing's page",
                        "– and %(n)s more on the listing's page",
                        more,
                    )
                    % {"n": more}
                )
            )
    return lines


def listings_to_renew_lines(membership: Membership, since: dt.datetime) -> list[Line]:
    lines = []
    for listing in listings_to_renew([membership.organisation_id]):
        if listing.status == Listing.Status.EXPIRED:
            text = _("“%(title)s” has expired: renew it to list it again")
        else:
            text = _("“%(title)s” expires on %(date)s")
        lines.append(
            Line(
                text % {"title": listing.title, "date": format_date(expires_on(listing))},
                _link("symbiosis:detail", listing.pk),
            )
        )
    return lines


def synergies_awaiting_reply(membership: Membership, since: dt.datetime) -> list[Line]:
    """Open synergies where the other firm asked to be introduced and this firm has not answered."""
    org = membership.organisation_id
    waiting = (
        Synergy.objects.filter(state__in=OPEN_STATES)
        .filter(
            Q(offer__organisation_id=org, offer_side_agrees=False, want_side_agrees=True)
            | Q(want__organisation_id=org, want_side_agrees=False, offer_side_agrees=True)
        )
        .select_related("offer__organisation", "want__organisation")
    )
    lines = []
    for synergy in waiting:
        own, other = (
            (synergy.offer, synergy.want)
            if synergy.offer.organisation_id == org
            else (synergy.want, synergy.offer)
        )
        lines.append(
            Line(
                _("“%(title)s”: %(firm)s asks to be introduced about “%(other)s”")
                % {
                    "title": own.title,
                    "firm": firm_name(membership.user, other),
                    "other": other.title,
                },
                _link("symbiosis:synergy", synergy.pk),
            )
        )
    return lines


def open_conversations(membership: Membership, since: dt.datetime) -> list[Line]:
    """The firm's synergy threads with messages this member has not read yet."""
    org = membership.organisation_id
    synergies = {
        s.pk: s
        for s in Synergy.objects.filter(
            Q(offer__organisation_id=org) | Q(want__organisation_id=org)
        )
        .exclude(state=Synergy.State.DROPPED)
        .select_related("offer", "want")
    }
    unread = unread_by_synergy(membership.user, list(synergies))
    return [
        Line(
            ngettext(
                "“%(title)s”: %(n)s unread message",
                "“%(title)s”: %(n)s unread messages",
                count,
            )
            % {"title": str(synergies[pk]), "n": count},
            _link("symbiosis:synergy", pk),
        )
        for pk, count in sorted(unread.items())
    ]


SECTIONS: list[Section] = [
    Section("new_matches", gettext_lazy("New matches for your listings"), new_matches),
    Section("to_renew", gettext_lazy("Listings to renew"), listings_to_renew_lines),
    Section(
        "awaiting_reply",
        gettext_lazy("Synergies awaiting your reply"),
        synergies_awaiting_reply,
    ),
    Section("conversations", gettext_lazy("Open conversations"), open_conversations),
]


def since_for(preference: AlertPreference | None, now: dt.datetime) -> dt.datetime:
    """The digest covers what happened since the last one, or the past week for the first."""
    last = preference.last_digest_at if preference else None
    return last or now - WEEK


def compose(membership: Membership, now: dt.datetime | None = None) -> tuple[str, str] | None:
    """(subject, body) of the membership's digest in its user's language; None when empty."""
    now = now or timezone.now()
    since = since_for(getattr(membership, "alert_preference", None), now)
    with translation.override(membership.user.preferred_language or settings.LANGUAGE_CODE):
        sections = []
        for section in SECTIONS:
            lines = section.lines(membership, since)
            if lines:
                sections.append({"key": section.key, "title": str(section.title), "lines": lines})
        if not sections:
            return None
        subject = _("DEKVEP weekly digest for %(firm)s") % {"firm": membership.organisation.name}
        count = _match_count(membership, since)
        if count:
            subject += " — " + ngettext("%(n)s new match", "%(n)s new matches", count) % {
                "n": count
            }
        body = render_to_string(
            "symbiosis/email/digest.txt",
            {
                "user": membership.user,
                "organisation": membership.organisation,
                "sections": sections,
                "since": format_date(since),
                "settings_url": _link("symbiosis:alerts"),
            },
        )
    return subject, body


def _match_count(membership: Membership, since: dt.datetime) -> int:
    return MatchAlert.objects.filter(
        listing__organisation_id=membership.organisation_id,
        listing__status=Listing.Status.PUBLISHED,
        other__status=Listing.Status.PUBLISHED,
        found_at__gt=since,
    ).count()


def send_digest(membership: Membership, now: dt.datetime | None = None) -> bool:
    """Send one member's digest (if it says anything) and mark the time it covers up to."""
    now = now or timezone.now()
    composed = compose(membership, now)
    if composed is not None:
        send_mail(membership.user.email, *composed)
    preference, _created = AlertPreference.objects.get_or_create(membership=membership)
    AlertPreference.objects.filter(pk=preference.pk).update(last_digest_at=now)
    return composed is not None


def due_memberships(now: dt.datetime):
    """Active members who chose the digest (or did not choose) and had none in the past days."""
    # no row: the member has not chosen, and gets the default, the digest
    digest = Q(alert_preference__frequency=AlertFrequency.WEEKLY)
    if DEFAULT_FREQUENCY == AlertFrequency.WEEKLY:
        digest |= Q(alert_preference__isnull=True)
    recent = Q(alert_preference__last_digest_at__gt=now - MIN_INTERVAL)
    return (
        Membership.objects.filter(digest, user__is_active=True)
        .exclude(recent)
        .exclude(user__email="")
        .filter(organisation__listings__isnull=False)
        .distinct()
        .select_related("user", "organisation", "alert_preference")
        .order_by("pk")
    )


def send_weekly_digests(now: dt.datetime | None = None) -> int:
    """The periodic task's work: each due member's digest. Returns how many were sent."""
    now = now or timezone.now()
    return sum(send_digest(membership, now) for membership in due_memberships(now))
