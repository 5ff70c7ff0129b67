import pytest
from django.core import mail

from .factories import CertificateProgrammeFactory, EventFactory


@pytest.fixture(autouse=True)
def _signing_key(settings, tmp_path):
    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "key.pem"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seminar(programme):
    return EventFactory(programme=programme, capacity=2)


@pytest.fixture
def course(programme):
    """A certificate programme of 10 hours in three sessions, 80% threshold."""
    return CertificateProgrammeFactory(programme=programme)


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox
