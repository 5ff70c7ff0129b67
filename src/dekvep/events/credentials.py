"""Open Badges 3.0 credentials for certificates, signed with the platform's Ed25519 key.

The proof is a W3C Data Integrity proof with the ``eddsa-jcs-2022`` cryptosuite: the signature
covers SHA-256(JCS(proof options)) || SHA-256(JCS(credential without proof)). The issuer is a
``did:web`` identifier whose DID document (``/.well-known/did.json``, also served as
``/.well-known/dekvep-issuer.json``) publishes the public key as a Multikey and as a JWK, so
anyone can check a credential without asking the platform.
"""

import base64
import datetime
import hashlib
import json
import os
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
CRYPTOSUITE = "eddsa-jcs-2022"
ED25519_MULTICODEC = b"\xed\x01"
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_keys: dict[str, Ed25519PrivateKey] = {}


# Encodings ----------------------------------------------------------------------------------


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = _B58[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = _B58.find(char)
        if index < 0:
            raise ValueError("Not base58.")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# The platform's key ---------------------------------------------------------------------------


def signing_key() -> Ed25519PrivateKey:
    """The key from CREDENTIAL_SIGNING_KEY (PEM), or the one generated once into the key file."""
    pem = settings.CREDENTIAL_SIGNING_KEY.replace("\\n", "\n").strip()
    source = pem or str(settings.CREDENTIAL_SIGNING_KEY_FILE)
    if source not in _keys:
        _keys[source] = (
            _load_key(pem) if pem else _load_or_create(settings.CREDENTIAL_SIGNING_KEY_FILE)
        )
    return _keys[source]


def _load_key(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("CREDENTIAL_SIGNING_KEY must be an Ed25519 private key.")
    return key


def _load_or_create(path) -> Ed25519PrivateKey:
    path = os.fspath(path)
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:  # O_EXCL: two processes starting together keep the first key
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
    with open(path, "rb") as handle:
        return _load_key(handle.read().decode())


def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def multikey(key: Ed25519PublicKey) -> str:
    return "z" + b58encode(ED25519_MULTICODEC + public_key_bytes(key))


def key_from_multikey(value: str) -> Ed25519PublicKey:
    if not value.startswith("z"):
        raise ValueError("Only base58btc multibase keys are supported.")
    raw = b58decode(value[1:])
    if not raw.startswith(ED25519_MULTICODEC) or len(raw) != 34:
        raise ValueError("Not an Ed25519 multikey.")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


# The issuer's identity ------------------------------------------------------------------------


def issuer_did() -> str:
    """did:web of the site: https://host[:port] → did:web:host[%3Aport]."""
    netloc = urlsplit(settings.SITE_URL).netloc
    return "did:web:" + quote(netloc, safe="")


def key_id() -> str:
    return issuer_did() + "#key-1"


def did_document() -> dict:
    public = signing_key().public_key()
    did = issuer_did()
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": [
            {
                "id": key_id(),
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": multikey(public),
            },
            {
                "id": did + "#key-1-jwk",
                "type": "JsonWebKey",
                "controller": did,
                "publicKeyJwk": {
                    "kty": "OKP",
                    "crv": "Ed25519",
                    "x": _b64url(public_key_bytes(public)),
                },
            },
        ],
        "assertionMethod": [key_id()],
    }


# Building and signing -------------------------------------------------------------------------


def _iso(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def unsigned_credential(certificate) -> dict:
    site = settings.SITE_URL
    hours = f"{certificate.hours.normalize():f}"
    title_en = certificate.title_en or certificate.title
    return {
        "@context": CONTEXTS,
        "id": f"{site}/verify/{certificate.code}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_did(),
            "type": ["Profile"],
            "name": certificate.issuer,
            "url": site + "/",
        },
        "validFrom": _iso(certificate.issued_at),
        "name": certificate.title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                }
            ],
            "achievement": {
                "id": f"{site}/events/{certificate.event_id}/#achievement",
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": certificate.title,
                "description": f"{certificate.title} / {title_en} — {hours} saat / hours",
                "criteria": {
                    "narrative": "Katılım eşiği ve değerlendirme tamamlandı. "
                    "Attendance threshold and assessment completed."
                },
            },
        },
    }


def _hash_data(document: dict, proof_options: dict) -> bytes:
    return (
        hashlib.sha256(rfc8785.dumps(proof_options)).digest()
        + hashlib.sha256(rfc8785.dumps(document)).digest()
    )


def sign(document: dict, created: datetime.datetime | None = None) -> dict:
    """Add an eddsa-jcs-2022 DataIntegrityProof made with the platform key."""
    created = created or datetime.datetime.now(datetime.UTC)
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": _iso(created),
        "verificationMethod": key_id(),
        "proofPurpose": "assertionMethod",
        "@context": document["@context"],
    }
    signature = signing_key().sign(_hash_data(document, options))
    proof = {k: v for k, v in options.items() if k != "@context"}
    proof["proofValue"] = "z" + b58encode(signature)
    return {**document, "proof": proof}


# The status entry names the credential's bit in the platform's revocation list (status_list).
LIST_NUMBER = 1


def list_url() -> str:
    return f"{settings.SITE_URL}/credentials/status/{LIST_NUMBER}"


def status_entry(certificate) -> dict:
    index = str(certificate.pk)
    return {
        "id": f"{list_url()}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index,
        "statusListCredential": list_url(),
    }


def credential_for(certificate) -> dict:
    document = unsigned_credential(certificate)
    # Every credential names its bit in the platform's revocation list.
    document["credentialStatus"] = status_entry(certificate)
    return sign(document, created=certificate.issued_at)


# Verifying ------------------------------------------------------------------------------------


@dataclass
class Verification:
    valid: bool
    reason: str


def _key_from_document(document: dict, method_id: str) -> Ed25519PublicKey | None:
    for method in document.get("verificationMethod", []):
        if method.get("id") == method_id and method.get("publicKeyMultibase"):
            return key_from_multikey(method["publicKeyMultibase"])
    return None


def issuer_id(credential: dict):
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def verify(credential, issuer_document: dict | None = None) -> Verification:
    """Check the proof of a credential; ``issuer_document`` is another issuer's DID document.

    For this platform's own DID the document always comes from the platform: a caller could
    otherwise hand in a document with their own key and have a forgery pass.
    """
    if not isinstance(credential, dict) or not isinstance(credential.get("proof"), dict):
        return Verification(False, "The credential has no proof.")
    proof = credential["proof"]
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        return Verification(False, "The proof is not a DataIntegrityProof with eddsa-jcs-2022.")
    if proof.get("proofPurpose") != "assertionMethod":
        return Verification(False, "The proof purpose is not assertionMethod.")
    issuer = issuer_id(credential)
    method = proof.get("verificationMethod", "")
    if not isinstance(method, str) or not method.startswith(f"{issuer}#"):
        return Verification(False, "The signing key does not belong to the issuer.")
    document = did_document() if issuer == issuer_did() else issuer_document
    if document is None or document.get("id") != issuer:
        return Verification(False, "The issuer is unknown; give its DID document.")
    try:
        public = _key_from_document(document, method)
    except ValueError as error:
        return Verification(False, f"The issuer's key is not usable: {error}")
    if public is None:
        return Verification(False, "The issuer does not publish this key.")
    value = proof.get("proofValue", "")
    try:
        signature = b58decode(value[1:]) if value.startswith("z") else b""
    except ValueError:
        signature = b""
    if len(signature) != 64:
        return Verification(False, "The proof value is not an Ed25519 signature.")
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = credential.get("@context")
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    try:
        public.verify(signature, _hash_data(unsecured, options))
    except (InvalidSignature, TypeError, ValueError):
        return Verification(False, "The signature does not match: the credential was altered.")
    return Verification(True, "The signature is valid.")


def loads(text: str):
    """Parse JSON refusing duplicate keys (they would make the canonical form ambiguous)."""

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("Duplicate key in JSON object.")
        return dict(pairs)

    return json.loads(text, object_pairs_hook=no_duplicates)
