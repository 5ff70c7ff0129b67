"""Measures as a package: no stream claimed twice, totals within the baseline, both views."""

import copy
import random
from types import SimpleNamespace

import pytest

from dekvep.assessment.demo import BUILDERS, inventory_data
from dekvep.assessment.engine import assess
from dekvep.assessment.engine.assess import Options
from dekvep.assessment.engine.disposal import disposal_factor
from dekvep.assessment.engine.finance import npv, price_index

BANDS = ("250+", "50-249", "10-49", "1-9")


def demo_firms():
    for sector in BUILDERS:
        for i in range(8):
            org = SimpleNamespace(name=f"Demo {sector} {i}", employee_band=BANDS[i % 4])
            yield inventory_data(org, sector)


def generated(example, n=150):
    rng = random.Random(11)
    for i in range(n):
        data = copy.deepcopy(example)
        data["sector"] = ("textile", "plastics", "white_goods")[i % 3]
        for section in ("energy", "water", "materials", "wastes", "refrigerants"):
            for line in data[section]:
                line["quantity"] *= rng.uniform(0.05, 8)
                line.pop("certified_renewable_kwh", None)
        data["wastes"].append(
            {
                "ewc_code": "15 01 02",
                "quantity": rng.uniform(1, 300),
                "unit": "t",
                "route": "landfill",
            }
        )
        yield data


def check_package(result: dict) -> None:
    ops = result["opportunities"]
    claimed = [line for o in ops for line in o["waste_lines"]]
    assert len(claimed) == len(set(claimed)), "a waste stream claimed twice"
    for pool in result["package"]["pools"].values():
        for key in ("saving_low", "saving", "saving_high"):
            assert pool[key] <= pool["baseline"] * (1 + 1e-9)
    for o in ops:
        for key in ("saving_low", "saving_quantity", "saving_high"):
            assert o[key] <= o["alone"][key] * (1 + 1e-9) + 1e-9
    groups = [o["measure_id"] for o in ops if o["alternative_to"]]
    assert all(not o["in_package"] for o in ops if o["measure_id"] in groups)


def test_every_demo_firm_gets_a_package_within_its_baselines():
    for data in demo_firms():
        check_package(assess(data, current_year=2026).as_dict())


def test_generated_inventories_never_save_more_than_their_baseline(example):
    for data in generated(example):
        check_package(assess(data, current_year=2026).as_dict())


def test_textile_water_measures_no_longer_add_up_to_the_whole_withdrawal(example):
    example["water"][0]["quantity"] = 400000  # 367 m3/t: every water measure triggers
    result = assess(example).as_dict()
    water = result["package"]["pools"]["water"]
    ops = [o for o in result["opportunities"] if o["kind"] == "water"]
    alone = sum(o["alone"]["saving_quantity"] for o in ops)
    package = sum(o["saving_quantity"] for o in ops)
    assert package < alone  # the old figure was the sum of independent savings
    assert package == pytest.approx(water["saving"])
    assert water["saving_high"] < water["baseline"]


def test_a_landfilled_stream_is_claimed_by_one_measure_only(minimal):
    minimal["sector"] = "textile"
    minimal["wastes"] = [
        {"ewc_code": "04 02 22", "quantity": 200, "unit": "t", "route": "landfill"},
    ]
    ops = assess(minimal).as_dict()["opportunities"]
    acting = [o for o in ops if o["waste_lines"]]
    alone = [o for o in ops if o["alone"]["saving_quantity"] and o["kind"] == "waste"]
    assert len(alone) >= 2  # segregation and fibre recycling both see the stream
    assert len(acting) == 1


def test_dye_house_sludge_is_not_textile_cutting_waste(minimal):
    minimal["sector"] = "textile"
    minimal["wastes"] = [
        {"ewc_code": "04 02 20", "quantity": 300, "unit": "t", "route": "landfill"}
    ]
    ids = [o["measure_id"] for o in assess(minimal).as_dict()["opportunities"]]
    assert "tx-cutting-waste" not in ids
    assert "tx-sludge-recovery" in ids


def test_a_firm_that_lists_its_processes_gets_only_measures_for_them(example):
    example["processes"] = ["dyeing", "drying"]
    ops = assess(example).as_dict()["opportunities"]
    ids = {o["measure_id"] for o in ops}
    assert "cc-boiler-economiser" not in ids and "cc-compressed-air-leaks" not in ids
    assert all(o["certainty"] == "confirmed" for o in ops)
    example["processes"] = []
    unlisted = assess(example).as_dict()["opportunities"]
    leaks = next(o for o in unlisted if o["measure_id"] == "cc-compressed-air-leaks")
    assert leaks["certainty"] == "unconfirmed" and leaks["priority"] != "high"


def test_few_measures_are_high_priority():
    for data in demo_firms():
        ops = assess(data, current_year=2026).as_dict()["opportunities"]
        high = [o for o in ops if o["priority"] == "high"]
        assert 0 < len(high) <= 3
        assert all(o["payback_years"] <= 3 and o["certainty"] == "confirmed" for o in high)


def test_material_and_waste_measures_report_their_tco2e():
    for data in demo_firms():
        result = assess(data, current_year=2026).as_dict()
        for o in result["opportunities"]:
            if o["kind"] not in ("material", "waste") or o["saving_quantity"] == 0:
                continue
            streams = [result["waste_streams"][i] for i in o["waste_lines"]]
            inert = streams and all(
                (disposal_factor(w["ewc_code"], w["route"]) or (0.0,))[0] < 0.03 for w in streams
            )
            # Diverting inert metal from landfill avoids almost nothing; all else counts.
            assert o["tco2e"] > 0 or inert, o["measure_id"]


def test_the_firms_own_material_price_is_used(example):
    def dosing(data):
        ops = assess(data).as_dict()["opportunities"]
        return next(o for o in ops if o["measure_id"] == "tx-chemical-dosing")

    default = dosing(example)
    chemical = next(m for m in example["materials"] if m["kind"] == "chemical")
    chemical["price_try_per_t"] = 200000
    own = dosing(example)
    index = price_index(example["year"], 2024)  # the firm's 2024 price in 2024 TRY
    per_t = own["money_try_per_year"] / own["saving_quantity"]
    assert per_t == pytest.approx(200000 * index)
    assert per_t != pytest.approx(default["money_try_per_year"] / default["saving_quantity"])


def test_npv_and_irr_follow_the_programme_discount_rate(example):
    low = assess(example, options=Options(discount_rate=0.02)).as_dict()["opportunities"]
    high = assess(example, options=Options(discount_rate=0.20)).as_dict()["opportunities"]
    for a, b in zip(low, high, strict=True):
        if a["npv_try"] is not None:
            assert a["npv_try"] > b["npv_try"]
        if a["irr"] is not None and -0.9 < a["irr"] < 50:
            value = npv(a["investment_try"], a["money_try_per_year"], a["life_years"], a["irr"])
            assert value == pytest.approx(0, abs=1e-3 * a["investment_try"] + 1)


def test_investments_are_brought_to_todays_prices_with_tufe(example):
    ops = assess(example).as_dict()["opportunities"]
    base = assess(example, options=Options(price_year=2023)).as_dict()["opportunities"]
    first = next(o for o in ops if o["measure_id"] == "cc-lighting")
    earlier = next(o for o in base if o["measure_id"] == "cc-lighting")
    assert first["alone"]["investment_try"] / earlier["alone"]["investment_try"] == pytest.approx(
        2684.55 / 1859.38
    )


def test_the_firm_can_choose_the_order_of_its_measures(example):
    order = ("tx-dryer-control",)
    ops = assess(example, options=Options(measure_order=order)).as_dict()["opportunities"]
    assert ops[0]["measure_id"] == "tx-dryer-control" and ops[0]["in_package"]
    stenter = next(o for o in ops if o["measure_id"] == "tx-stenter-heat-recovery")
    assert stenter["alternative_to"] == "tx-dryer-control"


def test_the_firms_average_material_price_is_used_for_unclassified_material(example):
    for material in example["materials"]:
        material.pop("material_class", None)
    example["costs"] = {"material_try_per_t": 10000}
    cheap = assess(example).as_dict()["opportunities"]
    example["costs"] = {"material_try_per_t": 90000}
    dear = assess(example).as_dict()["opportunities"]
    fibre = [o["money_try_per_year"] for o in cheap if o["measure_id"] == "tx-recycled-fibre"]
    fibre_dear = [o["money_try_per_year"] for o in dear if o["measure_id"] == "tx-recycled-fibre"]
    assert fibre and fibre_dear[0] > fibre[0]
