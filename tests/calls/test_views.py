"""The pages: what applicants, reviewers and staff see and do."""

from io import BytesIO

from django.test import Client
from openpyxl import load_workbook

from dekvep.calls.models import Application, Call, Question
from tests.conftest import client_for

from .conftest import pdf


def test_it_shows_the_calls_page_in_turkish_by_default(people, call):
    client = Client()
    client.force_login(people["firm_admin"])
    page = client.get("/calls/").content.decode()
    assert "Açık çağrılar" in page and call.title_tr in page


def test_it_shows_closing_times_in_istanbul_time(people, call):
    page = client_for(people["firm_admin"]).get(f"/calls/{call.pk}/").content.decode()
    from django.utils import timezone

    closes = timezone.localtime(call.closes_at)
    assert f"{closes.day} {closes:%b %Y %H:%M}" in page  # English reader: 1 Mar 2022 14:05
    assert "Istanbul time" in page


def test_it_takes_an_application_from_start_to_submission(people, call, firm):
    client = client_for(people["firm_admin"])
    response = client.post(f"/calls/{call.pk}/apply/", {"organisation": firm.pk, "title": "Su"})
    application = Application.objects.get(call=call, organisation=firm)
    assert response["Location"] == f"/calls/applications/{application.pk}/edit/"
    text = call.questions.get(required=True)
    upload = call.questions.get(kind=Question.Kind.FILE)
    declaration = call.declarations.get()
    response = client.post(
        f"/calls/applications/{application.pk}/edit/",
        {
            "title": "Su verimliliği",
            f"q{text.pk}": "Boyahane suyu",
            f"q{upload.pk}": pdf(),
            f"d{declaration.pk}": "on",
            "action": "submit",
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert "Your application is submitted." in page
    assert "Eligible" in page and "meets the eligibility rules" in page


def test_it_shows_the_missing_items_when_submitting_too_early(people, call, firm):
    client = client_for(people["firm_admin"])
    client.post(f"/calls/{call.pk}/apply/", {"organisation": firm.pk, "title": "Su"})
    application = Application.objects.get(call=call)
    page = client.post(
        f"/calls/applications/{application.pk}/edit/", {"title": "Su", "action": "submit"}
    ).content.decode()
    assert "“Why do you apply?” is required." in page
    assert "You must accept" in page
    assert Application.objects.get(pk=application.pk).status == "draft"


def test_it_shows_the_reasons_of_ineligibility_to_the_applicant(people, call, firm):
    from .conftest import submitted

    firm.nace_codes = ["18.12"]
    firm.save()
    application = submitted(people["firm_admin"], call, firm)
    page = client_for(people["firm_admin"]).get(f"/calls/applications/{application.pk}/")
    assert "Activity codes 18.12 are not among the eligible sectors" in page.content.decode()


def test_it_lets_a_manager_create_a_call_in_istanbul_time(people, programme):
    client = client_for(people["manager"])
    response = client.post(
        "/calls/new/",
        {
            "kind": "firm_selection",
            "title_tr": "Yeni çağrı",
            "opens_at": "2030-01-10T09:00",
            "closes_at": "2030-02-10T17:00",
            "places": 5,
            "eligible_kinds": ["manufacturer"],
            "eligible_nace_prefixes": "13, 22",
            "reviewers_per_application": 2,
            "disagreement_threshold": "20",
        },
    )
    call = Call.objects.get(title_tr="Yeni çağrı")
    assert response["Location"] == f"/calls/{call.pk}/setup/"
    assert call.eligible_nace_prefixes == ["13", "22"]
    assert call.closes_at.isoformat() == "2030-02-10T14:00:00+00:00"


def test_it_refuses_a_call_that_closes_before_it_opens(people, programme):
    page = (
        client_for(people["manager"])
        .post(
            "/calls/new/",
            {
                "kind": "other",
                "title_tr": "Ters",
                "opens_at": "2030-02-10T09:00",
                "closes_at": "2030-01-10T09:00",
                "places": 1,
                "reviewers_per_application": 1,
                "disagreement_threshold": "20",
            },
        )
        .content.decode()
    )
    assert "The call must close after it opens." in page


def test_it_adds_a_question_on_the_setup_page(people, call):
    client_for(people["manager"]).post(
        f"/calls/{call.pk}/setup/",
        {
            "part": "question",
            "question-kind": "single_choice",
            "question-label_tr": "TRL",
            "question-choices": "TRL 4, TRL 7",
            "question-order": 3,
        },
    )
    assert call.questions.get(label_tr="TRL").choices == ["TRL 4", "TRL 7"]


def test_it_refuses_a_choice_question_without_choices(people, call):
    page = (
        client_for(people["manager"])
        .post(
            f"/calls/{call.pk}/setup/",
            {
                "part": "question",
                "question-kind": "single_choice",
                "question-label_tr": "TRL",
                "question-order": 3,
            },
        )
        .content.decode()
    )
    assert "A choice question needs at least two choices." in page


def test_it_lets_a_reviewer_score_an_application(people, world):
    review = world["review"]
    criteria = list(world["call"].criteria.all())
    client = client_for(people["jury"])
    response = client.post(
        f"/calls/reviews/{review.pk}/",
        {f"c{criteria[0].pk}": 8, f"c{criteria[1].pk}": 5, "comment_to_applicant": "Net hedefler"},
    )
    assert response["Location"] == "/calls/reviews/"
    page = client.get("/calls/reviews/").content.decode()
    assert "70.00" in page


def test_it_names_the_criterion_of_a_bad_score(people, world):
    criteria = list(world["call"].criteria.all())
    page = (
        client_for(people["jury"])
        .post(
            f"/calls/reviews/{world['review'].pk}/",
            {f"c{criteria[0].pk}": 12, f"c{criteria[1].pk}": 5},
        )
        .content.decode()
    )
    assert "Ensure this value is less than or equal to 10." in page


def test_it_stages_and_announces_a_shortlist_from_the_pages(people, world):
    client = client_for(people["manager"])
    application = world["application"]
    client.post(f"/calls/applications/{application.pk}/stage/", {"decision": "shortlisted"})
    page = client.get(f"/calls/{world['call'].pk}/applications/").content.decode()
    assert "1 staged decision" in page
    response = client.post(f"/calls/{world['call'].pk}/announce/")
    page = client.get(response["Location"]).content.decode()
    assert "1 decision announced" in page
    assert Application.objects.get(pk=application.pk).status == "shortlisted"


def test_it_exports_the_ranking_to_excel_with_names_for_staff(people, world):
    response = client_for(people["manager"]).get(f"/calls/{world['call'].pk}/ranking.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["Rank", "Reference", "Applicant"]
    assert sheet["C2"].value == "Boğaziçi Örme A.Ş."


def test_it_releases_the_outbox_and_the_task_sends_the_mail(
    people, world, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(people["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/calls/{world['call'].pk}/outbox/release/")
    assert {m.to[0] for m in mailoutbox} == {"admin@firm.example"}
    page = client.get(f"/calls/{world['call'].pk}/outbox/?status=sent").content.decode()
    assert "Başvurunuz alındı" in page  # written in the recipient's language


def test_it_lets_a_firm_mark_interest_on_the_pitch_agenda(people, world, other_firm):
    client = client_for(people["other_firm_member"])
    client.post(
        f"/calls/slots/{world['slot'].pk}/interest/", {"firm": other_firm.pk, "note": "Pilot"}
    )
    page = client.get(f"/calls/{world['call'].pk}/pitch/").content.decode()
    assert "Interest recorded" in page


def test_it_lets_the_applicant_confirm_a_selected_application(people, world):
    Application.objects.filter(pk=world["application"].pk).update(status="selected")
    client = client_for(people["firm_admin"])
    response = client.post(f"/calls/applications/{world['application'].pk}/confirm/")
    assert "You have confirmed your place." in client.get(response["Location"]).content.decode()


def test_a_choice_question_offers_its_choices_in_the_readers_language(people, call, firm):
    from .factories import QuestionFactory

    question = QuestionFactory(
        call=call,
        kind=Question.Kind.SINGLE_CHOICE,
        label_tr="Teknoloji hazırlık düzeyi",
        label_en="Technology readiness level",
        choices=["Laboratuvar", "Pilot", "Ticari"],
        choices_en=["Laboratory", "Pilot plant", ""],
    )
    client = client_for(people["firm_admin"])
    client.post(f"/calls/{call.pk}/apply/", {"organisation": firm.pk, "title": "Su"})
    application = Application.objects.get(call=call, organisation=firm)
    form = client.get(f"/calls/applications/{application.pk}/edit/").content.decode()
    assert "Technology readiness level" in form
    assert '<option value="Pilot">Pilot plant</option>' in form
    assert '<option value="Ticari">Ticari</option>' in form  # no English text: the Turkish one
    client.post(
        f"/calls/applications/{application.pk}/edit/",
        {"title": "Su", f"q{question.pk}": "Pilot", "action": "save"},
    )
    assert application.answers.get(question=question).value == "Pilot"
    english = client.get(f"/calls/applications/{application.pk}/").content.decode()
    assert "Pilot plant" in english
