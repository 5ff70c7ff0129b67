import pytest

from dekvep.assessment.engine.inventory import ProductCircularity
from dekvep.assessment.engine.mci import firm_mci, mci


def product(**kwargs) -> ProductCircularity:
    kwargs.setdefault("recycling_efficiency_feedstock", 1.0)
    kwargs.setdefault("recycling_efficiency_eol", 1.0)
    return ProductCircularity(
        name=kwargs.pop("name", "p"), mass_kg=kwargs.pop("mass_kg", 1.0), **kwargs
    )


def test_efficiencies_default_to_the_material_class_value_not_1():
    p = ProductCircularity(
        name="p",
        mass_kg=1.0,
        recycled_feedstock=1.0,
        collected_for_recycling=1.0,
        material_class="steel",
    )
    result = mci(p)
    assert result.defaults_used == ("recycling_efficiency_feedstock", "recycling_efficiency_eol")
    assert result.mci < 1.0


def test_it_scores_a_fully_linear_product_with_average_utility_at_0_1():
    result = mci(product())
    assert result.lfi == pytest.approx(1.0)
    assert result.mci == pytest.approx(0.1)


def test_it_scores_a_fully_circular_product_at_1():
    result = mci(product(recycled_feedstock=1.0, collected_for_recycling=1.0))
    assert result.lfi == pytest.approx(0.0)
    assert result.mci == pytest.approx(1.0)


def test_it_matches_the_hand_worked_partly_recycled_example():
    # V = 0.9; W0 = 0.8; WC = 0.2*0.2 = 0.04; WF = 0.2*0.1/0.8 = 0.025
    # W = 0.8 + (0.025 + 0.04)/2 = 0.8325; LFI = 1.7325 / (2 - 0.0075) = 0.869511
    # MCI = 1 - 0.869511 * 0.9 = 0.217440
    result = mci(
        product(
            recycled_feedstock=0.1,
            collected_for_recycling=0.2,
            recycling_efficiency_feedstock=0.8,
            recycling_efficiency_eol=0.8,
        )
    )
    assert result.waste_feedstock_kg == pytest.approx(0.025)
    assert result.waste_collection_kg == pytest.approx(0.04)
    assert result.lfi == pytest.approx(0.869511, abs=1e-6)
    assert result.mci == pytest.approx(0.217440, abs=1e-6)


def test_it_credits_a_linear_product_that_lasts_twice_as_long():
    # X = 2 -> F(X) = 0.45 -> MCI = 1 - 1 * 0.45
    assert mci(product(lifetime_ratio=2.0)).mci == pytest.approx(0.55)


def test_it_floors_the_indicator_at_zero_for_short_lived_linear_products():
    # X = 0.5 -> F(X) = 1.8 -> 1 - 1.8 < 0
    assert mci(product(lifetime_ratio=0.5)).mci == 0.0


def test_it_counts_reused_components_as_neither_virgin_nor_waste():
    result = mci(product(reused_feedstock=0.5, collected_for_reuse=0.5))
    # V = 0.5, W = 0.5, LFI = 1/2 -> MCI = 1 - 0.45
    assert result.mci == pytest.approx(0.55)


def test_it_weights_the_firm_indicator_by_yearly_product_mass():
    linear = mci(product(name="a"))
    circular = mci(product(name="b", recycled_feedstock=1.0, collected_for_recycling=1.0))
    assert firm_mci([linear, circular], {"a": 300.0, "b": 100.0}) == pytest.approx(0.325)
