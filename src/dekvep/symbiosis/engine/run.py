"""Matching a whole set of listings: every offer against every compatible want, and back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dekvep.symbiosis.engine.allocate import Allocation, allocate
from dekvep.symbiosis.engine.index import Matcher, economic_value
from dekvep.symbiosis.engine.knowledge import Knowledge, default_knowledge
from dekvep.symbiosis.engine.model import Listing, Match, Profile
from dekvep.symbiosis.engine.profile import read_listing
from dekvep.symbiosis.engine.scoring import Settings


@dataclass(slots=True)
class Marketplace:
    """Offers and wants indexed for matching in both directions."""

    offers: Matcher
    wants: Matcher
    knowledge: Knowledge

    @classmethod
    def build(
        cls,
        profiles: list[Profile],
        knowledge: Knowledge | None = None,
        settings: Settings | None = None,
        prune: bool = False,
    ):
        knowledge = knowledge or default_knowledge()
        offers = [p for p in profiles if p.listing.kind == "offer"]
        wants = [p for p in profiles if p.listing.kind == "want"]
        return cls(
            Matcher(offers, knowledge, settings, prune),
            Matcher(wants, knowledge, settings, prune),
            knowledge,
        )

    def matches_for(self, profile: Profile, top: int = 10) -> list[Match]:
        """Best wants for an offer, or best offers for a want."""
        other = self.wants if profile.listing.kind == "offer" else self.offers
        return other.query(profile, top)


def profiles_of(listings: list[Listing], knowledge: Knowledge | None = None) -> list[Profile]:
    knowledge = knowledge or default_knowledge()
    return [read_listing(listing, knowledge) for listing in listings]


def match_all(
    profiles: list[Profile],
    top: int = 10,
    knowledge: Knowledge | None = None,
    progress=None,
    prune: bool = False,
) -> dict[str, list[Match]]:
    """For each offer its ``top`` best wants; ``progress(done, total)`` is called as it goes."""
    return dict(iter_matches(profiles, top, knowledge, progress, prune))


def iter_matches(
    profiles: list[Profile],
    top: int = 10,
    knowledge: Knowledge | None = None,
    progress=None,
    prune: bool = False,
) -> Iterator[tuple[str, list[Match]]]:
    """Each offer's id and its ``top`` best wants, one offer at a time, so that a caller can
    write them out as they come and hold no more than the listings in memory."""
    market = Marketplace.build(profiles, knowledge, prune=prune)
    offers = market.offers.profiles
    step = max(1, len(offers) // 100)
    for done, offer in enumerate(offers, 1):
        yield offer.listing.id, market.wants.query(offer, top)
        if progress and done % step == 0:
            progress(done, len(offers))
    if progress:
        progress(len(offers), len(offers))


def allocate_matches(
    profiles: list[Profile], matches: list[Match], knowledge: Knowledge | None = None
) -> list[Allocation]:
    """Allocate the offers' tonnes over the given matches."""
    knowledge = knowledge or default_knowledge()
    by_id = {p.listing.id: p for p in profiles}
    offered = {
        p.listing.id: p.listing.tonnes_per_year for p in profiles if p.listing.kind == "offer"
    }
    wanted = {p.listing.id: p.listing.tonnes_per_year for p in profiles if p.listing.kind == "want"}
    value = {k: economic_value(by_id[k], knowledge) for k in offered}
    return allocate(matches, offered, wanted, value, knowledge.factor("freight_cost") or 0.0)
