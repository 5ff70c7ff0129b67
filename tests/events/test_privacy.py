import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.events import certificates, privacy, services
from dekvep.events.models import Certificate, Registration
from dekvep.events.verification import verify_code

from .factories import RegistrationFactory


@pytest.fixture
def holder(people, course):
    registration = RegistrationFactory(
        event=course, full_name="Ayşe Yılmaz", email="ayse@example.com"
    )
    for session in course.sessions.all():
        services.check_in(people["facilitator"], session, registration.code)
    registration.refresh_from_db()
    certificate = certificates.issue_certificate(people["manager"], registration)
    return registration, certificate


def test_it_gives_a_person_all_their_event_data(holder):
    data = privacy.personal_data("ayse@example.com")
    assert data["registrations"][0]["full_name"] == "Ayşe Yılmaz"
    assert len(data["checkins"]) == 3
    assert data["certificates"][0]["name"] == "Ayşe Yılmaz"


def test_it_records_an_erasure_request_once(holder):
    first = privacy.request_erasure("AYSE@example.com")
    second = privacy.request_erasure("ayse@example.com")
    assert first == second and first.status == "pending"


def test_it_erases_the_person_but_keeps_a_pseudonymised_certificate(people, holder):
    registration, certificate = holder
    request = privacy.request_erasure("ayse@example.com")
    privacy.decide_data_request(people["manager"], request, approve=True)
    registration.refresh_from_db()
    certificate.refresh_from_db()
    assert (registration.full_name, registration.email) == ("—", "")
    assert certificate.holder_name == "A. Y." and certificate.pseudonymised
    assert not certificate.pdf
    result = verify_code(certificate.code, "1.2.3.4")
    assert (result["status"], result["holder"]) == ("valid", "A. Y.")
    assert privacy.personal_data("ayse@example.com")["registrations"] == []


def test_it_leaves_the_data_when_staff_reject(people, holder):
    request = privacy.request_erasure("ayse@example.com")
    privacy.decide_data_request(people["manager"], request, approve=False, note="Açık sınav süreci")
    assert Registration.objects.get(pk=holder[0].pk).full_name == "Ayşe Yılmaz"


@pytest.mark.parametrize("role", ["analyst", "facilitator", "firm_admin", "funder", "jury"])
def test_it_lets_only_a_programme_manager_decide(people, holder, role):
    request = privacy.request_erasure("ayse@example.com")
    with pytest.raises(PermissionDenied):
        privacy.decide_data_request(people[role], request, approve=True)


def test_it_refuses_deciding_twice(people, holder):
    request = privacy.request_erasure("ayse@example.com")
    privacy.decide_data_request(people["manager"], request, approve=True)
    with pytest.raises(ValidationError):
        privacy.decide_data_request(people["manager"], request, approve=True)


def test_it_keeps_counting_an_erased_person_in_the_figures(people, holder):
    from dekvep.events import figures

    request = privacy.request_erasure("ayse@example.com")
    privacy.decide_data_request(people["manager"], request, approve=True)
    programme = holder[0].event.programme
    assert figures.certificates_issued(programme) == 1
    assert Certificate.objects.get().holder_key == holder[0].person_key
