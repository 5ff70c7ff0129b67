"""New matches for a firm's listings: who hears about them, how, and only once.

Each member of a firm chooses for each of their memberships: at once (an in-app notification and
its e-mail), in the weekly digest (``symbiosis.digest``), or never. A member who has not chosen gets
the digest. A match is recorded as a ``MatchAlert`` for each side the first time a match run or
the publication of a listing finds it; only a newly recorded match is announced, so a match found
again by a later run is never announced twice.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core.audit import record
from dekvep.core.models import Membership
from dekvep.core.queue import enqueue
from dekvep.core.services import notify
from dekvep.symbiosis.identity import firm_name
from dekvep.symbiosis.models import AlertFrequency, AlertPreference, Listing, MatchAlert, MatchRun

DEFAULT_FREQUENCY = AlertFrequency.WEEKLY


# Preferences ------------------------------------------------------------------------------


def frequency_of(membership: Membership) -> str:
    preference = AlertPreference.objects.filter(membership=membership).first()
    return preference.frequency if preference else DEFAULT_FREQUENCY


def memberships_of(user):
    """The user's firm memberships, each with the frequency it has chosen (``.frequency``)."""
    if not getattr(user, "is_authenticated", False):
        return []
    found = list(
        Membership.objects.filter(user=user)
        .select_related("organisation", "alert_preference")
        .order_by("organisation__name")
    )
    for membership in found:
        preference = getattr(membership, "alert_preference", None)
        membership.frequency = preference.frequency if preference else DEFAULT_FREQUENCY
    return found


def set_alert_frequency(actor, membership: Membership, frequency: str) -> AlertPreference:
    """A member's own choice: nobody else (staff included) chooses it for them. Audited."""
    if not getattr(actor, "is_authenticated", False) or membership.user_id != actor.pk:
        raise PermissionDenied
    if frequency not in AlertFrequency.values:
        raise ValidationError({"frequency": _("Choose at once, weekly digest or never.")})
    with transaction.atomic():
        preference, _created = AlertPreference.objects.select_for_update().get_or_create(
            membership=membership
        )
        before = preference.frequency if not _created else None
        if before != frequency:
            preference.frequency = frequency
            preference.save(update_fields=["frequency", "updated_at"])
            record(actor, "updated", preference, {"frequency": [before, frequency]})
    return preference


# Recording and announcing new matches -----------------------------------------------------


def alert_run(run: MatchRun) -> list[MatchAlert]:
    """Record the new matches of a finished match run and announce them."""
    pairs = run.results.values_list("offer_id", "want_id", "score")
    return record_matches(pairs, run=run)


def match_published_listing(listing: Listing) -> None:
    """Match a listing that just went on the marketplace, once the write commits."""
    enqueue("symbiosis.tasks.alert_new_listing", listing.pk)


def alert_new_listing(listing: Listing, matches) -> list[MatchAlert]:
    """The matches of one newly published listing with the marketplace (``matches_for``, as the
    task computes them), recorded and announced."""
    if listing.status != Listing.Status.PUBLISHED:
        return []
    pairs = [(int(m.offer_id), int(m.want_id), m.score) for m in matches]
    return record_matches(pairs)


def record_matches(pairs, run: MatchRun | None = None) -> list[MatchAlert]:
    """A ``MatchAlert`` on each side of each (offer id, want id, score) not seen before."""
    pairs = [(o, w, s) for o, w, s in pairs if s > 0]
    ids = {i for o, w, _s in pairs for i in (o, w)}
    listings = Listing.objects.select_related("organisation").in_bulk(ids)
    known = set(MatchAlert.objects.filter(listing_id__in=ids).values_list("listing_id", "other_id"))
    new = []
    for offer_id, want_id, score in pairs:
        offer, want = listings.get(offer_id), listings.get(want_id)
        if offer is None or want is None or offer.organisation_id == want.organisation_id:
            continue
        for own, other in ((offer, want), (want, offer)):
            if (own.pk, other.pk) not in known:
                known.add((own.pk, other.pk))
                new.append(MatchAlert(listing=own, other=other, score=score, run=run))
    with transaction.atomic():
        # ignore_conflicts: a run and a publication finding the same match at the same moment
        MatchAlert.objects.bulk_create(new, ignore_conflicts=True)
        announce(new)
    return new


def announce(alerts: list[MatchAlert]) -> int:
    """Notify, at once, the members who chose so: one notification per listing with new matches."""
    by_listing = defaultdict(list)
    for alert in alerts:
        by_listing[alert.listing].append(alert.other)
    sent = 0
    for listing, others in by_listing.items():
        members = Membership.objects.filter(organisation_id=listing.organisation_id).filter(
            alert_preference__frequency=AlertFrequency.AT_ONCE
        )
        for membership in members.select_related("user"):
            if membership.user.is_active:
                _notify_member(membership.user, listing, others)
                sent += 1
    return sent


def _notify_member(user, listing: Listing, others: list[Listing]) -> None:
    def subject():
        return ngettext(
            "A new match for your listing “%(title)s”",
            "%(n)s new matches for your listing “%(title)s”",
            len(others),
        ) % {"title": listing.title, "n": len(others)}

    def body():
        lines = [match_line(user, other) for other in others]
        return "\n".join(lines)

    notify([user], subject, body, url=reverse("symbiosis:detail", args=[listing.pk]))


def match_line(user, other: Listing) -> str:
    """ "– Keçe üretimi için tekstil kırpıntısı (want, a textile firm in Dudullu OSB)": the firm
    named only as ``user`` may see it."""
    kind = _("offer") if other.kind == Listing.Kind.OFFER else _("want")
    return _("– %(title)s (%(kind)s, %(firm)s)") % {
        "title": other.title,
        "kind": kind,
        "firm": firm_name(user, other),
    }
