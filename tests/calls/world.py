"""A call at every stage at once, for permission and page tests."""

import datetime

import pytest
from django.utils import timezone

from dekvep.calls import services
from dekvep.calls.models import Application, Question
from tests.factories import StaffAssignmentFactory

from .conftest import pdf, submitted
from .factories import ApplicationFactory


@pytest.fixture
def world(people, programme, call, firm):
    """The firm's application is under review by ``jury``, with a file, a notice and a pitch slot."""
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
