"""A firm administrator answers the readiness questionnaire and reads the result in Turkish and
English."""

import os

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("READINESS_SCREENSHOTS")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_a_firm_admin_answers_the_questionnaire_and_reads_its_readiness(
    page, live_server, firm, people
):
    base = live_server.url
    log_in(page, live_server, people["firm_admin"])

    page.click("nav >> text=Yeşil Mutabakat")
    page.get_by_role("heading", name=f"Yeşil Mutabakat hazırlığı: {firm.name}").wait_for()
    page.click("text=Anketi yanıtlayın")

    # A CN code outside the shipped list is refused at its field, in Turkish.
    page.check("input[name=export_markets][value=eu]")
    page.fill("input[name=eu_export_share]", "60")
    page.select_option("select[name=customer_requests]", "yes")
    page.fill("input[name=cn_codes]", "6109 10, 0101")
    page.check("input[name=product_types][value=apparel]")
    page.fill("input[name=headcount]", "120")
    _shot(page, "readiness-questionnaire-tr.png")
    page.click("#profile-form button[type=submit]")
    page.get_by_text(
        "2. kod (0101): 0101 pozisyonu kapsamdaki fasılların KN listesinde yok"
    ).wait_for()

    page.fill("input[name=cn_codes]", "6109 10, 6302")
    page.click("#profile-form button[type=submit]")
    page.get_by_text("Yanıtlarınız kaydedildi").wait_for()
    espr = page.locator("#rule-espr_dpp_textiles")
    assert "Uygulanır" in espr.inner_text()
    assert "KN kodlarınız (610910, 6302) kapsamda." in espr.inner_text()
    assert (
        "Tekstilde genişletilmiş üretici sorumluluğu" in page.locator("#requirements").inner_text()
    )
    page.locator("#timeline").get_by_text(
        "Tekstil GÜS sistemleri her üye devlette kurulmuş olur"
    ).wait_for()
    _shot(page, "readiness-firm-tr.png")

    page.click("button[value=en]")
    page.get_by_role("heading", name=f"Green Deal readiness: {firm.name}").wait_for()
    espr = page.locator("#rule-espr_dpp_textiles")
    assert "Applies" in espr.inner_text()
    assert "Your CN codes 610910, 6302 are in scope." in espr.inner_text()
    assert (
        "Textile EPR schemes set up in every member state" in page.locator("#timeline").inner_text()
    )
    _shot(page, "readiness-firm-en.png")
    assert page.url.startswith(f"{base}/readiness/firms/{firm.pk}/")
