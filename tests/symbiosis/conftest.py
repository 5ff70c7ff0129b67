import pytest

from dekvep.core.models import Membership
from dekvep.symbiosis import services
from dekvep.symbiosis.models import Listing
from tests.factories import MembershipFactory, OrganisationFactory, ParticipationFactory

from .factories import ListingFactory

# Who reads a synergy's conversation: the two firms and the programme's staff, no one else.
THREAD_READERS = [
    ("firm_member", True),
    ("other_firm_member", True),
    ("manager", True),
    ("analyst", True),
    ("facilitator", True),
    ("third_firm_member", False),
    ("jury", False),
    ("funder", False),
    ("provider", False),
    ("anonymous", False),
]


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


# Conversations: synergies to talk on, one introduced, one where only the offering firm asked.


@pytest.fixture
def cast(people, programme, settings, tmp_path):
    """``people`` plus a member of a third firm of the same programme; files go to a temporary
    folder."""
    settings.MEDIA_ROOT = tmp_path
    third = OrganisationFactory(name="Üçüncü Kimya A.Ş.", industrial_zone="Tuzla OSB")
    ParticipationFactory(programme=programme, organisation=third)
    member = MembershipFactory(
        organisation=third, role=Membership.Role.ADMIN, user__email="member@third.example"
    ).user
    return {**people, "third_firm_member": member}


@pytest.fixture
def pending(cast, offer, want):
    """The offering firm asked to be introduced; the receiving firm has not answered yet."""
    return services.express_interest(cast["firm_member"], offer, want)


@pytest.fixture
def introduced(cast, pending):
    return services.agree_to_introduction(cast["other_firm_member"], pending)
