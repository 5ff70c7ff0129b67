"""Issue 10.7: an invitation link is accepted only by the invited address.

The link used to add whoever was logged in when it was opened: a forwarded or leaked link made
a stranger a member of the firm.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from dekvep.core import services
from dekvep.core.models import Membership
from tests.conftest import client_for
from tests.factories import PASSWORD, UserFactory


def test_a_stranger_logged_in_cannot_accept_someone_elses_invitation(people, firm):
    _inv, link = services.invite(people["firm_admin"], "invited@firm.example", firm, "member")
    stranger = people["other_firm_member"]
    client = client_for(stranger)
    page = client.get(link)
    assert page.status_code == 403 and "sent to another address" in page.content.decode()
    client.post(link)
    assert not Membership.objects.filter(user=stranger, organisation=firm).exists()


def test_the_service_refuses_another_account(people, firm):
    invitation, link = services.invite(people["firm_admin"], "invited@firm.example", firm, "member")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(PermissionDenied):
        services.accept_invitation(token, "", "", existing_user=people["funder"])
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_invited_account_accepts_when_logged_in(people, firm):
    invited = UserFactory(email="Invited@Firm.example")
    _inv, link = services.invite(people["firm_admin"], "invited@firm.example", firm, "member")
    client = Client()
    client.post("/login/", {"username": invited.email, "password": PASSWORD})
    client.post(link)
    assert Membership.objects.filter(user=invited, organisation=firm).exists()


def test_a_new_account_is_created_for_the_invited_address(people, firm):
    _inv, link = services.invite(people["firm_admin"], "new@firm.example", firm, "member")
    Client().post(
        link,
        {
            "full_name": "Yeni",
            "password": "Cok-gizli-parola-42",
            "password_again": "Cok-gizli-parola-42",
        },
    )
    member = Membership.objects.get(organisation=firm, user__email="new@firm.example")
    assert member.role == "member"
