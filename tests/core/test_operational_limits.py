"""Anonymous endpoints, a locked database, backups and the production run path.

The attacks: unlimited anonymous registrations and assessments; a 60 MB body read before it was
refused; "database is locked" answered with a 500; backups that lost microseconds; a login page
that answered 500 under DEBUG=0 because static files were never collected.
"""

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError

from tests.conftest import client_for


def test_an_oversized_assessment_body_is_refused_before_it_is_read(db, monkeypatch):
    from django.core.handlers.wsgi import WSGIRequest

    def never(self):
        raise AssertionError("the body was read")

    monkeypatch.setattr(WSGIRequest, "body", property(never))
    response = client_for(None).generic(
        "POST",
        "/api/assessment/assess",
        b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert "limit is 1.0 MB" in response.json()["message"]


def test_anonymous_assessments_are_rate_limited(db, settings):
    settings.RATE_LIMITS = [("POST", r"^/api/assessment/assess$", 3, 600)]
    client = client_for(None)
    answers = [
        client.post("/api/assessment/assess", {}, content_type="application/json").status_code
        for _ in range(5)
    ]
    assert 429 not in answers[:3]
    assert answers[3:] == [429, 429]
    refused = client.post("/api/assessment/assess", {}, content_type="application/json")
    assert refused["Retry-After"] == "600"
    assert refused.json()["code"] == "too_many_requests"


def test_public_registrations_are_rate_limited_on_the_page_and_the_api(db, settings):
    from tests.events.factories import EventFactory

    event = EventFactory()
    settings.RATE_LIMITS = [
        ("POST", r"^/events/\d+/$", 2, 600),
        ("POST", r"^/api/events/events/\d+/registrations$", 2, 600),
    ]
    client = client_for(None)
    url = f"/api/events/events/{event.pk}/registrations"
    codes = []
    for n in range(3):
        body = {"full_name": f"Kişi {n}", "email": f"k{n}@example.com", "consent": True}
        codes.append(client.post(url, body, content_type="application/json").status_code)
    assert codes == [201, 201, 429]
    pages = [client.post(f"/events/{event.pk}/", {}).status_code for _ in range(3)]
    assert pages[-1] == 429


def test_a_locked_database_answers_503_with_retry_after_in_the_api_format(db, monkeypatch):
    from dekvep.core import api

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(api.services, "create_api_token", locked)
    from dekvep.core.models import User

    user = User.objects.create_user("k@example.com", "a-Strong-pass-123")
    response = client_for(user).post(
        "/api/core/tokens", {"name": "x"}, content_type="application/json"
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["code"] == "busy"


def test_a_locked_database_on_a_page_answers_503_not_500(db, monkeypatch):
    from django.test import Client

    from dekvep.core import views

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(views.services, "create_api_token", locked)
    from dekvep.core.models import User

    user = User.objects.create_user("p@example.com", "a-Strong-pass-123")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    response = client.post("/account/tokens/", {"name": "x"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_sqlite_runs_in_wal_mode_with_immediate_transactions_and_a_busy_timeout(settings):
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]


def test_a_backup_keeps_datetimes_to_the_microsecond(transactional_db, tmp_path, settings):
    import datetime
    import tarfile

    from dekvep.core.backup import create_backup
    from dekvep.core.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    joined = datetime.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC)
    User.objects.create_user("m@example.com", "a-Strong-pass-123", date_joined=joined)
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    with tarfile.open(archive) as tar:
        dump = json.loads(tar.extractfile("database.json").read())
    user = next(o for o in dump if o["model"] == "core.user")
    assert user["fields"]["date_joined"].startswith("2026-03-01T09:30:15.123456")

    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive), stdout=open(os.devnull, "w"))
    assert User.objects.get().date_joined == joined


def test_the_production_run_path_collects_static_files_first(tmp_path, settings, monkeypatch):
    settings.STATIC_ROOT = tmp_path / "static"
    started = []
    monkeypatch.setattr(os, "execv", lambda path, argv: started.append(argv))
    call_command("serve", "--bind", "127.0.0.1:8102", stdout=open(os.devnull, "w"))
    assert started and "dekvep.wsgi:application" in started[0]
    assert any(Path(settings.STATIC_ROOT).rglob("*.css"))
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "dekvep serve" in makefile
    deploy = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text()
    assert "dekvep serve" in deploy
