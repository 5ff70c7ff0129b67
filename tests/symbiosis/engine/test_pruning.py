"""The grid and the pruning leave every ranking as it is without them."""

import dataclasses
import math
import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from dekvep.symbiosis.engine import Marketplace, default_knowledge, nearby, read_listing
from dekvep.symbiosis.engine.csvio import read_listings
from dekvep.symbiosis.engine.geo import haversine_many
from dekvep.symbiosis.engine.grid import Grid, box

DATA = Path(__file__).resolve().parents[1] / "data"


def _quality_profiles():
    profiles, _ = read_listings(DATA / "quality_listings.csv", default_knowledge())
    return profiles


def _programme_profiles(n: int = 1500, seed: int = 5):
    """Listings of the quality set copied across Türkiye: jittered places, some with none,
    other firms and quantities, availability windows on a few."""
    knowledge = default_knowledge()
    rng = random.Random(seed)
    base = [p.listing for p in _quality_profiles()]
    out = []
    for i in range(n):
        item = rng.choice(base)
        located = rng.random() > 0.05
        start = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
        windowed = rng.random() < 0.2
        copy = dataclasses.replace(
            item,
            id=f"{item.id}-{i}",
            organisation=f"Firma {rng.randrange(n // 3)}",
            tonnes_per_year=round(item.tonnes_per_year * rng.uniform(0.1, 10), 1),
            latitude=rng.uniform(36.5, 41.5) if located else None,
            longitude=rng.uniform(26.5, 43.0) if located else None,
            available_from=start if windowed else None,
            available_until=start + timedelta(days=rng.randrange(30, 200)) if windowed else None,
        )
        out.append(read_listing(copy, knowledge))
    return out


def _tops(profiles, prune: bool):
    market = Marketplace.build(profiles, default_knowledge(), prune=prune)
    tops = {}
    for p in profiles:
        matches = market.matches_for(p, 10)
        tops[p.listing.id] = [(m.offer_id, m.want_id, m.score) for m in matches]
    return tops


@pytest.mark.parametrize("make", [_quality_profiles, _programme_profiles])
def test_every_listings_top_ten_is_the_same_with_and_without_pruning(make):
    profiles = make()
    pruned, full = _tops(profiles, True), _tops(profiles, False)
    assert sum(len(t) for t in full.values()) > len(profiles)  # the sets do rank something
    assert pruned == full


def test_the_grid_finds_every_member_within_the_distance():
    rng = np.random.default_rng(2)
    n = 4000
    lat = np.radians(rng.uniform(-89.9, 89.9, n))
    lon = np.radians(rng.uniform(-180, 180, n))
    lat[:50] = np.nan
    lon[:50] = np.nan
    grid = Grid(lat, lon, np.arange(n))
    points = [(0.0, 179.9), (0.0, -179.9), (88.0, 10.0), (-89.5, 0.0), (39.0, 32.0)]
    for (a, b), km in zip(points * 3, [10, 300, 3000] * 5, strict=False):
        qa, qb = math.radians(a), math.radians(b)
        found = set(grid.within(box(qa, qb, km)).tolist())
        near = np.flatnonzero(haversine_many(qa, qb, lat[50:], lon[50:]) <= km) + 50
        assert set(near.tolist()) <= found
        assert set(range(50)) <= found


def _tops_of_every_candidate(profiles):
    """Each listing's top 10 from every acceptable candidate scored, nothing left out."""
    market = Marketplace.build(profiles, default_knowledge())
    tops = {}
    for p in profiles:
        other = market.wants if p.listing.kind == "offer" else market.offers
        idx, score, _ = other.candidates(p)
        best = np.lexsort((idx, -score))[:10]
        tops[p.listing.id] = [
            (other.profiles[idx[i]].listing.id, round(float(score[i]), 4)) for i in best
        ]
    return tops


@pytest.mark.parametrize("search_from", [1024, 0])
def test_ranking_from_the_surroundings_outwards_keeps_every_top_ten(monkeypatch, search_from):
    # 0: every prepared set, however small, is searched through its grid
    monkeypatch.setattr(nearby, "SMALLEST", search_from)
    profiles = _programme_profiles()
    market = Marketplace.build(profiles, default_knowledge())
    ranked = {}
    for p in profiles:
        mine = p.listing.kind == "offer"
        ranked[p.listing.id] = [
            (m.want_id if mine else m.offer_id, m.score) for m in market.matches_for(p, 10)
        ]
    assert sum(len(t) for t in ranked.values()) > len(profiles)
    assert ranked == _tops_of_every_candidate(profiles)
