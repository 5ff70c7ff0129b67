"""Issue 10.13: the funder sees figures, not application records.

``/impact/figures/firms_selected/`` showed the funder references, firm names and statuses of
the selected applications; the participant list is the programme's to publish.
"""

import pytest

from dekvep.core import services
from tests.conftest import ROLES, client_for

from . import factories as f

FIGURE = "/impact/figures/firms_selected/?programme=test-2022"
RECORDS = "/api/impact/figures/firms_selected/records?programme=test-2022"
STAFF = {"manager", "analyst", "facilitator"}


@pytest.fixture
def selected(programme, firm):
    call = f.CallFactory(programme=programme)
    return f.ApplicationFactory(call=call, organisation=firm, status="selected")


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_list_the_selected_firms_by_default(people, selected, role):
    client = client_for(people[role])
    page, api = client.get(FIGURE), client.get(RECORDS)
    name = selected.organisation.name
    if role in STAFF:
        assert name in page.content.decode() and api.json()["count"] == 1
    elif role == "funder":
        # The number, not the records.
        assert page.status_code == 200 and name not in page.content.decode()
        assert selected.reference not in page.content.decode()
        assert api.status_code == 403 and name not in api.content.decode()
    else:
        assert page.status_code in (302, 403) and name not in page.content.decode()
        assert api.status_code in (401, 403)


def test_the_funder_lists_them_once_the_programme_publishes_its_participants(
    people, selected, programme
):
    services.publish_participant_list(people["manager"], programme, True)
    client = client_for(people["funder"])
    assert selected.organisation.name in client.get(FIGURE).content.decode()
    assert client.get(RECORDS).json()["count"] == 1
    participants = client.get(f"/api/core/programmes/{programme.slug}/participants")
    assert participants.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_only_the_manager_publishes_the_participant_list_on_the_web(people, programme, role):
    client = client_for(people[role])
    response = client.post(
        "/impact/participant-list/", {"programme": "test-2022", "published": "1"}
    )
    programme.refresh_from_db()
    assert programme.publishes_participants == (role == "manager")
    if role == "manager":
        assert response.status_code == 302
        page = client.get("/impact/?programme=test-2022").content.decode()
        assert "Withdraw the participant list" in page
    elif role != "anonymous":
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_only_the_manager_publishes_the_participant_list_in_the_api(people, programme, role):
    response = client_for(people[role]).put(
        f"/api/core/programmes/{programme.slug}/participant-list",
        {"published": True},
        content_type="application/json",
    )
    programme.refresh_from_db()
    assert programme.publishes_participants == (role == "manager")
    if role == "manager":
        assert response.json()["publishes_participants"] is True
    else:
        assert response.status_code in (401, 403, 404)


def test_publishing_is_audited(people, programme):
    from dekvep.core.models import AuditEntry

    services.publish_participant_list(people["manager"], programme, True)
    entry = AuditEntry.objects.filter(action="updated").latest("pk")
    assert "publishes_participants" in str(entry.changes)


def test_the_manager_sees_the_publish_control_and_the_funder_does_not(people, programme):
    manager = client_for(people["manager"]).get("/impact/?programme=test-2022").content.decode()
    funder = client_for(people["funder"]).get("/impact/?programme=test-2022").content.decode()
    assert "Publish the participant list to funders" in manager
    assert "Publish the participant list" not in funder
