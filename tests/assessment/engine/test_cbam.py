import pytest

from dekvep.assessment.engine import assess
from dekvep.assessment.engine.assess import Options
from dekvep.assessment.engine.cbam import cbam_share, counted_default, default_markup


def test_it_phases_cbam_in_as_free_allocation_falls():
    assert cbam_share(2026) == pytest.approx(0.025)
    assert cbam_share(2030) == pytest.approx(0.485)
    assert cbam_share(2034) == pytest.approx(1.0)


def _cbam(minimal, goods, year=2030, price=100, **extra):
    minimal["cbam"] = {"carbon_price_eur_per_t": price, "year": year, "goods": goods, **extra}
    return minimal


def test_imports_into_turkiye_carry_no_cbam_cost(minimal):
    goods = [{"cn_code": "7208", "flow": "import", "origin": "CN", "quantity": 100, "unit": "t"}]
    cbam = assess(_cbam(minimal, goods)).as_dict()["cbam"]
    # Before: 100 t x 2.3 x share x price was charged to the Turkish importer.
    assert cbam["cost_eur"] == 0
    assert cbam["lines"][0]["costed"] is False


def test_domestic_flow_is_accepted_and_not_costed(minimal):
    goods = [{"cn_code": "7208", "flow": "domestic", "origin": "TR", "quantity": 80, "unit": "t"}]
    cbam = assess(_cbam(minimal, goods)).as_dict()["cbam"]
    assert cbam["lines"][0]["flow"] == "domestic"
    assert cbam["cost_eur"] == 0


def test_steel_exports_count_direct_emissions_with_the_default_markup(minimal):
    goods = [{"cn_code": "7208", "flow": "export", "origin": "TR", "quantity": 100, "unit": "t"}]
    cbam = assess(_cbam(minimal, goods, year=2030)).as_dict()["cbam"]
    # default 1.3 total, 90 % direct (Annex II: steel direct only), +30 % mark-up from 2028
    specific = 1.3 * 0.9 * 1.3
    assert cbam["lines"][0]["tco2e_per_t"] == pytest.approx(specific)
    assert cbam["lines"][0]["scope"] == "direct"
    embedded = 100 * specific
    # free allocation 51.5 % in 2030 applies to the benchmark (1.288 t/t), not the emissions
    adjustment = 100 * 1.288 * 0.515
    assert cbam["embedded_tco2e"] == pytest.approx(embedded)
    assert cbam["cost_eur"] == pytest.approx((embedded - adjustment) * 100)
    assert cbam["status_label"] == "indicative — not for declarations"


def test_markups_follow_the_definitive_period_schedule():
    assert default_markup("steel", 2026) == pytest.approx(0.10)
    assert default_markup("steel", 2027) == pytest.approx(0.20)
    assert default_markup("aluminium", 2031) == pytest.approx(0.30)
    assert counted_default("7601", "TR", 2026) == pytest.approx(9.5 * 0.15 * 1.1)


def test_a_customer_below_50_tonnes_pays_nothing(minimal):
    goods = [
        {
            "cn_code": "7318",
            "flow": "export",
            "quantity": 30,
            "unit": "t",
            "importer": "DE-A",
            "embedded_tco2e_per_t": 2.0,
        },
        {
            "cn_code": "7318",
            "flow": "export",
            "quantity": 60,
            "unit": "t",
            "importer": "DE-B",
            "embedded_tco2e_per_t": 2.0,
        },
    ]
    cbam = assess(_cbam(minimal, goods, year=2034)).as_dict()["cbam"]
    small, large = cbam["lines"]
    assert small["below_threshold"] is True and small["cost_eur"] == 0
    assert large["cost_eur"] == pytest.approx(60 * 2.0 * 100)
    assert cbam["cost_eur"] == pytest.approx(large["cost_eur"])


def test_carbon_price_paid_in_turkiye_is_deducted(minimal):
    goods = [
        {
            "cn_code": "7318",
            "flow": "export",
            "quantity": 100,
            "unit": "t",
            "embedded_tco2e_per_t": 2.0,
        }
    ]
    data = _cbam(minimal, goods, year=2034)
    unset = assess(data).as_dict()["cbam"]
    paid = assess(data, options=Options(origin_carbon_price_eur_per_t=20)).as_dict()["cbam"]
    assert unset["origin_carbon_price_eur_per_t"] == 0
    assert unset["cost_eur"] == pytest.approx(200 * 100)
    assert paid["cost_eur"] == pytest.approx(200 * 80)


def test_exports_without_a_value_take_the_embedded_emissions_of_their_inputs(minimal):
    goods = [
        {
            "cn_code": "7208",
            "flow": "import",
            "quantity": 50,
            "unit": "t",
            "embedded_tco2e_per_t": 1.8,
        },
        {"cn_code": "7318", "flow": "export", "quantity": 40, "unit": "t"},
    ]
    line = assess(_cbam(minimal, goods, year=2034)).as_dict()["cbam"]["lines"][1]
    assert line["method"] == "inputs"
    assert line["tco2e_per_t"] == pytest.approx(1.8)


def test_it_prefers_the_supplier_actual_embedded_emissions(minimal):
    goods = [
        {
            "cn_code": "7601",
            "flow": "export",
            "origin": "TR",
            "quantity": 60,
            "unit": "t",
            "embedded_tco2e_per_t": 4.0,
        }
    ]
    cbam = assess(_cbam(minimal, goods, year=2034)).as_dict()["cbam"]
    assert cbam["cost_eur"] == pytest.approx(60 * 4.0 * 100)
    assert cbam["lines"][0]["default_used"] is False
