"""Pitch-day interest flows into the programme's one collaboration register."""

from dekvep.calls import services
from dekvep.calls.models import PitchInterest
from dekvep.plans.models import CollaborationOpportunity


def _registered(interest):
    return CollaborationOpportunity.objects.get(
        source_app="calls.pitch_interest", source_id=str(interest.pk)
    )


def test_it_registers_a_marked_interest_as_an_open_innovation_opportunity(world, firm):
    interest = world["interest"]
    opportunity = _registered(interest)
    assert opportunity.type == "open_innovation"
    assert opportunity.status == "identified"
    assert opportunity.title == "PU köpük geri kazanımı"
    assert {p.pk for p in opportunity.parties.all()} == {firm.pk, interest.provider.pk}


def test_it_moves_the_register_forward_with_the_follow_up(world, people):
    interest = world["interest"]
    services.transition_interest(
        people["manager"], interest, PitchInterest.Status.AGREED, "Pilot anlaşması imzalandı"
    )
    opportunity = _registered(interest)
    assert opportunity.status == "agreed"
    assert "Pilot anlaşması" in opportunity.next_step
    assert CollaborationOpportunity.objects.filter(source_app="calls.pitch_interest").count() == 1
