"""The monitoring computations on plain data: normalisation, units, shared streams, bands."""

import pytest

from dekvep.plans.engine import monitoring as engine


def test_a_smaller_order_book_is_not_counted_as_a_saving():
    baseline = {"production_t": 1200.0, "electricity": 4200.0}
    # 1 000 t this year: 3 500 MWh expected; using 3 500 saves nothing although 700 MWh less.
    assert engine.stream_change(
        baseline, {"production_t": 1000.0, "electricity": 3500.0}, "electricity"
    ) == pytest.approx(0)
    assert engine.stream_change(
        baseline, {"production_t": 1000.0, "electricity": 3200.0}, "electricity"
    ) == pytest.approx(300)


def test_years_in_different_units_are_converted_before_comparing():
    kwh = engine.stream_totals(
        {
            "energy": [{"carrier": "electricity", "quantity": 4_200_000, "unit": "kWh"}],
            "water": [{"quantity": 60_000, "unit": "m3"}],
        },
        None,
    )
    gwh = engine.stream_totals(
        {
            "energy": [{"carrier": "electricity", "quantity": 4.2, "unit": "GWh"}],
            "water": [{"quantity": 60_000_000, "unit": "L"}],
        },
        None,
    )
    assert kwh["electricity"] == pytest.approx(gwh["electricity"]) == pytest.approx(4200)
    assert kwh["water"] == pytest.approx(gwh["water"]) == pytest.approx(60_000)


def test_a_stream_not_reported_is_none_not_zero():
    totals = engine.stream_totals({"energy": []}, {"intensity": {"production_t": 10}})
    assert totals["water"] is None and totals["electricity"] is None
    outcome = engine.attribute(None, {1: 300.0})[1]
    assert (outcome.status, outcome.reason) == ("cannot_tell", "not_reported")


def test_several_actions_on_one_stream_wait_for_the_split():
    waiting = engine.attribute(300.0, {1: 300.0, 2: 200.0})
    assert {o.reason for o in waiting.values()} == {"needs_split"}
    split = engine.attribute(300.0, {1: 300.0, 2: 200.0}, {1: 0.6, 2: 0.4})
    assert split[1].measured == pytest.approx(180) and split[2].measured == pytest.approx(120)
    too_much = engine.attribute(300.0, {1: 300.0, 2: 200.0}, {1: 0.8, 2: 0.4})
    assert {o.status for o in too_much.values()} == {"cannot_tell"}


@pytest.mark.parametrize(
    ("measured", "status"),
    [(300, "confirmed"), (240, "confirmed"), (150, "partly"), (59, "not_seen"), (-20, "not_seen")],
)
def test_measured_against_promised_gives_the_status(measured, status):
    assert engine.status(300.0, measured) == status


def test_promises_on_one_stream_are_combined_not_added():
    # Two measures each cutting a quarter of 1 000 MWh leave 562.5, not 500.
    assert engine.combined([250.0, 250.0], 1000.0) == pytest.approx(437.5)
    assert engine.combined([250.0, 250.0], None) == 500.0
