"""Which offers a solution provider's service reaches: the provinces it serves.

Kept apart from ``providers`` (which writes services through ``services``) so that matching in
``services`` and ``match_runs`` can filter its pairs without importing it back.
"""

from __future__ import annotations

from dekvep.symbiosis.models import Listing
from dekvep.text import fold


def province_of(listing: Listing) -> str:
    if listing.site_id and listing.site.province:
        return listing.site.province
    return listing.organisation.province


def serves(offer: Listing, want: Listing) -> bool:
    """Whether a service want reaches the offer's province (any want with no provinces does)."""
    if not want.service or not want.service_provinces:
        return True
    return fold(province_of(offer)).strip() in {fold(p).strip() for p in want.service_provinces}


def within_reach(matches, listings) -> list:
    """The engine's matches without the pairs where a service does not serve the offer's
    province. ``listings`` maps listing id (str or int) to Listing."""
    by_id = {str(k): v for k, v in listings.items()}
    kept = []
    for m in matches:
        offer, want = by_id.get(str(m.offer_id)), by_id.get(str(m.want_id))
        if offer is None or want is None or serves(offer, want):
            kept.append(m)
    return kept
