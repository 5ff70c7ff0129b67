import pytest

from dekvep.assessment.engine import InventoryError, assess


def errors_of(data, **kwargs) -> dict[str, str]:
    with pytest.raises(InventoryError) as caught:
        assess(data, **kwargs)
    return {e.path: e.message for e in caught.value.errors}


def test_it_accepts_the_documented_example(example):
    assert assess(example).inventory.organization == "Örnek Tekstil A.Ş."


def test_it_names_the_field_path_of_a_unit_that_does_not_fit(example):
    example["energy"][2]["unit"] = "m2"
    assert "energy[2].unit" in errors_of(example)


def test_it_rejects_a_mass_unit_for_electricity(example):
    example["energy"][0]["unit"] = "t"
    assert "energy unit" in errors_of(example)["energy[0].unit"]


def test_it_rejects_an_unknown_carrier(example):
    example["energy"][1]["carrier"] = "hydrogen"
    assert "energy[1].carrier" in errors_of(example)


def test_it_rejects_a_negative_quantity(example):
    example["water"][0]["quantity"] = -5
    assert "water[0].quantity" in errors_of(example)


def test_it_rejects_a_share_above_one(example):
    example["materials"][0]["recycled_share"] = 1.2
    assert "materials[0].recycled_share" in errors_of(example)


def test_it_rejects_recycled_and_reused_shares_adding_above_one(example):
    example["materials"][0]["recycled_share"] = 0.6
    example["materials"][0]["reused_share"] = 0.6
    assert "materials[0].reused_share" in errors_of(example)


def test_it_rejects_a_year_in_the_future(example):
    example["year"] = 2031
    assert "future" in errors_of(example, current_year=2030)["year"]


def test_it_rejects_an_unknown_waste_code(example):
    example["wastes"][1]["ewc_code"] = "99 99 99"
    assert "unknown waste code" in errors_of(example)["wastes[1].ewc_code"]


def test_it_rejects_an_unknown_refrigerant(example):
    example["refrigerants"][0]["gas"] = "R-999"
    assert "refrigerants[0].gas" in errors_of(example)


def test_it_rejects_an_unknown_field_name(example):
    example["production"][0]["revenue"] = 1
    assert "production[0].revenue" in errors_of(example)


def test_it_requires_a_unit_mass_for_pieces(example):
    example["production"][0]["unit"] = "pcs"
    assert "production[0].unit_mass_kg" in errors_of(example)


def test_it_rejects_certified_renewable_above_the_electricity_used(example):
    example["energy"][0]["certified_renewable_kwh"] = 5_000_000
    assert "energy[0].certified_renewable_kwh" in errors_of(example)


def test_it_rejects_a_good_outside_cbam(example):
    example["cbam"]["goods"][0]["cn_code"] = "6109"
    assert "cbam.goods[0].cn_code" in errors_of(example)


def test_it_reports_every_error_at_once(example):
    example["water"][0]["unit"] = "kg"
    example["wastes"][0]["ewc_code"] = "00 00 00"
    assert {"water[0].unit", "wastes[0].ewc_code"} <= set(errors_of(example))
