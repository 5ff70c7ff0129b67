"""Sign-up from the public pages: a firm or a solution provider registers itself.

The organisation, its first administrator and the membership are made at once, but the account
stays inactive until the address is confirmed through the signed link mailed to it; then the
person is signed in and taken straight to the call they came to apply to.
"""

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from . import audit
from .models import Membership, Organisation, User
from .queue import enqueue
from .services import sector_of
from .validators import validate_vkn

SALT = "dekvep.core.signup"
# A confirmation link older than this no longer works (the person signs up again).
MAX_AGE = 7 * 24 * 3600
KINDS = (Organisation.Kind.MANUFACTURER, Organisation.Kind.SOLUTION_PROVIDER)


def _check(kind, organisation_name, tax_number, full_name, email, password, consent) -> None:
    errors = {}
    if kind not in KINDS:
        errors["kind"] = _("Choose a firm or a solution provider.")
    if not (organisation_name or "").strip():
        errors["organisation_name"] = _("Give the organisation's name.")
    try:
        validate_vkn(tax_number or "")
    except ValidationError as error:
        errors["tax_number"] = error.messages[0]
    else:
        if Organisation.objects.filter(tax_number=tax_number).exists():
            errors["tax_number"] = _(
                "An organisation with this tax number is already registered: ask its "
                "administrator to invite you."
            )
    if not (full_name or "").strip():
        errors["full_name"] = _("Please enter your name.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address, for example ad@firma.com.tr.")
    else:
        if User.objects.filter(email__iexact=email).exists():
            errors["email"] = _("An account with this address exists: log in instead.")
    try:
        password_validation.validate_password(password or "")
    except ValidationError as error:
        errors["password"] = " ".join(error.messages)
    if not consent:
        errors["consent"] = _("Please read and accept the personal data notice to sign up.")
    if errors:
        raise ValidationError(errors)


def sign_up(
    *,
    kind: str,
    organisation_name: str,
    tax_number: str,
    full_name: str,
    email: str,
    password: str,
    consent: bool = False,
    nace_codes: list[str] | None = None,
    province: str = "",
    call_id: int | None = None,
) -> User:
    """Make the organisation, its first (inactive) administrator, and mail the confirmation."""
    email = (email or "").strip().lower()
    tax_number = (tax_number or "").strip()
    _check(kind, organisation_name, tax_number, full_name, email, password, consent)
    try:
        with transaction.atomic():
            organisation = Organisation(
                name=organisation_name.strip(),
                kind=kind,
                tax_number=tax_number,
                nace_codes=nace_codes or [],
                province=(province or "").strip(),
            )
            organisation.sector = sector_of(organisation.nace_codes)
            organisation.full_clean()
            organisation.save()
            user = User.objects.create_user(
                email=email,
                password=password,
                full_name=full_name.strip(),
                is_active=False,
                preferred_language=get_language() or settings.LANGUAGE_CODE,
            )
            Membership.objects.create(
                user=user, organisation=organisation, role=Membership.Role.ADMIN
            )
            audit.record(user, "signed_up", organisation, {"kind": [None, kind]})
            _queue_mail(user, organisation, call_id)
    except IntegrityError:
        raise ValidationError(
            {"tax_number": _("This organisation is already registered.")}
        ) from None
    return user


def confirmation_token(user: User, call_id: int | None = None) -> str:
    return signing.dumps({"user": user.pk, "call": call_id}, salt=SALT, compress=True)


def _queue_mail(user: User, organisation: Organisation, call_id: int | None) -> None:
    url = settings.SITE_URL + reverse(
        "web:signup_confirm", args=[confirmation_token(user, call_id)]
    )
    with override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = _("Confirm your e-mail address to finish signing up")
        body = render_to_string(
            "web/public/signup_email.txt",
            {"user": user, "organisation": organisation, "url": url},
        )
    enqueue("core.tasks.send_email", [user.email], subject, body)


def confirm(token: str) -> tuple[User, int | None]:
    """Activate the account the token names; returns it and the call it came to apply to."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            {"token": _("This link has expired: please sign up again.")}
        ) from None
    except signing.BadSignature:
        raise ValidationError({"token": _("This link is not valid.")}) from None
    user = User.objects.filter(pk=data.get("user")).first()
    if user is None:
        raise ValidationError({"token": _("This link is not valid.")})
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit.record(user, "email_confirmed", user, {"is_active": [False, True]})
    return user, data.get("call")
