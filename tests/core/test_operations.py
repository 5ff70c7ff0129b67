import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from dekvep.core.models import Organisation, User
from dekvep.core.uploads import validate_upload
from tests.factories import MembershipFactory


def test_it_reports_health_as_json(db):
    response = Client().get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_sends_security_headers_without_inline_script(db):
    response = Client().get("/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()


def test_it_passes_the_deployment_checks_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": "k" * 64 + "-production-secret-value",
        "ALLOWED_HOSTS": "dekvep.example.org",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "dekvep.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key_in_production(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"DEBUG": "0", "VAR_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-m", "dekvep.cli", "check"], env=env, capture_output=True, text=True
    )
    assert "SECRET_KEY must be set" in result.stderr


class _Upload:
    def __init__(self, name, content, size=None):
        self.name, self._content, self.size = name, content, size or len(content)

    def read(self, n=-1):
        return self._content[:n]

    def seek(self, _):
        pass


def test_it_refuses_an_upload_of_the_wrong_type():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_upload(_Upload("virus.exe", b"MZ"))
    assert ".exe is not accepted" in error.value.messages[0]


def test_it_refuses_a_file_whose_content_lies_about_its_type():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_upload(_Upload("report.pdf", b"<html>"))
    assert "not a real .pdf" in error.value.messages[0]


def test_it_refuses_an_oversized_upload():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_upload(_Upload("big.pdf", b"%PDF-1.7", size=50_000_000), max_bytes=10_000_000)
    assert "limit is 10.0 MB" in error.value.messages[0]


def test_it_backs_up_and_restores_database_and_media(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "evidence").mkdir(parents=True)
    (settings.MEDIA_ROOT / "evidence" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    membership = MembershipFactory(organisation__name="Yedek Tekstil A.Ş.")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))

    call_command("flush", interactive=False, verbosity=0)
    (settings.MEDIA_ROOT / "evidence" / "photo.png").unlink()
    assert not Organisation.objects.exists()

    call_command("restore", str(archive), stdout=open(os.devnull, "w"))
    assert Organisation.objects.get().name == "Yedek Tekstil A.Ş."
    assert User.objects.get().email == membership.user.email
    assert User.objects.get().check_password("a-Strong-pass-123")
    assert (Path(settings.MEDIA_ROOT) / "evidence" / "photo.png").read_bytes().endswith(b"fake")


def test_it_refuses_to_restore_into_a_database_with_data(transactional_db, tmp_path):
    from django.core.management.base import CommandError

    MembershipFactory()
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
