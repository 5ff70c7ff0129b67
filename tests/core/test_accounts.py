from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from dekvep.core import services
from dekvep.core.models import ApiToken, Invitation, Membership, User
from tests.conftest import client_for
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def invitation_link(people, firm):
    _invitation, link = services.invite(people["firm_admin"], "new@firm.example", firm, "member")
    return link


def test_it_invites_a_person_who_sets_a_password_and_joins(invitation_link, firm):
    client = Client()
    response = client.post(
        invitation_link,
        {
            "full_name": "Yeni Kişi",
            "password": "Cok-gizli-parola-42",
            "password_again": "Cok-gizli-parola-42",
        },
        follow=True,
    )
    user = User.objects.get(email="new@firm.example")
    assert Membership.objects.get(user=user).organisation == firm
    assert firm.name in response.content.decode()


def test_it_sends_the_invitation_by_email(people, firm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(people["firm_admin"], "mailed@firm.example", firm, "member")
    assert mail.outbox[0].to == ["mailed@firm.example"]
    assert "/invitation/" in mail.outbox[0].body


def test_it_refuses_a_reused_invitation(invitation_link):
    data = {
        "full_name": "A",
        "password": "Cok-gizli-parola-42",
        "password_again": "Cok-gizli-parola-42",
    }
    Client().post(invitation_link, data)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(invitation_link)
    assert "already been used" in response.content.decode()


def test_it_refuses_an_expired_invitation(invitation_link):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(invitation_link)
    assert "has expired" in response.content.decode()


def test_it_refuses_a_tampered_invitation_link(invitation_link):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(invitation_link[:-3] + "xyz/")
    assert "not valid" in response.content.decode()


def test_it_refuses_inviting_someone_who_is_already_a_member(people, firm):
    response = client_for(people["firm_admin"]).post(
        f"/organisations/{firm.pk}/team/", {"email": people["firm_member"].email, "role": "member"}
    )
    assert "already a member" in response.content.decode()


def test_it_asks_an_existing_account_holder_to_log_in_instead_of_creating_a_duplicate(people, firm):
    UserFactory(email="existing@else.example")
    _inv, link = services.invite(people["firm_admin"], "existing@else.example", firm, "member")
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(link, follow=True)
    assert "exists. Log in to accept" in response.content.decode()
    assert User.objects.filter(email="existing@else.example").count() == 1


def test_it_emails_a_password_reset_link(people):
    Client().post("/password-reset/", {"email": people["firm_member"].email})
    assert "/password-reset/" in mail.outbox[0].body


def test_it_saves_account_settings(people):
    client = client_for(people["firm_member"])
    client.post(
        "/account/",
        {"full_name": "Ada Lovelace", "phone": "+90 212 000 00 00", "preferred_language": "en"},
    )
    people["firm_member"].refresh_from_db()
    assert people["firm_member"].full_name == "Ada Lovelace"


def test_it_throttles_failed_logins(people):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    email = people["firm_member"].email
    for _ in range(5):
        client.post("/login/", {"username": email, "password": "wrong"})
    response = client.post("/login/", {"username": email, "password": PASSWORD})
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_logs_in_with_the_right_password(people):
    client = Client()
    response = client.post(
        "/login/", {"username": people["firm_member"].email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people["firm_member"].pk)


def test_it_shows_a_new_token_once_and_stores_only_its_hash(people):
    response = client_for(people["firm_member"]).post("/account/tokens/", {"name": "ERP"})
    html = response.content.decode()
    token = ApiToken.objects.get(name="ERP")
    key = html.split('id="token-key">')[1].split("<")[0]
    assert key.startswith(token.prefix)
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in token.key_hash


def test_it_revokes_a_token(people):
    token, key = services.create_api_token(people["firm_member"], "script")
    client_for(people["firm_member"]).post(f"/account/tokens/{token.pk}/revoke/")
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        "/api/core/me", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_it_switches_language_and_remembers_it_on_the_account(people):
    client = client_for(people["manager"])
    client.cookies.pop("dekvep_language")
    assert "Programın genel görünümü" in client.get("/").content.decode()
    client.post("/language/", {"language": "en", "next": "/"})
    assert "Programme overview" in client.get("/").content.decode()
    people["manager"].refresh_from_db()
    assert people["manager"].preferred_language == "en"


def test_it_uses_the_preferred_language_of_the_account(people):
    people["manager"].preferred_language = "en"
    people["manager"].save()
    client = Client()
    client.force_login(people["manager"])
    assert "Programme overview" in client.get("/").content.decode()


def test_it_shows_the_password_rules_a_new_account_breaks(invitation_link):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        invitation_link,
        {"full_name": "Yeni Kişi", "password": "kisa", "password_again": "kisa"},
    )
    assert "This password is too short." in response.content.decode()
    assert not User.objects.filter(email="new@firm.example").exists()
