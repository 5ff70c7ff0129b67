"""Missing data is "not reported", never zero."""

from dekvep.assessment.engine import assess


def test_unreported_water_is_none_not_zero(example):
    example["water"] = []
    result = assess(example).as_dict()
    # Before: 0 m3 and 0 m3/t, "best in class" among peers.
    assert result["intensity"]["water_m3"] is None
    assert result["benchmarks"]["values"]["water_m3_per_t"] is None
    assert "water_m3_per_t" not in result["benchmarks"]["reference"]
    assert "water" in result["not_reported"]
    assert result["data_quality_mark"]["mark"] != "complete"
    assert result["data_quality_mark"]["indicators_lacking_data"]["water_m3_per_t"] == ["water"]


def test_water_entered_as_zero_stays_zero(example):
    example["water"] = [{"source": "municipal", "quantity": 0, "unit": "m3"}]
    result = assess(example).as_dict()
    assert result["intensity"]["water_m3"] == 0
    assert "water" not in result["not_reported"]


def test_unreported_waste_is_none_and_no_waste_measure_triggers(example):
    example["wastes"] = []
    result = assess(example).as_dict()
    assert result["intensity"]["waste_t"] is None
    assert result["intensity"]["landfill_rate"] is None
    assert not [o for o in result["opportunities"] if o["kind"] == "waste"]


def test_complete_only_when_every_section_is_filled(example):
    assert assess(example).as_dict()["data_quality_mark"]["mark"] == "complete"
    example["products"] = []
    mark = assess(example).as_dict()["data_quality_mark"]
    assert mark["mark"] == "partial"
    assert mark["outflow_complete"] is False


def test_scope3_coverage_is_listed(example):
    mark = assess(example).as_dict()["data_quality_mark"]
    assert mark["scope3_categories_covered"] == ["1", "3", "4", "5"]
    assert mark["scope3_categories_not_covered"] == ["11"]
