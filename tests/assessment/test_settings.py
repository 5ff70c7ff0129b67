"""The programme's assessment settings: discount rate, Turkish carbon price, GWP set."""

import json

import pytest

from dekvep.assessment import services

from ..conftest import ROLES, client_for

READERS = {"manager", "analyst"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_programmes_manager_and_analysts_read_the_settings(role, programme, people):
    response = client_for(people[role]).get(f"/api/assessment/programmes/{programme.pk}/settings")
    if role in READERS:
        assert response.json()["discount_rate_used"] == pytest.approx(0.08)
        assert response.json()["origin_carbon_price_eur_per_t"] == 0
    else:
        assert response.status_code in (401, 404)
        assert "discount_rate" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_manager_sets_them(role, programme, people):
    response = client_for(people[role]).put(
        f"/api/assessment/programmes/{programme.pk}/settings",
        json.dumps({"discount_rate": 0.12, "origin_carbon_price_eur_per_t": 15, "gwp_set": "AR6"}),
        content_type="application/json",
    )
    stored = services.programme_settings(programme)
    if role == "manager":
        assert response.json()["gwp_set"] == "AR6"
        assert (stored.discount_rate, stored.gwp_set) == (0.12, "AR6")
    else:
        assert response.status_code in (401, 403, 404)
        assert stored.pk is None


def test_a_bad_rate_is_refused_naming_the_field(programme, people):
    response = client_for(people["manager"]).put(
        f"/api/assessment/programmes/{programme.pk}/settings",
        json.dumps({"discount_rate": 3}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "discount_rate" in response.content.decode()


def test_assessments_use_the_programmes_rate_gwp_set_and_carbon_price(inventory, programme, people):
    data = dict(inventory.data)
    data["cbam"] = {
        "carbon_price_eur_per_t": 100,
        "year": 2034,
        "goods": [
            {
                "cn_code": "7318",
                "flow": "export",
                "quantity": 100,
                "unit": "t",
                "embedded_tco2e_per_t": 2.0,
            }
        ],
    }
    inventory.data = data
    inventory.save()
    before = services.compute_result(inventory)
    services.update_programme_settings(
        people["manager"],
        programme,
        discount_rate=0.2,
        origin_carbon_price_eur_per_t=25,
        gwp_set="AR6",
    )
    after = services.compute_result(inventory)
    assert before["cbam"]["cost_eur"] == pytest.approx(200 * 100)
    assert after["cbam"]["cost_eur"] == pytest.approx(200 * 75)
    assert after["ghg"]["gwp_set"] == "AR6"
    assert after["package"]["npv_try"] < before["package"]["npv_try"]


@pytest.mark.parametrize("role", ROLES)
def test_the_settings_page_shows_the_choices_to_manager_and_analysts_only(role, programme, people):
    response = client_for(people[role]).get(f"/assessment/programmes/{programme.pk}/settings")
    page = response.content.decode()
    if role == "manager":
        assert 'name="discount_rate"' in page
        assert "IPCC AR5" in page
    elif role == "analyst":
        assert 'name="discount_rate"' not in page
        assert "programme default (8.0%)" in page
        assert "IPCC AR5" in page
    else:
        assert response.status_code in (302, 404)
        assert "IPCC AR5" not in page


def test_the_manager_saves_the_settings_on_the_page(programme, people):
    client = client_for(people["manager"])
    client.cookies["dekvep_language"] = "tr"
    response = client.post(
        f"/assessment/programmes/{programme.pk}/settings",
        {"discount_rate": "0,1", "origin_carbon_price_eur_per_t": "12", "gwp_set": "AR6"},
        follow=True,
    )
    stored = services.programme_settings(programme)
    assert (stored.discount_rate, stored.origin_carbon_price_eur_per_t) == (0.1, 12)
    assert stored.gwp_set == "AR6"
    assert "Değerlendirme ayarları kaydedildi." in response.content.decode()


def test_an_analyst_cannot_post_the_settings(programme, people):
    response = client_for(people["analyst"]).post(
        f"/assessment/programmes/{programme.pk}/settings", {"gwp_set": "AR6"}
    )
    assert response.status_code == 403
    assert services.programme_settings(programme).pk is None


def test_a_rate_out_of_range_is_shown_next_to_its_field(programme, people):
    response = client_for(people["manager"]).post(
        f"/assessment/programmes/{programme.pk}/settings",
        {"discount_rate": "3", "origin_carbon_price_eur_per_t": "0", "gwp_set": "AR5"},
    )
    page = response.content.decode()
    assert "0.5" in page or "0,5" in page
    assert services.programme_settings(programme).pk is None
