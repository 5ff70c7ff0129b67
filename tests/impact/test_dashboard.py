"""The programme manager's dashboard and the programme's targets, on the page and in the API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from dekvep.calls.models import Application
from dekvep.core.models import AuditEntry
from dekvep.impact.dashboard import funnels, timeline
from dekvep.impact.models import Target
from dekvep.impact.services import set_target
from dekvep.plans.models import Action

from . import factories as f

NOW = timezone.now()


@pytest.fixture
def busy(programme, firm, other_firm):
    """A call closed with one application undecided, an overdue action, a symbiosis chain."""
    call = f.CallFactory(programme=programme, title_tr="Firma seçimi", title_en="Firm selection")
    f.ApplicationFactory(call=call, organisation=firm, status=Application.Status.SELECTED)
    f.ApplicationFactory(call=call, organisation=other_firm)
    f.ActionFactory(
        plan__programme=programme,
        plan__organisation=firm,
        status=Action.Status.IN_PROGRESS,
        start_date=(NOW - datetime.timedelta(days=90)).date(),
        due_date=(NOW - datetime.timedelta(days=5)).date(),
    )
    synergy = f.SynergyFactory(programme=programme, offer__organisation=firm)
    f.ExchangeFactory(synergy=synergy)
    return programme


@pytest.mark.parametrize(
    ("language", "call", "waiting", "plans", "overdue"),
    [
        (
            "en",
            "Firm selection",
            "1 application waits for a decision",
            "Action plans",
            "1 action is past its due date",
        ),
        (
            "tr",
            "Firma seçimi",
            "1 başvuru karar bekliyor",
            "Eylem planları",
            "1 eylemin bitiş tarihi geçti",
        ),
    ],
)
def test_the_timeline_says_what_is_late(busy, language, call, waiting, plans, overdue):
    with translation.override(language):
        stages = {stage.label: stage for stage in timeline(busy)}
    assert stages[call].state == "late"
    assert stages[call].late == [waiting]
    assert stages[plans].late == [overdue]


def test_the_funnels_count_each_step(busy):
    steps = {funnel["key"]: [n for _, n in funnel["steps"]] for funnel in funnels(busy)}
    assert steps["selection"] == [2, 1]
    assert steps["symbiosis"] == [2, 0, 1, 1]


def test_the_manager_sets_a_target_and_it_is_audited(programme, people):
    set_target(people["manager"], programme, "firms_selected", "21")
    assert Target.objects.get(programme=programme, key="firms_selected").value == 21
    assert AuditEntry.objects.filter(object_type__icontains="target").exists()
    set_target(people["manager"], programme, "firms_selected", "")
    assert not Target.objects.exists()


@pytest.mark.parametrize("role", ["analyst", "facilitator", "funder", "firm_admin", "jury"])
def test_only_the_manager_sets_targets(programme, people, role):
    with pytest.raises(PermissionDenied):
        set_target(people[role], programme, "firms_selected", 21)


def test_a_wrong_target_is_refused_by_its_figure(programme, people):
    with pytest.raises(ValidationError) as error:
        set_target(people["manager"], programme, "firms_selected", "-3")
    assert "firms_selected" in error.value.message_dict


def test_the_targets_page_saves_all_or_nothing(programme, people, login):
    client = login(people["manager"])
    page = client.get("/impact/targets/")
    assert "Firms selected" in page.content.decode()
    response = client.post(
        "/impact/targets/", {"target-firms_selected": "21", "target-seminars": "many"}
    )
    assert response.status_code == 400
    assert "Enter a number." in response.content.decode()
    assert not Target.objects.exists()
    response = client.post(
        "/impact/targets/", {"target-firms_selected": "21", "target-seminars": "3"}
    )
    assert response.status_code == 302
    assert Target.objects.count() == 2


@pytest.mark.parametrize(
    ("role", "can_read", "can_set"),
    [
        ("manager", True, True),
        ("analyst", True, False),
        ("facilitator", True, False),
        ("funder", True, False),
        ("jury", False, False),
        ("firm_admin", False, False),
        ("provider", False, False),
        ("anonymous", False, False),
    ],
)
def test_targets_permissions_on_page_and_api(programme, people, login, role, can_read, can_set):
    Target.objects.create(programme=programme, key="seminars", value=3)
    client = login(people[role])
    page = client.get(f"/impact/targets/?programme={programme.slug}")
    api = client.get(f"/api/impact/targets?programme={programme.slug}")
    if can_read:
        assert "Seminars" in page.content.decode()
        assert ('name="target-seminars"' in page.content.decode()) is can_set
        rows = {row["key"]: row for row in api.json()}
        assert rows["seminars"]["target"] == 3
    else:
        assert "Seminars" not in page.content.decode()
        assert api.status_code in (401, 403)
    put = client.put(
        f"/api/impact/targets/seminars?programme={programme.slug}",
        data={"value": 4},
        content_type="application/json",
    )
    if can_set:
        assert put.json()[0]["target"] == 4
    else:
        assert put.status_code in (401, 403)
        assert Target.objects.get(key="seminars").value == 3


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("manager", True),
        ("analyst", True),
        ("facilitator", True),
        ("funder", True),
        ("jury", False),
        ("firm_admin", False),
        ("provider", False),
        ("anonymous", False),
    ],
)
def test_dashboard_api_by_role(busy, people, login, role, sees):
    Target.objects.create(programme=busy, key="firms_selected", value=21)
    response = login(people[role]).get(f"/api/impact/dashboard?programme={busy.slug}")
    if sees:
        data = response.json()
        figures = {row["key"]: row for row in data["figures"]}
        assert figures["firms_selected"]["target"] == 21
        assert figures["firms_selected"]["unit"] == "count"
        assert [s["state"] for s in data["timeline"] if s["label"] == "Firm selection"] == ["late"]
        assert data["funnels"][0]["steps"][0] == {"label": "applications", "value": 2}
    else:
        assert response.status_code in (401, 403)
        assert "funnels" not in response.content.decode()


def test_the_manager_home_is_a_dashboard(busy, people, login):
    Target.objects.create(programme=busy, key="firms_selected", value=21)
    page = login(people["manager"]).get("/").content.decode()
    assert "Figures against the programme's targets" in page
    assert "target: 21" in page
    assert "What is late" in page and "1 application waits for a decision" in page
    assert page.count("<svg") >= 5  # timeline, three funnels, one target gauge
    assert "Set the programme&#x27;s targets" in page or "Set the programme's targets" in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>")[0]


def test_the_funder_home_has_targets_sector_reports_and_an_honest_chart(busy, people, login):
    from dekvep.web.home import funder_series

    busy.priority_sectors = ["textile"]
    busy.save()
    Target.objects.create(programme=busy, key="certificates_issued", value=4)
    f.CertificateFactory.create_batch(2, event__programme=busy)
    page = login(people["funder"]).get("/").content.decode()
    assert "Figures against the programme's targets" in page
    assert "target: 4" in page and "50% of the target" in page
    assert f"/assessment/sectors/textile/?programme={busy.pk}" in page
    assert "Certificates issued, month by month" in page
    figure, series = funder_series(busy)
    assert sum(value for _, value in series) <= figure.compute(busy)


def test_no_chart_whose_months_exceed_its_figure(programme, firm):
    from dekvep.web.home import funder_series

    # Two applications of one firm: "firms applied" counts 1, its months would count 2.
    for call in f.CallFactory.create_batch(2, programme=programme):
        f.ApplicationFactory(call=call, organisation=firm)
    figure, series = funder_series(programme)
    assert figure is None or sum(v for _, v in series) <= figure.compute(programme)
