"""A call from application to confirmed place, in the browser (Turkish UI):
apply with a file, review, shortlist, announce, select, confirm."""

import pytest

from dekvep.calls.models import Application, Question
from dekvep.core.models import Participation
from tests.calls.factories import CallFactory, CriterionFactory, DeclarationFactory, QuestionFactory
from tests.factories import OrganisationFactory

from .conftest import log_in

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def call(programme):
    call = CallFactory(programme=programme, title_tr="Firma seçim çağrısı")
    QuestionFactory(call=call, kind=Question.Kind.LONG_TEXT, label_tr="Neden başvuruyorsunuz?")
    QuestionFactory(call=call, kind=Question.Kind.FILE, label_tr="Firma tanıtımı", required=True)
    CriterionFactory(call=call, name_tr="Motivasyon", weight=2)
    CriterionFactory(call=call, name_tr="Kapasite", weight=1)
    DeclarationFactory(call=call)
    return call


def _log_out(page):
    page.context.clear_cookies()


def _stage_and_announce(page, base, application, decision):
    page.goto(f"{base}/calls/applications/{application.pk}/")
    page.select_option("select[name=decision]", decision)
    page.get_by_role("button", name="Kararı hazırla").click()
    page.get_by_text("Karar hazırlandı").wait_for()
    page.goto(f"{base}/calls/{application.call_id}/applications/")
    page.once("dialog", lambda dialog: dialog.accept())  # announcing cannot be taken back
    page.click("#announce")
    page.get_by_text("karar duyuruldu").wait_for()


def test_it_takes_an_application_from_the_form_to_a_confirmed_place(
    page, live_server, programme, call, people, tmp_path
):
    base = live_server.url
    newcomer = OrganisationFactory(name="Yeni Örme Tekstil A.Ş.")
    people["firm_admin"].memberships.create(organisation=newcomer, role="admin")

    # The firm applies, with a file, and sees the automatic eligibility check.
    log_in(page, live_server, people["firm_admin"])
    page.goto(f"{base}/calls/{call.pk}/")
    page.get_by_role("link", name="Başvur", exact=True).click()
    page.select_option("select[name=organisation]", str(newcomer.pk))
    page.fill("input[name=title]", "Boyahanede su verimliliği")
    page.get_by_role("button", name="Başvuruma başla").click()
    page.get_by_role("button", name="Başvuruyu gönder").click()
    page.get_by_text("“Neden başvuruyorsunuz?” zorunludur.").wait_for()
    text, upload = call.questions.order_by("pk")
    page.fill(f"textarea[name=q{text.pk}]", "Suyu yarıya indirmek istiyoruz.")
    profile = tmp_path / "tanitim.pdf"
    profile.write_bytes(PDF)
    page.set_input_files(f"input[name=q{upload.pk}]", str(profile))
    page.check(f"input[name=d{call.declarations.get().pk}]")
    page.get_by_role("button", name="Başvuruyu gönder").click()
    page.get_by_text("Başvurunuz gönderildi.").wait_for()
    assert page.locator("#status").inner_text() == "Uygun"
    application = Application.objects.get(call=call, organisation=newcomer)
    _log_out(page)

    # The manager assigns the jury member, who scores it.
    log_in(page, live_server, people["manager"])
    page.goto(f"{base}/calls/applications/{application.pk}/")
    page.select_option("select[name=reviewer]", str(people["jury"].pk))
    page.get_by_role("button", name="Ata", exact=True).click()
    page.get_by_text("Değerlendirici atandı.").wait_for()
    _log_out(page)
    log_in(page, live_server, people["jury"])
    page.goto(f"{base}/calls/reviews/")
    page.get_by_role("link", name="Boyahanede su verimliliği").click()
    first, second = call.criteria.order_by("pk")
    page.fill(f"input[name=c{first.pk}]", "9")
    page.fill(f"input[name=c{second.pk}]", "6")
    page.fill("textarea[name=comment_to_applicant]", "Ölçülebilir hedefler güçlü.")
    page.get_by_role("button", name="Değerlendirmemi gönder").click()
    page.get_by_text("Değerlendirmeniz gönderildi.").wait_for()
    assert "80,00" in page.content()  # Turkish decimal comma
    _log_out(page)

    # The manager shortlists, announces, then selects and announces again.
    log_in(page, live_server, people["manager"])
    _stage_and_announce(page, base, application, "shortlisted")
    page.goto(f"{base}/calls/{call.pk}/ranking/")
    page.get_by_text("Kısa listede").wait_for()
    _stage_and_announce(page, base, application, "selected")
    _log_out(page)

    # The firm confirms its place and becomes a participant of the programme.
    log_in(page, live_server, people["firm_admin"])
    page.goto(f"{base}/calls/applications/{application.pk}/")
    page.get_by_text("Ölçülebilir hedefler güçlü.").wait_for()
    page.get_by_role("button", name="Yerimi onayla").click()
    page.get_by_text("Yerinizi onayladınız.").wait_for()
    assert page.locator("#status").inner_text() == "Onaylandı"
    assert Participation.objects.filter(programme=programme, organisation=newcomer).exists()
