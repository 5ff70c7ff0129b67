import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.assessment import reporting, services, xlsx
from dekvep.assessment.models import Inventory, Opportunity
from dekvep.core.models import AuditEntry, Notification

from ..factories import OrganisationFactory, ParticipationFactory
from .factories import InventoryFactory, example_data


def test_it_creates_a_draft_prefilled_with_last_years_values(programme, firm, people, inventory):
    draft = services.create_inventory(people["firm_admin"], firm, programme, 2025 - 0)
    assert draft.status == Inventory.Status.DRAFT
    assert draft.data["energy"] == inventory.data["energy"]
    assert draft.data["year"] == 2025


def test_it_refuses_an_inventory_for_a_firm_of_another_user(programme, firm, people):
    with pytest.raises(PermissionDenied):
        services.create_inventory(people["other_firm_member"], firm, programme, 2024)


def test_it_saves_a_draft_with_errors_and_lists_them(inventory, people):
    data = example_data()
    data["energy"][2]["unit"] = "m2"
    errors = services.save_inventory_data(people["firm_member"], inventory, data)
    inventory.refresh_from_db()
    assert inventory.data["energy"][2]["unit"] == "m2"
    assert [e["field"] for e in errors] == ["energy[2].unit"]
    assert inventory.result is None


def test_it_refuses_to_submit_an_invalid_inventory_naming_the_field(inventory, people):
    data = example_data()
    data["water"][0]["quantity"] = -1
    services.save_inventory_data(people["firm_member"], inventory, data)
    with pytest.raises(ValidationError) as caught:
        services.transition(people["firm_member"], inventory, "submit")
    assert "water[0].quantity" in caught.value.message_dict


def test_it_notifies_the_assigned_analyst_on_submission(inventory, people):
    services.transition(people["firm_member"], inventory, "submit")
    assert Notification.objects.filter(recipient=people["analyst"]).exists()
    assert AuditEntry.objects.filter(
        action="inventory_submit", object_id=str(inventory.pk)
    ).exists()


def test_it_requires_a_comment_to_return_an_inventory(inventory, people):
    services.transition(people["firm_member"], inventory, "submit")
    with pytest.raises(ValidationError):
        services.transition(people["analyst"], inventory, "return", "")
    services.transition(people["analyst"], inventory, "return", "Doğal gaz faturası eksik.")
    inventory.refresh_from_db()
    assert inventory.status == Inventory.Status.RETURNED
    assert inventory.comments.get().body == "Doğal gaz faturası eksik."


def test_it_does_not_let_a_firm_approve_its_own_inventory(inventory, people):
    services.transition(people["firm_member"], inventory, "submit")
    with pytest.raises(PermissionDenied):
        services.transition(people["firm_admin"], inventory, "approve")


def test_it_proposes_opportunities_on_approval(approved):
    assert approved.status == Inventory.Status.APPROVED
    ids = set(approved.opportunities.values_list("measure_id", flat=True))
    assert "tx-right-first-time" in ids


def test_it_lists_accepted_opportunities_for_the_action_plan(approved, firm, people):
    measure = approved.opportunities.get(measure_id="tx-right-first-time")
    services.decide_opportunity(people["analyst"], measure, "accepted", "2025 yatırım planında")
    assert list(services.accepted_opportunities(firm)) == [measure]


def test_it_does_not_let_a_firm_decide_its_own_opportunities(approved, people):
    measure = approved.opportunities.first()
    with pytest.raises(PermissionDenied):
        services.decide_opportunity(people["firm_admin"], measure, "accepted")


def test_it_adds_an_analysts_own_measure(approved, people):
    added = services.add_opportunity(
        people["analyst"],
        approved,
        title_tr="Kazan dairesi otomasyonu",
        investment_try=90000,
        money_try_per_year=45000,
        priority="medium",
    )
    assert added.payback_years == pytest.approx(2.0)
    assert added.title_en == "Kazan dairesi otomasyonu"


def test_it_saves_nothing_from_an_excel_file_with_an_error(inventory, people):
    data = example_data()
    data["energy"][2]["unit"] = "m2"
    data["water"][0]["quantity"] = 1
    with pytest.raises(services.UploadError) as caught:
        services.import_workbook(people["firm_member"], inventory, xlsx.write_template(data, "en"))
    assert "Energy!C5" in caught.value.message_dict
    inventory.refresh_from_db()
    assert inventory.data["water"][0]["quantity"] == 60000


def test_it_imports_a_corrected_excel_file(inventory, people):
    data = example_data()
    data["water"][0]["quantity"] = 70000
    services.import_workbook(people["firm_member"], inventory, xlsx.write_template(data, "tr"))
    inventory.refresh_from_db()
    assert inventory.data["water"][0]["quantity"] == 70000
    assert inventory.result["intensity"]["water_m3_per_t"] == pytest.approx(110000 / 1200)


def test_it_refuses_a_file_that_is_not_excel(inventory, people):
    with pytest.raises(services.UploadError) as caught:
        services.import_workbook(people["firm_member"], inventory, b"%PDF-1.4 not excel")
    assert "not an Excel" in str(caught.value.cells[0])


def test_it_refuses_an_excel_file_of_another_template_version(inventory, people, monkeypatch):
    content = xlsx.write_template(example_data(), "tr")
    monkeypatch.setattr(xlsx, "TEMPLATE_VERSION", "2099.1")
    with pytest.raises(services.UploadError) as caught:
        services.import_workbook(people["firm_member"], inventory, content)
    assert "version 2024.1" in str(caught.value.cells[0])


def test_it_shows_peer_percentiles_only_from_five_firms(programme, approved, people):
    assert all(v is None for v in reporting.peer_percentiles(approved).values())
    peers = (
        ("Bir Örme A.Ş.", 90000),
        ("İki Örme A.Ş.", 150000),
        ("Üç Örme A.Ş.", 160000),
        ("Dört Örme A.Ş.", 170000),
    )
    for count, (name, water) in enumerate(peers, start=2):
        if count == 4:  # three or four firms: a firm could read the others off the ranks
            assert reporting.peer_percentiles(approved)["water_m3_per_t"] is None
        peer = OrganisationFactory(name=name)
        ParticipationFactory(programme=programme, organisation=peer)
        data = example_data()
        data["water"][0]["quantity"] = water
        other = InventoryFactory(
            programme=programme, organisation=peer, data=data, status=Inventory.Status.APPROVED
        )
        services.compute_result(other)
    percentiles = reporting.peer_percentiles(approved)
    # 100,000 m3 is the lowest of five: better than 90 % (100 - 10), published in bands of 10
    assert percentiles["water_m3_per_t"] == 90.0


def test_it_keeps_a_decided_opportunity_when_reassessing(approved, people):
    measure = approved.opportunities.get(measure_id="tx-right-first-time")
    services.decide_opportunity(people["analyst"], measure, "rejected")
    services.refresh_opportunities(approved)
    assert approved.opportunities.filter(measure_id="tx-right-first-time").count() == 1
    assert Opportunity.objects.get(pk=measure.pk).status == "rejected"


def test_it_puts_an_accepted_measure_into_the_firms_action_plan(approved, people):
    from dekvep.plans.models import Action

    measure = approved.opportunities.get(measure_id="tx-right-first-time")
    services.decide_opportunity(people["analyst"], measure, "accepted")
    action = Action.objects.get(source_app="assessment", source_id=str(measure.pk))
    assert (
        action.title == "İlk seferde doğru boyama: laboratuvar-üretim uyumu ve tekrar işlem takibi"
    )
    assert float(action.savings_energy_kwh) == pytest.approx(measure.saving, rel=1e-3)


def test_it_drafts_a_marketplace_offer_from_a_waste_stream(approved, people):
    offer = services.create_offer_from_waste(people["firm_admin"], approved, 1)
    assert offer.waste_code.replace(" ", "").startswith("040220")
    assert float(offer.quantity) == pytest.approx(260.0)
    assert offer.organisation == approved.organisation


def test_it_refuses_a_marketplace_offer_to_another_firm(approved, people):
    from django.http import Http404

    with pytest.raises((PermissionDenied, Http404)):
        services.create_offer_from_waste(people["other_firm_member"], approved, 1)
