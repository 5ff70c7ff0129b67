"""Every page and endpoint for every role: who sees what, and that others see nothing of it.

Each case maps a role to the texts it must see and the texts it must not; roles not listed are
refused (403, or 404 where an object's existence must not leak; anonymous users go to log in).
"""

import io
import json

import pytest
from openpyxl import load_workbook

from tests.conftest import ROLES, client_for

STAFF = ("manager", "analyst", "facilitator")
FIRM = ("firm_admin", "firm_member")


def _spec(**by_role):
    return by_role


def _expand(spec):
    out = {}
    for key, value in spec.items():
        for role in {"staff": STAFF, "firm": FIRM}.get(key, (key,)):
            out[role] = value
    return out


PAGES = {
    "home": (
        lambda w: "/roadmaps/",
        _spec(
            staff=(["Textile roadmap", "Plastics roadmap"], []),
            firm=(
                ["Textile roadmap", "Install water meters"],
                ["Plastics roadmap", "Rival regrind line"],
            ),
            other_firm_member=(["Plastics roadmap"], ["Textile roadmap", "Install water meters"]),
            provider=(["No roadmap has been shared with you yet."], ["Textile roadmap"]),
        ),
    ),
    "figures": (
        lambda w: "/roadmaps/figures/",
        _spec(
            staff=(["Collaboration opportunities by type and status"], []),
            funder=(["Collaboration opportunities by type and status", "Workshops"], ["Boğaziçi"]),
        ),
    ),
    "workshops": (
        lambda w: "/roadmaps/workshops/",
        _spec(
            staff=(["Textile workshop 2", "Plastics workshop 1"], []),
            firm=(["Textile workshop 2"], ["Plastics workshop 1"]),
            other_firm_member=(["Plastics workshop 1"], ["Textile workshop 2"]),
            provider=(["No workshops."], ["Textile workshop 2"]),
        ),
    ),
    "workshop": (
        lambda w: f"/roadmaps/workshops/{w.workshop.pk}/",
        _spec(
            staff=(["Textile workshop 2", "Water reuse"], []),
            firm=(["Textile workshop 2", "Water reuse"], ["Record attendance"]),
        ),
    ),
    "workshop_edit": (
        lambda w: f"/roadmaps/workshops/{w.workshop.pk}/edit/",
        _spec(
            manager=(["Textile workshop 2", "Votes per participant"], []),
            facilitator=(["Textile workshop 2", "Votes per participant"], []),
        ),
    ),
    "other_workshop_edit": (
        lambda w: f"/roadmaps/workshops/{w.other_workshop.pk}/edit/",
        _spec(
            manager=(["Plastics workshop 1"], []),
        ),
    ),
    "attendance": (
        lambda w: f"/roadmaps/workshops/{w.workshop.pk}/attendance/",
        _spec(
            manager=(["Attending firms", "Boğaziçi Örme A.Ş."], []),
            facilitator=(["Attending firms", "Boğaziçi Örme A.Ş."], []),
        ),
    ),
    "vote": (
        lambda w: f"/roadmaps/workshops/{w.workshop.pk}/vote/",
        _spec(
            firm=(["Your votes", "Fibre recycling"], []),
        ),
    ),
    "results": (
        lambda w: f"/roadmaps/workshops/{w.workshop.pk}/results/",
        _spec(
            staff=(["Fibre recycling"], []),
            firm=(["Fibre recycling"], []),
        ),
    ),
    "roadmaps": (
        lambda w: "/roadmaps/sector-roadmaps/",
        _spec(
            staff=(["Textile roadmap", "Plastics roadmap", "Draft"], []),
            firm=(["Textile roadmap", "Published"], ["Plastics roadmap", "Draft"]),
            other_firm_member=(["Plastics roadmap"], ["Textile roadmap"]),
            provider=(["No roadmap has been shared"], ["Textile roadmap"]),
        ),
    ),
    "published_version": (
        lambda w: f"/roadmaps/versions/{w.published.pk}/",
        _spec(
            staff=(["Textile vision 2030", "Halve water use"], []),
            firm=(["Textile vision 2030", "Halve water use"], ["Edit (makes a new version)"]),
        ),
    ),
    "draft_version": (
        lambda w: f"/roadmaps/versions/{w.draft.pk}/",
        _spec(
            staff=(["Textile draft vision"], []),
        ),
    ),
    "version_edit": (
        lambda w: f"/roadmaps/versions/{w.draft.pk}/edit/",
        _spec(
            manager=(["Textile draft vision"], []),
            facilitator=(["Textile draft vision"], []),
        ),
    ),
    "actions": (
        lambda w: "/roadmaps/actions/",
        _spec(
            manager=(
                ["Install water meters", "Confidential heat recovery", "Rival regrind line"],
                [],
            ),
            analyst=(
                ["Install water meters", "Confidential heat recovery"],
                ["Rival regrind line"],
            ),
            facilitator=(
                ["Install water meters"],
                ["Confidential heat recovery", "Rival regrind line"],
            ),
            firm=(["Install water meters", "Confidential heat recovery"], ["Rival regrind line"]),
            other_firm_member=(["Rival regrind line"], ["Install water meters", "Confidential"]),
            provider=(["No actions."], ["Install water meters"]),
        ),
    ),
    "timeline": (
        lambda w: "/roadmaps/actions/timeline/",
        _spec(
            manager=(["Install water meters", "Rival regrind line"], []),
            analyst=(["Confidential heat recovery"], ["Rival regrind line"]),
            facilitator=(["Install water meters"], ["Confidential heat recovery"]),
            firm=(["Install water meters"], ["Rival regrind line"]),
            other_firm_member=(["Rival regrind line"], ["Install water meters"]),
            provider=(["No actions with a due date."], ["Install water meters"]),
        ),
    ),
    "secret_action": (
        lambda w: f"/roadmaps/actions/{w.secret.pk}/",
        _spec(
            manager=(["Confidential heat recovery"], []),
            analyst=(["Confidential heat recovery"], []),
            firm=(["Confidential heat recovery", "Add a progress update"], []),
        ),
    ),
    "sector_action": (
        lambda w: f"/roadmaps/actions/{w.action.pk}/",
        _spec(
            staff=(["Install water meters", "Add a progress update"], []),
            firm=(["Install water meters", "Add a progress update"], []),
        ),
    ),
    "other_action": (
        lambda w: f"/roadmaps/actions/{w.other_action.pk}/",
        _spec(
            manager=(["Rival regrind line"], []),
            other_firm_member=(["Rival regrind line"], []),
        ),
    ),
    "action_edit": (
        lambda w: f"/roadmaps/actions/{w.action.pk}/edit/",
        _spec(
            staff=(["Install water meters", "Owner organisation"], []),
            firm=(["Install water meters"], ["Owner organisation", "Rakip Plastik"]),
        ),
    ),
    "firm_plan": (
        lambda w: f"/roadmaps/plans/{w.firm_plan.pk}/",
        _spec(
            manager=(["Confidential heat recovery"], []),
            analyst=(["Confidential heat recovery"], []),
            firm_admin=(["Confidential heat recovery", "New action"], []),
            firm_member=(["Confidential heat recovery"], ["New action"]),
        ),
    ),
    "sector_plan": (
        lambda w: f"/roadmaps/plans/{w.sector_plan.pk}/",
        _spec(
            staff=(["Install water meters"], []),
        ),
    ),
    "meetings": (
        lambda w: "/roadmaps/cluster-meetings/",
        _spec(
            staff=(["Textile cluster meeting 1"], []),
            firm=(["Textile cluster meeting 1"], []),
            other_firm_member=(["No cluster meetings."], ["Textile cluster meeting 1"]),
            provider=(["No cluster meetings."], ["Textile cluster meeting 1"]),
        ),
    ),
    "meeting": (
        lambda w: f"/roadmaps/cluster-meetings/{w.meeting.pk}/",
        _spec(
            manager=(["Textile cluster meeting 1", "Record a need"], []),
            analyst=(["Textile cluster meeting 1"], ["Record a need"]),
            facilitator=(["Textile cluster meeting 1", "Record a need"], []),
            firm=(["Textile cluster meeting 1", "1 firm"], ["Record a need", "Boğaziçi Örme A.Ş."]),
        ),
    ),
    "instruments": (
        lambda w: "/roadmaps/support-instruments/",
        _spec(
            staff=(["TÜBİTAK 1707", "EBRD"], []),
            firm=(["TÜBİTAK 1707"], []),
            other_firm_member=(["TÜBİTAK 1707"], []),
            provider=(["TÜBİTAK 1707"], []),
        ),
    ),
    "register": (
        lambda w: "/roadmaps/register/",
        _spec(
            staff=(["Cotton waste to felt", "Rakip Plastik A.Ş."], []),
            firm=(
                ["Cotton waste to felt", "a plastics firm in Dudullu OSB"],
                ["Rakip Plastik A.Ş."],
            ),
            other_firm_member=(
                ["Cotton waste to felt", "a textile firm in İkitelli OSB"],
                ["Boğaziçi"],
            ),
            provider=(["No opportunities."], ["Cotton waste to felt"]),
        ),
    ),
    "opportunity": (
        lambda w: f"/roadmaps/register/{w.opportunity.pk}/",
        _spec(
            staff=(["Cotton waste to felt", "Update"], []),
            firm=(["Cotton waste to felt"], ["Rakip Plastik A.Ş.", "Save"]),
            other_firm_member=(["Cotton waste to felt"], ["Boğaziçi"]),
        ),
    ),
}


def _check(response, role, spec):
    body = response.content.decode()
    expected = _expand(spec).get(role)
    if expected is None:
        if role == "anonymous":
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:
            assert response.status_code in (403, 404), (role, response.status_code)
        for present, _absent in _expand(spec).values():
            for text in present:
                if text not in ("Workshops", "Update", "Save", "1 firm"):
                    assert text not in body, (role, text)
        return
    present, absent = expected
    assert response.status_code == 200, (role, response.status_code)
    for text in present:
        assert text in body, (role, text)
    for text in absent:
        assert text not in body, (role, text)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_it_shows_each_page_only_to_those_allowed(world, people, page, role):
    url, spec = PAGES[page]
    response = client_for(people[role]).get(url(world))
    if page == "home" and role == "funder":
        assert response.status_code == 302 and response["Location"] == "/roadmaps/figures/"
        return
    _check(response, role, spec)


def _rows(response):
    return [
        row
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]


@pytest.mark.parametrize("role", ROLES)
def test_it_exports_only_the_actions_a_role_may_see(world, people, role):
    response = client_for(people[role]).get("/roadmaps/actions/export.xlsx")
    if role in ("anonymous",):
        assert response.status_code == 302
        return
    if role in ("jury", "funder"):
        assert response.status_code == 403
        return
    titles = {row[0] for row in _rows(response)[1:]}
    visible = {
        "manager": {"Install water meters", "Confidential heat recovery", "Rival regrind line"},
        "analyst": {"Install water meters", "Confidential heat recovery"},
        "facilitator": {"Install water meters"},
        "firm_admin": {"Install water meters", "Confidential heat recovery"},
        "firm_member": {"Install water meters", "Confidential heat recovery"},
        "other_firm_member": {"Rival regrind line"},
        "provider": set(),
    }[role]
    assert titles == visible


API = {
    "workshops": (
        lambda w: "/api/roadmaps/workshops",
        _spec(
            staff=(["Textile workshop 2", "Plastics workshop 1"], []),
            firm=(["Textile workshop 2"], ["Plastics workshop 1"]),
            other_firm_member=(["Plastics workshop 1"], ["Textile workshop 2"]),
            provider=(['"count": 0'], []),
        ),
    ),
    "workshop": (
        lambda w: f"/api/roadmaps/workshops/{w.workshop.pk}",
        _spec(
            staff=(["Textile workshop 2"], []),
            firm=(["Textile workshop 2"], []),
        ),
    ),
    "results": (
        lambda w: f"/api/roadmaps/workshops/{w.workshop.pk}/results",
        _spec(
            staff=(["Fibre recycling"], []),
            firm=(["Fibre recycling"], []),
        ),
    ),
    "roadmaps": (
        lambda w: "/api/roadmaps/roadmaps",
        _spec(
            staff=(["Textile roadmap", "Plastics roadmap", '"draft"'], []),
            firm=(["Textile roadmap"], ["Plastics roadmap", '"draft"']),
            other_firm_member=(["Plastics roadmap"], ["Textile roadmap"]),
            provider=(['"count": 0'], []),
        ),
    ),
    "published_version": (
        lambda w: f"/api/roadmaps/versions/{w.published.pk}",
        _spec(
            staff=(["Textile vision 2030", "Halve water use"], []),
            firm=(["Textile vision 2030", "Halve water use"], []),
        ),
    ),
    "draft_version": (
        lambda w: f"/api/roadmaps/versions/{w.draft.pk}",
        _spec(
            staff=(["Textile draft vision"], []),
        ),
    ),
    "actions": (
        lambda w: "/api/roadmaps/actions",
        _spec(
            manager=(
                ["Install water meters", "Confidential heat recovery", "Rival regrind line"],
                [],
            ),
            analyst=(["Confidential heat recovery"], ["Rival regrind line"]),
            facilitator=(["Install water meters"], ["Confidential heat recovery"]),
            firm=(["Install water meters", "Confidential heat recovery"], ["Rival regrind line"]),
            other_firm_member=(["Rival regrind line"], ["Install water meters"]),
            provider=(['"count": 0'], []),
        ),
    ),
    "secret_action": (
        lambda w: f"/api/roadmaps/actions/{w.secret.pk}",
        _spec(
            manager=(["Confidential heat recovery"], []),
            analyst=(["Confidential heat recovery"], []),
            firm=(["Confidential heat recovery"], []),
        ),
    ),
    "plans": (
        lambda w: "/api/roadmaps/plans",
        _spec(
            manager=(["Firm plan Boğaziçi", "Firm plan Rakip", "Textile sector plan"], []),
            analyst=(["Firm plan Boğaziçi", "Textile sector plan"], ["Firm plan Rakip"]),
            facilitator=(["Textile sector plan"], ["Firm plan"]),
            firm=(["Firm plan Boğaziçi"], ["Firm plan Rakip", "Textile sector plan"]),
            other_firm_member=(["Firm plan Rakip"], ["Firm plan Boğaziçi"]),
            provider=(['"count": 0'], []),
        ),
    ),
    "meeting": (
        lambda w: f"/api/roadmaps/cluster-meetings/{w.meeting.pk}",
        _spec(
            staff=(["Textile cluster meeting 1"], []),
            firm=(["Textile cluster meeting 1"], []),
        ),
    ),
    "instruments": (
        lambda w: "/api/roadmaps/instruments?need_type=technology",
        _spec(
            staff=(["TÜBİTAK 1501"], []),
            firm=(["TÜBİTAK 1501"], []),
            other_firm_member=(["TÜBİTAK 1501"], []),
            provider=(["TÜBİTAK 1501"], []),
        ),
    ),
    "opportunities": (
        lambda w: "/api/roadmaps/opportunities",
        _spec(
            staff=(["Cotton waste to felt", "Rakip Plastik A.Ş."], []),
            firm=(["a plastics firm in Dudullu OSB"], ["Rakip Plastik A.Ş."]),
            other_firm_member=(["a textile firm in İkitelli OSB"], ["Boğaziçi"]),
            provider=(['"count": 0'], []),
        ),
    ),
    "figures": (
        lambda w: "/api/roadmaps/figures",
        _spec(
            staff=(['"by_type_and_status"'], []),
            funder=(['"by_type_and_status"', '"workshops": 2'], []),
        ),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(API))
def test_it_answers_each_endpoint_only_to_those_allowed(world, people, endpoint, role):
    url, spec = API[endpoint]
    response = client_for(people[role]).get(url(world))
    if role == "anonymous":
        assert response.status_code == 401
        return
    expected = _expand(spec).get(role)
    body = json.dumps(response.json(), ensure_ascii=False)
    if expected is None:
        assert response.status_code in (403, 404), (role, response.status_code)
        assert response.json()["code"] in ("forbidden", "not_found")
        return
    assert response.status_code == 200, (role, body[:200])
    present, absent = expected
    for text in present:
        assert text in body, (role, text)
    for text in absent:
        assert text not in body, (role, text)
