"""Every page and endpoint, for every role: who sees what, and who gets turned away."""

import json

import pytest

from dekvep.calls.models import Application, Notice, PitchInterest
from tests.conftest import ROLES, client_for

STAFF = {"manager", "analyst", "facilitator"}
FIRM = {"firm_admin", "firm_member"}
SIGNED_IN = set(ROLES) - {"anonymous"}
PITCH = STAFF | {"jury", "firm_admin", "firm_member", "other_firm_member", "provider"}

# (name, url template, roles allowed, text an allowed user sees)
PAGES = [
    ("home", "/calls/", SIGNED_IN, "Open calls"),
    ("detail", "/calls/{call}/", SIGNED_IN, "Firm selection call"),
    ("create", "/calls/new/", {"manager"}, "New call"),
    ("edit", "/calls/{call}/edit/", {"manager"}, "Edit the call"),
    ("setup", "/calls/{call}/setup/", {"manager"}, "Form questions"),
    ("apply", "/calls/{call}/apply/", SIGNED_IN, "Start my application"),
    (
        "application",
        "/calls/applications/{application}/",
        FIRM | STAFF | {"jury"},
        "Why do you apply?",
    ),
    ("edit application", "/calls/applications/{application}/edit/", FIRM, "Save draft"),
    ("applications", "/calls/{call}/applications/", STAFF, "Boğaziçi Örme"),
    ("ranking", "/calls/{call}/ranking/", STAFF | {"jury"}, "Weighted total"),
    ("export", "/calls/{call}/ranking.xlsx", STAFF | {"jury"}, None),
    ("reviews", "/calls/reviews/", SIGNED_IN, "My reviews"),
    ("review", "/calls/reviews/{review}/", {"jury"}, "Submit my review"),
    ("conflicts", "/calls/{call}/conflicts/", {"jury"}, "Conflicts of interest"),
    ("outbox", "/calls/{call}/outbox/", {"manager"}, "admin@firm.example"),
    ("notice", "/calls/notices/{notice}/", {"manager"}, "Edit the notice"),
    ("pitch", "/calls/{call}/pitch/", PITCH, "PU köpük geri kazanımı"),
    ("file", "/calls/answers/{answer}/file/", FIRM | STAFF | {"jury"}, None),
]


def _text(response) -> str:
    """The body as a reader sees it (JSON un-escaped)."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode(errors="replace")


def _url(template, world):
    ids = {k: v.pk for k, v in world.items()}
    return template.format(**ids)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "template", "allowed", "text"), PAGES, ids=[p[0] for p in PAGES])
def test_it_shows_each_page_only_to_the_roles_allowed(
    people,
    world,
    role,
    name,
    template,
    allowed,
    text,
):
    response = client_for(people[role]).get(_url(template, world), follow=True)
    if role == "anonymous":
        assert "/login/" in response.redirect_chain[-1][0]
    elif role in allowed:
        assert response.status_code == 200
        if text:
            assert text in _text(response)
    else:
        assert response.status_code in (403, 404)
        assert "Boğaziçi Örme" not in _text(response)


def test_it_sends_an_assigned_reviewer_from_the_application_to_the_review(people, world):
    url = f"/calls/applications/{world['application'].pk}/"
    response = client_for(people["jury"]).get(url)
    assert response["Location"] == f"/calls/reviews/{world['review'].pk}/"


def test_it_hides_an_application_from_a_jury_member_not_assigned(people, world, programme):
    from tests.factories import StaffAssignmentFactory

    other = StaffAssignmentFactory(programme=programme, role="jury").user
    response = client_for(other).get(f"/calls/applications/{world['application'].pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_opportunities_only_to_staff_and_the_two_sides(people, world, role):
    response = client_for(people[role]).get(f"/calls/{world['call'].pk}/interests/")
    if role == "anonymous":
        assert response.status_code == 302
        return
    sees = "PU köpük" in _text(response) or "Çözüm Teknoloji" in _text(response)
    assert sees == (role in STAFF | FIRM | {"provider"})


# POSTs: (name, url template, data, roles allowed, check on the world afterwards).
# The firm's own interest is already in the world, so only the other participant adds one.
def _status(world):
    return Application.objects.get(pk=world["application"].pk)


ACTIONS = [
    (
        "withdraw",
        "/calls/applications/{application}/withdraw/",
        {},
        FIRM,
        lambda w: _status(w).status == "withdrawn",
    ),
    (
        "override",
        "/calls/applications/{application}/override/",
        {"eligible": "0", "note": "KOBİ değil"},
        set(),
        lambda w: _status(w).status == "ineligible",
    ),
    (
        "stage",
        "/calls/applications/{application}/stage/",
        {"decision": "shortlisted"},
        {"manager"},
        lambda w: _status(w).staged_status == "shortlisted",
    ),
    (
        "release",
        "/calls/notices/{notice}/released/",
        {},
        {"manager"},
        lambda w: Notice.objects.get(pk=w["notice"].pk).status != "held",
    ),
    (
        "interest",
        "/calls/slots/{slot}/interest/",
        {"firm": "", "note": "x"},
        {"other_firm_member"},
        lambda w: PitchInterest.objects.count() == 2,
    ),
    (
        "follow up",
        "/calls/interests/{interest}/follow-up/",
        {"status": "contacted"},
        {"manager", "facilitator"},
        lambda w: PitchInterest.objects.get(pk=w["interest"].pk).status == "contacted",
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "template", "data", "allowed", "done"), ACTIONS, ids=[a[0] for a in ACTIONS]
)
def test_it_lets_only_the_roles_allowed_act(
    people,
    world,
    other_firm,
    role,
    name,
    template,
    data,
    allowed,
    done,
):
    if name == "interest" and people[role] is not None and people[role].memberships.exists():
        data = {**data, "firm": people[role].memberships.first().organisation_id}
    if name == "override":
        Application.objects.filter(pk=world["application"].pk).update(status="eligible")
        allowed = STAFF
    client_for(people[role]).post(_url(template, world), data)
    assert done(world) == (role in allowed)


API = [
    ("calls", "/api/calls/calls", SIGNED_IN, "Firm selection call"),
    ("call", "/api/calls/calls/{call}", SIGNED_IN, "Why do you apply?"),
    ("my applications", "/api/calls/applications", SIGNED_IN, None),
    (
        "application",
        "/api/calls/applications/{application}",
        FIRM | STAFF | {"jury"},
        "Su verimliliği",
    ),
    ("call applications", "/api/calls/calls/{call}/applications", STAFF, "Boğaziçi Örme"),
    ("ranking", "/api/calls/calls/{call}/ranking", STAFF | {"jury"}, "A-0001"),
    ("reviews", "/api/calls/reviews", SIGNED_IN, None),
    ("review", "/api/calls/reviews/{review}", {"jury"}, "Su verimliliği"),
    ("notices", "/api/calls/calls/{call}/notices", {"manager"}, "admin@firm.example"),
    ("pitch days", "/api/calls/calls/{call}/pitch-days", SIGNED_IN, None),
    ("interests", "/api/calls/calls/{call}/interests", SIGNED_IN, None),
    ("file", "/api/calls/answers/{answer}/file", FIRM | STAFF | {"jury"}, None),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "template", "allowed", "text"), API, ids=[a[0] for a in API])
def test_it_answers_each_endpoint_only_for_the_roles_allowed(
    people,
    world,
    role,
    name,
    template,
    allowed,
    text,
):
    response = client_for(people[role]).get(_url(template, world))
    if role == "anonymous":
        assert response.status_code == 401
    elif role in allowed:
        assert response.status_code == 200
        if text:
            assert text in _text(response)
    else:
        assert response.status_code in (403, 404)
        assert "Boğaziçi" not in _text(response)


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_agenda_in_the_api_only_to_those_attending(people, world, role):
    response = client_for(people[role]).get(f"/api/calls/calls/{world['call'].pk}/pitch-days")
    if role == "anonymous":
        assert response.status_code == 401
        return
    assert ("PU köpük" in _text(response)) == (role in PITCH)


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_in_the_api_only_ones_own_applications(people, world, role):
    response = client_for(people[role]).get("/api/calls/applications")
    if role == "anonymous":
        assert response.status_code == 401
        return
    references = {item["reference"] for item in response.json()["items"]}
    expected = {"A-0001"} if role in FIRM else {"A-0900"} if role == "provider" else set()
    assert references == expected
