"""The labelled quality set: pairs a practitioner would accept or reject."""

from pathlib import Path

import pytest

from dekvep.symbiosis.engine import default_knowledge
from dekvep.symbiosis.engine.csvio import read_listings
from dekvep.symbiosis.engine.evaluate import (
    engine_rankings,
    keyword_rankings,
    measure,
    read_labels,
)

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def quality():
    profiles, _ = read_listings(DATA / "quality_listings.csv", default_knowledge())
    return measure(engine_rankings(profiles), read_labels(DATA / "quality_pairs.csv"))


def test_it_uses_a_set_of_at_least_forty_offers_and_forty_wants():
    profiles, _ = read_listings(DATA / "quality_listings.csv", default_knowledge())
    kinds = [p.listing.kind for p in profiles]
    assert kinds.count("offer") >= 40 and kinds.count("want") >= 40


def test_it_puts_a_valid_want_in_the_top_five_for_95_percent_of_offers(quality):
    assert quality.offers_with_valid_top5 >= 0.95


def test_it_finds_90_percent_of_valid_pairs_in_the_top_ten(quality):
    assert quality.valid_pairs_in_top10 >= 0.90


def test_it_puts_no_rejected_pair_in_any_top_ten(quality):
    assert quality.rejected_pairs == ()


def _new_classes(labels):
    """Pairs added for refusals, quality attributes, shared words, heat, capacity, same firm."""
    return {(o, w): ok for (o, w), ok in labels.items() if int(o[1:]) >= 48 or int(w[1:]) >= 46}


def test_it_finds_every_pair_of_the_new_classes_and_puts_none_of_their_rejects_in_a_top_ten():
    profiles, _ = read_listings(DATA / "quality_listings.csv", default_knowledge())
    labels = _new_classes(read_labels(DATA / "quality_pairs.csv"))
    assert len(labels) >= 30
    engine = measure(engine_rankings(profiles), labels)
    keyword = measure(keyword_rankings(profiles), labels)
    assert engine.valid_pairs_in_top10 == 1.0 and engine.rejected_pairs == ()
    # the keyword baseline on the same pairs, as docs/matching.md reports it
    assert keyword.valid_pairs_in_top10 < 0.5 and keyword.rejected_in_top10 >= 10
