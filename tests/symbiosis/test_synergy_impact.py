"""A synergy's impact names its baseline route and substitution, from the shared factor file."""

import csv
from pathlib import Path

import pytest

from dekvep.assessment.engine.disposal import disposal_factor
from dekvep.symbiosis.engine import default_knowledge, exchange_impact
from dekvep.symbiosis.engine.impact import substitutions

DATA = Path(__file__).resolve().parents[2] / "src" / "dekvep" / "catalog" / "data"


def test_a_textile_offcut_earns_three_different_credits_for_felt_insulation_and_kiln_fuel():
    credits = {
        process: exchange_impact(100, "textile", 0, process=process)
        for process in ("nonwovens", "insulation", "cement_coprocessing")
    }
    assert {i.substitute for i in credits.values()} == {"virgin_fibre", "mineral_wool", "coal"}
    assert len({i.co2e_avoided_t for i in credits.values()}) == 3
    # burnt in the kiln, the offcut's fossil carbon is the new route's emissions
    assert credits["cement_coprocessing"].new_route_t_co2e == pytest.approx(29.3)


def test_fly_ash_to_cement_is_credited_for_the_clinker_it_replaces_and_never_negative():
    impact = exchange_impact(1000, "fly_ash", 80, process="cement_coprocessing")
    assert impact.substitute == "clinker"
    assert impact.virgin_t_co2e == pytest.approx(842.0)
    assert impact.co2e_avoided_t > 800


def test_avoided_is_baseline_less_new_route_plus_substitution_less_transport():
    impact = exchange_impact(
        50, "textile", 120, process="insulation", baseline_route="incineration"
    )
    expected = (
        impact.disposal_t_co2e
        - impact.new_route_t_co2e
        + impact.virgin_t_co2e
        - impact.transport_t_co2e
    )
    assert impact.co2e_avoided_t == pytest.approx(expected, abs=0.002)
    # the baseline is the same incineration value the assessment uses for a textile code
    assert impact.disposal_t_co2e == pytest.approx(
        50 * disposal_factor("040222", "incineration")[0]
    )


def test_a_lower_value_recycler_as_baseline_saves_no_gate_fee():
    landfill = exchange_impact(10, "textile", 10, process="nonwovens")
    recycler = exchange_impact(
        10, "textile", 10, process="nonwovens", baseline_route="lower_value_recycling"
    )
    assert landfill.disposal_saving_eur == 350
    assert recycler.disposal_saving_eur == 0
    assert recycler.co2e_avoided_t < landfill.co2e_avoided_t


def test_savings_carry_disposal_material_value_and_transport_in_euros_and_lira():
    impact = exchange_impact(10, "textile", 100, process="nonwovens")
    assert impact.transport_cost_eur == pytest.approx(80.0)
    assert impact.cost_saving_eur == pytest.approx(
        impact.disposal_saving_eur + impact.material_value_eur - impact.transport_cost_eur
    )
    assert impact.cost_saving_try == pytest.approx(impact.cost_saving_eur * 35.5, abs=0.1)


def test_every_substitution_row_names_known_materials_processes_and_sourced_factors():
    knowledge = default_knowledge()
    with (DATA / "symbiosis_impact_factors.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert all(r["source"] and r["year"] for r in rows)
    for (material, process), row in substitutions().items():
        assert material in knowledge.materials
        assert process in knowledge.processes
        assert row.new_route in ("route", "closed_loop", "incineration")
        assert ("substitute", row.substitute) in knowledge.factors, row.substitute
