"""Issue 10.8: the credential verifier checks revocation and trusts only the platform's key.

``dekvep verify_credential`` said VALID for a credential whose certificate was revoked, and
took a caller's ``--issuer`` document for the platform's own DID (so a self-signed forgery
passed).
"""

import copy
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command

from dekvep.events import certificates, credentials, status_list
from dekvep.events.models import Certificate
from tests.conftest import client_for

from .factories import RegistrationFactory


@pytest.fixture
def certificate(course):
    registration = RegistrationFactory(event=course, full_name="Ayşe Yılmaz", completed=True)
    return Certificate.objects.create(
        event=course,
        registration=registration,
        holder_name="Ayşe Yılmaz",
        holder_key=registration.person_key,
        title=course.title,
        title_en=course.title_en,
        hours=course.total_hours,
        issuer="Marmara Sanayi Odası",
    )


def _run(tmp_path, credential, *args):
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credential, ensure_ascii=False))
    try:
        call_command("verify_credential", str(path), *args)
    except SystemExit as exit_info:
        return exit_info.code
    return 0


def test_every_credential_references_the_status_list(certificate):
    entry = credentials.credential_for(certificate)["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    assert entry["statusListIndex"] == str(certificate.pk)
    assert entry["statusListCredential"].endswith("/credentials/status/1")


def test_a_revoked_certificates_credential_is_not_valid(certificate, people, tmp_path, capsys):
    credential = credentials.credential_for(certificate)
    assert _run(tmp_path, credential) == 0 and "VALID" in capsys.readouterr().out
    certificates.revoke_certificate(people["manager"], certificate, "Sahte belge")
    assert _run(tmp_path, credential) == 1
    assert "INVALID: The certificate was revoked." in capsys.readouterr().out


def test_the_status_list_is_public_signed_and_sets_the_revoked_bit(certificate, people):
    certificates.revoke_certificate(people["manager"], certificate, "Sahte belge")
    document = client_for(None).get("/credentials/status/1").json()
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert credentials.verify(document).valid
    bits = status_list.decode(document["credentialSubject"]["encodedList"])
    assert len(bits) * 8 >= 131072
    assert status_list.is_set(bits, certificate.pk)
    assert not status_list.is_set(bits, certificate.pk + 1)


def test_a_caller_supplied_document_cannot_vouch_for_the_platforms_did(
    certificate, tmp_path, capsys
):
    """A forgery signed with the attacker's key, with a DID document claiming the platform."""
    forged = credentials.unsigned_credential(certificate)
    forged["credentialStatus"] = status_list.status_entry(certificate)
    forged["name"] = "Sahte program"
    attacker = Ed25519PrivateKey.generate()
    document = copy.deepcopy(credentials.did_document())
    document["verificationMethod"][0]["publicKeyMultibase"] = credentials.multikey(
        attacker.public_key()
    )
    real_key = credentials.signing_key
    credentials.signing_key = lambda: attacker
    try:
        signed = credentials.sign(forged)
    finally:
        credentials.signing_key = real_key
    issuer = tmp_path / "issuer.json"
    issuer.write_text(json.dumps(document))
    assert _run(tmp_path, signed, "--issuer", str(issuer)) == 1
    assert "INVALID" in capsys.readouterr().out


def test_a_platform_credential_without_a_status_entry_is_not_valid(certificate):
    credential = credentials.sign(credentials.unsigned_credential(certificate))
    result = status_list.verify_credential(credential)
    assert not result.valid and "status" in result.reason


def test_a_status_entry_pointing_elsewhere_is_not_trusted(certificate):
    document = credentials.unsigned_credential(certificate)
    entry = status_list.status_entry(certificate)
    entry["statusListCredential"] = "https://attacker.example/status/1"
    document["credentialStatus"] = entry
    result = status_list.verify_credential(credentials.sign(document))
    assert not result.valid
