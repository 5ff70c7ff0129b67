"""Partitions of a run's offers, ranked apart and merged, give the run's own top lists."""

import pytest

from dekvep.symbiosis.engine import Matcher, explain, match_all
from dekvep.symbiosis.engine.partition import merge, partition, rank_partition

from .test_pruning import _programme_profiles, _quality_profiles

ISTANBUL, VAN = (41.07, 28.80), (38.50, 43.40)


def _split(profiles):
    offers = [p for p in profiles if p.listing.kind == "offer"]
    wants = [p for p in profiles if p.listing.kind == "want"]
    return offers, wants


def _partitioned(profiles, parts):
    offers, wants = _split(profiles)
    ranked = [
        rank_partition([offers[i] for i in p.offers], [wants[j] for j in p.wants])
        for p in partition(offers, wants, parts)
    ]
    return merge([o.listing.id for o in offers], ranked)


def _tops(ranked):
    return {o: [(m.want_id, m.score, m.distance_km) for m in ms] for o, ms in ranked.items()}


@pytest.mark.parametrize("parts", [3, 8, 40])
@pytest.mark.parametrize("make", [_quality_profiles, _programme_profiles])
def test_the_merged_partitions_give_every_offer_the_top_ten_of_the_whole_run(make, parts):
    profiles = make()
    whole = match_all(profiles, top=10)
    assert sum(len(ms) for ms in whole.values()) > len(whole)  # the sets do rank something
    assert _tops(_partitioned(profiles, parts)) == _tops(whole)


def test_every_offer_is_in_exactly_one_partition():
    offers, wants = _split(_programme_profiles())
    parts = partition(offers, wants, 8)
    placed = sorted(i for p in parts for i in p.offers)
    assert placed == list(range(len(offers)))
    assert all(list(p.wants) == sorted(set(p.wants)) for p in parts)


def test_partitions_share_the_work_about_evenly():
    offers, wants = _split(_programme_profiles())
    parts = partition(offers, wants, 8)
    work = sorted(p.work for p in parts if p.wants)
    assert 6 <= len(parts) <= 16
    assert work[-1] <= 2.5 * sum(work) / 8


def test_a_large_bucket_is_cut_into_regions_that_leave_out_wants_beyond_reach(listing):
    # sawdust is worth little: it does not travel from Istanbul to Van
    offers = [
        listing(title="Testere talaşı", id=f"{c}{i}", org=f"F{c}{i}", at=at)
        for c, at in (("o", ISTANBUL), ("v", VAN))
        for i in range(3)
    ]
    far = listing(kind="want", id="far", title="Yonga levha için talaş", org="Levha", at=VAN)
    near = listing(kind="want", id="near", title="Yonga levha için talaş", org="Lev", at=ISTANBUL)
    nowhere = listing(kind="want", id="nowhere", title="Talaş alınır", org="Pelet", at=None)
    parts = partition(offers, [far, near, nowhere], 2)
    by_offer = {offers[i].listing.id: p for p in parts for i in p.offers}
    assert by_offer["o0"] is not by_offer["v0"]
    assert by_offer["o0"].wants == (1, 2)  # the near want and the one with no place
    assert by_offer["v0"].wants == (0, 2)


def test_an_offer_that_meets_no_want_gets_an_empty_list(listing):
    offer = listing(title="Testere talaşı", id="o")
    glass = listing(kind="want", id="w", title="Cam kırığı alınır", org="Cam")
    assert _partitioned([offer, glass], 4) == {"o": []}


def test_the_merge_keeps_the_best_of_an_offer_ranked_in_two_partitions(listing, knowledge):
    offer = listing(title="Uçucu kül", id="o")
    wants = [
        listing(kind="want", id=f"w{i}", title="Uçucu kül", org=f"F{i}", tonnes=t)
        for i, t in enumerate([100, 1000, 90_000])
    ]
    first = {"o": Matcher(wants[:1], knowledge).query(offer, 2)}
    second = {"o": Matcher(wants[1:], knowledge).query(offer, 2)}
    merged = merge(["o"], [first, second], top=2)
    assert [m.want_id for m in merged["o"]] == ["w0", "w1"]


def test_a_quality_mismatch_ranks_as_scored_whatever_other_wants_state(listing, knowledge):
    # no other want states a clear colour: the mismatch with the mixed one still counts
    offer = listing(title="Şeffaf PET pulu", id="clear")
    mixed = listing(kind="want", id="mixed", title="Renkli PET pulu alınır", org="B")
    plain = listing(kind="want", id="plain", title="PET pulu alınır", org="C", tonnes=50)
    ranked = Matcher([mixed, plain], knowledge).query(offer, 2)
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)
    assert ranked[-1].score == explain(offer, mixed, knowledge).score
