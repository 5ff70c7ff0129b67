"""A blind reviewer's pages in the browser (Turkish UI): [firma] in place of the applicant's
name, and a conflict form without the organisation directory."""

import os

import pytest

from dekvep.calls import services
from dekvep.calls.models import Question
from tests.calls.factories import (
    CallFactory,
    CriterionFactory,
    DeclarationFactory,
    PhaseFactory,
    QuestionFactory,
)

from .conftest import log_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_a_blind_reviewer_reads_firma_and_declares_by_reference(page, live_server, people, firm):
    call = CallFactory(programme=firm.programmes.first(), title_tr="Firma seçim çağrısı")
    question = QuestionFactory(call=call, kind=Question.Kind.LONG_TEXT, label_tr="Neden?")
    CriterionFactory(call=call, name_tr="Motivasyon", weight=1)
    DeclarationFactory(call=call)
    admin = people["firm_admin"]
    application = services.start_application(admin, call, firm, "Boğaziçi Örme su projesi")
    services.save_application(
        admin,
        application,
        summary="Boğaziçi Örme olarak boyahanede suyu yarıya indiriyoruz.",
        answers={question.pk: "Boğaziçi Örme A.Ş. deneyimi"},
        declaration_ids=list(call.declarations.values_list("pk", flat=True)),
    )
    application = services.submit(admin, application)
    review = services.assign_reviewer(people["manager"], application, people["jury"])
    PhaseFactory(call=call, blind=True, active=True)
    page.set_default_timeout(90000)  # a shared test machine can be slow
    log_in(page, live_server, people["jury"])
    page.goto(f"{live_server.url}/calls/reviews/{review.pk}/")
    body = page.inner_text("main")
    assert "Boğaziçi" not in body and "[firma]" in body
    _shot(page, "blind-review.png")
    page.goto(f"{live_server.url}/calls/{call.pk}/conflicts/")
    assert "Boğaziçi" not in page.inner_text("main")
    page.select_option("select[name=application]", application.reference)
    page.locator("main form button[type=submit]").click()
    page.locator("ul.plain li", has_text=application.reference).wait_for()
    _shot(page, "conflicts.png")
