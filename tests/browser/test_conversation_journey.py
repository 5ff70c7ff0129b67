"""Introduce → talk → exchange recorded: a question through the facilitator before the
introduction, a thread with a photo after it, then the delivery the firms talked about (Turkish)."""

import datetime as dt

import pytest

from dekvep.symbiosis import services
from dekvep.symbiosis.models import Listing, Synergy
from tests.samples import jpeg_bytes
from tests.symbiosis.factories import ListingFactory

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def pending(people, programme, firm, other_firm, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    other_firm.latitude, other_firm.longitude = 40.99, 29.15
    other_firm.save()
    offer = ListingFactory(programme=programme, organisation=firm, title="Pamuklu kumaş kırpıntısı")
    want = ListingFactory(
        programme=programme,
        organisation=other_firm,
        kind=Listing.Kind.WANT,
        title="Keçe üretimi için tekstil kırpıntısı",
        material="textile",
        quantity=600,
    )
    return services.express_interest(people["firm_member"], offer, want)


def _switch(page, live_server, user, url):
    page.context.clear_cookies()
    log_in(page, live_server, user)
    page.goto(url)


def test_firms_are_introduced_talk_and_record_the_exchange(
    page, live_server, people, pending, tmp_path
):
    page.set_default_timeout(60000)  # a shared, busy machine must not fail the journey
    page.set_default_navigation_timeout(60000)
    url = f"{live_server.url}/symbiosis/synergies/{pending.pk}/"
    _switch(page, live_server, people["other_firm_member"], url)
    page.fill("#question-text", "Kırpıntılar boyalı mı?")
    page.get_by_role("button", name="Kolaylaştırıcı aracılığıyla sor").click()
    page.get_by_text("Yanıt bekleniyor.").wait_for()

    _switch(page, live_server, people["facilitator"], url)
    page.get_by_text("Rakip Plastik A.Ş.").first.wait_for()  # staff see who asked
    page.locator("textarea[id^=answer-]").fill("Çoğunlukla ham renkte.")
    page.get_by_role("button", name="Yanıt", exact=True).click()

    _switch(page, live_server, people["other_firm_member"], url)
    page.get_by_text("Çoğunlukla ham renkte.").wait_for()
    page.get_by_role("button", name="Tanıştırılmayı kabul et").click()
    page.locator("#message-text").wait_for()
    photo = tmp_path / "numune.jpg"
    photo.write_bytes(jpeg_bytes())
    page.fill("#message-text", "Numune fotoğrafı ekte. Ayda 10 t alabiliriz.")
    page.set_input_files("#message-files", str(photo))
    page.get_by_role("button", name="Gönder").click()
    page.get_by_role("link", name="numune.jpg").wait_for()

    _switch(page, live_server, people["firm_member"], url)
    page.locator("#conversation-title .badge", has_text="1 yeni").wait_for()
    assert "Ayda 10 t alabiliriz." in page.inner_text("#conversation")
    page.fill("#message-text", "Anlaştık, ilk yükleme gelecek hafta.")
    page.get_by_role("button", name="Gönder").click()
    page.get_by_text("Anlaştık, ilk yükleme gelecek hafta.").wait_for()

    synergy = Synergy.objects.get(pk=pending.pk)
    for state in ("negotiating", "agreed"):
        synergy = services.transition_synergy(people["firm_member"], synergy, state)
    page.goto(url)
    page.fill("input[name=date]", (dt.date.today() - dt.timedelta(days=1)).isoformat())
    page.fill("input[name=tonnes]", "10")
    page.get_by_role("button", name="Teslimat kaydet").last.click()
    page.wait_for_load_state()
    assert synergy.exchanges.get().tonnes == 10
    assert synergy.messages.count() == 2 and synergy.questions.get().answer
