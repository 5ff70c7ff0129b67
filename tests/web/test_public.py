"""The public face: landing page, open calls, sign-up with e-mail confirmation, and the API."""

import re

import pytest
from django.core import mail

from dekvep.core.models import AuditEntry, Membership, Organisation, User
from dekvep.core.signup import confirmation_token
from tests.calls.factories import CallFactory
from tests.conftest import client_for
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

VALID_VKN = "1234567890"


def _vkn(first_nine: str) -> str:
    from dekvep.core.validators import vkn_check_digit

    return first_nine + str(vkn_check_digit(first_nine))


def _form(**extra):
    data = {
        "kind": "manufacturer",
        "organisation_name": "Yeni Tekstil A.Ş.",
        "tax_number": _vkn("123456789"),
        "nace_codes": "13.30",
        "province": "İstanbul",
        "full_name": "Zeynep Ak",
        "email": "zeynep@yeni.example",
        "password": "a-Strong-pass-123",
        "consent": "on",
    }
    data.update(extra)
    return data


def test_the_landing_page_shows_open_calls_events_and_only_chosen_figures(programme):
    call = CallFactory(programme=programme)
    closed = CallFactory(programme=programme, published=False, title_en="Hidden draft call")
    event = EventFactory(programme=programme)
    programme.public_figures = ["firms_selected", "not_a_figure"]
    programme.save()
    body = client_for(None).get("/").content.decode()
    assert call.title_en in body and closed.title_en not in body
    assert event.title_en in body or event.title in body
    assert "Firms selected" in body and "Certificates issued" not in body
    assert "/signup/" in body and "/open-calls/" in body


def test_a_signed_in_user_still_gets_their_own_home(programme, people):
    body = client_for(people["firm_admin"]).get("/").content.decode()
    assert "Sign up your organisation" not in body


def test_open_calls_show_their_rules_and_an_apply_button_leading_to_sign_up(programme):
    call = CallFactory(programme=programme, eligible_kinds=["manufacturer"], places=21)
    listing = client_for(None).get("/open-calls/").content.decode()
    assert call.title_en in listing
    body = client_for(None).get(f"/open-calls/{call.pk}/").content.decode()
    assert "Rules" in body and "Manufacturer" in body and "21" in body
    assert f'href="/signup/?call={call.pk}"' in body and ">Apply<" in body


def test_an_unpublished_call_is_not_public(programme):
    call = CallFactory(programme=programme, published=False)
    assert client_for(None).get(f"/open-calls/{call.pk}/").status_code == 404


def test_sign_up_confirms_the_address_then_goes_straight_into_the_application(
    programme, django_capture_on_commit_callbacks
):
    call = CallFactory(programme=programme)
    client = client_for(None)
    assert "To apply to" in client.get(f"/signup/?call={call.pk}").content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/signup/?call={call.pk}", _form(call=call.pk), follow=True)
    assert "Check your e-mail" in response.content.decode()
    user = User.objects.get(email="zeynep@yeni.example")
    organisation = Organisation.objects.get(name="Yeni Tekstil A.Ş.")
    assert not user.is_active and organisation.kind == "manufacturer"
    assert organisation.sector == "textile"
    assert Membership.objects.get(user=user).role == "admin"
    assert client.post("/login/", {"username": user.email, "password": "a-Strong-pass-123"})
    assert "_auth_user_id" not in client.session
    link = re.search(r"/signup/confirm/\S+/", mail.outbox[0].body).group(0)
    assert "Confirm" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == f"/calls/{call.pk}/apply/"
    user.refresh_from_db()
    assert user.is_active and AuditEntry.objects.filter(action="signed_up").exists()
    assert call.title_en in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("tax_number", "1234567891", "check digit"),
        ("tax_number", "12345", "exactly 10 digits"),
        ("email", "not-an-address", "Enter a valid"),
        ("consent", "", "personal data notice"),
        ("password", "kisa", "too short"),
    ],
)
def test_sign_up_names_the_field_in_error_and_saves_nothing(field, value, words):
    body = client_for(None).post("/signup/", _form(**{field: value})).content.decode()
    assert words in body
    assert not Organisation.objects.exists() and not User.objects.exists()


def test_sign_up_refuses_a_known_tax_number(firm):
    firm.tax_number = _vkn("987654321")
    firm.save()
    body = client_for(None).post("/signup/", _form(tax_number=firm.tax_number)).content.decode()
    assert "already registered" in body and not User.objects.filter(email="zeynep@yeni.example")


def test_a_forged_confirmation_link_activates_nothing():
    client = client_for(None)
    client.post("/signup/", _form())
    body = client.post("/signup/confirm/forged/").content.decode()
    assert "not valid" in body
    assert not User.objects.get(email="zeynep@yeni.example").is_active


def test_the_sign_up_page_is_in_turkish():
    client = client_for(None)
    client.cookies["dekvep_language"] = "tr"
    body = client.get("/signup/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert "Kuruluşunuzu kaydedin" in body and "Vergi kimlik numarası" in body


# API ---------------------------------------------------------------------------------------


def _post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_the_api_lists_the_landing_facts_and_open_calls(programme):
    call = CallFactory(programme=programme)
    programme.public_figures = ["firms_selected"]
    programme.save()
    landing = client_for(None).get("/api/public/landing").json()
    assert [c["id"] for c in landing["open_calls"]] == [call.pk]
    shown = next(p for p in landing["programmes"] if p["slug"] == programme.slug)
    assert [f["key"] for f in shown["figures"]] == ["firms_selected"]
    detail = client_for(None).get(f"/api/public/open-calls/{call.pk}").json()
    assert detail["is_open"] and detail["kind_label"] == "Firm selection"


def test_the_api_signs_up_and_confirms(programme):
    call = CallFactory(programme=programme)
    payload = {
        "kind": "solution_provider",
        "organisation_name": "Çözüm Lab",
        "tax_number": _vkn("111222333"),
        "full_name": "Ece Kara",
        "email": "ece@lab.example",
        "password": "a-Strong-pass-123",
        "consent": True,
        "call_id": call.pk,
    }
    response = _post(client_for(None), "/api/public/signup", payload)
    assert response.status_code == 201 and response.json()["active"] is False
    again = _post(client_for(None), "/api/public/signup", payload)
    fields = {e["field"] for e in again.json()["errors"]}
    assert again.status_code == 400 and {"tax_number", "email"} <= fields
    user = User.objects.get(email="ece@lab.example")
    confirmed = _post(
        client_for(None), f"/api/public/signup/confirm/{confirmation_token(user, call.pk)}", {}
    ).json()
    assert confirmed == {"email": "ece@lab.example", "active": True, "apply_to_call": call.pk}


# The programme setting: figures shown to the public -----------------------------------------

ROLES = ["manager", "analyst", "facilitator", "jury", "funder", "firm_admin", "provider"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_manager_chooses_the_published_figures(programme, people, role):
    client = client_for(people[role])
    page = client.get(f"/programmes/{programme.slug}/public-figures/")
    response = client.post(
        f"/programmes/{programme.slug}/public-figures/", {"figures": ["firms_selected"]}
    )
    programme.refresh_from_db()
    if role == "manager":
        assert "Firms selected" in page.content.decode()
        assert programme.public_figures == ["firms_selected"]
        assert "now shows 1 figure." in client.get(response["Location"]).content.decode()
    else:
        assert page.status_code == 403 and "Firms selected" not in page.content.decode()
        assert programme.public_figures == []


@pytest.mark.parametrize("role", ROLES)
def test_the_api_sets_the_published_figures_for_the_manager_only(programme, people, role):
    response = client_for(people[role]).put(
        f"/api/public/programmes/{programme.slug}/figures",
        {"figures": ["certificates_issued"]},
        content_type="application/json",
    )
    programme.refresh_from_db()
    if role == "manager":
        assert response.json()["figures"][0]["key"] == "certificates_issued"
    else:
        assert response.status_code == 403 and programme.public_figures == []
