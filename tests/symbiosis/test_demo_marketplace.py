"""The demo shows a provider's service matched to offers and an offer proposed as a challenge."""

import pytest

from dekvep.calls import demo as calls_demo
from dekvep.core.demo import _base
from dekvep.symbiosis import challenges, services
from dekvep.symbiosis import demo as symbiosis_demo
from dekvep.symbiosis.models import Listing


@pytest.fixture
def loaded(db):
    programme, _logins = _base()
    calls_demo.load(programme)
    symbiosis_demo.load(programme)
    return programme


def test_the_demo_proposes_the_unmatched_coating_powder_as_a_challenge(loaded):
    titles = [listing.title for listing in challenges.unmatched_offers(loaded)]
    assert "Toz boya kabini atığı" in titles


def test_the_demo_provider_s_service_is_matched_to_textile_offers(loaded):
    service = Listing.objects.get(organisation__name="Döngü Teknoloji A.Ş.")
    offer = Listing.objects.get(title="Pamuklu örme kumaş kırpıntısı")
    assert service.service == "recycling"
    assert service.pk in [int(m.want_id) for m in services.matches_for(offer, top=30)]
