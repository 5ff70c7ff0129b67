"""Agreed synergies go to the programme's collaboration register and follow it."""

import pytest

from dekvep.plans.models import CollaborationOpportunity
from dekvep.symbiosis import services


@pytest.fixture
def introduced(people, offer, want):
    synergy = services.express_interest(people["firm_member"], offer, want)
    return services.agree_to_introduction(people["other_firm_member"], synergy)


def _to(people, synergy, *states):
    for state in states:
        synergy = services.transition_synergy(people["firm_member"], synergy, state)
    return synergy


def test_it_leaves_the_register_alone_until_a_synergy_is_agreed(people, introduced):
    _to(people, introduced, "negotiating")
    assert not CollaborationOpportunity.objects.exists()


def test_it_registers_an_agreed_synergy_with_both_firms(people, introduced, firm, other_firm):
    synergy = _to(people, introduced, "negotiating", "agreed")
    opportunity = CollaborationOpportunity.objects.get()
    assert (opportunity.type, opportunity.status) == ("synergy", "agreed")
    assert opportunity.source_id == f"synergy:{synergy.pk}"
    assert set(opportunity.parties.all()) == {firm, other_firm}


def test_it_moves_the_registered_opportunity_with_the_synergy(people, introduced):
    _to(people, introduced, "negotiating", "agreed", "active", "ended")
    assert CollaborationOpportunity.objects.get().status == "realised"


def test_it_drops_the_registered_opportunity_when_the_synergy_is_dropped(people, introduced):
    synergy = _to(people, introduced, "negotiating", "agreed")
    services.transition_synergy(people["firm_member"], synergy, "dropped", "Fiyat uyuşmadı")
    assert CollaborationOpportunity.objects.get().status == "dropped"


def test_it_does_not_register_a_synergy_dropped_before_agreement(people, introduced):
    services.transition_synergy(people["firm_member"], introduced, "dropped", "Uzak")
    assert not CollaborationOpportunity.objects.exists()
