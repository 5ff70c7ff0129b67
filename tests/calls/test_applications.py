"""The application state machine: drafting, deadlines, eligibility, decisions, confirmation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dekvep.calls import services
from dekvep.calls.models import Application, Notice, Question
from dekvep.core.models import AuditEntry, Participation
from tests.factories import OrganisationFactory

from .conftest import fill, pdf, submitted
from .factories import ChallengeFactory, QuestionFactory

S = Application.Status


def test_it_marks_a_firm_of_an_eligible_sector_eligible_on_submission(application):
    assert application.status == S.ELIGIBLE
    assert application.eligibility_reasons == []


def test_it_marks_a_firm_outside_the_sectors_ineligible_with_the_reason(people, call, firm):
    firm.nace_codes = ["18.12"]
    firm.save()
    application = submitted(people["firm_admin"], call, firm)
    assert application.status == S.INELIGIBLE
    assert application.eligibility_reasons[0]["code"] == "nace"
    assert "18.12" in application.eligibility_reasons[0]["params"]["value"]


def test_it_checks_province_zone_and_employee_band(people, call, firm):
    call.eligible_provinces = ["Bursa"]
    call.eligible_employee_bands = ["250+"]
    call.save()
    application = submitted(people["firm_admin"], call, firm)
    assert [r["code"] for r in application.eligibility_reasons] == ["place", "employees"]


def test_it_refuses_a_late_submission_with_a_clear_message(people, call, firm):
    application = services.start_application(people["firm_admin"], call, firm, "Geç")
    fill(people["firm_admin"], application)
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    with pytest.raises(ValidationError) as error:
        services.submit(people["firm_admin"], application)
    assert "late applications are not accepted" in error.value.messages[0]
    assert Application.objects.get(pk=application.pk).status == S.DRAFT


def test_it_refuses_an_application_before_the_call_opens(people, call, firm):
    call.opens_at = timezone.now() + datetime.timedelta(days=1)
    call.save()
    with pytest.raises(ValidationError, match="not open"):
        services.start_application(people["firm_admin"], call, firm, "Verimlilik")


def test_it_enforces_required_questions_and_declarations_on_the_server(people, call, firm):
    application = services.start_application(people["firm_admin"], call, firm, "Eksik")
    with pytest.raises(ValidationError) as error:
        services.submit(people["firm_admin"], application)
    fields = set(error.value.message_dict)
    question = call.questions.get(required=True)
    declaration = call.declarations.get()
    assert fields == {f"q{question.pk}", f"d{declaration.pk}"}


def test_it_requires_a_challenge_in_an_open_innovation_call(people, programme):
    challenge = ChallengeFactory(call__programme=programme)
    provider = people["provider"].memberships.get().organisation
    application = services.start_application(people["provider"], challenge.call, provider, "PU")
    with pytest.raises(ValidationError) as error:
        services.submit(people["provider"], application)
    assert "challenges" in error.value.message_dict


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("number", "on iki", "Enter a number."),
        ("single_choice", "TRL 1", "Choose one of the offered options."),
        ("multiple_choice", ["x"], "Choose among the offered options."),
        ("yes_no", "belki", "Answer yes or no."),
    ],
)
def test_it_refuses_an_answer_of_the_wrong_type_naming_the_question(
    people, call, firm, kind, value, message
):
    question = QuestionFactory(call=call, kind=kind, choices=["TRL 4-5", "TRL 6-7"])
    application = services.start_application(people["firm_admin"], call, firm, "Verimlilik")
    with pytest.raises(ValidationError) as error:
        services.save_application(people["firm_admin"], application, answers={question.pk: value})
    assert error.value.message_dict == {f"q{question.pk}": [message]}


def test_it_stores_typed_answers(people, call, firm):
    number = QuestionFactory(call=call, kind="number")
    yes_no = QuestionFactory(call=call, kind="yes_no")
    application = services.start_application(people["firm_admin"], call, firm, "Verimlilik")
    services.save_application(
        people["firm_admin"], application, answers={number.pk: "12,5", yes_no.pk: "yes"}
    )
    values = dict(application.answers.values_list("question_id", "value"))
    assert values == {number.pk: 12.5, yes_no.pk: True}


def test_it_refuses_a_file_of_the_wrong_type(people, call, firm):
    question = call.questions.get(kind=Question.Kind.FILE)
    application = services.start_application(people["firm_admin"], call, firm, "Verimlilik")
    with pytest.raises(ValidationError) as error:
        services.save_application(
            people["firm_admin"], application, files={question.pk: pdf("virus.exe", b"MZ")}
        )
    assert "not accepted" in error.value.message_dict[f"q{question.pk}"][0]


def test_it_refuses_a_file_whose_content_is_not_its_type(people, call, firm):
    question = call.questions.get(kind=Question.Kind.FILE)
    application = services.start_application(people["firm_admin"], call, firm, "Verimlilik")
    with pytest.raises(ValidationError) as error:
        services.save_application(
            people["firm_admin"], application, files={question.pk: pdf("fake.pdf", b"hello")}
        )
    assert "not a real .pdf" in error.value.message_dict[f"q{question.pk}"][0]


def test_it_refuses_a_file_that_is_too_large(people, call, firm, settings):
    settings.MAX_UPLOAD_BYTES = 100
    question = call.questions.get(kind=Question.Kind.FILE)
    application = services.start_application(people["firm_admin"], call, firm, "Verimlilik")
    with pytest.raises(ValidationError) as error:
        services.save_application(
            people["firm_admin"],
            application,
            files={question.pk: pdf(content=b"%PDF" + b"0" * 200)},
        )
    assert "the limit is" in error.value.message_dict[f"q{question.pk}"][0]


def test_it_stores_a_file_under_a_name_without_the_applicant(people, call, firm):
    question = call.questions.get(kind=Question.Kind.FILE)
    application = services.start_application(people["firm_admin"], call, firm, "Verimlilik")
    services.save_application(
        people["firm_admin"], application, files={question.pk: pdf("Bogazici-Orme-profil.pdf")}
    )
    name = application.answers.get(question=question).file.name
    assert "Bogazici" not in name and name.endswith(".pdf")


def test_it_lets_the_applicant_edit_after_submitting_until_the_deadline(people, application):
    services.save_application(people["firm_admin"], application, title="Yeni başlık")
    application.refresh_from_db()
    assert application.title == "Yeni başlık"
    assert application.status == S.ELIGIBLE


def test_it_refuses_edits_by_a_member_of_another_firm(people, application):
    with pytest.raises(PermissionDenied):
        services.save_application(people["other_firm_member"], application, title="x")


def test_it_refuses_a_second_application_from_the_same_firm(people, application, call, firm):
    with pytest.raises(ValidationError, match="already applied"):
        services.start_application(people["firm_admin"], call, firm, "Verimlilik")


def test_it_lets_staff_override_eligibility_only_with_a_note(people, application):
    with pytest.raises(ValidationError) as error:
        services.override_eligibility(people["analyst"], application, False, " ")
    assert "note" in error.value.message_dict
    application = services.override_eligibility(
        people["analyst"], application, False, "Firma KOBİ değil"
    )
    assert application.status == S.INELIGIBLE
    assert application.override_note == "Firma KOBİ değil"


def test_it_refuses_an_override_by_the_applicant(people, application):
    with pytest.raises(PermissionDenied):
        services.override_eligibility(people["firm_admin"], application, False, "kendim")


def test_it_refuses_a_move_the_state_machine_does_not_allow(people, application):
    with pytest.raises(ValidationError) as error:
        services.transition(people["manager"], application, S.SELECTED)
    assert "cannot go from" in error.value.messages[0]


def test_it_writes_the_audit_log_for_each_status_change(application):
    entries = AuditEntry.objects.filter(
        object_type="calls.application", object_id=str(application.pk), action="status_changed"
    )
    assert [e.changes["status"] for e in entries.order_by("at", "id")] == [
        ["draft", "submitted"],
        ["submitted", "eligible"],
    ]


def test_it_holds_the_received_and_eligible_notices_in_the_outbox(application):
    kinds = list(application.notices.order_by("id").values_list("kind", "status"))
    assert kinds == [("received", "held"), ("eligible", "held")]


def _to_review(people, application):
    services.assign_reviewer(people["manager"], application, people["jury"])
    application.refresh_from_db()
    return application


def test_it_moves_an_application_under_review_when_a_reviewer_is_assigned(people, application):
    assert _to_review(people, application).status == S.UNDER_REVIEW


def test_it_announces_staged_decisions_in_one_step(people, call, application, other_firm):
    other = _to_review(people, submitted(people["other_firm_member"], call, other_firm))
    application = _to_review(people, application)
    services.stage_decision(people["manager"], application, S.SHORTLISTED)
    services.stage_decision(people["manager"], other, S.REJECTED)
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW
    assert services.announce(people["manager"], call) == 2
    statuses = dict(call.applications.values_list("organisation__name", "status"))
    assert statuses == {"Boğaziçi Örme A.Ş.": S.SHORTLISTED, "Rakip Plastik A.Ş.": S.REJECTED}
    assert Notice.objects.filter(kind__in=["shortlisted", "rejected"]).count() == 2


def test_it_refuses_to_stage_a_decision_the_status_does_not_allow(people, application):
    with pytest.raises(ValidationError):
        services.stage_decision(people["manager"], application, S.SELECTED)


def test_it_refuses_staging_by_an_analyst(people, application):
    with pytest.raises(PermissionDenied):
        services.stage_decision(people["analyst"], _to_review(people, application), S.REJECTED)


def _select(people, call, application):
    _to_review(people, application)
    services.stage_decision(people["manager"], application, S.SHORTLISTED)
    services.announce(people["manager"], call)
    services.stage_decision(
        people["manager"], Application.objects.get(pk=application.pk), S.SELECTED
    )
    services.announce(people["manager"], call)
    return Application.objects.get(pk=application.pk)


def test_it_makes_a_confirmed_firm_a_participant_of_the_programme(people, programme, call):
    newcomer = OrganisationFactory(name="Yeni Tekstil A.Ş.")
    people["firm_admin"].memberships.create(organisation=newcomer, role="admin")
    application = submitted(people["firm_admin"], call, newcomer)
    application = _select(people, call, application)
    assert application.status == S.SELECTED
    services.confirm(people["firm_admin"], application)
    assert Participation.objects.filter(programme=programme, organisation=newcomer).exists()


def test_it_lets_the_applicant_withdraw_at_any_time(people, application):
    assert services.withdraw(people["firm_member"], application).status == S.WITHDRAWN


def test_it_refuses_confirmation_before_selection(people, application):
    with pytest.raises(ValidationError):
        services.confirm(people["firm_admin"], application)
