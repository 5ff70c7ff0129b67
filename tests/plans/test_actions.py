"""Action plans: dates, status, progress with evidence, origins, reminders, export, timeline."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from dekvep.core.models import Notification
from dekvep.plans import services, timeline
from dekvep.plans.export import actions_workbook
from dekvep.plans.models import Action, ActionPlan
from dekvep.roadmaps import services as roadmap_services
from dekvep.roadmaps.models import ClusterNeed
from tests.roadmaps.factories import ActionFactory

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n" + b"x" * 200


def test_it_refuses_a_due_date_before_the_start_date(world, people, firm):
    with pytest.raises(ValidationError) as error:
        services.create_action(
            people["manager"],
            world.sector_plan,
            title="Backwards",
            owner_organisation=firm,
            start_date=datetime.date(2023, 5, 1),
            due_date=datetime.date(2023, 4, 1),
        )
    assert error.value.message_dict["due_date"] == [
        "The due date (1 Apr 2023) is before the start date (1 May 2023)."
    ]
    assert not Action.objects.filter(title="Backwards").exists()


def test_it_refuses_moving_the_due_date_before_the_start_on_update(world, people):
    with pytest.raises(ValidationError):
        services.update_action(
            people["firm_member"],
            world.action,
            due_date=world.action.start_date - datetime.timedelta(days=1),
        )


def test_it_moves_an_action_through_its_statuses(world, people):
    action = services.change_action_status(people["firm_member"], world.action, "in_progress")
    action = services.change_action_status(people["firm_member"], action, "done")
    assert action.status == "done"


def test_it_asks_why_an_action_is_blocked(world, people):
    with pytest.raises(ValidationError) as error:
        services.change_action_status(people["firm_member"], world.action, "blocked")
    assert "note" in error.value.message_dict


def test_it_refuses_an_impossible_status_move(world, people):
    services.change_action_status(people["firm_member"], world.action, "dropped", "No budget")
    with pytest.raises(ValidationError):
        services.change_action_status(people["firm_member"], world.action, "done")


def test_it_saves_a_progress_update_with_evidence_and_new_status(world, people):
    evidence = SimpleUploadedFile("meter-photo.pdf", PDF, content_type="application/pdf")
    update = services.add_progress_update(
        people["firm_member"],
        world.action,
        note="Meters fitted",
        value="3 of 5",
        status="in_progress",
        evidence=evidence,
    )
    world.action.refresh_from_db()
    assert (update.evidence_size, world.action.status) == (len(PDF), "in_progress")
    assert update.evidence.name.endswith(".pdf")


def test_it_refuses_evidence_of_the_wrong_type(world, people):
    evidence = SimpleUploadedFile("script.exe", b"MZ....", content_type="application/octet-stream")
    with pytest.raises(ValidationError) as error:
        services.add_progress_update(
            people["firm_member"], world.action, note="x", evidence=evidence
        )
    assert "File type .exe is not accepted" in error.value.message_dict["evidence"][0]
    assert not world.action.updates.exists()


def test_it_refuses_evidence_that_is_too_large(world, people):
    evidence = SimpleUploadedFile("big.pdf", PDF + b"x" * services.EVIDENCE_MAX_BYTES)
    with pytest.raises(ValidationError) as error:
        services.add_progress_update(
            people["firm_member"], world.action, note="x", evidence=evidence
        )
    assert "the limit is 10.5 MB" in error.value.message_dict["evidence"][0]


def test_it_refuses_a_progress_update_dated_in_the_future(world, people):
    with pytest.raises(ValidationError) as error:
        services.add_progress_update(
            people["firm_member"], world.action, note="x", date=TODAY + datetime.timedelta(days=2)
        )
    assert "date" in error.value.message_dict


def test_it_keeps_a_partner_from_changing_an_action(world, people, other_firm):
    world.action.partners.add(other_firm)
    with pytest.raises(PermissionDenied):
        services.add_progress_update(people["other_firm_member"], world.action, note="Partner note")


def test_it_puts_an_accepted_assessment_opportunity_into_the_firm_plan(world, people, firm):
    action = services.create_action_from_opportunity(
        people["analyst"],
        firm,
        "Recover heat from stenter exhaust",
        "Heat exchanger",
        savings_try=450000,
        savings_energy_kwh=900000,
        savings_tco2e=180,
        investment_try=1200000,
        source_ref=("assessment.opportunity", 17, "Report 2022: heat recovery"),
    )
    assert (action.plan.kind, action.plan.organisation, action.origin) == (
        "firm",
        firm,
        "assessment",
    )
    assert (action.savings_tco2e, action.budget_try, action.source_label) == (
        180,
        1200000,
        "Report 2022: heat recovery",
    )


def test_it_returns_the_same_action_when_an_opportunity_is_sent_twice(world, people, firm):
    ref = {"app": "assessment.opportunity", "id": 18, "label": "Water"}
    first = services.create_action_from_opportunity(
        people["firm_admin"], firm, "Reuse rinse water", source_ref=ref
    )
    second = services.create_action_from_opportunity(
        people["firm_admin"], firm, "Reuse rinse water", source_ref=ref
    )
    assert first.pk == second.pk and Action.objects.filter(source_id="18").count() == 1


def test_it_refuses_an_opportunity_from_someone_outside_the_firm(world, people, firm):
    with pytest.raises(PermissionDenied):
        services.create_action_from_opportunity(
            people["other_firm_member"], firm, "Spy", source_ref=("assessment.opportunity", 19)
        )


def test_it_follows_an_agreed_synergy_with_the_other_firm_as_partner(
    world, people, firm, other_firm
):
    action = services.create_action_from_synergy(
        None,
        firm,
        [other_firm],
        "Send cotton waste to felt maker",
        savings_tco2e=40,
        source_ref=("symbiosis.synergy", 5, "Synergy #5"),
    )
    assert action.origin == "synergy" and list(action.partners.all()) == [other_firm]


def test_it_creates_an_action_from_a_roadmap_goal(world, people, firm):
    action = services.create_action_from_goal(
        people["manager"], world.goal, title="Meters", owner_organisation=firm
    )
    assert (action.plan, action.goal, action.indicator) == (
        world.sector_plan,
        world.goal,
        "Water use per tonne",
    )


def test_it_turns_a_cluster_need_into_a_follow_up_with_support_instruments(world, people, firm):
    need = roadmap_services.record_need(
        people["facilitator"],
        world.meeting,
        "finance",
        "Finance for dyeing machines",
        organisations=[firm],
    )
    assert "ebrd-geff" in need.instruments and "kosgeb-een" not in need.instruments
    action = roadmap_services.create_follow_up(
        people["facilitator"], need, firm, due_date=TODAY + datetime.timedelta(days=90)
    )
    need.refresh_from_db()
    assert need.follow_up == action and action.plan.kind == ActionPlan.Kind.CLUSTER
    assert "KOSGEB" in action.funding_source


def test_it_registers_a_cluster_collaboration_in_the_register(
    world, people, programme, firm, other_firm
):
    world.meeting.participants.add(other_firm)
    need = roadmap_services.record_need(
        people["facilitator"],
        world.meeting,
        ClusterNeed.Type.COLLABORATION,
        "Joint recycled-yarn line",
        organisations=[other_firm],
    )
    roadmap_services.create_follow_up(people["facilitator"], need, firm)
    opportunity = programme.collaboration_opportunities.get(source_app="roadmaps.clusterneed")
    assert (opportunity.type, set(opportunity.parties.all())) == ("cluster", {firm, other_firm})


def test_it_refuses_a_second_follow_up_for_a_need(world, people, firm):
    need = roadmap_services.record_need(
        people["facilitator"], world.meeting, "skill_gap", "LCA skills"
    )
    roadmap_services.create_follow_up(people["facilitator"], need, firm)
    with pytest.raises(ValidationError):
        roadmap_services.create_follow_up(people["facilitator"], need, firm)


def test_it_reminds_the_owner_of_an_action_due_soon(world, people):
    _reads_english(people["firm_member"])
    world.action.due_date = TODAY + datetime.timedelta(days=5)
    world.action.save()
    sent = services.send_action_reminders(TODAY)
    subjects = list(people["firm_member"].notifications.values_list("subject", flat=True))
    assert sent["due_soon"] == 1 and subjects == ["Action due in 5 days: Install water meters"]


def test_it_reminds_overdue_actions_weekly_not_daily(world, people):
    _reads_english(people["firm_member"])
    world.action.start_date, world.action.due_date = (
        TODAY - datetime.timedelta(days=40),
        TODAY - datetime.timedelta(days=2),
    )
    world.action.save()
    services.send_action_reminders(TODAY)
    services.send_action_reminders(TODAY + datetime.timedelta(days=1))
    services.send_action_reminders(TODAY + datetime.timedelta(days=7))
    assert (
        people["firm_member"].notifications.filter(subject__startswith="Action overdue").count()
        == 2
    )


def test_it_does_not_remind_done_actions(world, people):
    world.action.due_date, world.action.status = TODAY, "done"
    world.action.save()
    assert services.send_action_reminders(TODAY) == {"due_soon": 0, "overdue": 0}


def test_it_reminds_from_the_command_line(world, people):
    world.secret.due_date = TODAY + datetime.timedelta(days=1)
    world.secret.save()
    out = io.StringIO()
    call_command("remind_actions", "--days", "3", stdout=out)
    assert "1 due soon" in out.getvalue()
    reminded = Notification.objects.get(subject__contains="Confidential heat recovery")
    assert reminded.recipient == people["firm_admin"]


def test_it_exports_actions_to_excel(world):
    world.action.budget_try = 25000
    world.action.save()
    sheet = load_workbook(
        io.BytesIO(actions_workbook(Action.objects.filter(pk=world.action.pk)))
    ).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert (row["Action"], row["Owner organisation"], row["Budget (TRY)"]) == (
        "Install water meters",
        "Boğaziçi Örme A.Ş.",
        25000,
    )


def test_it_draws_the_timeline_from_start_to_due(world):
    early = ActionFactory(
        plan=world.sector_plan,
        owner_organisation=world.action.owner_organisation,
        start_date=TODAY - datetime.timedelta(days=10),
        due_date=TODAY - datetime.timedelta(days=1),
    )
    chart = timeline.build([world.action, early], TODAY)
    bars = {b.action.pk: b for b in chart["bars"]}
    assert bars[early.pk].overdue and not bars[world.action.pk].overdue
    assert bars[world.action.pk].width > bars[early.pk].width


def _reads_english(user):
    """The recipient reads English, so notifications reach them in English."""
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
