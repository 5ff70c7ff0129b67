"""Every change to organisations, people, programmes and tokens goes through these functions.

Each checks the actor's permission, validates, saves atomically and writes the audit log.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import override

from dekvep.catalog.sectors import sector_for_nace

from . import audit, throttle
from .mail import send_mail
from .models import (
    ApiToken,
    Invitation,
    Membership,
    Notification,
    Organisation,
    Participation,
    Programme,
    Site,
    StaffAssignment,
    User,
)
from .permissions import require
from .queue import enqueue
from .writes import full_save, write

INVITATION_SALT = "dekvep.invitation"


# Notifications ---------------------------------------------------------------------------


def notify(recipients, subject, body="", url: str = "") -> list[Notification]:
    """Record an in-app notification for each recipient and queue its e-mail.

    ``subject`` and ``body`` are text, a lazy translation, or a function of no arguments
    (``lambda: _("Voting is open: %(title)s") % {...}``) that is called in each recipient's
    preferred language, so the notification and its e-mail speak the recipient's language,
    not the sender's.
    """
    created = []
    for user in {r.pk: r for r in recipients if r is not None}.values():
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            text, details = _in_words(subject), _in_words(body)
        created.append(
            Notification.objects.create(recipient=user, subject=text[:300], body=details, url=url)
        )
    for notification in created:
        enqueue("core.tasks.email_notification", notification.pk)
    return created


def _in_words(text) -> str:
    return str((text() if callable(text) else text) or "")


def mark_notifications_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# Organisations and sites -----------------------------------------------------------------


def sector_of(nace_codes: list[str]) -> str:
    for code in nace_codes or []:
        sector = sector_for_nace(code)
        if sector:
            return sector.key
    return ""


# What a user may write on an organisation and a site; the forms and API schemas show these.
ORGANISATION_FIELDS = (
    "name",
    "kind",
    "nace_codes",
    "tax_number",
    "address",
    "province",
    "district",
    "industrial_zone",
    "latitude",
    "longitude",
    "employee_band",
    "website",
)
SITE_FIELDS = (
    "name",
    "address",
    "province",
    "district",
    "industrial_zone",
    "latitude",
    "longitude",
)


def _derive_sector(organisation: Organisation) -> None:
    organisation.sector = sector_of(organisation.nace_codes)


@transaction.atomic
def create_organisation(actor, **fields) -> Organisation:
    require(actor, "core.add_organisation")
    organisation = Organisation()
    return write(actor, organisation, fields, ORGANISATION_FIELDS, prepare=_derive_sector)


# A firm that moves its own site and asks for distances again could locate others' anonymous
# listings; a few changes a day are plenty for a real move.
COORDINATE_CHANGES = throttle.Policy(free=3, base=3600, cap=24 * 3600, window=24 * 3600)


def _coordinates_change(actor, organisation: Organisation, current, fields: dict) -> bool:
    """True when ``fields`` move a location; refused while the firm's changes wait."""
    wanted = (fields.get("latitude", current[0]), fields.get("longitude", current[1]))
    if wanted == tuple(current) or actor.has_perm("core.view_directory"):
        return False
    wait = throttle.wait_seconds("coordinates", str(organisation.pk))
    if wait:
        raise ValidationError(
            {
                "latitude": _(
                    "The location was changed several times today; try again in %(minutes)s "
                    "minutes."
                )
                % {"minutes": max(1, wait // 60)}
            }
        )
    return True


def _count_coordinate_change(organisation: Organisation) -> None:
    throttle.record_failure("coordinates", str(organisation.pk), COORDINATE_CHANGES)


@transaction.atomic
def update_organisation(actor, organisation: Organisation, **fields) -> Organisation:
    require(actor, "core.change_organisation", organisation)
    current = (organisation.latitude, organisation.longitude)
    moves = _coordinates_change(actor, organisation, current, fields)
    organisation = write(actor, organisation, fields, ORGANISATION_FIELDS, prepare=_derive_sector)
    if moves:
        _count_coordinate_change(organisation)
    return organisation


@transaction.atomic
def add_site(actor, organisation: Organisation, **fields) -> Site:
    require(actor, "core.change_organisation", organisation)
    # A new site with coordinates is a new point to measure from: counted like a move.
    moves = _coordinates_change(actor, organisation, (None, None), fields)
    site = write(actor, Site(organisation=organisation), fields, SITE_FIELDS)
    if moves:
        _count_coordinate_change(organisation)
    return site


@transaction.atomic
def update_site(actor, site: Site, **fields) -> Site:
    require(actor, "core.change_organisation", site.organisation)
    moves = _coordinates_change(actor, site.organisation, (site.latitude, site.longitude), fields)
    site = write(actor, site, fields, SITE_FIELDS)
    if moves:
        _count_coordinate_change(site.organisation)
    return site


@transaction.atomic
def delete_site(actor, site: Site) -> None:
    require(actor, "core.change_organisation", site.organisation)
    audit.record_deleted(actor, site)
    site.delete()


# Memberships -----------------------------------------------------------------------------


@transaction.atomic
def add_member(actor, organisation: Organisation, user: User, role: str) -> Membership:
    require(actor, "core.manage_team", organisation)
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created and membership.role != role:
        return change_member_role(actor, membership, role)
    if created:
        audit.record_created(actor, membership)
    return membership


@transaction.atomic
def change_member_role(actor, membership: Membership, role: str) -> Membership:
    require(actor, "core.manage_team", membership.organisation)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    _keep_one_admin(membership, role)
    before = audit.snapshot(membership, ["role"])
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(actor, "role_changed", membership, audit.diff(before, {"role": role}))
    return membership


@transaction.atomic
def remove_member(actor, membership: Membership) -> None:
    require(actor, "core.manage_team", membership.organisation)
    _keep_one_admin(membership, None)
    audit.record_deleted(actor, membership)
    membership.delete()


def _keep_one_admin(membership: Membership, new_role) -> None:
    if membership.role != Membership.Role.ADMIN or new_role == Membership.Role.ADMIN:
        return
    admins = Membership.objects.filter(
        organisation=membership.organisation, role=Membership.Role.ADMIN
    ).exclude(pk=membership.pk)
    if not admins.exists():
        raise ValidationError({"role": _("An organisation needs at least one administrator.")})


# Invitations -----------------------------------------------------------------------------


@transaction.atomic
def invite(
    actor, email: str, organisation: Organisation, role: str, programme=None, staff_role=""
) -> tuple[Invitation, str]:
    """Invite a person by e-mail; returns the invitation and its one-use signed link."""
    require(actor, "core.manage_team", organisation)
    if staff_role:
        require(actor, "core.invite_staff", programme)
    email = email.strip().lower()
    if Membership.objects.filter(user__email=email, organisation=organisation).exists():
        raise ValidationError({"email": _("This person is already a member of the organisation.")})
    invitation = Invitation(
        email=email,
        organisation=organisation,
        role=role,
        programme=programme,
        staff_role=staff_role,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
    )
    full_save(invitation, exclude=["invited_by"])
    audit.record_created(actor, invitation, programme=programme)
    link = reverse("core:accept_invitation", args=[invitation_token(invitation)])
    with override(actor.preferred_language if actor else settings.LANGUAGE_CODE):
        subject = _("You are invited to %(organisation)s on DEKVEP") % {
            "organisation": organisation.name
        }
        body = _("Open this link to set your password and join: %(link)s") % {
            "link": settings.SITE_URL + link
        }
    send_mail(email, subject, body)
    return invitation, link


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"id": invitation.pk, "n": secrets.token_hex(4)}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The open invitation behind ``token``; ValidationError when bad, expired or used."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
        invitation = Invitation.objects.select_related("organisation").get(pk=data["id"])
    except (signing.BadSignature, Invitation.DoesNotExist, KeyError, TypeError):
        raise ValidationError(_("This invitation link is not valid.")) from None
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired; ask for a new one."))
    return invitation


def invited_address(user, invitation: Invitation) -> bool:
    """True when ``user`` is the account of the address the invitation was sent to."""
    return user.email.strip().lower() == invitation.email.strip().lower()


@transaction.atomic
def accept_invitation(token: str, full_name: str, password: str, existing_user=None) -> User:
    invitation = invitation_from_token(token)
    Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    user = existing_user
    if user is not None and not invited_address(user, invitation):
        # A forwarded or leaked link must not add whoever happens to be logged in.
        raise PermissionDenied
    if user is None:
        if User.objects.filter(email=invitation.email).exists():
            raise ValidationError(
                {"email": _("An account with this e-mail exists; log in to accept.")}
            )
        user = User(email=invitation.email, full_name=full_name.strip())
        if not user.full_name:
            raise ValidationError({"full_name": _("Please enter your name.")})
        validate_password(password, user)
        user.set_password(password)
        user.save()
        audit.record(user, "registered", user)
    Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if invitation.programme and invitation.staff_role:
        StaffAssignment.objects.get_or_create(
            programme=invitation.programme, user=user, role=invitation.staff_role
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record(user, "accepted", invitation, programme=invitation.programme)
    return user


# Accounts and API tokens -----------------------------------------------------------------


@transaction.atomic
def update_account(user: User, **fields) -> User:
    allowed = {"full_name", "phone", "preferred_language"}
    before = audit.snapshot(user, sorted(allowed))
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError({name: _("This field cannot be changed here.")})
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(fields))
    audit.record(user, "updated", user, audit.diff(before, audit.snapshot(user, sorted(allowed))))
    return user


@transaction.atomic
def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token; the plain key is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    key = "dkv_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=key[:12], key_hash=ApiToken.hash_key(key)
    )
    audit.record(user, "created", token)
    return token, key


@transaction.atomic
def revoke_api_token(user: User, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionDenied
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(user, "revoked", token)


def user_for_api_key(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


# Programmes ------------------------------------------------------------------------------


@transaction.atomic
def create_programme(actor, **fields) -> Programme:
    if not (actor.is_superuser or actor.has_perm("core.add_organisation")):
        raise PermissionDenied
    programme = Programme(**fields)
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    full_save(programme)
    audit.record_created(actor, programme, programme=programme)
    return programme


def publish_participant_list(actor, programme: Programme, published: bool) -> Programme:
    """Let funder viewers list the firms behind the figures (or stop them); the manager's call."""
    require(actor, "core.change_programme", programme)
    return write(
        actor,
        programme,
        {"publishes_participants": bool(published)},
        ["publishes_participants"],
        programme=programme,
        audited=["publishes_participants"],
    )


@transaction.atomic
def add_participant(actor, programme: Programme, organisation: Organisation, analyst=None):
    require(actor, "core.change_programme", programme)
    participation, created = Participation.objects.get_or_create(
        programme=programme,
        organisation=organisation,
        defaults={"sector": organisation.sector, "analyst": analyst},
    )
    if created:
        audit.record_created(actor, participation, programme=programme)
    return participation


@transaction.atomic
def assign_analyst(actor, participation: Participation, analyst: User | None):
    require(actor, "core.change_programme", participation.programme)
    before = {"analyst": participation.analyst_id}
    participation.analyst = analyst
    participation.save(update_fields=["analyst"])
    audit.record(
        actor,
        "analyst_assigned",
        participation,
        audit.diff(before, {"analyst": analyst.pk if analyst else None}),
        programme=participation.programme,
    )
    return participation


@transaction.atomic
def assign_staff(actor, programme: Programme, user: User, role: str) -> StaffAssignment:
    require(actor, "core.change_programme", programme)
    if role not in StaffAssignment.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    assignment, created = StaffAssignment.objects.get_or_create(
        programme=programme, user=user, role=role
    )
    if created:
        audit.record_created(actor, assignment, programme=programme)
    return assignment
