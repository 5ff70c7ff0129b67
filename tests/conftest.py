"""Shared fixtures: a small programme with one user per role.

``people`` gives a dict of logged-in-able users by role name, so permission tests can loop
over every role:

    anonymous (None), firm_member, firm_admin, other_firm_member, manager, analyst,
    facilitator, jury, funder, provider
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from dekvep.core.models import Membership, Organisation, StaffAssignment

from .factories import (
    MembershipFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProgrammeFactory,
    StaffAssignmentFactory,
    UserFactory,
)

ROLES = [
    "anonymous",
    "firm_admin",
    "firm_member",
    "other_firm_member",
    "manager",
    "analyst",
    "facilitator",
    "jury",
    "funder",
    "provider",
]


@pytest.fixture(autouse=True)
def _clean_slate():
    """Each test starts with an empty cache, in English, whatever an earlier request activated.

    Requests still pick their own language (cookie, Accept-Language, or Turkish by default).
    """
    cache.clear()
    translation.activate("en")
    yield
    cache.clear()
    translation.deactivate()


@pytest.fixture
def programme(db):
    return ProgrammeFactory(slug="test-2022", name="Test Programme")


@pytest.fixture
def firm(programme):
    firm = OrganisationFactory(name="Boğaziçi Örme A.Ş.")
    ParticipationFactory(programme=programme, organisation=firm)
    return firm


@pytest.fixture
def other_firm(programme):
    other = OrganisationFactory(
        name="Rakip Plastik A.Ş.",
        nace_codes=["22.22"],
        sector="plastics",
        industrial_zone="Dudullu OSB",
    )
    ParticipationFactory(programme=programme, organisation=other)
    return other


@pytest.fixture
def people(programme, firm, other_firm):
    users = {"anonymous": None}
    users["firm_admin"] = MembershipFactory(
        organisation=firm, role=Membership.Role.ADMIN, user__email="admin@firm.example"
    ).user
    users["firm_member"] = MembershipFactory(
        organisation=firm, role=Membership.Role.MEMBER, user__email="member@firm.example"
    ).user
    users["other_firm_member"] = MembershipFactory(
        organisation=other_firm, role=Membership.Role.ADMIN, user__email="member@other.example"
    ).user
    for role in ["manager", "analyst", "facilitator", "jury", "funder"]:
        users[role] = StaffAssignmentFactory(
            programme=programme, role=role, user__email=f"{role}@operator.example"
        ).user
    firm.participations.filter(programme=programme).update(analyst=users["analyst"])
    provider_org = OrganisationFactory(
        name="Çözüm Teknoloji A.Ş.",
        kind=Organisation.Kind.SOLUTION_PROVIDER,
        nace_codes=[],
        sector="",
    )
    users["provider"] = MembershipFactory(
        organisation=provider_org,
        role=Membership.Role.ADMIN,
        user__email="provider@solutions.example",
    ).user
    return users


def client_for(user) -> Client:
    """A test client logged in as ``user`` (anonymous when None), speaking English."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["dekvep_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def login():
    return client_for


__all__ = ["ROLES", "StaffAssignment", "UserFactory", "client_for"]
