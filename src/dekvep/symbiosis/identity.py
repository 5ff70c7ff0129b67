"""How a listing's firm is named to a given viewer: by name only to those entitled to it."""

from dekvep.core.memo import once
from dekvep.core.rules import member_organisation_ids
from dekvep.symbiosis.models import Listing, Synergy, WorkshopTable


def facilitated_organisation_ids(user) -> set[int]:
    """Firms at the tables of the workshops the user facilitates: they broker introductions
    there, so they see those firms' names (other firms still see them anonymised)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        WorkshopTable.objects.filter(workshop__facilitators=user)
        .values_list("organisations", flat=True)
        .exclude(organisations=None)
    )


def introduced_organisation_ids(user) -> set[int]:
    """Organisations whose name the user sees on listings beyond their own firm's: those
    introduced to one of the user's firms by a synergy both sides agreed to, and, for a
    facilitator, the firms at the tables of the workshops they run."""
    key = ("symbiosis.introduced", getattr(user, "pk", None))
    return set(once(key, lambda: _introduced(user)))


def _introduced(user) -> set[int]:
    orgs = member_organisation_ids(user)
    if not orgs:
        return facilitated_organisation_ids(user)
    pairs = Synergy.objects.filter(offer_side_agrees=True, want_side_agrees=True).values_list(
        "offer__organisation_id", "want__organisation_id"
    )
    found = set()
    for a, b in pairs:
        if a in orgs:
            found.add(b)
        if b in orgs:
            found.add(a)
    return found


def firm_name(user, listing: Listing, introduced: set[int] | None = None) -> str:
    if user.has_perm("symbiosis.see_identity", listing.organisation):
        return listing.organisation.name
    if introduced is None:
        introduced = introduced_organisation_ids(user)
    if listing.organisation_id in introduced:
        return listing.organisation.name
    return listing.organisation.anonymous_label
