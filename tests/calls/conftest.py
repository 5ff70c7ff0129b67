"""Fixtures: an open firm-selection call with a question, a criterion and a declaration."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dekvep.calls import services
from dekvep.calls.models import Application, Question
from tests.factories import StaffAssignmentFactory

from .factories import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    DeclarationFactory,
    QuestionFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _english():
    """Service messages in English, as the pages under test speak it."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def call(programme):
    call = CallFactory(programme=programme, eligible_nace_prefixes=["13", "14", "22", "27"])
    QuestionFactory(call=call, kind=Question.Kind.LONG_TEXT, label_en="Why do you apply?")
    QuestionFactory(call=call, kind=Question.Kind.FILE, label_en="Company profile", required=False)
    CriterionFactory(call=call, name_en="Motivation", weight=2)
    CriterionFactory(call=call, name_en="Capacity", weight=1)
    DeclarationFactory(call=call)
    return call


def fill(user, application):
    """Answer every required question and accept every declaration."""
    call = application.call
    answers = {
        q.pk: "We want to halve our dye-house water use."
        for q in call.questions.filter(required=True).exclude(kind="file")
    }
    services.save_application(
        user,
        application,
        answers=answers,
        declaration_ids=list(call.declarations.values_list("pk", flat=True)),
        challenge_ids=list(call.challenges.values_list("pk", flat=True)[:1]) or None,
    )
    return application


def submitted(user, call, organisation) -> Application:
    application = services.start_application(user, call, organisation, "Su verimliliği")
    fill(user, application)
    return services.submit(user, application)


@pytest.fixture
def application(people, call, firm):
    return submitted(people["firm_admin"], call, firm)


@pytest.fixture
def world(people, programme, call, firm):
    """The firm's application under review by ``jury``, with a file, a notice and a pitch slot."""
    application = submitted(people["firm_admin"], call, firm)
    question = call.questions.get(kind=Question.Kind.FILE)
    services.save_application(people["firm_admin"], application, files={question.pk: pdf()})
    review = services.assign_reviewer(people["manager"], application, people["jury"])
    StaffAssignmentFactory(programme=programme, role="jury", user__email="spare@jury.example")
    provider = people["provider"].memberships.get().organisation
    pitched = ApplicationFactory(
        call=call,
        organisation=provider,
        status=Application.Status.SHORTLISTED,
        reference="A-0900",
        title="PU köpük geri kazanımı",
    )
    day = services.create_pitch_day(
        people["manager"], call, "Sunum günü", datetime.date(2022, 12, 8)
    )
    start = timezone.now() + datetime.timedelta(days=2)
    slot = services.add_slot(
        people["manager"], day, pitched, start, start + datetime.timedelta(minutes=15), "Salon A"
    )
    interest = services.mark_interest(people["firm_admin"], slot, firm, "Pilot")
    return {
        "call": call,
        "application": Application.objects.get(pk=application.pk),
        "answer": application.answers.get(question=question),
        "review": review,
        "notice": application.notices.first(),
        "day": day,
        "slot": slot,
        "interest": interest,
    }
