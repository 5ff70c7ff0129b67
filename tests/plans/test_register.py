"""The collaboration register: idempotent registration, status moves, figures."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.plans import services
from dekvep.plans.selectors import opportunity_counts


def _register(programme, parties, **extra):
    values = {
        "programme": programme,
        "type": "synergy",
        "title": "Sludge to cement kiln",
        "parties": parties,
        "source_app": "symbiosis.synergy",
        "source_id": 42,
        "source_label": "Synergy #42",
        **extra,
    }
    return services.register_opportunity(None, **values)


def test_it_registers_an_opportunity_once_per_source(programme, firm, other_firm):
    first = _register(programme, [firm, other_firm])
    second = _register(programme, [firm, other_firm], next_step="Lab test of sludge")
    assert first.pk == second.pk and second.next_step == "Lab test of sludge"
    assert programme.collaboration_opportunities.filter(source_app="symbiosis.synergy").count() == 1


def test_it_moves_the_status_when_registered_again(programme, firm):
    _register(programme, [firm])
    assert _register(programme, [firm], status="agreed").status == "agreed"


def test_it_updates_an_opportunity_by_its_source(programme, firm):
    _register(programme, [firm])
    updated = services.update_opportunity(
        None,
        ("symbiosis.synergy", 42),
        status="in_discussion",
        expected_impact="1,200 t/year diverted",
    )
    assert (updated.status, updated.expected_impact) == ("in_discussion", "1,200 t/year diverted")


def test_it_says_which_source_is_unknown(programme):
    with pytest.raises(ValidationError) as error:
        services.update_opportunity(None, ("calls.match", 9), status="agreed")
    assert error.value.message_dict["source_id"] == [
        "No opportunity is registered from calls.match #9."
    ]


def test_it_refuses_to_move_a_realised_opportunity_back(programme, firm):
    opportunity = _register(programme, [firm], status="realised")
    with pytest.raises(ValidationError) as error:
        services.change_opportunity_status(None, opportunity, "in_discussion")
    assert "cannot go from" in error.value.message_dict["status"][0]


def test_it_reopens_a_dropped_opportunity(programme, firm):
    opportunity = _register(programme, [firm], status="dropped")
    assert (
        services.change_opportunity_status(None, opportunity, "identified").status == "identified"
    )


def test_it_refuses_an_unknown_type(programme, firm):
    with pytest.raises(ValidationError) as error:
        _register(programme, [firm], type="friendship")
    assert "type" in error.value.message_dict


def test_it_refuses_an_opportunity_without_parties(programme):
    with pytest.raises(ValidationError):
        _register(programme, [])


def test_it_lets_only_programme_staff_change_the_register(programme, firm, people):
    opportunity = _register(programme, [firm])
    services.update_opportunity(people["facilitator"], opportunity, next_step="Call both firms")
    with pytest.raises(PermissionDenied):
        services.update_opportunity(people["firm_admin"], opportunity, next_step="Mine")


def test_it_counts_opportunities_by_type_and_status(programme, firm):
    _register(programme, [firm], source_id=1)
    _register(programme, [firm], source_id=2, status="agreed")
    _register(programme, [firm], source_id=3, type="open_innovation", source_app="calls.match")
    counts = opportunity_counts(programme)
    assert counts["total"] == 3
    assert counts["by_type"]["synergy"] == 2 and counts["by_type"]["partnership"] == 0
    assert counts["by_status"] == {
        "identified": 2,
        "in_discussion": 0,
        "agreed": 1,
        "in_progress": 0,
        "realised": 0,
        "dropped": 0,
    }
    assert counts["by_type_and_status"]["open_innovation"]["identified"] == 1


def test_it_ignores_a_backward_status_when_a_source_registers_again(programme, firm):
    _register(programme, [firm], status="in_progress")
    assert _register(programme, [firm], status="identified").status == "in_progress"
