import numpy as np
import pytest

from dekvep.symbiosis.engine import (
    allocate_arrays,
    exchange_impact,
    propose_codes,
    to_tonnes_per_year,
)


def test_it_allocates_each_offer_to_the_most_valuable_want_within_quantities():
    placed = allocate_arrays(
        offer_idx=np.array([0, 0, 1]),
        want_idx=np.array([0, 1, 1]),
        gain_per_t=np.array([5.0, 1.0, 3.0]),
        offer_t=np.array([10.0, 10.0]),
        want_t=np.array([6.0, 10.0]),
    )
    assert placed.tolist() == [6.0, 0.0, 10.0]


def test_it_leaves_tonnes_unplaced_when_transport_costs_more_than_they_are_worth():
    placed = allocate_arrays(
        np.array([0]), np.array([0]), np.array([-2.0]), np.array([5.0]), np.array([5.0])
    )
    assert placed.tolist() == [0.0]


def test_it_proposes_the_fly_ash_code_for_fly_ash():
    assert propose_codes("uçucu kül", sector="35.11")[0].code == "100102"


def test_it_prefers_codes_of_the_firm_sector():
    assert propose_codes("testere talaşı", sector="16.10")[0].code == "030105"


def test_it_takes_a_code_written_in_the_text():
    assert propose_codes("atık 15 01 10*")[0].code == "150110"


def test_it_converts_litres_per_month_to_tonnes_per_year_with_the_density(knowledge):
    assert round(to_tonnes_per_year(1000, "l", "month", "vegetable_oil", knowledge), 2) == 11.04


def test_it_converts_pieces_with_the_mass_per_piece(knowledge):
    assert to_tonnes_per_year(100, "pcs", "year", "pallets", knowledge) == 2.5


def test_it_counts_co2e_avoided_net_of_transport(knowledge):
    impact = exchange_impact(100, "glass", 100, knowledge=knowledge)
    # without a receiving process: primary glass replaced (140.3) by the closed-loop route (83.0)
    assert impact.virgin_t_co2e - impact.new_route_t_co2e == pytest.approx(57.3)
    assert impact.transport_t_co2e == 1.07
    assert impact.co2e_avoided_t == round(57.3 + 0.9 - 1.07, 3)
