"""Register, be wait-listed and promoted; check in, receive a certificate, verify it, revoke it."""

import re

import pytest
from django.core import mail

from dekvep.core.models import StaffAssignment
from dekvep.events.models import Certificate, Registration
from tests.events.factories import CertificateProgrammeFactory, EventFactory
from tests.factories import ProgrammeFactory, StaffAssignmentFactory

from .conftest import log_in

pytestmark = pytest.mark.browser


def _register(page, live_server, event, name, email):
    page.goto(f"{live_server.url}/events/{event.pk}/")
    page.fill("input[name=full_name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=organisation_name]", "Deneme Tekstil A.Ş.")
    page.check("input[name=consent]")
    page.click("#register button[type=submit]")
    page.wait_for_selector("#registration-status")
    return confirm_from_mail(page, live_server, email)


def confirm_from_mail(page, live_server, email):
    """Follow the link of the confirmation mail sent to ``email`` and press "Confirm"."""
    sent = [m for m in mail.outbox if m.to == [email] and "/events/confirm/" in m.body]
    link = re.search(r"/events/confirm/\S+/", sent[-1].body).group(0)
    page.goto(live_server.url + link)
    page.click("#confirm-email")
    page.wait_for_selector("#registration-status")
    return page.url


def test_it_waitlists_and_promotes_when_someone_cancels(page, live_server, transactional_db):
    event = EventFactory(programme=ProgrammeFactory(), capacity=1)
    first = _register(page, live_server, event, "Ayşe Yılmaz", "ayse@example.com")
    assert Registration.objects.get(email="ayse@example.com").status == "confirmed"
    second = _register(page, live_server, event, "Can Kaya", "can@example.com")
    assert Registration.objects.get(email="can@example.com").status == "waitlisted"
    waiting_text = page.locator("#registration-status").inner_text()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(first)
    page.click("form[action$='/cancel/'] button")
    page.wait_for_selector(".message")
    page.goto(second)
    promoted_text = page.locator("#registration-status").inner_text()
    assert promoted_text != waiting_text
    assert Registration.objects.get(email="can@example.com").status == "confirmed"
    assert page.locator("img[src$='qr.svg']").count() == 1


def test_it_checks_in_issues_verifies_and_revokes_a_certificate(
    page, live_server, transactional_db
):
    programme = ProgrammeFactory()
    course = CertificateProgrammeFactory(programme=programme, sessions=[4])
    manager = StaffAssignmentFactory(programme=programme, role=StaffAssignment.Role.MANAGER).user
    _register(page, live_server, course, "Elif Şahin", "elif@example.com")
    code = page.locator("#attendance-code").inner_text()
    log_in(page, live_server, manager)
    session = course.sessions.get()
    page.goto(f"{live_server.url}/events/sessions/{session.pk}/checkin/")
    page.fill("input[name=code]", code)
    page.click("#checkin-form button[type=submit]")
    page.wait_for_selector("#checkin-result .success")
    assert "Elif Şahin" in page.locator("#checkin-result").inner_text()
    page.fill("input[name=code]", code)
    page.click("#checkin-form button[type=submit]")
    page.wait_for_selector("#checkin-result .warning")
    assert Registration.objects.get(code=code).attended_hours == 4

    page.goto(f"{live_server.url}/events/{course.pk}/completion/")
    page.click("form[action$='/certificate/'] button")
    page.wait_for_selector("td a[href^='/events/certificates/']")
    certificate = Certificate.objects.get()
    page.goto(f"{live_server.url}/verify/{certificate.code}")
    assert page.locator("#verification").get_attribute("class").endswith("verify-valid")
    assert "Elif Şahin" in page.locator("#verification").inner_text()

    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/events/certificates/{certificate.pk}/")
    page.fill("textarea[name=reason], input[name=reason]", "Yanlış kişiye düzenlendi")
    page.click("form button[data-confirm]")
    page.wait_for_selector(".message")
    page.goto(f"{live_server.url}/verify/{certificate.code}")
    assert page.locator("#verification").get_attribute("class").endswith("verify-revoked")
    assert page.locator("#revoked-reason").inner_text() == "Yanlış kişiye düzenlendi"
