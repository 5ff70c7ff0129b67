import pytest

from dekvep.assessment.engine import assess


def test_it_computes_water_and_waste_intensity_per_tonne(minimal):
    minimal["water"] = [{"source": "municipal", "quantity": 250, "unit": "m3"}]
    minimal["wastes"] = [
        {"ewc_code": "07 02 13", "quantity": 3000, "unit": "kg", "route": "recycling"}
    ]
    intensity = assess(minimal).as_dict()["intensity"]
    assert intensity["water_m3_per_t"] == pytest.approx(2.5)
    assert intensity["waste_kg_per_t"] == pytest.approx(30.0)


def test_it_adds_all_carriers_in_kwh_for_energy_intensity(minimal):
    minimal["energy"] = [
        {"carrier": "electricity", "quantity": 100, "unit": "MWh"},
        {"carrier": "steam", "quantity": 360, "unit": "GJ"},
    ]
    # 100,000 kWh + 100,000 kWh over 100 t
    assert assess(minimal).as_dict()["intensity"]["energy_kwh_per_t"] == pytest.approx(2000.0)


def test_it_computes_recovery_landfill_and_hazardous_shares(minimal):
    minimal["wastes"] = [
        {"ewc_code": "07 02 13", "quantity": 6, "unit": "t", "route": "recycling"},
        {"ewc_code": "08 01 11*", "quantity": 1, "unit": "t", "route": "energy_recovery"},
        {"ewc_code": "07 02 99", "quantity": 3, "unit": "t", "route": "landfill"},
    ]
    intensity = assess(minimal).as_dict()["intensity"]
    assert intensity["recovery_rate"] == pytest.approx(0.7)
    assert intensity["landfill_rate"] == pytest.approx(0.3)
    assert intensity["hazardous_share"] == pytest.approx(0.1)


def test_it_converts_pieces_to_tonnes_through_the_unit_mass(minimal):
    minimal["production"] = [
        {"product": "Buzdolabı", "quantity": 10000, "unit": "pcs", "unit_mass_kg": 60}
    ]
    assert assess(minimal).as_dict()["intensity"]["production_t"] == pytest.approx(600.0)


def test_it_computes_material_efficiency_as_product_over_material(minimal):
    minimal["materials"] = [{"name": "PP", "quantity": 125, "unit": "t"}]
    assert assess(minimal).as_dict()["intensity"]["material_efficiency"] == pytest.approx(0.8)


def test_it_counts_recycled_and_renewable_inflow_once(minimal):
    minimal["materials"] = [
        {
            "name": "Pamuk",
            "quantity": 100,
            "unit": "t",
            "recycled_share": 0.1,
            "renewable_share": 0.95,
        },
        {"name": "PP", "quantity": 100, "unit": "t", "recycled_share": 0.3},
    ]
    # conventional cotton is renewable but not circular: 10 + 30 of 200
    assert assess(minimal).as_dict()["circularity"]["circular_inflow_pct"] == pytest.approx(20.0)
    minimal["materials"][0]["certificate"] = "GOTS organic"
    # (10 + 90) + 30 of 200
    assert assess(minimal).as_dict()["circularity"]["circular_inflow_pct"] == pytest.approx(65.0)


def test_it_counts_recycled_waste_and_collected_products_as_circular_outflow(minimal):
    minimal["wastes"] = [
        {"ewc_code": "07 02 13", "quantity": 20, "unit": "t", "route": "recycling"},
        {"ewc_code": "07 02 99", "quantity": 10, "unit": "t", "route": "energy_recovery"},
    ]
    minimal["products"] = [{"name": "Kasa", "mass_kg": 2, "collected_for_recycling": 0.5}]
    # (50 + 20) of (100 + 30)
    circ = assess(minimal).as_dict()["circularity"]
    assert circ["circular_outflow_pct"] == pytest.approx(70 / 130 * 100)


def test_it_computes_renewable_energy_share_from_certificates_and_solar(minimal):
    minimal["energy"] = [
        {
            "carrier": "electricity",
            "quantity": 800,
            "unit": "MWh",
            "certified_renewable_kwh": 200000,
        },
        {"carrier": "solar_onsite", "quantity": 200, "unit": "MWh"},
    ]
    assert assess(minimal).as_dict()["circularity"]["renewable_energy_pct"] == pytest.approx(40.0)


def test_it_computes_water_circularity_from_reuse_and_rainwater(minimal):
    minimal["water"] = [
        {"source": "municipal", "quantity": 800, "unit": "m3"},
        {"source": "rainwater", "quantity": 100, "unit": "m3"},
    ]
    minimal["wastewater"] = {"quantity": 700, "unit": "m3", "reused_m3": 100}
    assert assess(minimal).as_dict()["circularity"]["water_circularity_pct"] == pytest.approx(20.0)
