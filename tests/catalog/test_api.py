"""The catalog API: public, paginated, in the request's language, one error format."""

import pytest
from django.test import Client

from tests.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db


def _get(client, url, **params):
    response = client.get(url, params)
    return response.status_code, response.json()


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_every_role_search_waste_codes(people, role):
    status, body = _get(client_for(people[role]), "/api/catalog/waste", q="04 02 22")
    assert status == 200
    assert [item["code"] for item in body["items"]] == ["040222"]


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_every_role_read_nace_codes_and_sectors(people, role):
    client = client_for(people[role])
    assert _get(client, "/api/catalog/nace", q="27.5")[1]["items"][0]["sector"] == "white_goods"
    assert [s["key"] for s in _get(client, "/api/catalog/sectors")[1]["items"]] == [
        "textile",
        "plastics",
        "white_goods",
    ]


def test_it_paginates_the_whole_list_of_waste():
    status, body = _get(client_for(None), "/api/catalog/waste", page=2, page_size=100)
    assert (status, body["count"], body["page"], body["pages"]) == (200, 842, 2, 9)
    assert body["items"][0]["code"] == "040222"
    assert len(body["items"]) == 100


def test_it_answers_a_page_past_the_end_with_the_error_format():
    status, body = _get(client_for(None), "/api/catalog/waste", q="çamur", page=50)
    assert status == 404
    assert body["message"] == "There is no page 50." and body["errors"] == []


def test_it_searches_turkish_words_in_any_case():
    body = _get(client_for(None), "/api/catalog/waste", q="KIRMIZI ÇAMUR")[1]
    assert [item["code"] for item in body["items"]] == ["010309", "010310"]


def test_it_filters_hazardous_entries():
    body = _get(client_for(None), "/api/catalog/waste", q="04 02", hazardous="true")[1]
    assert [item["display_code"] for item in body["items"]] == [
        "04 02 14*",
        "04 02 16*",
        "04 02 19*",
    ]


def test_it_gets_an_entry_by_code_with_spaces_and_asterisk():
    status, body = _get(client_for(None), "/api/catalog/waste/16 01 04*")
    assert status == 200
    assert (body["code"], body["hazardous"], body["entry_type"]) == ("160104", True, "absolute")


def test_it_answers_an_unknown_code_with_the_error_format():
    status, body = _get(client_for(None), "/api/catalog/waste/999999")
    assert status == 404
    assert body == {"code": "not_found", "message": "Not found.", "errors": []}


def test_it_describes_in_english_when_english_is_asked():
    body = _get(client_for(None), "/api/catalog/waste/040222")[1]
    assert body["description"] == "Wastes from processed textile fibres"
    assert body["sub_chapter_title"] == "Wastes from the textile industry"


def test_it_describes_in_turkish_by_default():
    body = _get(Client(), "/api/catalog/waste/040222")[1]
    assert body["description"] == "İşlenmiş tekstil elyafı atıkları"
    assert body["sub_chapter_title"] == "Tekstil endüstrisinden kaynaklanan atıklar"
    assert body["description_en"] == "Wastes from processed textile fibres"


def test_it_titles_nace_codes_in_turkish_by_default():
    body = _get(Client(), "/api/catalog/nace/22.2")[1]
    assert (body["title"], body["sector"]) == ("Plastik ürünlerin imalatı", "plastics")


def test_it_searches_nace_codes_by_words():
    body = _get(client_for(None), "/api/catalog/nace", q="domestic appliances")[1]
    assert [item["code"] for item in body["items"]] == ["27.5"]


def test_it_answers_an_unknown_nace_code_with_the_error_format():
    status, body = _get(client_for(None), "/api/catalog/nace/04.1")
    assert (status, body["code"]) == (404, "not_found")


def test_it_rejects_a_bad_page_size_with_field_errors():
    status, body = _get(client_for(None), "/api/catalog/waste", page_size=0)
    assert status == 422
    assert body["code"] == "invalid" and body["errors"][0]["field"] == "page_size"
