"""Revocation of issued credentials as a W3C Bitstring Status List.

Every credential carries a ``credentialStatus`` entry (``BitstringStatusListEntry``, purpose
``revocation``) that points at the platform's status list credential
(``/credentials/status/1``) and names its bit: the certificate's number. The list is a signed
``BitstringStatusListCredential`` whose ``encodedList`` is the GZIP-compressed bitstring in
base64url multibase (``u...``), at least 16 KB as the specification asks; bit 0 is the most
significant bit of the first byte. A set bit means revoked.

A verifier checks the signature, then the bit. ``dekvep verify_credential`` does both, and for
this platform's credentials it takes the issuer's DID document and the status list from the
platform itself, never from a document the caller supplies.
"""

import base64
import gzip
from urllib.parse import urldefrag

from . import credentials
from .credentials import list_url, status_entry  # noqa: F401 (status_entry is part of this API)
from .models import Certificate

MIN_BITS = 131072  # 16 KB, the specification's minimum (group privacy)


def encode(revoked: set[int]) -> str:
    size = max(MIN_BITS, ((max(revoked, default=0) // MIN_BITS) + 1) * MIN_BITS)
    bits = bytearray(size // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("The status list is not base64url multibase.")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def is_set(bits: bytes, index: int) -> bool:
    if index < 0 or index >= len(bits) * 8:
        raise ValueError("The status index is outside the list.")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential() -> dict:
    """The signed status list of every certificate this platform issued."""
    revoked = set(
        Certificate.objects.filter(status=Certificate.Status.REVOKED).values_list("pk", flat=True)
    )
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list_url(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": credentials.issuer_did(),
        "credentialSubject": {
            "id": f"{list_url()}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked),
        },
    }
    return credentials.sign(document)


def _own_list(url: str) -> dict | None:
    """The status list named by ``url`` when it is this platform's (resolved locally)."""
    return status_list_credential() if urldefrag(url).url == list_url() else None


def check_status(credential: dict) -> credentials.Verification:
    """The revocation status of a credential whose signature is already verified."""
    entry = credential.get("credentialStatus")
    own = credentials.issuer_id(credential) == credentials.issuer_did()
    if entry is None:
        if own:
            return credentials.Verification(
                False, "The credential has no status entry; this platform's credentials do."
            )
        return credentials.Verification(True, "The credential declares no status list.")
    entries = entry if isinstance(entry, list) else [entry]
    for item in entries:
        if not isinstance(item, dict) or item.get("statusPurpose") != "revocation":
            continue
        status_list = _own_list(str(item.get("statusListCredential", "")))
        if status_list is None:
            return credentials.Verification(
                False, "The status list is not this platform's and could not be checked."
            )
        signed = credentials.verify(status_list)
        if not signed.valid:
            return credentials.Verification(False, "The status list's signature is not valid.")
        try:
            bits = decode(status_list["credentialSubject"]["encodedList"])
            revoked = is_set(bits, int(item.get("statusListIndex", "-1")))
        except (ValueError, KeyError, OSError) as error:
            return credentials.Verification(False, f"The status could not be read: {error}")
        if revoked:
            return credentials.Verification(False, "The certificate was revoked.")
    return credentials.Verification(
        True, "The signature is valid and the certificate is not revoked."
    )


def verify_credential(credential, issuer_document: dict | None = None):
    """Signature, then revocation status: what ``dekvep verify_credential`` answers."""
    signed = credentials.verify(credential, issuer_document)
    if not signed.valid:
        return signed
    return check_status(credential)
