from datetime import date

import numpy as np

from dekvep.symbiosis.engine import Matcher, explain, render_reasons
from dekvep.symbiosis.engine.geo import haversine_km

ISTANBUL, KOCAELI, ERZURUM = (41.07, 28.80), (40.78, 29.53), (39.90, 41.27)


def ranked(offer, wants, knowledge, top=10):
    return [m.want_id for m in Matcher(wants, knowledge).query(offer, top)]


def test_it_ranks_a_compatible_want_for_a_turkish_offer_and_english_want(listing, knowledge):
    offer = listing(title="Pamuklu kumaş kırpıntısı", code="04 02 22")
    felt = listing(kind="want", id="felt", title="Textile waste for felt", org="Keçe")
    paper = listing(kind="want", id="paper", title="OCC for paper mill", org="Kağıt")
    assert ranked(offer, [felt, paper], knowledge) == ["felt"]


def test_it_never_matches_an_organisation_with_itself(listing, knowledge):
    offer = listing(title="PP regrind", org="Yıldız Plastik")
    mine = listing(kind="want", id="mine", title="PP kırma alınır", org="YILDIZ PLASTİK")
    assert ranked(offer, [mine], knowledge) == []


def test_it_never_sends_hazardous_waste_to_an_unlicensed_receiver(listing, knowledge):
    offer = listing(title="Kirli tiner", code="140603")
    unlicensed = listing(kind="want", id="u", title="Solvent geri kazanım", org="B")
    licensed = listing(
        kind="want", id="l", title="Solvent geri kazanım", org="C", hazardous_licence=True
    )
    assert ranked(offer, [unlicensed, licensed], knowledge) == ["l"]


def test_it_prefers_the_nearer_receiver(listing, knowledge):
    offer = listing(title="Sac kırpıntısı", at=ISTANBUL)
    near = listing(kind="want", id="near", title="Çelik hurdası alınır", org="B", at=KOCAELI)
    far = listing(kind="want", id="far", title="Çelik hurdası alınır", org="C", at=ERZURUM)
    assert ranked(offer, [far, near], knowledge) == ["near", "far"]


def test_it_drops_receivers_too_far_for_a_low_value_material(listing, knowledge):
    offer = listing(title="Testere talaşı", at=ISTANBUL)
    far = listing(kind="want", id="far", title="Hayvan altlığı için talaş", org="C", at=ERZURUM)
    assert ranked(offer, [far], knowledge) == []


def test_it_prefers_the_better_quantity_fit(listing, knowledge):
    offer = listing(title="Uçucu kül", tonnes=1000)
    fits = listing(kind="want", id="fits", title="Uçucu kül", org="B", tonnes=1200)
    huge = listing(kind="want", id="huge", title="Uçucu kül", org="C", tonnes=500_000)
    assert ranked(offer, [huge, fits], knowledge) == ["fits", "huge"]


def test_it_ranks_overlapping_time_windows_first(listing, knowledge):
    offer = listing(
        title="Cam kırığı", available_from=date(2026, 1, 1), available_until=date(2026, 6, 30)
    )
    later = listing(
        kind="want", id="later", title="Cam kırığı", org="B", available_from=date(2027, 1, 1)
    )
    now = listing(
        kind="want", id="now", title="Cam kırığı", org="C", available_from=date(2026, 3, 1)
    )
    assert ranked(offer, [later, now], knowledge) == ["now", "later"]


def test_it_finds_offers_for_a_want(listing, knowledge):
    want = listing(kind="want", title="Yonga levha üretimi", description="talaş alınır", org="W")
    sawdust = listing(id="s", title="Ağaç talaşı", org="A")
    glass = listing(id="g", title="Cam kırığı", org="B")
    assert [m.offer_id for m in Matcher([sawdust, glass], knowledge).query(want)] == ["s"]


def test_it_keeps_scores_between_zero_and_one(listing, knowledge):
    offer = listing(title="Uçucu kül", code="100102", tonnes=100)
    want = listing(kind="want", title="Uçucu kül", code="100102", org="B", tonnes=100)
    score = Matcher([want], knowledge).query(offer)[0].score
    assert 0 < score <= 1


def test_it_gives_the_same_score_in_the_index_and_in_the_explanation(listing, knowledge):
    offer = listing(title="Pamuk kırpıntısı", tonnes=50)
    wants = [
        listing(
            kind="want",
            id=f"w{i}",
            title="Keçe için tekstil atığı",
            org=f"O{i}",
            tonnes=10 * (i + 1),
            at=(40 + i / 10, 29),
        )
        for i in range(5)
    ]
    matcher = Matcher(wants, knowledge)
    idx, scores, _ = matcher.candidates(offer)
    explained = [explain(offer, wants[i], knowledge).score for i in idx]
    assert np.allclose(scores, explained, atol=1e-4)


def test_it_explains_a_match_in_english_and_turkish(listing, knowledge):
    offer = listing(title="Pamuklu kumaş kırpıntısı", code="040222", tonnes=40, at=ISTANBUL)
    want = listing(
        kind="want",
        title="Open-end spinning",
        description="cotton clippings",
        org="B",
        code="040222",
        tonnes=500,
        at=KOCAELI,
    )
    match = explain(offer, want, knowledge)
    assert render_reasons(match.reasons, "en", knowledge).startswith("same waste code 04 02 22")
    assert "cotton textile → recycled-yarn spinning" in render_reasons(
        match.reasons, "en", knowledge
    )
    assert "ihtiyacın %8 kadarını karşılar" in render_reasons(match.reasons, "tr", knowledge)


def test_it_measures_distance_on_the_sphere():
    assert round(haversine_km(41.0082, 28.9784, 39.9334, 32.8597)) == 349
