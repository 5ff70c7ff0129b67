"""The catalog search page: public, search as you type, in Turkish or English."""

import pytest
from django.test import Client

from tests.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_every_role_the_search_page(people, role):
    page = _text(client_for(people[role]).get("/catalog/", {"q": "processed textile"}))
    assert "04 02 22" in page and "Wastes from processed textile fibres" in page


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_every_role_a_waste_code(people, role):
    page = _text(client_for(people[role]).get("/catalog/waste/160104/"))
    assert "16 01 04*" in page and "End-of-life vehicles" in page


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_every_role_a_nace_code(people, role):
    page = _text(client_for(people[role]).get("/catalog/nace/27.5/"))
    assert "Manufacture of domestic appliances" in page and "White goods" in page


def test_it_lists_the_first_page_of_all_codes_without_a_query():
    page = _text(client_for(None).get("/catalog/"))
    assert "842 entries" in page and "01 01 01" in page and "Page 1 of 34" in page


def test_it_answers_htmx_with_the_results_only():
    response = client_for(None).get("/catalog/", {"q": "04 02 22*"}, HTTP_HX_REQUEST="true")
    page = _text(response)
    assert "<html" not in page
    assert "1 entry" in page and "Wastes from processed textile fibres" in page


def test_it_wires_the_search_box_to_search_as_you_type():
    page = _text(client_for(None).get("/catalog/"))
    assert 'hx-get="/catalog/"' in page and 'hx-target="#catalog-results"' in page


def test_it_finds_turkish_words_typed_in_capitals():
    page = _text(client_for(None).get("/catalog/", {"q": "KIRMIZI ÇAMUR"}))
    assert "01 03 09" in page and "01 03 10" in page and "2 entries" in page


def test_it_says_when_nothing_matches():
    page = _text(client_for(None).get("/catalog/", {"q": "unobtainium"}))
    assert "No waste code matches." in page


def test_it_searches_nace_codes():
    page = _text(client_for(None).get("/catalog/", {"q": "plastic", "kind": "nace"}))
    assert "22.2" in page and "Manufacture of plastic products" in page and "Plastics" in page


def test_it_marks_hazardous_codes():
    page = _text(client_for(None).get("/catalog/", {"q": "16 01 04"}))
    assert "Hazardous" in page


def test_it_answers_an_unknown_waste_code_with_not_found():
    assert client_for(None).get("/catalog/waste/999999/").status_code == 404


def test_it_shows_turkish_descriptions_in_turkish():
    page = _text(Client().get("/catalog/", {"q": "04 02 22"}))
    assert "İşlenmiş tekstil elyafı atıkları" in page
    assert "Wastes from processed textile fibres" not in page
    assert "Referans veriler" in page


def test_it_shows_english_descriptions_in_english():
    page = _text(client_for(None).get("/catalog/", {"q": "04 02 22"}))
    assert "Wastes from processed textile fibres" in page
    assert "İşlenmiş tekstil elyafı atıkları" not in page


def test_it_switches_language_with_the_language_switch():
    client = Client()
    assert "İşlenmiş tekstil elyafı atıkları" in _text(client.get("/catalog/waste/040222/"))
    client.post("/language/", {"language": "en", "next": "/catalog/waste/040222/"})
    page = _text(client.get("/catalog/waste/040222/"))
    assert "Wastes from processed textile fibres" in page.split("In the other language")[0]
