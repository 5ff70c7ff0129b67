import copy
import json

import pytest
import rfc8785
from django.core.management import call_command

from dekvep.events import credentials
from dekvep.events.models import Certificate

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


def _canonical(value) -> str:
    return rfc8785.dumps(value).decode("utf-8")


def test_it_canonicalises_json_as_rfc_8785():
    value = {"b": [1, 2.0, 1e-7, True, None], "a": 'ğ\n"', "€": 1, "\u00e9": 0.5}
    assert _canonical(value) == '{"a":"ğ\\n\\"","b":[1,2,1e-7,true,null],"é":0.5,"€":1}'


def test_it_sorts_keys_by_utf16_code_units():
    assert _canonical({"\U0001f600": 1, "\ufb01": 2}) == '{"\U0001f600":1,"\ufb01":2}'


@pytest.mark.parametrize(
    ("number", "written"),
    [(1e-6, "0.000001"), (1e-5, "0.00001"), (2.5e-5, "0.000025"), (1e-4, "0.0001"), (1e-7, "1e-7")],
)
def test_small_numbers_are_written_as_ecmascript_does(number, written):
    # RFC 8785 follows ECMAScript: plain decimals down to 1e-6, exponent form below it.
    assert _canonical({"x": number}) == '{"x":' + written + "}"
    assert credentials.loads(_canonical({"x": number})) == {"x": number}


def test_it_makes_an_open_badges_3_credential(certificate):
    credential = credentials.credential_for(certificate)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["credentialSubject"]["achievement"]["name"] == certificate.title
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == "Ayşe Yılmaz"
    assert credential["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert credential["proof"]["proofValue"].startswith("z")


def test_it_verifies_an_untouched_credential(certificate):
    assert credentials.verify(credentials.credential_for(certificate)).valid


def test_it_verifies_with_the_published_did_document_only(certificate, client):
    credential = json.loads(json.dumps(credentials.credential_for(certificate)))
    document = client.get("/.well-known/dekvep-issuer.json").json()
    result = credentials.verify(credential, issuer_document=document)
    assert result.valid, result.reason


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c["credentialSubject"]["identifier"][0].update(identityHash="Mallory"),
        lambda c: c["credentialSubject"]["achievement"].update(name="Başka Program"),
        lambda c: c.update(validFrom="2020-01-01T00:00:00Z"),
        lambda c: c["proof"].update(created="2020-01-01T00:00:00Z"),
        lambda c: c["proof"].update(proofValue="z" + "1" * 80),
    ],
)
def test_it_fails_a_tampered_credential(certificate, tamper):
    credential = copy.deepcopy(credentials.credential_for(certificate))
    tamper(credential)
    result = credentials.verify(credential)
    assert not result.valid


def test_it_fails_a_credential_signed_by_another_key(certificate, settings, tmp_path):
    credential = credentials.credential_for(certificate)
    settings.CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "other.pem"
    result = credentials.verify(credential)
    assert not result.valid and "altered" in result.reason


def test_it_keeps_the_generated_key_across_loads(settings):
    first = credentials.did_document()
    credentials._keys.clear()
    assert credentials.did_document() == first


def test_it_verifies_a_file_from_the_command_line(certificate, tmp_path, capsys):
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credentials.credential_for(certificate), ensure_ascii=False))
    call_command("verify_credential", str(path))
    assert "VALID" in capsys.readouterr().out


def test_it_reports_a_tampered_file_from_the_command_line(certificate, tmp_path, capsys):
    credential = credentials.credential_for(certificate)
    credential["name"] = "Sahte"
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credential))
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_credential", str(path))
    assert exit_info.value.code == 1
    assert "INVALID" in capsys.readouterr().out
