"""Decisions and footprints from the shipped catalogue, without a database."""

import datetime

import pytest

from dekvep.readiness.catalogue import shipped_catalogue, validate_catalogue
from dekvep.readiness.engine import (
    APPLIES,
    DOES_NOT_APPLY,
    MAY_APPLY,
    Facts,
    decide,
    product_footprints,
)

TODAY = datetime.date(2026, 3, 1)


def statuses(facts: Facts) -> dict[str, str]:
    return {d.rule_id: d.status for d in decide(shipped_catalogue(), facts, TODAY)}


def test_every_shipped_rule_has_a_source_date_and_version_in_both_languages():
    catalogue = shipped_catalogue()
    validate_catalogue(catalogue)
    for rule in catalogue["rules"]:
        assert rule["source"]["date"][:2] == "20" and rule["source"]["version"], rule["id"]
        assert rule["title"]["tr"] != rule["title"]["en"], rule["id"]


def test_a_textile_exporter_is_reached_by_espr_textile_epr_and_reach():
    found = statuses(
        Facts(
            sector="textile",
            nace_codes=["14.13"],
            cn_codes=["6109"],
            exports_to_eu=True,
            size="large",
        )
    )
    for rule in ("espr_dpp_textiles", "textile_epr", "reach_textiles", "espr_destruction_ban"):
        assert found[rule] == APPLIES, rule
    assert found["ecodesign_energy_label"] == DOES_NOT_APPLY
    assert found["ppwr"] == DOES_NOT_APPLY


def test_a_textile_firm_that_does_not_export_to_the_eu_is_not_reached_by_eu_product_rules():
    found = statuses(
        Facts(sector="textile", nace_codes=["13.30"], exports_to_eu=False, size="medium")
    )
    assert found["espr_dpp_textiles"] == DOES_NOT_APPLY
    # Its customers who sell in the EU still ask: textile EPR may reach it through them.
    assert found["textile_epr"] == MAY_APPLY


def test_unanswered_export_questions_make_eu_rules_may_apply_and_say_why():
    decisions = {d.rule_id: d for d in decide(shipped_catalogue(), Facts(sector="textile"), TODAY)}
    decision = decisions["espr_dpp_textiles"]
    assert decision.status == MAY_APPLY
    assert [r.code for r in decision.reasons] == ["sector", "unanswered"]
    assert decision.reasons[-1].params == {"questions": ["eu_export"]}


def test_white_goods_are_reached_by_ecodesign_fgas_weee_and_cbam_through_steel_inputs():
    facts = Facts(
        sector="white_goods",
        nace_codes=["27.51"],
        cn_codes=["8418", "8450"],
        product_types=["refrigerators"],
        exports_to_eu=True,
        fgas_products=True,
        cbam_inputs=["7209"],
        size="large",
    )
    found = statuses(facts)
    for rule in ("ecodesign_energy_label", "fgas_eu", "fgas_tr", "weee_eu", "aeee_tr", "rohs"):
        assert found[rule] == APPLIES, rule
    assert found["cbam"] == MAY_APPLY
    assert found["espr_dpp_textiles"] == DOES_NOT_APPLY


def test_plastic_packaging_makers_are_reached_by_ppwr_and_the_turkish_packaging_rules():
    facts = Facts(sector="plastics", nace_codes=["22.22"], cn_codes=["3923"], exports_to_eu=True)
    found = statuses(facts)
    assert found["ppwr"] == APPLIES
    assert found["tr_packaging"] == APPLIES
    assert found["cbam"] == DOES_NOT_APPLY


def test_the_destruction_ban_depends_on_size():
    small = Facts(sector="textile", nace_codes=["14.13"], exports_to_eu=True, size="small")
    assert statuses(small)["espr_destruction_ban"] == DOES_NOT_APPLY


def test_the_next_deadline_is_the_first_date_still_ahead():
    decision = next(
        d
        for d in decide(shipped_catalogue(), Facts(cn_codes=["7208"], exports_to_eu=True), TODAY)
        if d.rule_id == "cbam"
    )
    assert decision.status == APPLIES
    assert decision.deadline == "2027-02-01"


GHG = {
    "scope1_tco2e": 100.0,
    "scope2_location_tco2e": 50.0,
    "scope2_market_tco2e": 40.0,
    "by_source": {
        "purchased_materials": 30.0,
        "upstream_transport": 5.0,
        "waste_treatment": 5.0,
        "use_of_sold_products": 999.0,
    },
}
PRODUCTION = [
    {"product": "A", "quantity": 300, "unit": "t", "revenue_try": 1_000_000},
    {
        "product": "B",
        "quantity": 100_000,
        "unit": "pcs",
        "unit_mass_kg": 1,
        "revenue_try": 3_000_000,
    },
]


def test_footprints_allocate_site_and_upstream_emissions_by_mass_and_leave_out_use_phase():
    a, b = product_footprints(PRODUCTION, GHG, "mass")
    assert (a.tonnes, b.tonnes) == (300, 100)
    assert a.share == pytest.approx(0.75)
    assert a.total_tco2e + b.total_tco2e == pytest.approx(190.0)
    assert a.per_tonne == pytest.approx(190 * 0.75 / 300)
    assert b.per_piece_kg == pytest.approx(190 * 0.25 / 100 * 1)


def test_footprints_by_revenue_follow_the_revenue_split():
    a, b = product_footprints(PRODUCTION, GHG, "revenue")
    assert (a.share, b.share) == (pytest.approx(0.25), pytest.approx(0.75))
    assert b.site_tco2e == pytest.approx(150 * 0.75)
