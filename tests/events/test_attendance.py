import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from dekvep.events import exports, services
from dekvep.events.models import Registration

from .factories import RegistrationFactory


@pytest.fixture
def confirmed(course):
    return RegistrationFactory(event=course, full_name="Ayşe Yılmaz")


def test_it_checks_a_person_in_and_adds_the_session_hours(people, course, confirmed):
    session = course.sessions.first()
    result = services.check_in(people["facilitator"], session, confirmed.code)
    assert result.already is False
    assert result.registration.attended_hours == session.hours


def test_it_recognises_a_second_check_in_without_counting_it(people, course, confirmed):
    session = course.sessions.first()
    services.check_in(people["facilitator"], session, confirmed.code)
    again = services.check_in(people["manager"], session, f"  {confirmed.code} ")
    assert again.already is True
    assert again.registration.attended_hours == session.hours
    assert session.checkins.count() == 1


def test_it_accepts_a_scanned_url_ending_in_the_code(people, course, confirmed):
    session = course.sessions.first()
    result = services.check_in(people["facilitator"], session, f"https://x/c/{confirmed.code}")
    assert result.registration == confirmed


def test_it_refuses_an_unknown_code(people, course):
    with pytest.raises(ValidationError) as error:
        services.check_in(people["facilitator"], course.sessions.first(), "made-up-code-123")
    assert "Unknown code" in error.value.message_dict["code"][0]


def test_it_refuses_a_code_of_another_event(people, course, seminar):
    other = RegistrationFactory(event=seminar)
    with pytest.raises(ValidationError) as error:
        services.check_in(people["facilitator"], course.sessions.first(), other.code)
    assert "Unknown code" in error.value.messages[0]


def test_it_refuses_a_cancelled_code(people, course, confirmed):
    services.cancel_registration(confirmed)
    with pytest.raises(ValidationError) as error:
        services.check_in(people["facilitator"], course.sessions.first(), confirmed.code)
    assert "cancelled" in error.value.messages[0]


def test_it_refuses_a_waitlisted_code(people, course):
    waiting = RegistrationFactory(event=course, status=Registration.Status.WAITLISTED)
    with pytest.raises(ValidationError) as error:
        services.check_in(people["facilitator"], course.sessions.first(), waiting.code)
    assert "waiting list" in error.value.messages[0]


@pytest.mark.parametrize("role", ["firm_admin", "other_firm_member", "jury", "funder", "provider"])
def test_it_lets_only_programme_staff_check_in(people, course, confirmed, role):
    with pytest.raises(PermissionDenied):
        services.check_in(people[role], course.sessions.first(), confirmed.code)


def test_it_completes_at_the_attendance_threshold(people, course, confirmed):
    first, second, third = course.sessions.all()
    services.check_in(people["facilitator"], first, confirmed.code)
    services.check_in(people["facilitator"], second, confirmed.code)
    confirmed.refresh_from_db()
    assert confirmed.completed is True  # 8 of 10 hours = 80 %


def test_it_does_not_complete_below_the_threshold(people, course, confirmed):
    first, _second, third = course.sessions.all()
    services.check_in(people["facilitator"], first, confirmed.code)
    services.check_in(people["facilitator"], third, confirmed.code)
    confirmed.refresh_from_db()
    assert confirmed.completed is False  # 6 of 10 hours


def test_it_requires_the_pass_score_when_the_programme_is_assessed(people, course, confirmed):
    course.pass_score = 70
    course.save()
    for session in course.sessions.all():
        services.check_in(people["facilitator"], session, confirmed.code)
    confirmed.refresh_from_db()
    assert confirmed.completed is False
    services.set_assessment_score(people["manager"], confirmed, "75")
    assert confirmed.completed is True


def test_it_refuses_a_score_out_of_range(people, confirmed):
    with pytest.raises(ValidationError) as error:
        services.set_assessment_score(people["manager"], confirmed, "130")
    assert "between 0 and 100" in error.value.message_dict["assessment_score"][0]


def test_it_exports_registrations_and_attendance_to_excel(people, course, confirmed):
    services.check_in(people["facilitator"], course.sessions.first(), confirmed.code)
    book = load_workbook(io.BytesIO(exports.attendance_workbook(course)))
    registrations, grid = book.worksheets
    assert registrations.cell(2, 1).value == "Ayşe Yılmaz"
    assert registrations.cell(2, 6).value == 4.0
    assert [c.value for c in grid[2]][:3] == ["Ayşe Yılmaz", "Örnek Tekstil A.Ş.", "✓"]
