import pytest

from dekvep.assessment.engine import assess
from dekvep.assessment.engine.benchmarks import group_percentiles, reference_position, summary
from dekvep.assessment.engine.opportunities import catalogue


def test_it_ships_at_least_fifteen_measures_per_sector_and_cross_cutting():
    for sector in ("textile", "plastics", "white_goods", "cross_cutting"):
        measures = [m for m in catalogue()["measures"] if m["sector"] == sector]
        assert len(measures) >= 15, sector
        assert all(m["source"] and m["year"] for m in measures)


def test_it_proposes_low_liquor_ratio_dyeing_to_a_water_hungry_dye_house(example):
    example["water"][0]["quantity"] = 200000  # 200 m3/t, above the 60-150 reference range
    ids = [o["measure_id"] for o in assess(example).as_dict()["opportunities"]]
    assert "tx-low-liquor-ratio" in ids


def test_a_dye_house_within_the_reference_range_gets_no_new_dyeing_machines(example):
    # 83 m3/t: within the range; before, any textile firm above 60 m3/t got the measure.
    ids = [o["measure_id"] for o in assess(example).as_dict()["opportunities"]]
    assert "tx-low-liquor-ratio" not in ids


def test_it_does_not_propose_textile_measures_to_a_plastics_firm(example):
    example["sector"] = "plastics"
    ids = [o["measure_id"] for o in assess(example).as_dict()["opportunities"]]
    assert not [i for i in ids if i.startswith("tx-")]


def test_it_estimates_payback_as_investment_over_yearly_savings(example):
    found = assess(example).as_dict()["opportunities"]
    leaks = next(o for o in found if o["measure_id"] == "cc-compressed-air-leaks")
    # 2% (midpoint of 1-3%) of 4.2 GWh at 3.4 TRY/kWh
    assert leaks["money_try_per_year"] == pytest.approx(84000 * 3.4)
    assert leaks["payback_years"] == pytest.approx(leaks["investment_try"] / (84000 * 3.4))
    assert leaks["tco2e_per_year"] == pytest.approx(84 * 0.469)


def test_it_places_a_firm_against_the_published_range():
    assert reference_position("textile", "water_m3_per_t", 200)["position"] == "above"
    assert reference_position("textile", "water_m3_per_t", 100)["position"] == "within"


def test_it_hides_peer_percentiles_in_groups_of_fewer_than_three():
    firms = [("a", "g", {"water_m3_per_t": 10.0}), ("b", "g", {"water_m3_per_t": 20.0})]
    assert group_percentiles(firms)["a"]["water_m3_per_t"] is None


def test_it_ranks_lower_water_use_as_better_among_five_peers():
    values = (("a", 10.0), ("b", 20.0), ("c", 30.0), ("d", 40.0), ("e", 50.0))
    ranks = group_percentiles([(k, "g", {"water_m3_per_t": v}) for k, v in values])
    assert ranks["a"]["water_m3_per_t"] > ranks["c"]["water_m3_per_t"]
    assert ranks["a"]["water_m3_per_t"] % 10 == 0  # published in bands of 10 points


def test_three_or_four_peers_get_no_percentile_or_quartile():
    from dekvep.assessment.engine.benchmarks import summary

    for n in (3, 4):
        values = [10.0 * (i + 1) for i in range(n)]
        firms = [(str(i), "g", {"water_m3_per_t": v}) for i, v in enumerate(values)]
        assert all(r["water_m3_per_t"] is None for r in group_percentiles(firms).values())
        assert summary(values) is None


def test_an_unreported_value_is_left_out_of_the_peer_group(minimal):
    firms = [(str(i), "g", {"water_m3_per_t": 10.0 * (i + 1)}) for i in range(4)]
    firms.append(("silent", "g", {"water_m3_per_t": None}))
    ranks = group_percentiles(firms)
    # Before, a missing value counted as 0 and made a group of five "best" firm.
    assert ranks["silent"]["water_m3_per_t"] is None
    assert ranks["0"]["water_m3_per_t"] is None  # only four firms reported


def test_it_summarises_a_group_only_from_five_firms_rounded_and_without_a_mean():
    # Before: three firms gave quartiles equal to their own values (and a mean).
    assert summary([1.0, 2.0, 3.0]) is None
    stats = summary([1.234, 2.345, 3.456, 4.567, 5.678])
    assert stats == {"firms": 5, "p25": 2.3, "median": 3.5, "p75": 4.6}


def test_dominance_rule_hides_a_total_one_firm_makes_up():
    from dekvep.assessment.engine.disclosure import total

    assert total([100.0, 10.0, 10.0, 10.0]) is None
    assert total([40.0, 30.0, 20.0]) == 90.0
    assert total([40.0, 30.0]) is None
