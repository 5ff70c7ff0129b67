import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.core.models import Job
from dekvep.events import certificates, services
from dekvep.events.models import Certificate

from .factories import RegistrationFactory


def _complete(people, registration):
    for session in registration.event.sessions.all():
        services.check_in(people["facilitator"], session, registration.code)
    registration.refresh_from_db()
    return registration


def test_it_issues_a_certificate_with_a_pdf_to_someone_who_completed(people, course):
    registration = _complete(people, RegistrationFactory(event=course, full_name="Ayşe Yılmaz"))
    certificate = certificates.issue_certificate(people["manager"], registration)
    assert certificate.holder_name == "Ayşe Yılmaz"
    assert certificate.hours == course.total_hours
    assert certificate.issuer == course.programme.operator.name
    assert certificates.pdf_bytes(certificate).startswith(b"%PDF")
    assert len(certificate.code) >= 22


def test_it_refuses_a_certificate_to_someone_who_has_not_completed(people, course):
    registration = RegistrationFactory(event=course, full_name="Can Kaya")
    services.check_in(people["facilitator"], course.sessions.first(), registration.code)
    with pytest.raises(ValidationError) as error:
        certificates.issue_certificate(people["manager"], registration)
    message = error.value.message_dict["registration"][0]
    assert "Can Kaya has not completed" in message and "4 of 8 required hours" in message
    assert not Certificate.objects.exists()


def test_it_refuses_a_second_certificate_for_the_same_registration(people, course):
    registration = _complete(people, RegistrationFactory(event=course))
    certificates.issue_certificate(people["manager"], registration, render=False)
    with pytest.raises(ValidationError) as error:
        certificates.issue_certificate(people["manager"], registration, render=False)
    assert "already issued" in error.value.messages[0]


def test_it_refuses_certificates_for_seminars(people, seminar):
    registration = _complete(people, RegistrationFactory(event=seminar))
    with pytest.raises(ValidationError) as error:
        certificates.issue_certificate(people["manager"], registration)
    assert "certificate programmes only" in error.value.messages[0]


@pytest.mark.parametrize("role", ["firm_admin", "other_firm_member", "jury", "funder"])
def test_it_lets_only_programme_staff_issue(people, course, role):
    registration = _complete(people, RegistrationFactory(event=course))
    with pytest.raises(PermissionDenied):
        certificates.issue_certificate(people[role], registration)


def test_it_issues_in_bulk_as_a_job_with_progress(
    people, course, django_capture_on_commit_callbacks
):
    for _ in range(3):
        _complete(people, RegistrationFactory(event=course))
    RegistrationFactory(event=course)  # not completed: left out
    with django_capture_on_commit_callbacks(execute=True):
        job = certificates.start_bulk_issue(people["manager"], course)
    job = Job.objects.get(pk=job.pk)
    assert (job.status, job.done, job.total, job.result["issued"]) == ("done", 3, 3, 3)
    assert Certificate.objects.filter(event=course).exclude(pdf="").count() == 3


def test_it_revokes_with_a_reason(people, course):
    registration = _complete(people, RegistrationFactory(event=course))
    certificate = certificates.issue_certificate(people["manager"], registration, render=False)
    certificates.revoke_certificate(people["manager"], certificate, "Sınav kopya tespit edildi")
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revoked_reason) == (
        "revoked",
        "Sınav kopya tespit edildi",
    )


def test_it_refuses_revoking_without_a_reason(people, course):
    registration = _complete(people, RegistrationFactory(event=course))
    certificate = certificates.issue_certificate(people["manager"], registration, render=False)
    with pytest.raises(ValidationError) as error:
        certificates.revoke_certificate(people["manager"], certificate, "  ")
    assert "reason" in error.value.message_dict["reason"][0]


def test_it_stops_the_holder_downloading_a_revoked_certificate(people, course):
    from django.test import Client

    from dekvep.events.tokens import manage_token

    registration = _complete(people, RegistrationFactory(event=course))
    certificate = certificates.issue_certificate(people["manager"], registration, render=False)
    certificates.revoke_certificate(people["manager"], certificate, "Sınav kopya tespit edildi")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    token = manage_token(registration)
    for url in (f"/events/r/{token}/certificate.pdf", f"/events/r/{token}/credential.json"):
        response = client.get(url)
        assert response.status_code == 410
        assert "revoked: Sınav kopya tespit edildi" in response.content.decode()
