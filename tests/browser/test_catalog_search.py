"""Searching the catalog in a browser: results follow the typing, in Turkish by default."""

import pytest

pytestmark = pytest.mark.browser


def test_it_updates_results_as_the_user_types(page, live_server):
    page.goto(f"{live_server.url}/catalog/")
    page.fill("#q", "KIRMIZI ÇAMUR")
    page.wait_for_selector("#catalog-results :text('01 03 10')")
    results = page.inner_text("#catalog-results")
    assert "alüminyum oksit üretiminden kaynaklanan kırmızı çamur" in results
    assert "2 kayıt" in results
    page.wait_for_url("**/catalog/?q=KIRMIZI*")


def test_it_switches_the_descriptions_to_english(page, live_server):
    page.goto(f"{live_server.url}/catalog/?q=040222")
    assert "İşlenmiş tekstil elyafı atıkları" in page.inner_text("#catalog-results")
    page.click("form.langswitch button[value=en]")
    page.wait_for_selector("#catalog-results :text('Wastes from processed textile fibres')")
    assert "İşlenmiş" not in page.inner_text("#catalog-results")
