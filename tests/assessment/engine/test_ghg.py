import copy

import pytest

from dekvep.assessment.engine import assess, load_factor_set
from dekvep.assessment.engine.canonical import energy_kwh
from dekvep.assessment.engine.ghg import fuel_tco2e, refrigerant_tco2e


@pytest.fixture
def factors():
    return load_factor_set()


def test_it_converts_natural_gas_by_its_net_calorific_value(factors):
    # 1,000 Sm3 x 34.54 MJ/Sm3 / 3.6 MJ/kWh
    assert energy_kwh("natural_gas", 1000, "Sm3", factors) == pytest.approx(9594.444, rel=1e-6)


def test_it_computes_scope1_of_natural_gas_with_ch4_and_n2o(factors):
    # 0.03454 TJ: CO2 56100*0.03454 = 1937.694 kg; CH4 1*0.03454*28 = 0.967 kg;
    # N2O 0.1*0.03454*265 = 0.915 kg -> 1.939576 t
    kwh = energy_kwh("natural_gas", 1000, "Sm3", factors)
    assert fuel_tco2e("natural_gas", kwh, factors) == pytest.approx(1.939576, rel=1e-6)


def test_it_computes_scope1_of_diesel_through_density(factors):
    # 1,000 L x 0.84 kg/L x 43 MJ/kg = 0.03612 TJ
    # CO2 2676.492 + CH4 3*0.03612*28 = 3.034 + N2O 0.6*0.03612*265 = 5.743 -> 2.685269 t
    kwh = energy_kwh("diesel", 1000, "L", factors)
    assert fuel_tco2e("diesel", kwh, factors) == pytest.approx(2.685269, rel=1e-6)


def test_it_counts_refrigerant_top_ups_at_their_gwp(factors):
    assert refrigerant_tco2e("R-410A", 10, factors) == pytest.approx(19.24)


def test_it_computes_scope2_location_with_the_grid_factor_of_the_year(minimal):
    minimal["energy"] = [{"carrier": "electricity", "quantity": 1000, "unit": "MWh"}]
    result = assess(minimal).as_dict()
    assert result["ghg"]["scope2_location_tco2e"] == pytest.approx(469.0)


def test_it_counts_certified_renewable_electricity_at_zero_market_based(minimal):
    minimal["energy"] = [
        {
            "carrier": "electricity",
            "quantity": 1_000_000,
            "unit": "kWh",
            "certified_renewable_kwh": 400_000,
        }
    ]
    result = assess(minimal).as_dict()
    assert result["ghg"]["scope2_market_tco2e"] == pytest.approx(600 * 0.469)


def test_it_leaves_onsite_solar_out_of_both_scopes(minimal):
    minimal["energy"] = [{"carrier": "solar_onsite", "quantity": 500_000, "unit": "kWh"}]
    ghg = assess(minimal).as_dict()["ghg"]
    assert ghg["scope1_tco2e"] == 0 and ghg["scope2_location_tco2e"] == 0


def test_it_adds_scope3_for_landfilled_waste_at_the_material_factor(minimal):
    # Before: every landfilled tonne took the mixed-waste 0.467; plastics barely degrade.
    minimal["wastes"] = [{"ewc_code": "07 02 13", "quantity": 10, "unit": "t", "route": "landfill"}]
    assert assess(minimal).as_dict()["ghg"]["scope3_tco2e"] == pytest.approx(0.09)


def test_burnt_plastic_emits_its_fossil_carbon(minimal):
    minimal["wastes"] = [
        {"ewc_code": "07 02 13", "quantity": 10, "unit": "t", "route": "incineration"}
    ]
    assert assess(minimal).as_dict()["ghg"]["scope3_tco2e"] == pytest.approx(27.5)


def test_assessment_and_marketplace_read_one_landfill_value_per_material():
    from dekvep.assessment.engine.disposal import disposal_factor
    from dekvep.symbiosis.engine.knowledge import load_knowledge

    market = load_knowledge().factors
    for code, material in (("04 02 22", "textile"), ("12 01 01", "metal"), ("15 01 01", "paper")):
        value, used = disposal_factor(code, "landfill")
        assert used == material
        assert value * 1000 == pytest.approx(market[("landfill", material)])


def test_hcfc_is_reported_outside_scope_1(minimal):
    minimal["refrigerants"] = [{"gas": "R-22", "quantity": 10, "unit": "kg"}]
    ghg = assess(minimal).as_dict()["ghg"]
    assert ghg["scope1_tco2e"] == 0
    assert ghg["non_kyoto_tco2e"] == pytest.approx(17.6)


def test_mobile_diesel_uses_road_transport_ch4_and_n2o(minimal):
    line = {"carrier": "diesel", "quantity": 1, "unit": "TJ"}
    minimal["energy"] = [line]
    plant = assess(minimal).as_dict()["ghg"]["scope1_tco2e"]
    minimal["energy"] = [{**line, "use": "mobile"}]
    vehicles = assess(minimal).as_dict()["ghg"]
    # CO2 74.1 t + CH4 3.9 kg x 28 + N2O 3.9 kg x 265 (AR5)
    assert vehicles["scope1_tco2e"] == pytest.approx(74.1 + (3.9 * 28 + 3.9 * 265) / 1000)
    assert plant != vehicles["scope1_tco2e"]
    assert "mobile_combustion" in vehicles["by_source"]


def test_lignite_and_imported_coal_use_turkish_ncvs(minimal):
    minimal["energy"] = [{"carrier": "lignite", "quantity": 100, "unit": "t"}]
    ghg = assess(minimal).as_dict()["ghg"]
    tj = 100 * 10.47 / 1000
    assert ghg["scope1_tco2e"] == pytest.approx(tj * (101 + (10 * 28 + 1.5 * 265) / 1000))
    minimal["energy"] = [{"carrier": "imported_coal", "quantity": 100, "unit": "t"}]
    assert assess(minimal).as_dict()["ghg"]["by_source"]["imported_coal"] > 0


def test_the_gwp_set_is_chosen_and_recorded(minimal):
    minimal["refrigerants"] = [{"gas": "R-134a", "quantity": 10, "unit": "kg"}]
    ar5 = assess(minimal).as_dict()
    ar6 = assess(minimal, gwp_set="AR6").as_dict()
    assert ar5["ghg"]["gwp_set"] == "AR5" and ar6["ghg"]["gwp_set"] == "AR6"
    assert ar5["ghg"]["scope1_tco2e"] == pytest.approx(13.0)
    assert ar6["ghg"]["scope1_tco2e"] == pytest.approx(15.3)


def test_a_transmission_connected_firm_uses_the_transmission_factor(minimal):
    minimal["energy"] = [
        {"carrier": "electricity", "quantity": 1000, "unit": "MWh", "grid_level": "transmission"}
    ]
    ghg = assess(minimal).as_dict()["ghg"]
    assert ghg["scope2_location_tco2e"] == pytest.approx(436.0)
    assert ghg["grid_factors"][0]["level"] == "transmission"


def test_a_grid_factor_not_yet_verified_is_said_in_the_result(minimal):
    minimal["energy"] = [
        {"carrier": "electricity", "quantity": 1000, "unit": "MWh", "grid_level": "transmission"}
    ]
    notes = assess(minimal).as_dict()["data_quality"]
    found = [n for n in notes if n["code"] == "grid_level_unverified"]
    assert found[0]["params"] == {"year": 2023, "level": "transmission", "value": 0.436}


def test_the_distribution_factor_needs_no_such_note(minimal):
    minimal["energy"] = [{"carrier": "electricity", "quantity": 1000, "unit": "MWh"}]
    notes = assess(minimal).as_dict()["data_quality"]
    assert not [n for n in notes if n["code"] == "grid_level_unverified"]


def test_scope3_covers_fuel_upstream_and_use_of_sold_appliances(minimal):
    minimal["energy"] = [{"carrier": "natural_gas", "quantity": 1000, "unit": "MWh"}]
    minimal["products"] = [
        {
            "name": "Buzdolabı",
            "mass_kg": 60,
            "rated_kwh_per_year": 250,
            "lifetime_years": 10,
            "units_sold": 1000,
        }
    ]
    ghg = assess(minimal).as_dict()["ghg"]
    assert ghg["scope3_categories"]["3"] == pytest.approx(33.6)
    assert ghg["scope3_categories"]["11"] == pytest.approx(2500 * 0.469)


def test_it_uses_the_latest_grid_factor_for_a_later_year_and_says_so(minimal):
    minimal["year"] = 2024
    minimal["energy"] = [{"carrier": "electricity", "quantity": 1, "unit": "MWh"}]
    result = assess(minimal, current_year=2024).as_dict()
    assert result["ghg"]["grid_factor_year"] == 2023
    assert any("2023" in n["message"] for n in result["data_quality"])


def test_it_applies_a_single_factor_override_and_records_it(minimal):
    minimal["energy"] = [{"carrier": "electricity", "quantity": 1000, "unit": "MWh"}]
    minimal["factor_overrides"] = {"electricity.grid_tco2e_per_mwh.2023": 0.5}
    result = assess(minimal).as_dict()
    assert result["ghg"]["scope2_location_tco2e"] == pytest.approx(500.0)
    assert result["factor_set"]["overrides"] == {"electricity.grid_tco2e_per_mwh.2023": 0.5}


def test_recycled_content_carries_its_own_lower_factor(minimal):
    minimal["materials"] = [
        {
            "name": "PET",
            "quantity": 100,
            "unit": "t",
            "material_class": "pet",
            "recycled_share": 0.5,
        }
    ]
    # Before: the recycled half counted 0 (cut-off without its own factor).
    assert assess(minimal).as_dict()["ghg"]["scope3_tco2e"] == pytest.approx(50 * 2.15 + 50 * 0.5)


def test_the_origin_value_is_used_where_the_set_has_one():
    from dekvep.assessment.engine.factors import FactorSet, load_factor_set

    data = copy.deepcopy(load_factor_set().data)
    data["scope3"]["materials_tco2e_per_t"]["steel"]["origins"] = {"TR": 1.0}
    factors = FactorSet(data)
    assert factors.material_factor("steel", "tr") == 1.0
    assert factors.material_factor("steel", "CN") == pytest.approx(1.92)
    assert factors.material_factor("steel") == pytest.approx(1.92)
