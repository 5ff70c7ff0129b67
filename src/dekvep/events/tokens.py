"""Signed links a registrant uses to see, cancel and download their registration."""

from django.core import signing

from .models import Registration

SALT = "dekvep.events.registration"


def manage_token(registration) -> str:
    return signing.dumps(registration.code, salt=SALT, compress=True)


def registration_from_token(token: str):
    """The registration behind a signed token, or None when the token is forged or unknown."""
    try:
        code = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("event", "event__programme").filter(code=code).first()
    )


CONFIRM_SALT = "dekvep.events.confirm-email"


def confirm_token(registration) -> str:
    """The link mailed to confirm the address: only its owner can hold a place with it."""
    return signing.dumps(registration.code, salt=CONFIRM_SALT, compress=True)


def registration_from_confirm_token(token: str):
    try:
        code = signing.loads(token, salt=CONFIRM_SALT)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("event", "event__programme").filter(code=code).first()
    )
