import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.core.models import Membership
from dekvep.events import services
from tests.factories import MembershipFactory


def test_it_lets_a_firm_admin_name_a_member_as_ambassador(people, programme, firm):
    ambassador = services.name_ambassador(
        people["firm_admin"], programme, firm, people["firm_member"]
    )
    assert ambassador.organisation == firm
    membership = Membership.objects.get(user=people["firm_member"], organisation=firm)
    assert membership.role == "ambassador"


def test_it_refuses_a_third_ambassador(people, programme, firm):
    users = [MembershipFactory(organisation=firm).user for _ in range(3)]
    services.name_ambassador(people["manager"], programme, firm, users[0])
    services.name_ambassador(people["manager"], programme, firm, users[1])
    with pytest.raises(ValidationError) as error:
        services.name_ambassador(people["manager"], programme, firm, users[2])
    assert "at most two" in error.value.message_dict["user"][0]


def test_it_refuses_an_ambassador_from_outside_the_firm(people, programme, firm):
    with pytest.raises(ValidationError) as error:
        services.name_ambassador(people["firm_admin"], programme, firm, people["other_firm_member"])
    assert "member of the firm" in error.value.messages[0]


@pytest.mark.parametrize("role", ["firm_member", "other_firm_member", "jury", "funder"])
def test_it_refuses_naming_by_others(people, programme, firm, role):
    with pytest.raises(PermissionDenied):
        services.name_ambassador(people[role], programme, firm, people["firm_member"])
