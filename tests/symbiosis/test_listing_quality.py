# ruff: noqa: E501  (factory calls are kept one per line)
"""Quality attributes, temperature and capacity process of a listing: form, page, API, matching."""

import pytest
from django.conf import settings

from dekvep.symbiosis import services
from dekvep.symbiosis.models import Listing
from tests.conftest import client_for

from .factories import ListingFactory


def _form(**changes):
    data = {
        "kind": "offer",
        "title": "PET pulu",
        "quantity": "10",
        "unit": "t",
        "frequency": "month",
    }
    return {**data, **changes}


def test_the_edit_form_saves_quality_attributes_and_the_page_shows_them(people, offer):
    client = client_for(people["firm_member"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"
    form = client.get(f"/symbiosis/listings/{offer.pk}/edit/").content.decode()
    assert "Renk" in form and "Kalite sınıfı" in form and "Ortak kapasitenin süreci" in form
    client.post(
        f"/symbiosis/listings/{offer.pk}/edit/",
        _form(colour="clear", grade="food", contamination="clean", physical_form="flake"),
    )
    offer.refresh_from_db()
    assert offer.attribute_ids() == (
        "colour:clear",
        "grade:food",
        "contamination:clean",
        "form:flake",
    )
    page = client.get(
        f"/symbiosis/listings/{offer.pk}/", HTTP_ACCEPT_LANGUAGE="tr"
    ).content.decode()
    assert "şeffaf, gıdaya uygun, temiz, pul" in page
    assert "clear" not in page.split('id="listing-quality">')[1].split("<")[0]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("firm_member", 200),
        ("manager", 200),
        ("analyst", 200),
        ("other_firm_member", 403),
        ("facilitator", 403),
        ("jury", 404),
        ("funder", 404),
    ],
)
def test_the_api_patches_quality_temperature_and_process(people, offer, role, status):
    response = client_for(people[role]).patch(
        f"/api/symbiosis/listings/{offer.pk}",
        {"colour": "coloured", "temperature_c": 90, "capacity_process": "machining"},
        content_type="application/json",
    )
    assert response.status_code == status
    offer.refresh_from_db()
    assert (offer.colour == "coloured") == (status == 200)
    if status == 200:
        body = response.json()
        assert (body["colour"], body["temperature_c"], body["capacity_process"]) == (
            "coloured",
            90,
            "machining",
        )
        assert body["quality"] == ["coloured"]


def test_the_api_names_a_bad_process_or_temperature(people, offer):
    client = client_for(people["firm_member"])
    for field, value in (("capacity_process", "knitting"), ("temperature_c", 5000)):
        response = client.patch(
            f"/api/symbiosis/listings/{offer.pk}", {field: value}, content_type="application/json"
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == field


def test_a_want_for_clear_flake_only_skips_an_offer_chosen_as_coloured(programme, firm, other_firm):
    common = {"programme": programme, "status": Listing.Status.PUBLISHED, "unit": "t"}
    want = ListingFactory(
        kind="want", organisation=other_firm, title="Yalnızca şeffaf PET pulu", material="pet",
        **common,
    )  # fmt: skip
    coloured = ListingFactory(organisation=firm, title="PET pulu", colour="coloured", material="pet", **common)  # fmt: skip
    clear = ListingFactory(organisation=firm, title="PET pulu", colour="clear", material="pet", **common)  # fmt: skip
    found = {m.offer_id for m in services.matches_for(want, top=10)}
    assert str(clear.pk) in found and str(coloured.pk) not in found


def test_heat_listings_need_a_temperature_that_fits(programme, firm, other_firm):
    common = {"programme": programme, "status": Listing.Status.PUBLISHED, "material": "waste_heat"}
    heat = ListingFactory(
        organisation=firm, title="Atık ısı", unit="mw", quantity=2, temperature_c=95, **common
    )
    warm = ListingFactory(kind="want", organisation=other_firm, title="Sera ısıtması",
                          unit="mwh", quantity=10000, temperature_c=60, **common)  # fmt: skip
    hot = ListingFactory(kind="want", organisation=other_firm, title="Kurutma için ısı",
                         unit="mwh", quantity=10000, temperature_c=150, **common)  # fmt: skip
    found = {m.want_id for m in services.matches_for(heat, top=10)}
    assert str(warm.pk) in found and str(hot.pk) not in found
