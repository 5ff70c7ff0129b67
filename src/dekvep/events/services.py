"""Every change to events, registrations, attendance, certificates and ambassadors.

A registration changes state only through ``transition``; capacity is guarded by locking the
event row (``select_for_update``) for the length of the transaction.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.formatting import format_datetime
from dekvep.core.models import Membership, Organisation, Participation
from dekvep.core.permissions import require
from dekvep.core.queue import enqueue
from dekvep.text import fold

from .models import (
    Ambassador,
    CheckIn,
    Event,
    OutreachActivity,
    Registration,
    Session,
    organisation_key,
    person_key,
)

MAX_AMBASSADORS = 2
EVENT_FIELDS = {
    "kind",
    "title",
    "title_en",
    "description",
    "description_en",
    "place",
    "online_url",
    "starts_at",
    "ends_at",
    "capacity",
    "registration_opens",
    "registration_closes",
    "is_published",
    "ambassador_path",
    "attendance_threshold",
    "pass_score",
}


# Events and sessions ---------------------------------------------------------------------


def _check_event(event: Event) -> None:
    errors = {}
    if event.ends_at and event.starts_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    if event.registration_closes and event.registration_opens:
        if event.registration_closes <= event.registration_opens:
            errors["registration_closes"] = _("Registration must close after it opens.")
    if event.attendance_threshold is not None and not 0 < event.attendance_threshold <= 100:
        errors["attendance_threshold"] = _("Give a share between 1 and 100.")
    if not event.place and not event.online_url:
        errors["place"] = _("Give a place or an online link.")
    if errors:
        raise ValidationError(errors)
    event.full_clean()


@transaction.atomic
def create_event(actor, programme, **fields) -> Event:
    require(actor, "events.manage_event", programme)
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be set.")})
    event = Event(programme=programme, **fields)
    _check_event(event)
    event.save()
    Session.objects.create(
        event=event,
        title=_("Main session"),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        hours=_hours_between(event.starts_at, event.ends_at),
    )
    _refresh_hours(event)
    audit.record_created(actor, event, programme=programme)
    return event


@transaction.atomic
def update_event(actor, event: Event, **fields) -> Event:
    require(actor, "events.manage_event", event)
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be set.")})
    before = audit.snapshot(event)
    for name, value in fields.items():
        setattr(event, name, value)
    _check_event(event)
    event.save()
    audit.record(
        actor, "updated", event, audit.diff(before, audit.snapshot(event)), event.programme
    )
    return event


def _hours_between(start, end) -> Decimal:
    return (Decimal((end - start).total_seconds()) / Decimal(3600)).quantize(Decimal("0.01"))


@transaction.atomic
def set_sessions(actor, event: Event, sessions: list[dict]) -> list[Session]:
    """Replace the event's sessions (title, starts_at, ends_at, hours) while none is checked in."""
    require(actor, "events.manage_event", event)
    if CheckIn.objects.filter(session__event=event).exists():
        raise ValidationError(
            {"sessions": _("People are already checked in; add sessions instead.")}
        )
    if not sessions:
        raise ValidationError({"sessions": _("An event needs at least one session.")})
    event.sessions.all().delete()
    created = [add_session(actor, event, **row, _row=i + 1) for i, row in enumerate(sessions)]
    return created


@transaction.atomic
def add_session(actor, event: Event, title, starts_at, ends_at, hours=None, _row=None) -> Session:
    require(actor, "events.manage_event", event)
    prefix = _("Row %(row)s: ") % {"row": _row} if _row else ""
    if not title:
        raise ValidationError({"title": prefix + _("Give the session a title.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": prefix + _("The session must end after it starts.")})
    hours = Decimal(str(hours)) if hours not in (None, "") else _hours_between(starts_at, ends_at)
    if hours <= 0:
        raise ValidationError({"hours": prefix + _("Hours must be more than zero.")})
    session = Session.objects.create(
        event=event, title=title, starts_at=starts_at, ends_at=ends_at, hours=hours
    )
    _refresh_hours(event)
    audit.record_created(actor, session, programme=event.programme)
    return session


def _refresh_hours(event: Event) -> None:
    total = sum((s.hours for s in event.sessions.all()), Decimal("0"))
    Event.objects.filter(pk=event.pk).update(total_hours=total)
    event.total_hours = total


# Registrations: one transition function ---------------------------------------------------


def name_key(name: str) -> str:
    """A name compared case-, accent- and space-insensitively, by Turkish rules (``text.fold``)."""
    return " ".join(fold(name or "").split())


def _match_organisation(name: str, user) -> Organisation | None:
    """The organisation whose name matches what the person typed, else their only firm."""
    key = name_key(name)
    if key:
        found = Organisation.objects.filter(name__iexact=" ".join(name.split())).first()
        if found is None:  # SQLite folds ASCII only: compare folded names in Python
            found = next(
                (
                    Organisation(pk=pk, name=org_name)
                    for pk, org_name in Organisation.objects.values_list("pk", "name")
                    if name_key(org_name) == key
                ),
                None,
            )
        if found:
            return found
    if user is not None and getattr(user, "is_authenticated", False):
        memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
        if len(memberships) == 1 and (not key or key in name_key(memberships[0].organisation.name)):
            return memberships[0].organisation
    return None


def _validate_registration(event, full_name, email, consent, now) -> None:
    errors = {}
    if not event.is_published:
        raise ValidationError({"event": _("This event is not open for registration.")})
    if now < event.registration_opens:
        errors["event"] = _("Registration opens on %(date)s.") % {
            "date": format_datetime(event.registration_opens)
        }
    elif now > event.registration_closes:
        errors["event"] = _("Registration closed on %(date)s.") % {
            "date": format_datetime(event.registration_closes)
        }
    if not (full_name or "").strip():
        errors["full_name"] = _("Please enter your name.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address, for example ad@firma.com.tr.")
    if not consent:
        errors["consent"] = _("Please read and accept the personal data notice to register.")
    if errors:
        raise ValidationError(errors)


def register(
    event: Event,
    full_name: str,
    email: str,
    organisation_name: str = "",
    consent=False,
    user=None,
    now=None,
) -> Registration:
    """Register a person. With an account (whose address is known) the place is held at once:
    confirmed while places last, else wait-listed. Without one the registration waits for the
    person to confirm their e-mail address (``confirm_email``) before any place is held, so no
    one can take places with addresses that are not theirs."""
    now = now or timezone.now()
    email = (email or "").strip().lower()
    _validate_registration(event, full_name, email, consent, now)
    signed_in = getattr(user, "is_authenticated", False)
    organisation = _match_organisation(organisation_name, user)
    language = get_language()
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            status = _place_for(locked) if signed_in else Registration.Status.PENDING
            registration = Registration.objects.create(
                event=locked,
                user=user if signed_in else None,
                full_name=full_name.strip(),
                email=email,
                organisation_name=(organisation_name or "").strip()
                or (organisation.name if organisation else ""),
                organisation=organisation,
                person_key=person_key(email),
                organisation_key=organisation_key(
                    organisation.pk if organisation else None, organisation_name
                ),
                status=status,
                consent_at=now,
                created_at=now,
                email_confirmed_at=now if signed_in else None,
            )
            audit.record(
                user, "registered", registration, {"status": [None, status]}, locked.programme
            )
            _queue_registration_mail(registration, language)
    except IntegrityError:
        pending = Registration.objects.filter(
            event=event, person_key=person_key(email), status=Registration.Status.PENDING
        ).first()
        if pending is not None:
            # The first confirmation mail may have been lost: send it again, hold nothing.
            _queue_registration_mail(pending, language)
            return pending
        raise ValidationError(
            {"email": _("This e-mail address is already registered for this event.")}
        ) from None
    return registration


def _place_for(locked: Event) -> str:
    confirmed = locked.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if confirmed < locked.capacity:
        return Registration.Status.CONFIRMED
    return Registration.Status.WAITLISTED


@transaction.atomic
def confirm_email(registration: Registration, now=None) -> Registration:
    """The person followed the link in their mail: hold a place, or join the end of the wait
    list (whose order is the order of confirmation). Confirming twice changes nothing."""
    locked = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.event = locked
    if registration.status != Registration.Status.PENDING:
        if registration.status == Registration.Status.CANCELLED:
            raise ValidationError({"status": _("This registration was cancelled.")})
        return registration
    registration.email_confirmed_at = now or timezone.now()
    registration.save(update_fields=["email_confirmed_at"])
    return transition(registration, _place_for(locked), None)


ALLOWED = {
    (Registration.Status.PENDING, Registration.Status.CONFIRMED),
    (Registration.Status.PENDING, Registration.Status.WAITLISTED),
    (Registration.Status.PENDING, Registration.Status.CANCELLED),
    (Registration.Status.CONFIRMED, Registration.Status.CANCELLED),
    (Registration.Status.WAITLISTED, Registration.Status.CANCELLED),
    (Registration.Status.WAITLISTED, Registration.Status.CONFIRMED),
}


def transition(registration: Registration, to: str, actor=None, reason: str = "") -> Registration:
    """Move a registration to ``to`` (the one way its state changes); promotes on cancellation.

    Callers hold the event row lock (``_locked``) so capacity stays exact.
    """
    before = registration.status
    if (before, to) not in ALLOWED:
        raise ValidationError(
            {
                "status": _("A %(before)s registration cannot become %(to)s.")
                % {"before": registration.get_status_display(), "to": Registration.Status(to).label}
            }
        )
    registration.status = to
    now = timezone.now()
    if to == Registration.Status.CANCELLED:
        registration.cancelled_at = now
    if before == Registration.Status.WAITLISTED and to == Registration.Status.CONFIRMED:
        registration.promoted_at = now
    registration.save(update_fields=["status", "cancelled_at", "promoted_at"])
    if before == Registration.Status.PENDING:
        action = "cancelled" if to == Registration.Status.CANCELLED else "email_confirmed"
    else:
        action = {"cancelled": "cancelled", "confirmed": "promoted"}[to]
    changes = {"status": [before, to]}
    if reason:
        changes["reason"] = [None, reason]
    audit.record(actor, action, registration, changes, registration.event.programme)
    language = get_language()
    if to in (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED):
        _queue_registration_mail(registration, language)
    if before == Registration.Status.CONFIRMED and to == Registration.Status.CANCELLED:
        _promote_next(registration.event, actor)
    return registration


def _promote_next(event: Event, actor) -> Registration | None:
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if confirmed >= event.capacity:
        return None
    waiting = (
        event.registrations.filter(status=Registration.Status.WAITLISTED)
        .order_by("email_confirmed_at", "created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    return transition(waiting, Registration.Status.CONFIRMED, actor, reason="waiting list")


@transaction.atomic
def cancel_registration(registration: Registration, actor=None) -> Registration:
    """Cancel (by the person through their signed link, or by staff); the next in line moves up."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        if registration.user_id != actor.pk:
            require(actor, "events.manage_event", registration.event)
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    registration.event = event
    refusal = cancel_refusal(registration)
    if refusal:
        raise ValidationError({"status": refusal})
    return transition(registration, Registration.Status.CANCELLED, actor)


def _queue_registration_mail(registration: Registration, language: str | None) -> None:
    # Sent by a task after commit, like every other mail (see core.mail).
    # The state is passed along: the mail says what happened then, not what holds when it runs.
    enqueue("events.tasks.send_registration_mail", registration.pk, language, registration.status)


def cancel_refusal(registration: Registration) -> str | None:
    """Why ``registration`` cannot be cancelled now, or None.

    The pages offer "Cancel" only when this is None and ``cancel_registration`` refuses with
    these words, so no one is offered a cancellation that is then refused.
    """
    if registration.status == Registration.Status.CANCELLED:
        return _("This registration is already cancelled.")
    try:
        certified = registration.certificate is not None
    except Registration.certificate.RelatedObjectDoesNotExist:
        certified = False
    if certified:
        return _("A certificate was issued for this registration, so it cannot be cancelled.")
    return None


@transaction.atomic
def fill_from_waiting_list(actor, event: Event) -> int:
    """After a capacity increase, move people up from the waiting list."""
    require(actor, "events.manage_event", event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    promoted = 0
    while _promote_next(locked, actor):
        promoted += 1
    return promoted


# Attendance ---------------------------------------------------------------------------------


class CheckInResult:
    def __init__(self, registration: Registration, already: bool):
        self.registration = registration
        self.already = already


@transaction.atomic
def check_in(actor, session: Session, code: str) -> CheckInResult:
    """Check a person in to a session by their code; a second check-in is recognised, not
    counted."""
    require(actor, "events.check_in", session.event)
    code = (code or "").strip()
    if "/" in code:  # a scanned URL: the code is its last part
        code = code.rstrip("/").rsplit("/", 1)[-1]
    registration = (
        Registration.objects.select_for_update().filter(event=session.event_id, code=code).first()
        if code
        else None
    )
    if registration is None:
        raise ValidationError({"code": _("Unknown code: no registration for this event has it.")})
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(
            {
                "code": _("This registration was cancelled: %(name)s.")
                % {"name": registration.full_name}
            }
        )
    if registration.status == Registration.Status.PENDING:
        raise ValidationError(
            {
                "code": _("%(name)s has not confirmed their e-mail address yet.")
                % {"name": registration.full_name}
            }
        )
    if registration.status == Registration.Status.WAITLISTED:
        raise ValidationError(
            {
                "code": _("%(name)s is on the waiting list, not confirmed.")
                % {"name": registration.full_name}
            }
        )
    checkin, created = CheckIn.objects.get_or_create(
        registration=registration, session=session, defaults={"by": actor}
    )
    if created:
        Registration.objects.filter(pk=registration.pk).update(
            attended_hours=F("attended_hours") + session.hours
        )
        registration.refresh_from_db()
        refresh_completion(registration)
        audit.record(
            actor,
            "checked_in",
            registration,
            {"session": [None, session.title]},
            session.event.programme,
        )
    return CheckInResult(registration, already=not created)


def refresh_completion(registration: Registration) -> bool:
    """Completion from the records: attended hours over the threshold and, if assessed, the
    score."""
    event = registration.event
    done = (
        registration.status == Registration.Status.CONFIRMED
        and event.total_hours > 0
        and registration.attended_hours >= event.required_hours
        and (
            event.pass_score is None
            or (
                registration.assessment_score is not None
                and registration.assessment_score >= event.pass_score
            )
        )
    )
    if done != registration.completed:
        Registration.objects.filter(pk=registration.pk).update(completed=done)
        registration.completed = done
    return done


@transaction.atomic
def set_assessment_score(actor, registration: Registration, score) -> Registration:
    require(actor, "events.manage_event", registration.event)
    if score in (None, ""):
        value = None
    else:
        try:
            value = Decimal(str(score))
        except Exception:
            raise ValidationError({"assessment_score": _("Enter a number.")}) from None
        if not Decimal(0) <= value <= Decimal(100):
            raise ValidationError({"assessment_score": _("The score must be between 0 and 100.")})
    before = registration.assessment_score
    registration.assessment_score = value
    registration.save(update_fields=["assessment_score"])
    refresh_completion(registration)
    audit.record(
        actor,
        "scored",
        registration,
        {"assessment_score": [before, value]},
        registration.event.programme,
    )
    return registration


# Ambassadors ----------------------------------------------------------------------------------


@transaction.atomic
def name_ambassador(actor, programme, organisation: Organisation, user) -> Ambassador:
    """A participant firm names one of its members as company ambassador (two at most)."""
    require(actor, "events.name_ambassador", organisation)
    if not Participation.objects.filter(programme=programme, organisation=organisation).exists():
        raise ValidationError({"organisation": _("Only participant firms name ambassadors.")})
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is None:
        raise ValidationError({"user": _("The ambassador must be a member of the firm.")})
    current = Ambassador.objects.select_for_update().filter(
        programme=programme, organisation=organisation
    )
    if current.filter(user=user).exists():
        raise ValidationError({"user": _("This person is already an ambassador.")})
    if current.count() >= MAX_AMBASSADORS:
        raise ValidationError(
            {"user": _("A firm names at most two ambassadors; remove one first.")}
        )
    ambassador = Ambassador.objects.create(
        programme=programme, organisation=organisation, user=user
    )
    if membership.role == Membership.Role.MEMBER:
        membership.role = Membership.Role.AMBASSADOR
        membership.save(update_fields=["role"])
    audit.record_created(actor, ambassador, programme=programme)
    return ambassador


@transaction.atomic
def remove_ambassador(actor, ambassador: Ambassador) -> None:
    require(actor, "events.name_ambassador", ambassador.organisation)
    audit.record_deleted(actor, ambassador, programme=ambassador.programme)
    ambassador.delete()


# Outreach -------------------------------------------------------------------------------------


OUTREACH_FIELDS = {"school", "title", "held_on", "students", "teachers", "materials"}


@transaction.atomic
def record_outreach(actor, programme, **fields) -> OutreachActivity:
    require(actor, "events.manage_outreach", programme)
    unknown = set(fields) - OUTREACH_FIELDS
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be set.")})
    school = fields.get("school")
    if school is None or school.kind != Organisation.Kind.SCHOOL:
        raise ValidationError({"school": _("Choose a school.")})
    for name in ("students", "teachers"):
        value = fields.get(name)
        if value is None or int(value) < 0:
            raise ValidationError({name: _("Enter a whole number, zero or more.")})
    activity = OutreachActivity(programme=programme, **fields)
    activity.full_clean()
    activity.save()
    audit.record_created(actor, activity, programme=programme)
    return activity


def window_default(now=None) -> dict:
    """Sensible defaults for a new event's dates: in a month, registration open until the day
    before."""
    now = now or timezone.now()
    start = (now + timedelta(days=30)).replace(hour=10, minute=0, second=0, microsecond=0)
    return {
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "registration_opens": now.replace(second=0, microsecond=0),
        "registration_closes": start - timedelta(days=1),
    }


def ensure_can_see_attendees(actor, event) -> None:
    if not actor.has_perm("events.view_attendees", event):
        raise PermissionDenied
