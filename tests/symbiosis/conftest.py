import pytest

from dekvep.symbiosis.models import Listing

from .factories import ListingFactory


@pytest.fixture
def offer(programme, firm):
    return ListingFactory(programme=programme, organisation=firm, title="Pamuklu kumaş kırpıntısı")


@pytest.fixture
def want(programme, other_firm):
    other_firm.latitude, other_firm.longitude = 40.99, 29.15
    other_firm.save()
    return ListingFactory(
        programme=programme,
        organisation=other_firm,
        kind=Listing.Kind.WANT,
        title="Keçe üretimi için tekstil kırpıntısı",
        material="textile",
        quantity=600,
        tonnes_per_year=600,
    )
