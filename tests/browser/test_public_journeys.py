"""The public face in a browser, in Turkish and English: from an open call through sign-up and
e-mail confirmation straight into the application; and registering for an event without an
account, the place held only once the mailed link is confirmed."""

import os
import re

import pytest
from django.core import mail

from dekvep.core.models import User
from dekvep.events.models import Registration
from tests.calls.factories import CallFactory
from tests.events.factories import EventFactory
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.browser

WORDS = {
    "tr": {"apply": "Başvur", "check": "E-postanızı kontrol edin", "held": "yeriniz ayrıldı"},
    "en": {"apply": "Apply", "check": "Check your e-mail", "held": "your place is held"},
}


def _language(page, live_server, language):
    page.set_default_timeout(60000)  # the shared machine is slow; the pages are not
    page.goto(f"{live_server.url}/")
    page.click(f"form.langswitch button[value={language}]")
    page.wait_for_load_state()


def _shot(page, name):
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _mailed_link(address, pattern):
    sent = [m for m in mail.outbox if m.to == [address]]
    return re.search(pattern, sent[-1].body).group(0)


@pytest.mark.parametrize("language", ["tr", "en"])
def test_sign_up_from_an_open_call_leads_into_the_application(
    page, live_server, transactional_db, language
):
    words = WORDS[language]
    call = CallFactory(programme=ProgrammeFactory())
    _language(page, live_server, language)
    _shot(page, f"landing-{language}")
    page.click(f"a[href='/open-calls/{call.pk}/']")
    _shot(page, f"open-call-{language}")
    assert page.locator("#apply").inner_text() == words["apply"]
    page.click("#apply")
    page.check("input[name=kind][value=manufacturer]")
    page.fill("input[name=organisation_name]", "Yeni Örme A.Ş.")
    page.fill("input[name=tax_number]", "1234567891")  # wrong check digit
    page.fill("input[name=nace_codes]", "13.91")
    page.fill("input[name=full_name]", "Zeynep Ak")
    page.fill("input[name=email]", f"zeynep-{language}@yeni.example")
    page.fill("input[name=password]", "a-Strong-pass-123")
    page.check("input[name=consent]")
    page.click("#signup-submit")
    assert page.locator(".has-error input[name=tax_number]").count() == 1
    _shot(page, f"signup-error-{language}")
    page.fill("input[name=tax_number]", "1234567890")
    page.fill("input[name=password]", "a-Strong-pass-123")
    page.click("#signup-submit")
    page.wait_for_selector("h1")
    assert words["check"] in page.locator("h1").inner_text()
    assert not User.objects.get(email=f"zeynep-{language}@yeni.example").is_active
    page.goto(
        live_server.url + _mailed_link(f"zeynep-{language}@yeni.example", r"/signup/confirm/\S+/")
    )
    page.click("#confirm-signup")
    page.wait_for_url(f"{live_server.url}/calls/{call.pk}/apply/")
    _shot(page, f"apply-after-signup-{language}")
    assert (call.title_tr if language == "tr" else call.title_en) in page.content()
    assert User.objects.get(email=f"zeynep-{language}@yeni.example").is_active


@pytest.mark.parametrize("language", ["tr", "en"])
def test_anonymous_registration_holds_a_place_only_after_confirmation(
    page, live_server, transactional_db, language
):
    event = EventFactory(programme=ProgrammeFactory(), capacity=5)
    _language(page, live_server, language)
    page.goto(f"{live_server.url}/events/{event.pk}/")
    page.fill("input[name=full_name]", "Ayşe Yılmaz")
    page.fill("input[name=email]", f"ayse-{language}@example.com")
    page.check("input[name=consent]")
    page.click("#register button[type=submit]")
    page.wait_for_selector("#registration-status")
    _shot(page, f"registration-pending-{language}")
    assert Registration.objects.get().status == "pending"
    assert page.locator("img[src$='qr.svg']").count() == 0
    page.goto(
        live_server.url + _mailed_link(f"ayse-{language}@example.com", r"/events/confirm/\S+/")
    )
    _shot(page, f"registration-confirm-{language}")
    page.click("#confirm-email")
    page.wait_for_selector("#registration-status")
    _shot(page, f"registration-confirmed-{language}")
    assert WORDS[language]["held"] in page.locator(".messages").inner_text()
    assert Registration.objects.get().status == "confirmed"
    assert page.locator("img[src$='qr.svg']").count() == 1
