"""Issue 10.11: other people's match runs answer 404, never 403."""

import pytest

from dekvep.symbiosis.models import MatchRun
from tests.conftest import ROLES, client_for

STAFF = {"manager", "analyst", "facilitator"}


@pytest.mark.parametrize("role", ROLES)
def test_a_match_run_is_not_found_by_those_who_may_not_see_the_board(people, programme, role):
    run = MatchRun.objects.create(programme=programme, offers=7, wants=5, pairs=3)
    response = client_for(people[role]).get(f"/api/symbiosis/match-runs/{run.pk}")
    if role == "anonymous":
        assert response.status_code == 401
    elif role in STAFF:
        assert response.status_code == 200 and response.json()["pairs"] == 3
    else:
        assert response.status_code == 404 and "pairs" not in response.json()
