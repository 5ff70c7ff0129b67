"""Exchanges carry evidence, both firms confirm them, a facilitator verifies them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dekvep.core.models import AuditEntry
from dekvep.symbiosis import exchanges, services
from dekvep.symbiosis.models import Exchange, Synergy
from tests.conftest import ROLES, client_for
from tests.samples import pdf_bytes

TODAY = dt.date.today()
PDF = pdf_bytes()


@pytest.fixture
def agreed(people, offer, want):
    synergy = services.express_interest(people["firm_member"], offer, want)
    synergy = services.agree_to_introduction(people["other_firm_member"], synergy)
    for state in ("negotiating", "agreed"):
        synergy = services.transition_synergy(people["firm_member"], synergy, state)
    return synergy


@pytest.fixture
def exchange(people, agreed):
    return services.record_exchange(
        people["firm_member"],
        agreed,
        TODAY - dt.timedelta(days=10),
        12,
        transport_document="TKN-2026-000123",
        weighbridge_ticket="KNT-5521",
    )


def _post(user, url, data=None):
    return client_for(user).post(url, data or {}, content_type="application/json")


def test_it_records_evidence_and_the_recording_side_confirms_with_it(people, agreed):
    body = _post(
        people["firm_member"],
        f"/api/symbiosis/synergies/{agreed.pk}/exchanges",
        {
            "date": str(TODAY),
            "tonnes": 8,
            "transport_document": "TDN-77",
            "invoice_number": "FTR-2026-9",
        },
    ).json()
    shown = body["exchanges"][0]
    assert shown["transport_document"] == "TDN-77"
    assert shown["invoice_number"] == "FTR-2026-9"
    assert (shown["offer_confirmed"], shown["want_confirmed"], shown["verified"]) == (
        True,
        False,
        False,
    )
    assert body["realised"]["tonnes"] == 8


def test_both_firms_confirm_and_a_facilitator_verifies_with_an_audit_trail(
    people, agreed, exchange
):
    base = f"/api/symbiosis/synergies/{agreed.pk}/exchanges/{exchange.pk}"
    refused = _post(people["facilitator"], f"{base}/verify")
    assert refused.status_code == 400
    assert "Both firms" in refused.content.decode() or "İki firma" in refused.content.decode()
    body = _post(people["other_firm_member"], f"{base}/confirm").json()
    assert body["exchanges"][0]["want_confirmed"] is True
    body = _post(people["facilitator"], f"{base}/verify").json()
    assert body["exchanges"][0]["verified"] is True
    actions = set(
        AuditEntry.objects.filter(object_id=str(exchange.pk)).values_list("action", flat=True)
    )
    assert {"confirmed", "verified"} <= actions


def test_a_facilitator_cannot_verify_an_exchange_without_evidence(people, agreed):
    bare = services.record_exchange(people["firm_member"], agreed, TODAY, 3)
    exchanges.confirm(people["other_firm_member"], bare)
    response = _post(
        people["manager"], f"/api/symbiosis/synergies/{agreed.pk}/exchanges/{bare.pk}/verify"
    )
    assert response.status_code == 400
    assert Exchange.objects.get(pk=bare.pk).verified_at is None


VERIFIERS = {"manager", "facilitator"}
SEES_SYNERGY = {"firm_admin", "firm_member", "other_firm_member", "manager", "analyst"}


@pytest.mark.parametrize("role", ROLES)
def test_only_facilitators_and_the_manager_verify(people, agreed, exchange, role):
    exchanges.confirm(people["other_firm_member"], exchange)
    url = f"/api/symbiosis/synergies/{agreed.pk}/exchanges/{exchange.pk}/verify"
    response = _post(people[role], url)
    verified = Exchange.objects.get(pk=exchange.pk).verified_at is not None
    assert verified == (role in VERIFIERS)
    if role in VERIFIERS:
        assert response.json()["exchanges"][0]["verified"] is True
    elif role == "anonymous":
        assert response.status_code == 401
    else:
        assert "TKN-2026-000123" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_two_firms_confirm(people, agreed, exchange, role):
    url = f"/api/symbiosis/synergies/{agreed.pk}/exchanges/{exchange.pk}/confirm"
    _post(people[role], url)
    found = Exchange.objects.get(pk=exchange.pk)
    assert (found.want_confirmed_at is not None) == (role == "other_firm_member")
    assert found.offer_confirmed_by == people["firm_member"]


def test_an_invoice_goes_through_the_upload_checks(people, agreed, exchange):
    url = f"/api/symbiosis/synergies/{agreed.pk}/exchanges/{exchange.pk}/invoice"
    fake = SimpleUploadedFile("fatura.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = client_for(people["firm_member"]).post(url, {"file": fake})
    assert refused.status_code == 400
    good = SimpleUploadedFile("Örnek Tekstil fatura.pdf", PDF, content_type="application/pdf")
    body = client_for(people["firm_member"]).post(url, {"file": good}).json()
    assert body["exchanges"][0]["has_invoice"] is True
    download = client_for(people["other_firm_member"]).get(url)
    assert download.status_code == 200
    assert "Örnek" not in download["Content-Disposition"]
    assert client_for(people["provider"]).get(url).status_code in (403, 404)


def test_the_route_changes_the_credit_and_refuses_an_unknown_route(people, agreed):
    url = f"/api/symbiosis/synergies/{agreed.pk}/route"
    felt = _post(
        people["firm_member"], url, {"baseline_route": "landfill", "receiving_process": "nonwovens"}
    ).json()
    kiln = _post(
        people["firm_member"],
        url,
        {"baseline_route": "landfill", "receiving_process": "cement_coprocessing"},
    ).json()
    assert felt["impact"]["substitute"] == "virgin_fibre"
    assert kiln["impact"]["substitute"] == "coal"
    assert felt["impact"]["co2e_avoided_t"] != kiln["impact"]["co2e_avoided_t"]
    bad = _post(people["firm_member"], url, {"baseline_route": "moon", "receiving_process": ""})
    assert bad.status_code == 400
    assert Synergy.objects.get(pk=agreed.pk).receiving_process == "cement_coprocessing"


def test_an_ended_synergy_takes_no_exchange_after_its_end(people, agreed):
    synergy = services.transition_synergy(people["firm_member"], agreed, "active")
    synergy = services.transition_synergy(
        people["firm_member"], synergy, "ended", ended_on=TODAY - dt.timedelta(days=30)
    )
    assert synergy.ended_on == TODAY - dt.timedelta(days=30)
    response = _post(
        people["firm_member"],
        f"/api/symbiosis/synergies/{agreed.pk}/exchanges",
        {"date": str(TODAY), "tonnes": 5},
    )
    assert response.status_code == 400
    assert not Exchange.objects.filter(synergy=agreed).exists()


def test_the_page_shows_evidence_and_lets_each_role_do_its_part(people, agreed, exchange):
    url = f"/symbiosis/synergies/{agreed.pk}/"
    firm_page = client_for(people["other_firm_member"]).get(url).content.decode()
    assert "TKN-2026-000123" in firm_page
    assert 'value="confirm"' in firm_page
    assert 'value="verify"' not in firm_page
    client_for(people["other_firm_member"]).post(
        url, {"action": "confirm", "exchange": exchange.pk}
    )
    staff_page = client_for(people["facilitator"]).get(url).content.decode()
    assert 'value="verify"' in staff_page
    client_for(people["facilitator"]).post(url, {"action": "verify", "exchange": exchange.pk})
    assert Exchange.objects.get(pk=exchange.pk).verified_by == people["facilitator"]
    assert client_for(people["provider"]).get(url).status_code in (403, 404)


def test_the_page_records_an_exchange_with_an_invoice_and_sets_the_route(people, agreed):
    url = f"/symbiosis/synergies/{agreed.pk}/"
    client = client_for(people["firm_member"])
    client.post(
        url,
        {"action": "route", "baseline_route": "incineration", "receiving_process": "insulation"},
    )
    client.post(
        url,
        {
            "action": "exchange",
            "date": str(TODAY),
            "tonnes": "4",
            "weighbridge_ticket": "KNT-9",
            "invoice": SimpleUploadedFile("f.pdf", PDF, content_type="application/pdf"),
        },
    )
    found = Exchange.objects.get(synergy=agreed)
    assert found.weighbridge_ticket == "KNT-9" and found.invoice
    assert Synergy.objects.get(pk=agreed.pk).baseline_route == "incineration"


@pytest.mark.parametrize("role", ROLES)
def test_the_route_is_set_by_the_firms_and_programme_staff_only(people, agreed, role):
    url = f"/api/symbiosis/synergies/{agreed.pk}/route"
    response = _post(
        people[role], url, {"baseline_route": "incineration", "receiving_process": "insulation"}
    )
    changed = Synergy.objects.get(pk=agreed.pk).baseline_route == "incineration"
    allowed = SEES_SYNERGY | {"facilitator"}
    assert changed == (role in allowed)
    if role in allowed:
        assert response.json()["impact"]["substitute"] == "mineral_wool"
    else:
        assert "mineral_wool" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_synergy_page_and_the_invoice_per_role(people, agreed, exchange, role):
    exchanges.attach_invoice(
        people["firm_member"],
        exchange,
        SimpleUploadedFile("fatura.pdf", PDF, content_type="application/pdf"),
    )
    allowed = SEES_SYNERGY | {"facilitator"}
    page = client_for(people[role]).get(f"/symbiosis/synergies/{agreed.pk}/")
    invoice = client_for(people[role]).get(
        f"/symbiosis/synergies/{agreed.pk}/exchanges/{exchange.pk}/invoice"
    )
    if role in allowed:
        assert "TKN-2026-000123" in page.content.decode()
        assert invoice.status_code == 200
        assert b"".join(invoice.streaming_content).startswith(b"%PDF")
    else:
        assert "TKN-2026-000123" not in page.content.decode()
        assert invoice.status_code in (302, 403, 404)


def test_the_page_shows_the_services_refusal_next_to_the_exchange_form(people, agreed):
    agreed.ended_on = TODAY - dt.timedelta(days=1)
    agreed.save()
    response = client_for(people["firm_member"]).post(
        f"/symbiosis/synergies/{agreed.pk}/",
        {"action": "exchange", "date": str(TODAY), "tonnes": "4", "weighbridge_ticket": "KNT-9"},
    )
    assert "The synergy ended before this date." in response.content.decode()
    assert not Exchange.objects.filter(synergy=agreed).exists()
