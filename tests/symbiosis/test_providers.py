"""Solution providers list their services; the engine matches a service like a want."""

import pytest
from django.core.exceptions import ValidationError

from dekvep.calls.models import Call
from dekvep.core.models import AuditEntry, Organisation
from dekvep.symbiosis import providers, services
from dekvep.symbiosis.marketplace_api import ServiceIn, ServicePatch
from dekvep.symbiosis.marketplace_forms import ServiceForm
from dekvep.symbiosis.models import Listing
from tests.calls.factories import ApplicationFactory, CallFactory
from tests.conftest import ROLES, client_for
from tests.factories import SiteFactory

from .factories import ListingFactory


@pytest.fixture
def provider_org(people, programme):
    """The provider of ``people``, taking part in the programme through an application."""
    organisation = Organisation.objects.get(kind=Organisation.Kind.SOLUTION_PROVIDER)
    organisation.province, organisation.latitude, organisation.longitude = "Kocaeli", 40.77, 29.94
    organisation.save()
    call = CallFactory(programme=programme, kind=Call.Kind.OPEN_INNOVATION)
    ApplicationFactory(call=call, organisation=organisation)
    return organisation


def _service(provider_org, programme, **fields):
    defaults = {
        "programme": programme,
        "organisation": provider_org,
        "kind": Listing.Kind.WANT,
        "service": "recycling",
        "title": "Tekstil geri dönüşüm hizmeti",
        "material": "textile",
        "quantity": 5000,
        "tonnes_per_year": 5000,
    }
    return ListingFactory(**{**defaults, **fields})


def _payload(provider_org, programme, **extra):
    return {
        "organisation_id": provider_org.pk,
        "programme_id": programme.pk,
        "service": "recycling",
        "title": "Tekstil geri dönüşüm hizmeti",
        "material": "textile",
        "quantity": 400,
        "unit": "t",
        "frequency": "month",
        "service_provinces": ["İstanbul", "Kocaeli"],
        **extra,
    }


def test_a_provider_lists_a_service_as_a_want_with_its_capacity(people, provider_org, programme):
    response = client_for(people["provider"]).post(
        "/api/symbiosis/services",
        _payload(provider_org, programme),
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 201
    assert (body["kind"], body["service"], body["tonnes_per_year"]) == ("want", "recycling", 4800)
    assert body["service_provinces"] == ["İstanbul", "Kocaeli"]


def test_a_new_service_is_audited(people, provider_org, programme):
    client_for(people["provider"]).post(
        "/api/symbiosis/services",
        _payload(provider_org, programme),
        content_type="application/json",
    )
    assert AuditEntry.objects.filter(object_type="symbiosis.listing", action="created").exists()


@pytest.mark.parametrize("role", [r for r in ROLES if r != "provider"])
def test_no_one_else_lists_a_service_for_the_provider(people, provider_org, programme, role):
    response = client_for(people[role]).post(
        "/api/symbiosis/services",
        _payload(provider_org, programme),
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert not Listing.objects.exists()


def test_a_manufacturer_offers_no_service(people, firm, programme):
    response = client_for(people["firm_admin"]).post(
        "/api/symbiosis/services",
        {**_payload(firm, programme)},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_provider_outside_the_programme_is_told_so(people, programme):
    organisation = Organisation.objects.get(kind=Organisation.Kind.SOLUTION_PROVIDER)
    response = client_for(people["provider"]).post(
        "/api/symbiosis/services",
        _payload(organisation, programme),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "programme"


def test_an_unknown_service_kind_is_named(people, provider_org, programme):
    response = client_for(people["provider"]).post(
        "/api/symbiosis/services",
        _payload(provider_org, programme, service="consulting"),
        content_type="application/json",
    )
    assert response.json()["errors"][0]["field"] == "service"


def test_the_engine_matches_an_offer_to_a_service_in_its_provinces(provider_org, programme, offer):
    service = _service(provider_org, programme, service_provinces=["İstanbul"])
    assert [int(m.want_id) for m in services.matches_for(offer)] == [service.pk]


def test_a_service_does_not_reach_an_offer_outside_its_provinces(provider_org, programme, offer):
    _service(provider_org, programme, service_provinces=["Bursa"])
    assert services.matches_for(offer) == []


def test_a_match_run_keeps_the_provinces_served(provider_org, programme, offer):
    from dekvep.symbiosis.models import MatchRun

    _service(provider_org, programme, service_provinces=["Bursa"])
    run = services.execute_match_run(MatchRun.objects.create(programme=programme))
    assert run.pairs == 0


def test_the_provider_sees_the_offers_its_service_matches_anonymised(
    people, provider_org, programme, offer
):
    _service(provider_org, programme)
    page = client_for(people["provider"]).get(f"/symbiosis/listings/{offer.pk}/")
    assert page.status_code == 200
    assert "Boğaziçi" not in page.content.decode()


def test_a_provider_without_a_published_service_sees_no_offers(people, provider_org, offer):
    assert client_for(people["provider"]).get(f"/symbiosis/listings/{offer.pk}/").status_code == 404


def test_the_provider_s_services_page_lists_them(people, provider_org, programme):
    _service(provider_org, programme)
    page = client_for(people["provider"]).get("/symbiosis/services/").content.decode()
    assert "Tekstil geri dönüşüm hizmeti" in page and "Recycling" in page


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("provider", "anonymous")])
def test_the_services_page_is_the_providers(people, provider_org, role):
    assert client_for(people[role]).get("/symbiosis/services/").status_code == 403


def test_anonymous_visitors_of_the_services_page_log_in(provider_org):
    assert client_for(None).get("/symbiosis/services/")["Location"].startswith("/login/")


def test_the_form_creates_a_service(people, provider_org, programme):
    response = client_for(people["provider"]).post(
        "/symbiosis/services/new/",
        {
            "programme": programme.pk,
            "service": "treatment",
            "title": "Atık solvent arıtma",
            "waste_code": "14 06 03",
            "quantity": "1500",
            "unit": "t",
            "frequency": "year",
            "provinces": "İstanbul, Kocaeli",
            "hazardous_licence": "on",
        },
    )
    listing = Listing.objects.get()
    assert response["Location"] == f"/symbiosis/listings/{listing.pk}/"
    assert (listing.service, listing.waste_code, listing.service_provinces) == (
        "treatment",
        "140603",
        ["İstanbul", "Kocaeli"],
    )


def test_the_form_names_a_missing_capacity(people, provider_org, programme):
    page = client_for(people["provider"]).post(
        "/symbiosis/services/new/",
        {"programme": programme.pk, "service": "testing", "title": "Lab", "unit": "t"},
    )
    assert "This field is required" in page.content.decode()
    assert not Listing.objects.exists()


def test_the_provider_changes_the_provinces_through_the_api(people, provider_org, programme):
    service = _service(provider_org, programme)
    response = client_for(people["provider"]).patch(
        f"/api/symbiosis/services/{service.pk}",
        {"service_provinces": ["Bursa"]},
        content_type="application/json",
    )
    assert response.json()["service_provinces"] == ["Bursa"]


def test_the_form_and_the_api_take_the_same_fields_of_a_service():
    assert list(ServiceForm.Meta.fields) == list(providers.SERVICE_FIELDS)
    patch = set(ServicePatch.model_fields) - {"site_id", "service_provinces"}
    assert patch | {"site"} == set(providers.SERVICE_FIELDS)
    assert set(ServiceIn.model_fields) >= patch - {"organisation_id", "programme_id"}


def test_the_provider_sets_the_price_and_its_site_through_the_api(people, provider_org, programme):
    service = _service(provider_org, programme)
    site = SiteFactory(organisation=provider_org)
    body = (
        client_for(people["provider"])
        .patch(
            f"/api/symbiosis/services/{service.pk}",
            {"price": "125.50", "site_id": site.pk, "logistics": "buyer"},
            content_type="application/json",
        )
        .json()
    )
    assert (body["price"], body["logistics"]) == (125.5, "buyer")
    assert Listing.objects.get(pk=service.pk).site == site


def test_another_organisation_s_site_is_refused_by_name(people, provider_org, programme, firm):
    service = _service(provider_org, programme)
    response = client_for(people["provider"]).patch(
        f"/api/symbiosis/services/{service.pk}",
        {"site_id": SiteFactory(organisation=firm).pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "The site belongs to another organisation." in response.content.decode()
    assert Listing.objects.get(pk=service.pk).site is None


def test_a_change_to_a_service_is_audited_with_what_changed(people, provider_org, programme):
    service = _service(provider_org, programme)
    providers.update_service(people["provider"], service, title="Yeni başlık")
    entry = AuditEntry.objects.filter(object_type="symbiosis.listing", action="updated").get()
    assert entry.changes["title"] == ["Tekstil geri dönüşüm hizmeti", "Yeni başlık"]


def test_a_service_refuses_a_field_it_does_not_take(people, provider_org, programme):
    service = _service(provider_org, programme)
    with pytest.raises(ValidationError) as caught:
        providers.update_service(people["provider"], service, capacity_process="weaving")
    assert list(caught.value.message_dict) == ["capacity_process"]


def test_another_firm_cannot_change_a_service(people, provider_org, programme):
    service = _service(provider_org, programme)
    response = client_for(people["other_firm_member"]).patch(
        f"/api/symbiosis/services/{service.pk}",
        {"service_provinces": ["Bursa"]},
        content_type="application/json",
    )
    assert response.status_code in (403, 404)


def test_the_service_is_labelled_in_turkish(people, provider_org, programme):
    service = _service(provider_org, programme)
    client = client_for(people["provider"])
    client.cookies["dekvep_language"] = "tr"
    page = client.get(f"/symbiosis/listings/{service.pk}/", HTTP_ACCEPT_LANGUAGE="tr")
    assert "Geri dönüşüm" in page.content.decode()


def test_a_provider_s_new_listing_leads_to_the_service_form(people, provider_org):
    response = client_for(people["provider"]).get("/symbiosis/new/")
    assert response["Location"] == "/symbiosis/services/new/"
