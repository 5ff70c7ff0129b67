"""How a listing's firm is named to a given viewer: by name only to those entitled to it."""

from dekvep.core.rules import member_organisation_ids
from dekvep.symbiosis.models import Listing, Synergy


def introduced_organisation_ids(user) -> set[int]:
    """Organisations introduced to one of the user's firms by a synergy both sides agreed to."""
    orgs = member_organisation_ids(user)
    if not orgs:
        return set()
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
