"""The demo's realised synergies carry conversations; loading again adds nothing."""

from dekvep.core.demo import _base
from dekvep.roadmaps import demo as roadmaps_demo
from dekvep.symbiosis import demo as symbiosis_demo
from dekvep.symbiosis.conversation_models import Message, Question
from dekvep.symbiosis.models import Synergy


def test_the_demos_realised_synergies_have_conversations(db):
    programme, _logins = _base()
    symbiosis_demo.load(programme)
    roadmaps_demo.load(programme)
    counts = (Message.objects.count(), Question.objects.count())
    roadmaps_demo.load(programme)
    realised = Synergy.objects.filter(state__in=["active", "ended"])
    assert realised.exists()
    assert all(s.messages.filter(side="staff").exists() for s in realised)
    assert Question.objects.filter(answered_at__isnull=False).exists()
    assert counts == (Message.objects.count(), Question.objects.count())
