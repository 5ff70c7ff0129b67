"""Seminar participants and firms, ambassadors trained: the events app's numbers and records."""

import pytest

from dekvep.events.models import Event, Registration
from dekvep.impact.figures import get_figure
from dekvep.impact.selectors import records_for
from tests.factories import OrganisationFactory

from . import factories as f


@pytest.fixture
def seminars(programme):
    first, second = f.EventFactory.create_batch(2, programme=programme)
    firm = OrganisationFactory()
    twice = f.RegistrationFactory(event=first, organisation=firm, email="ayse@example.com")
    f.RegistrationFactory(event=second, organisation=firm, email=twice.email)
    f.RegistrationFactory(event=first, organisation_name="Kuzey Ltd.")
    f.RegistrationFactory(event=second, organisation_name="kuzey  ltd.")
    f.RegistrationFactory(event=first, organisation_name="")
    f.RegistrationFactory(event=first, attended_hours=0)
    f.RegistrationFactory(event=first, status=Registration.Status.CANCELLED)
    return programme


def test_it_counts_distinct_people_at_seminars(seminars):
    # ayşe (twice), the two Kuzey people, the one without organisation
    assert get_figure("seminar_participants").compute(seminars) == 4


def test_it_counts_distinct_firms_at_seminars(seminars):
    # the linked firm, and "Kuzey Ltd." written two ways
    assert get_figure("seminar_firms").compute(seminars) == 2


def test_it_lists_the_attendance_behind_the_participants_to_staff(seminars, people):
    figure = get_figure("seminar_participants")
    assert records_for(people["facilitator"], figure, seminars).count() == 5
    assert records_for(people["funder"], figure, seminars) is None


def test_it_counts_ambassadors_who_completed_the_whole_path(programme):
    path = f.EventFactory.create_batch(
        2, programme=programme, kind=Event.Kind.TRAINING, ambassador_path=True
    )
    done, halfway, idle = f.AmbassadorFactory.create_batch(3, programme=programme)
    for event in path:
        f.RegistrationFactory(event=event, user=done.user, completed=True)
    f.RegistrationFactory(event=path[0], user=halfway.user, completed=True)
    f.RegistrationFactory(event=path[1], user=halfway.user, completed=False)
    figure = get_figure("ambassadors_trained")
    assert figure.compute(programme) == 1
    assert list(figure.records(programme)) == [done]
