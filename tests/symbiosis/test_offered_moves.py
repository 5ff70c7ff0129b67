"""A synergy page offers each user exactly the state changes the service accepts from them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dekvep.core.states import allowed_transitions
from dekvep.symbiosis import services
from dekvep.symbiosis.models import Synergy

ROLES = ["firm_member", "other_firm_member", "manager", "analyst", "jury", "funder", "provider"]


@pytest.fixture
def interested(people, offer, want):
    return services.express_interest(people["firm_member"], offer, want)


def _accepted(synergy, user) -> set[str]:
    accepted = set()
    for state in Synergy.State.values:
        if state == synergy.state:
            continue
        try:
            with transaction.atomic():
                services.transition_synergy(user, synergy, state, reason="Fiyat uyuşmadı")
                transaction.set_rollback(True)
            accepted.add(state)
        except (ValidationError, PermissionDenied):
            pass
        synergy.refresh_from_db()
    return accepted


@pytest.mark.parametrize("role", ROLES)
def test_offered_moves_are_the_accepted_moves_in_every_state(people, interested, role):
    user = people[role]
    synergy = interested
    seen = set()
    # Walk the synergy along its life: before the introduction, then through each state.
    for step in [None, "introduce", "contacted", "negotiating", "agreed", "active", "ended"]:
        if step == "introduce":
            synergy = services.agree_to_introduction(people["other_firm_member"], synergy)
        elif step and synergy.state != step:
            synergy = services.transition_synergy(people["firm_member"], synergy, step)
        offered = allowed_transitions(synergy, user)
        assert set(offered) == _accepted(synergy, user), (role, synergy.state)
        seen.update(offered)
    if role in ("firm_member", "other_firm_member"):
        assert seen == set(Synergy.State.values) - {"identified"}


def test_the_page_lists_only_the_allowed_states(people, interested, login):
    synergy = services.agree_to_introduction(people["other_firm_member"], interested)
    page = login(people["firm_member"]).get(f"/symbiosis/synergies/{synergy.pk}/")
    text = page.content.decode()
    assert 'value="negotiating"' in text and 'value="dropped"' in text
    assert 'value="ended"' not in text and 'value="agreed"' not in text


def test_no_state_form_for_someone_who_may_not_move_it(people, interested, login):
    synergy = services.transition_synergy(people["firm_member"], interested, "dropped", "Uzak")
    page = login(people["firm_member"]).get(f"/symbiosis/synergies/{synergy.pk}/")
    assert page.status_code == 200
    assert "Change state" not in page.content.decode()


def test_moving_to_the_current_state_changes_nothing(people, interested):
    synergy = services.agree_to_introduction(people["other_firm_member"], interested)
    from dekvep.core.models import AuditEntry

    before = AuditEntry.objects.count()
    again = services.transition_synergy(people["firm_member"], synergy, synergy.state)
    assert again.state == "contacted" and AuditEntry.objects.count() == before


def test_the_api_lists_the_same_allowed_states(people, interested, login):
    synergy = services.agree_to_introduction(people["other_firm_member"], interested)
    body = login(people["firm_member"]).get(f"/api/symbiosis/synergies/{synergy.pk}").json()
    assert body["allowed_transitions"] == allowed_transitions(synergy, people["firm_member"])
    assert body["allowed_transitions"] == ["negotiating", "dropped"]
