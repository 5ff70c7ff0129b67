"""Bulk jobs killed mid-way: marked failed when the heartbeat stops, resumed without issuing twice.

The attack (an outage, really): a worker killed while issuing certificates left the job
"running" forever, and issuing again was the only way on.
"""

import datetime

from django.utils import timezone

from dekvep.core import jobs
from dekvep.core.models import Job
from dekvep.events import certificates
from dekvep.events.models import Certificate
from tests.conftest import client_for

from .factories import RegistrationFactory
from .test_certificates import _complete


def _fake_pdfs(monkeypatch):
    monkeypatch.setattr(
        certificates, "render_batches", lambda pages: [[b"%PDF-1.4 fake"] * 100 for _ in pages]
    )


def test_a_killed_job_is_marked_failed_and_resumes_without_issuing_twice(
    people, course, monkeypatch, django_capture_on_commit_callbacks
):
    _fake_pdfs(monkeypatch)
    registrations = [_complete(people, RegistrationFactory(event=course)) for _ in range(3)]
    job = certificates.start_bulk_issue(people["manager"], course)  # queued, not yet run
    # The worker issued one certificate, reported progress, then was killed.
    certificates.issue_certificate(people["manager"], registrations[0], render=False)
    jobs.report_progress(job.pk, 1, 3, "Issuing")
    stale = timezone.now() - datetime.timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=stale)

    page = client_for(people["manager"]).get(f"/jobs/{job.pk}/").content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Resume" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(people["manager"]).post(f"/api/core/jobs/{job.pk}/resume")
    assert response.status_code == 200, response.content
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    for registration in registrations:
        assert Certificate.objects.filter(registration=registration).count() == 1
    # The one issued before the kill is rendered too.
    assert not Certificate.objects.filter(event=course, pdf="").exists()


def test_a_live_job_is_not_marked_failed(people, course):
    job = certificates.start_bulk_issue(people["manager"], course)
    jobs.report_progress(job.pk, 0, 3)
    assert jobs.mark_stalled() == 0
    assert client_for(people["manager"]).get(f"/api/core/jobs/{job.pk}").json()["status"] == (
        "running"
    )


def test_only_a_failed_job_resumes_and_only_for_its_starter_or_staff(people, course):
    job = certificates.start_bulk_issue(people["manager"], course)
    response = client_for(people["manager"]).post(f"/api/core/jobs/{job.pk}/resume")
    assert response.status_code == 400
    response = client_for(people["firm_member"]).post(f"/api/core/jobs/{job.pk}/resume")
    assert response.status_code == 404
