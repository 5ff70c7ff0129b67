"""Synergies to talk on: one introduced, one where only the offering firm asked to be."""

import pytest

from dekvep.core.models import Membership
from dekvep.symbiosis import services
from tests.factories import MembershipFactory, OrganisationFactory, ParticipationFactory

ALL_ROLES = [
    "anonymous",
    "firm_member",
    "other_firm_member",
    "third_firm_member",
    "manager",
    "analyst",
    "facilitator",
    "jury",
    "funder",
    "provider",
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def cast(people, programme):
    """``people`` plus a member of a third firm of the same programme."""
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
