"""Each figure equals the records created for it, and ignores other programmes' records."""

import datetime

import pytest
from django.utils import timezone, translation

from dekvep.calls.models import Application, Call
from dekvep.events.models import Certificate, Event
from dekvep.impact.figures import KEYS, all_figures, get_figure, summary
from dekvep.plans.models import Action, ActionPlan, CollaborationOpportunity
from dekvep.roadmaps.models import RoadmapVersion
from tests.factories import OrganisationFactory, ParticipationFactory, ProgrammeFactory

from . import factories as f

FUTURE = timezone.now() + datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def other(db):
    return ProgrammeFactory(slug="other-2023")


def value(key, programme):
    return get_figure(key).compute(programme)


def test_it_registers_every_key_of_the_issue_in_order():
    assert [figure.key for figure in all_figures()] == list(KEYS)
    # 40 of the first issues, and the symbiosis pipeline, realised, verified and savings figures
    assert len(KEYS) == 49


def test_it_counts_distinct_sectors_of_participants(programme, other):
    for sector in ["textile", "textile", "plastics", "white_goods"]:
        ParticipationFactory(programme=programme, organisation__sector=sector)
    ParticipationFactory(programme=other, organisation__sector="glass")
    assert value("sectors", programme) == 3


def test_it_counts_distinct_firms_applied_with_sector_breakdown(programme, other):
    call = f.CallFactory(programme=programme)
    second_call = f.CallFactory(programme=programme)
    textile = OrganisationFactory(sector="textile")
    f.ApplicationFactory(call=call, organisation=textile)
    f.ApplicationFactory(call=second_call, organisation=textile)
    f.ApplicationFactory(call=call, organisation__sector="plastics")
    f.ApplicationFactory(call=call, status=Application.Status.DRAFT)
    f.ApplicationFactory(call__programme=other)
    f.ApplicationFactory(call__programme=programme, call__kind=Call.Kind.OPEN_INNOVATION)
    figure = get_figure("firms_applied")
    assert figure.compute(programme) == 2
    assert dict(figure.breakdown(programme)) == {"Plastics": 1, "Textiles and apparel": 1}


def test_it_counts_selected_and_confirmed_firms(programme, other):
    call = f.CallFactory(programme=programme)
    for status in ["selected", "confirmed", "rejected", "shortlisted"]:
        f.ApplicationFactory(call=call, status=status)
    f.ApplicationFactory(call__programme=other, status="selected")
    assert value("firms_selected", programme) == 2


def test_it_counts_approved_assessments_only(programme, other):
    f.InventoryFactory.create_batch(3, programme=programme)
    f.InventoryFactory(programme=programme, status="submitted", approved_at=None)
    f.InventoryFactory(programme=other)
    assert value("assessments_completed", programme) == 3


def test_a_firms_later_approved_year_is_monitoring_not_another_assessment(programme):
    first = f.InventoryFactory(programme=programme, year=2021)
    f.InventoryFactory(programme=programme, organisation=first.organisation, year=2022)
    assert value("assessments_completed", programme) == 1


def test_it_counts_issued_firm_reports_once_per_firm_and_year(programme, other):
    first, second = f.ReportFactory.create_batch(2, programme=programme)
    f.ReportFactory(programme=programme, organisation=first.organisation, language="en")
    f.ReportFactory(programme=programme, organisation=first.organisation, year=2022)
    f.ReportFactory(programme=programme, organisation=second.organisation, status="superseded")
    f.ReportFactory(programme=other)
    figure = get_figure("firm_reports")
    assert figure.compute(programme) == 3
    assert figure.records(programme).count() == 3


def test_it_ignores_a_firm_report_that_was_only_superseded(programme):
    f.ReportFactory(programme=programme, status="superseded")
    f.InventoryFactory(programme=programme, result={"ok": True})  # assessed, never issued
    assert value("firm_reports", programme) == 0


def test_it_counts_issued_sector_reports_once_per_sector_and_year(programme, other):
    sector = {"kind": "sector", "organisation": None, "firms": 3}
    f.ReportFactory(programme=programme, **sector)
    f.ReportFactory(programme=programme, language="en", **sector)
    f.ReportFactory(programme=programme, year=2022, **sector)
    f.ReportFactory(programme=programme, sector="plastics", **sector)
    f.ReportFactory(programme=programme, sector="white_goods", status="superseded", **sector)
    f.ReportFactory(programme=other, **sector)
    f.ReportFactory(programme=programme)  # a firm report
    figure = get_figure("sector_reports")
    assert figure.compute(programme) == 3
    assert dict(figure.breakdown(programme)) == {"Textiles and apparel": 2, "Plastics": 1}


def test_it_counts_the_figures_with_a_fixed_number_of_queries(
    programme, django_assert_max_num_queries
):
    for year in range(2000, 2020):
        f.ReportFactory(programme=programme, year=year)
        f.ReportFactory(programme=programme, year=year, kind="sector", organisation=None)
    with django_assert_max_num_queries(2):
        assert value("firm_reports", programme) == 20
        assert value("sector_reports", programme) == 20


def test_it_counts_workshops_held_not_planned_ones(programme, other):
    f.WorkshopFactory.create_batch(4, programme=programme)
    f.WorkshopFactory(programme=programme, starts_at=FUTURE)
    f.WorkshopFactory(programme=other)
    assert value("workshops", programme) == 4


def test_it_counts_roadmaps_with_a_published_version(programme, other):
    f.RoadmapVersionFactory(roadmap__programme=programme, roadmap__sector="textile")
    f.RoadmapVersionFactory(roadmap__programme=programme, roadmap__sector="plastics")
    draft = f.RoadmapVersionFactory(
        roadmap__programme=programme, roadmap__sector="white_goods", status="draft"
    )
    assert draft.status == RoadmapVersion.Status.DRAFT
    f.RoadmapVersionFactory(roadmap__programme=other)
    assert value("roadmaps", programme) == 2


def test_it_counts_action_plans_by_kind(programme, other):
    f.ActionPlanFactory.create_batch(2, programme=programme)
    f.ActionPlanFactory(programme=programme, kind=ActionPlan.Kind.SECTOR, organisation=None)
    f.ActionPlanFactory(programme=other)
    figure = get_figure("action_plans")
    assert figure.compute(programme) == 3
    assert dict(figure.breakdown(programme)) == {"Firm-level plan": 2, "Sector action plan": 1}


def test_it_counts_actions_done(programme, other):
    plan = f.ActionPlanFactory(programme=programme)
    f.ActionFactory.create_batch(3, plan=plan)
    f.ActionFactory(plan=plan, status=Action.Status.IN_PROGRESS)
    f.ActionFactory(plan__programme=other)
    assert value("actions_done", programme) == 3


def test_it_counts_cluster_meetings_held(programme, other):
    f.ClusterMeetingFactory.create_batch(2, programme=programme)
    f.ClusterMeetingFactory(programme=programme, starts_at=FUTURE)
    f.ClusterMeetingFactory(programme=other)
    assert value("cluster_meetings", programme) == 2


def test_it_counts_collaboration_opportunities_by_type(programme, other):
    f.OpportunityFactory.create_batch(3, programme=programme)
    f.OpportunityFactory(programme=programme, type=CollaborationOpportunity.Type.CLUSTER)
    f.OpportunityFactory(programme=other)
    figure = get_figure("collaboration_opportunities")
    assert figure.compute(programme) == 4
    breakdown = dict(figure.breakdown(programme))
    assert breakdown["Synergy"] == 3
    assert breakdown["Cluster collaboration"] == 1
    assert breakdown["Open-innovation match"] == 0


def test_it_counts_open_innovation_applications_presentations_and_matches(programme, other):
    call = f.CallFactory(programme=programme, kind=Call.Kind.OPEN_INNOVATION)
    f.ApplicationFactory.create_batch(3, call=call)
    day = f.PitchDayFactory(call=call)
    slots = f.PitchSlotFactory.create_batch(2, pitch_day=day)
    f.PitchInterestFactory(slot=slots[0])
    f.PitchInterestFactory(slot=slots[0])
    f.PitchInterestFactory(slot=slots[1], status="agreed")
    f.PitchInterestFactory(slot__pitch_day__call__programme=other)
    assert value("innovation_applications", programme) == 5  # 3 + the 2 that pitched
    assert value("innovation_presentations", programme) == 2
    assert value("innovation_matches", programme) == 3
    breakdown = dict(get_figure("innovation_matches").breakdown(programme))
    assert breakdown == {"New": 2, "Collaboration agreed": 1}


def test_it_counts_published_seminars_and_certificate_programmes_apart(programme, other):
    f.EventFactory.create_batch(3, programme=programme)
    f.EventFactory(programme=programme, is_published=False)
    f.EventFactory.create_batch(2, programme=programme, kind=Event.Kind.CERTIFICATE_PROGRAMME)
    f.EventFactory(programme=programme, kind=Event.Kind.TRAINING)
    f.EventFactory(programme=other)
    assert value("seminars", programme) == 3
    assert value("certificate_programmes", programme) == 2


def test_it_counts_valid_certificates_not_revoked_ones(programme, other):
    event = f.EventFactory(programme=programme, kind=Event.Kind.CERTIFICATE_PROGRAMME)
    f.CertificateFactory.create_batch(4, event=event)
    f.CertificateFactory(event=event, status=Certificate.Status.REVOKED)
    f.CertificateFactory(event__programme=other)
    assert value("certificates_issued", programme) == 4


def test_it_adds_students_and_teachers_reached(programme, other):
    f.OutreachFactory(programme=programme, students=300, teachers=20)
    f.OutreachFactory(programme=programme, students=320, teachers=20)
    f.OutreachFactory(programme=other, students=999, teachers=1)
    figure = get_figure("outreach_people")
    assert figure.compute(programme) == 660
    assert dict(figure.breakdown(programme)) == {"Students": 620, "Teachers": 40}


def test_it_answers_every_key_for_an_empty_programme(programme):
    values = summary(programme)
    assert list(values) == list(KEYS)
    assert all(number == 0 for number in values.values())


def test_a_page_reads_every_breakdown_together_as_each_alone(
    records, django_assert_max_num_queries
):
    from dekvep.core.memo import reading
    from dekvep.impact.figures import all_figures
    from dekvep.impact.registry import Grouped, prefetch_breakdowns
    from dekvep.impact.selectors import breakdown

    figures = [f for f in all_figures() if isinstance(f.breakdown, Grouped)]
    alone = {f.key: list(f.breakdown(records)) for f in figures}
    assert alone["outreach_people"] == [("Students", 100), ("Teachers", 10)]
    with reading():
        with django_assert_max_num_queries(1):
            prefetch_breakdowns(figures, records)
            together = {f.key: breakdown(f, records) for f in figures}
    assert together == alone
