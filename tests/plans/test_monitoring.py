"""Monitoring on real records: approved versions, normalised results, splits, impact keys."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dekvep.assessment.services import save_inventory_data, transition
from dekvep.core.models import AuditEntry, Notification
from dekvep.impact.figures import summary
from dekvep.plans import monitoring, reminders
from dekvep.plans.models import ActionResult, Baseline, InventoryVersion
from tests.assessment.factories import InventoryFactory

from .conftest import approved_inventory, electricity_action, inventory_data


def _result(action, year=2024):
    return ActionResult.objects.get(action=action, year=year)


def test_the_first_approved_year_becomes_the_baseline(programme, firm, monitored):
    assert Baseline.objects.get(programme=programme, organisation=firm).year == 2023
    version = InventoryVersion.objects.get(organisation=firm, year=2023)
    assert version.totals["electricity"] == pytest.approx(4200)
    assert version.totals["production_t"] == pytest.approx(1200)


def test_the_saving_is_measured_at_this_years_production(programme, firm, people, monitored):
    _baseline, action = monitored
    # 1 000 t in 2024: without the action 3 500 MWh; the firm used 3 200.
    approved_inventory(
        programme, firm, people["analyst"], 2024, output_t=1000, electricity=3_200_000
    )
    result = _result(action)
    assert result.measured == pytest.approx(300, rel=1e-6)
    assert (result.status, result.baseline_year, result.unit) == ("confirmed", 2023, "MWh")


def test_a_year_reported_in_other_units_is_converted(programme, firm, people, monitored):
    _baseline, action = monitored
    approved_inventory(
        programme, firm, people["analyst"], 2024, output_t=1000, electricity=3.35, unit="GWh"
    )
    result = _result(action)
    assert result.measured == pytest.approx(150, rel=1e-6)
    assert result.status == "partly"


def test_a_draft_inventory_never_yields_a_realised_saving(programme, firm, people, monitored):
    _baseline, action = monitored
    InventoryFactory(
        programme=programme,
        organisation=firm,
        year=2024,
        data=inventory_data(firm, 2024, output_t=1000, electricity=2_000_000),
    )
    monitoring.recompute_firm(programme, firm)
    assert not ActionResult.objects.filter(action=action).exists()
    assert summary(programme)["savings_realised_electricity_mwh"] == 0


def test_changing_an_approved_inventory_adds_a_version_and_recomputes(
    programme, firm, people, monitored
):
    _baseline, action = monitored
    analyst = people["analyst"]
    second = approved_inventory(
        programme, firm, analyst, 2024, output_t=1000, electricity=3_200_000
    )
    second = transition(analyst, second, "reopen", "Electricity bill for December was missing.")
    save_inventory_data(
        analyst, second, inventory_data(firm, 2024, output_t=1000, electricity=3_400_000)
    )
    # Reopened and changed but not approved: the comparison still reads the approved version.
    monitoring.recompute_firm(programme, firm)
    assert _result(action).measured == pytest.approx(300, rel=1e-6)
    transition(analyst, second, "submit")
    transition(analyst, second, "approve")
    versions = InventoryVersion.objects.filter(inventory=second).order_by("version")
    assert [(v.version, v.current) for v in versions] == [(1, False), (2, True)]
    assert versions[0].totals["electricity"] == pytest.approx(3200)
    assert _result(action).measured == pytest.approx(100, rel=1e-6)
    assert _result(action).status == "partly"
    recorded = AuditEntry.objects.filter(action="inventory_version_recorded", programme=programme)
    assert recorded.count() == 3  # 2023, 2024 v1, 2024 v2


def test_several_actions_on_one_stream_are_split_by_the_analyst(programme, firm, people, monitored):
    _baseline, first = monitored
    second = electricity_action(programme, firm, title="LED lighting", mwh=200)
    approved_inventory(
        programme, firm, people["analyst"], 2024, output_t=1000, electricity=3_200_000
    )
    assert {_result(first).reason, _result(second).reason} == {"needs_split"}
    assert summary(programme)["savings_realised_electricity_mwh"] == 0

    monitoring.split_stream(
        people["analyst"], programme, firm, 2024, {first.pk: 0.6, second.pk: 0.4}
    )
    assert _result(first).measured == pytest.approx(180, rel=1e-6)
    assert _result(second).measured == pytest.approx(120, rel=1e-6)
    assert AuditEntry.objects.filter(action="stream_split", object_id=str(first.pk)).exists()
    assert summary(programme)["savings_realised_electricity_mwh"] == pytest.approx(300, abs=0.1)


def test_a_split_over_the_whole_change_is_refused_naming_the_field(
    programme, firm, people, monitored
):
    _baseline, first = monitored
    second = electricity_action(programme, firm, title="LED lighting", mwh=200)
    with pytest.raises(ValidationError) as error:
        monitoring.split_stream(
            people["analyst"], programme, firm, 2024, {first.pk: 0.8, second.pk: 0.4}
        )
    assert "shares" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        monitoring.split_stream(people["analyst"], programme, firm, 2024, {first.pk: 1.5})
    assert "Compressed-air leaks" in error.value.message_dict[f"shares.{first.pk}"][0]


def test_the_impact_keys_come_from_the_records(programme, firm, people, monitored):
    _baseline, action = monitored
    approved_inventory(
        programme, firm, people["analyst"], 2024, output_t=1000, electricity=3_350_000
    )
    values = summary(programme)
    assert values["savings_promised_electricity_mwh"] == pytest.approx(300)
    assert values["savings_realised_electricity_mwh"] == pytest.approx(150, abs=0.1)
    # Money and emissions follow the measured half of the promise.
    assert values["savings_promised_try"] == pytest.approx(1_020_000)
    assert values["savings_realised_try"] == pytest.approx(510_000, rel=1e-3)
    assert values["savings_realised_tco2e"] == pytest.approx(66, rel=1e-3)
    assert values["savings_realised_water_m3"] == 0
    assert values["actions_verified"] == 0
    monitoring.add_evidence(
        people["analyst"],
        action,
        "meter",
        reading_before=1000.0,
        date_before=datetime.date(2024, 1, 1),
        reading_after=2000.0,
        date_after=datetime.date(2024, 12, 31),
        unit="kWh",
    )
    monitoring.verify_action(people["analyst"], action, "B", "Sub-meter on the compressor line.")
    assert summary(programme)["actions_verified"] == 1


def test_evidence_and_verification_errors_name_the_field(programme, firm, people, monitored):
    _baseline, action = monitored
    with pytest.raises(ValidationError) as error:
        monitoring.verify_action(people["analyst"], action, "B", "Sub-meter.")
    assert "evidence" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        monitoring.add_evidence(
            people["firm_admin"],
            action,
            "meter",
            reading_before=1.0,
            date_before=datetime.date(2024, 6, 1),
            reading_after=2.0,
            date_after=datetime.date(2024, 1, 1),
            unit="kWh",
        )
    assert "date_after" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        monitoring.verify_action(people["analyst"], action, "D", "x")
    assert "mv_option" in error.value.message_dict


def test_the_analyst_may_choose_another_approved_baseline_year(programme, firm, people, monitored):
    _baseline, action = monitored
    approved_inventory(
        programme, firm, people["analyst"], 2024, output_t=1000, electricity=3_200_000
    )
    with pytest.raises(ValidationError) as error:
        monitoring.set_baseline(people["analyst"], programme, firm, 2021)
    assert "2021" in error.value.message_dict["year"][0]
    monitoring.set_baseline(people["analyst"], programme, firm, 2024)
    assert not ActionResult.objects.filter(action=action).exists()
    assert AuditEntry.objects.filter(action="baseline_chosen").count() == 1


def test_firms_are_reminded_of_the_next_inventory_once_a_month(programme, firm, people, monitored):
    today = datetime.date(2025, 2, 1)
    assert reminders.send_inventory_reminders(programme, today) == 1
    # in the recipient's language (Turkish by default)
    notice = Notification.objects.get(recipient=people["firm_admin"], subject__contains="2024")
    assert notice.subject == "2024 envanterinizin zamanı geldi"
    assert reminders.send_inventory_reminders(programme, today + datetime.timedelta(days=5)) == 0
