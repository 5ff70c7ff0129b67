"""Synergies by state, tonnes diverted and tCO2e avoided, as the symbiosis app computes them."""

import pytest
from django.utils import translation

from dekvep.impact.figures import get_figure
from dekvep.symbiosis.models import Synergy
from dekvep.symbiosis.services import programme_impact
from tests.factories import ProgrammeFactory

from . import factories as f


@pytest.fixture
def synergies(programme):
    f.SynergyFactory(programme=programme, offer__tonnes_per_year=40, want__tonnes_per_year=60)
    exchanged = f.SynergyFactory(programme=programme, state=Synergy.State.AGREED)
    f.ExchangeFactory(synergy=exchanged, tonnes=12.5)
    f.ExchangeFactory(synergy=exchanged, tonnes=7.5)
    f.SynergyFactory(
        programme=programme,
        state=Synergy.State.ENDED,
        offer__material="pet",
        offer__tonnes_per_year=30,
        want__tonnes_per_year=30,
        distance_km=None,
    )
    f.SynergyFactory(programme=programme, state=Synergy.State.IDENTIFIED)
    f.SynergyFactory(programme=programme, state=Synergy.State.DROPPED)
    f.SynergyFactory(programme=ProgrammeFactory())
    return programme


def test_it_counts_active_synergies_with_every_state(synergies):
    figure = get_figure("synergies_active")
    assert figure.compute(synergies) == 1
    with translation.override("en"):
        breakdown = dict(figure.breakdown(synergies))
    assert breakdown["Active"] == 1
    assert breakdown["Agreed"] == 1
    assert breakdown["Ended"] == 1
    assert breakdown["Identified"] == 1
    assert breakdown["Dropped"] == 1
    assert breakdown["Negotiating"] == 0


def test_it_adds_exchanged_tonnes_or_the_tonnes_in_view(synergies):
    # 40 (min of 40 and 60) + 20 exchanged + 30 = 90
    assert get_figure("tonnes_diverted_per_year").compute(synergies) == 90.0


def test_it_agrees_with_the_symbiosis_app_on_tonnes_and_emissions(synergies):
    expected = programme_impact(synergies)
    assert get_figure("tonnes_diverted_per_year").compute(synergies) == round(expected.tonnes, 1)
    avoided = get_figure("tco2e_avoided_per_year").compute(synergies)
    assert avoided == round(expected.co2e_avoided_t, 1)
    assert avoided > 0


def test_it_lists_the_synergies_behind_the_tonnes_to_the_manager(synergies, people, login):
    html = (
        login(people["manager"])
        .get("/impact/figures/tonnes_diverted_per_year/?programme=test-2022")
        .content.decode()
    )
    table = html.split('id="records"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr><td>") == 3
    assert "<td>20.0</td>" in table


def test_it_counts_a_year_of_exchanges_not_all_of_them(programme):
    import datetime

    synergy = f.SynergyFactory(programme=programme, state=Synergy.State.ACTIVE, distance_km=10)
    f.ExchangeFactory(synergy=synergy, date=datetime.date(2022, 3, 1), tonnes=100)
    f.ExchangeFactory(synergy=synergy, date=datetime.date(2023, 1, 10), tonnes=15)
    f.ExchangeFactory(synergy=synergy, date=datetime.date(2023, 6, 30), tonnes=25)
    # the twelve months up to 2023-06-30 hold 15 + 25 t; the 2022-03-01 load is older
    assert get_figure("tonnes_diverted_per_year").compute(programme) == 40.0
    assert round(programme_impact(programme).tonnes, 1) == 40.0
