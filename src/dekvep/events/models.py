"""Events, sessions, registrations, attendance, certificates, ambassadors, outreach and
KVKK (personal data) requests."""

import hashlib
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.core.i18n import bilingual
from dekvep.core.models import Organisation, Programme


def new_code() -> str:
    """An unguessable code (128 bits) used on badges, QR codes and certificates."""
    return secrets.token_urlsafe(16)


def person_key(email: str) -> str:
    """A pseudonymous key for a person: it counts distinct people without keeping the e-mail."""
    return hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:40]


def organisation_key(organisation_id: int | None, organisation_name: str) -> str:
    if organisation_id:
        return f"org:{organisation_id}"
    name = " ".join((organisation_name or "").lower().split())
    return f"name:{name}" if name else ""


class Event(models.Model):
    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        TRAINING = "training", _("Training session")
        CERTIFICATE_PROGRAMME = "certificate_programme", _("Certificate programme")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, help_text=_("In Turkish"))
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("In Turkish"))
    description_en = models.TextField(_("description in English"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("Confirmed places"))
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    is_published = models.BooleanField(_("published"), default=True)
    ambassador_path = models.BooleanField(
        _("part of the ambassador training path"),
        default=False,
        help_text=_("Company ambassadors must attend this event."),
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance threshold (%)"),
        default=80,
        help_text=_("Share of the hours a participant must attend to complete."),
    )
    pass_score = models.DecimalField(
        _("pass score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when there is no assessment."),
    )
    total_hours = models.DecimalField(
        _("hours"), max_digits=7, decimal_places=2, default=Decimal("0")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["programme", "kind"])]

    def __str__(self):
        return bilingual(self, "title")

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.registration_opens <= now <= self.registration_closes

    @property
    def required_hours(self) -> Decimal:
        return (self.total_hours * self.attendance_threshold / Decimal(100)).quantize(
            Decimal("0.01")
        )


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return f"{self.event} — {self.title}"


class Registration(models.Model):
    class Status(models.TextChoices):
        # A person without an account confirms their e-mail address before a place is held.
        PENDING = "pending", _("Awaiting e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    person_key = models.CharField(max_length=40, db_index=True)
    organisation_key = models.CharField(max_length=220, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    code = models.CharField(_("code"), max_length=32, unique=True, default=new_code)
    consent_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    # When the e-mail address was confirmed: the place in the queue (wait list order).
    email_confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attended_hours = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0"))
    assessment_score = models.DecimalField(
        _("assessment score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    completed = models.BooleanField(_("completed"), default=False)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person_key"],
                condition=~models.Q(status="cancelled") & models.Q(erased_at__isnull=True),
                name="one_active_registration_per_person",
            )
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.full_name} — {self.event}"


class CheckIn(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="checkins"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="checkins")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="one_checkin")
        ]

    def __str__(self):
        return f"{self.registration} @ {self.session}"


class Certificate(models.Model):
    """An issued certificate. Its facts are copied at issue so verification survives erasure."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="certificates")
    registration = models.OneToOneField(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate",
    )
    code = models.CharField(_("code"), max_length=32, unique=True, default=new_code)
    holder_name = models.CharField(_("holder"), max_length=200)
    holder_key = models.CharField(max_length=40, db_index=True)
    title = models.CharField(_("programme"), max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2)
    issuer = models.CharField(_("issuer"), max_length=200)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(_("reason"), max_length=300, blank=True)
    pseudonymised = models.BooleanField(default=False)
    pdf = models.FileField(upload_to="certificates/", blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return f"{self.title} — {self.holder_name}"


class Ambassador(models.Model):
    """A company ambassador a participant firm named for a programme (at most two per firm)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="ambassadors")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ambassadors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ambassadorships"
    )
    named_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("company ambassador")
        verbose_name_plural = _("company ambassadors")
        ordering = ["organisation__name", "named_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_ambassadorship")
        ]

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class OutreachActivity(models.Model):
    """A vocational-school activity. Only counts are kept: no personal data of pupils."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="outreach_activities"
    )
    school = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="outreach_activities",
        limit_choices_to={"kind": Organisation.Kind.SCHOOL},
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    students = models.PositiveIntegerField(_("students reached"))
    teachers = models.PositiveIntegerField(_("teachers reached"))
    materials = models.TextField(_("materials used"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.title} — {self.school}"


class DataRequest(models.Model):
    """A person's KVKK request to erase their event data; staff decide."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved — data erased")
        REJECTED = "rejected", _("Rejected")

    email = models.EmailField(_("e-mail"), blank=True)
    person_key = models.CharField(max_length=40, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.email or self.person_key[:8]} ({self.get_status_display()})"
