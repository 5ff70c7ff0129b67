"""Shared capacity has no sourced value: its savings are "not reported", never a made-up figure."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from dekvep.symbiosis import services
from dekvep.symbiosis.engine import exchange_impact, total_impact
from dekvep.symbiosis.models import Listing
from tests.conftest import client_for

from .factories import ListingFactory

DATA = Path(__file__).resolve().parents[2] / "src" / "dekvep" / "catalog" / "data"
TODAY = dt.date.today()


def _agreed(people, offer, want):
    synergy = services.express_interest(people["firm_member"], offer, want)
    synergy = services.agree_to_introduction(people["other_firm_member"], synergy)
    for state in ("negotiating", "agreed"):
        synergy = services.transition_synergy(people["firm_member"], synergy, state)
    return synergy


@pytest.fixture
def capacity(people, programme, firm, other_firm):
    offer = ListingFactory(
        programme=programme,
        organisation=firm,
        title="Atıl CNC kapasitesi",
        material="machine_capacity",
        quantity=400,
        unit="h",
        tonnes_per_year=400,
    )
    want = ListingFactory(
        programme=programme,
        organisation=other_firm,
        kind=Listing.Kind.WANT,
        title="CNC işleme kapasitesi aranıyor",
        material="machine_capacity",
        quantity=300,
        unit="h",
        tonnes_per_year=300,
    )
    synergy = _agreed(people, offer, want)
    for days in (40, 20):
        services.record_exchange(
            people["firm_member"],
            synergy,
            TODAY - dt.timedelta(days=days),
            25,
            transport_document=f"TKN-{days}",
        )
    return synergy


def test_the_factor_file_has_no_placeholder_value_for_shared_capacity():
    with (DATA / "symbiosis_impact_factors.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        values = {r["material"] for r in rows if r["factor"] == "secondary_value"}
    assert not values & {"capacity", "machine_capacity", "warehouse_capacity", "logistics_return"}


@pytest.mark.parametrize("material", ["machine_capacity", "warehouse_capacity", "logistics_return"])
def test_capacity_savings_are_not_reported(material):
    impact = exchange_impact(100, material, 10)
    assert impact.material_value_eur is None
    assert (impact.cost_saving_eur, impact.cost_saving_try) == (None, None)
    assert impact.savings_not_reported == 1


def test_a_material_counted_in_tonnes_keeps_its_savings():
    impact = exchange_impact(10, "textile", 10, process="nonwovens")
    assert impact.cost_saving_eur is not None and impact.savings_not_reported == 0


def test_a_total_skips_the_savings_not_reported_and_counts_them():
    textile = exchange_impact(10, "textile", 10, process="nonwovens")
    total = total_impact([textile, exchange_impact(100, "machine_capacity", 10)])
    assert total.cost_saving_eur == textile.cost_saving_eur
    assert total.savings_not_reported == 1
    only_capacity = total_impact([exchange_impact(100, "machine_capacity", 10)])
    assert only_capacity.cost_saving_eur is None


def test_the_synergy_page_says_not_reported_in_the_readers_language(people, capacity):
    english = client_for(people["firm_member"]).get(f"/symbiosis/synergies/{capacity.pk}/")
    assert english.content.decode().count("not reported") == 6
    turkish = client_for(people["firm_member"])
    turkish.cookies["dekvep_language"] = "tr"
    page = turkish.get(f"/symbiosis/synergies/{capacity.pk}/", HTTP_ACCEPT_LANGUAGE="tr")
    assert "bildirilmedi" in page.content.decode()


def test_the_api_gives_none_and_the_count_of_exchanges_not_reported(people, capacity):
    body = client_for(people["firm_member"]).get(f"/api/symbiosis/synergies/{capacity.pk}").json()
    assert body["impact"]["cost_saving_eur"] is None
    assert body["realised"]["material_value_eur"] is None
    assert body["realised"]["savings_not_reported"] == 1


def test_the_funder_figure_leaves_the_exchanges_out_and_says_how_many(people, capacity, programme):
    from dekvep.impact.figures import get_figure

    figure = get_figure("symbiosis_savings_eur_realised_per_year")
    assert figure.compute(programme) == 0
    assert figure.note_for(programme).startswith("2 realised exchanges have no reported savings")
    page = client_for(people["funder"]).get(
        f"/impact/figures/{figure.key}/?programme={programme.slug}"
    )
    assert "2 realised exchanges have no reported savings" in page.content.decode()


def test_the_funders_report_carries_the_note(people, capacity, programme):
    from dekvep.impact.exports import report_context

    items = {i["figure"].key: i for i in report_context(programme)["figures"]}
    note = items["symbiosis_savings_try_realised_per_year"]["note"]
    assert note.startswith("2 realised exchanges have no reported savings")
