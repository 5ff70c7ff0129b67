import factory

from dekvep.symbiosis.models import Listing
from tests.factories import OrganisationFactory, ProgrammeFactory


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = Listing.Kind.OFFER
    title = "Pamuklu kumaş kırpıntısı"
    material = "cotton"
    quantity = 120
    unit = "t"
    frequency = "year"
    tonnes_per_year = factory.SelfAttribute("quantity")
    status = Listing.Status.PUBLISHED
