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


def test_it_adds_scope3_for_landfilled_waste(minimal):
    minimal["wastes"] = [{"ewc_code": "07 02 13", "quantity": 10, "unit": "t", "route": "landfill"}]
    assert assess(minimal).as_dict()["ghg"]["scope3_tco2e"] == pytest.approx(4.67)


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
