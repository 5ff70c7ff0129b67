import pytest

from dekvep.assessment.engine import assess
from dekvep.assessment.engine.cbam import cbam_share


def test_it_phases_cbam_in_as_free_allocation_falls():
    assert cbam_share(2026) == pytest.approx(0.025)
    assert cbam_share(2030) == pytest.approx(0.485)
    assert cbam_share(2034) == pytest.approx(1.0)


def test_it_prices_imported_steel_at_the_default_value_of_its_origin(minimal):
    minimal["cbam"] = {
        "carbon_price_eur_per_t": 100,
        "year": 2030,
        "goods": [{"cn_code": "7208", "origin": "TR", "quantity": 100, "unit": "t"}],
    }
    cbam = assess(minimal).as_dict()["cbam"]
    # 100 t x 1.3 tCO2e/t x 0.485 x 100 EUR
    assert cbam["embedded_tco2e"] == pytest.approx(130.0)
    assert cbam["cost_eur"] == pytest.approx(6305.0)


def test_it_prefers_the_supplier_actual_embedded_emissions(minimal):
    minimal["cbam"] = {
        "carbon_price_eur_per_t": 100,
        "year": 2034,
        "goods": [
            {
                "cn_code": "7601",
                "origin": "CN",
                "quantity": 10,
                "unit": "t",
                "embedded_tco2e_per_t": 4.0,
            }
        ],
    }
    cbam = assess(minimal).as_dict()["cbam"]
    assert cbam["cost_eur"] == pytest.approx(4000.0)
    assert cbam["lines"][0]["default_used"] is False
