"""Open calls: calls, their questions and criteria, applications, reviews, notices, pitch days."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.core.i18n import bilingual, pick
from dekvep.core.models import Organisation, Programme


class Call(models.Model):
    class Kind(models.TextChoices):
        FIRM_SELECTION = "firm_selection", _("Firm selection")
        OPEN_INNOVATION = "open_innovation", _("Open innovation")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="calls")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    opens_at = models.DateTimeField(_("opens at"), help_text=_("Istanbul time"))
    closes_at = models.DateTimeField(_("closes at"), help_text=_("Istanbul time"))
    published = models.BooleanField(_("published"), default=False)
    places = models.PositiveIntegerField(_("places"), default=1)
    eligible_kinds = models.JSONField(
        _("organisation kinds"), default=list, blank=True, help_text=_("Empty: any kind")
    )
    eligible_nace_prefixes = models.JSONField(
        _("NACE codes or prefixes"), default=list, blank=True, help_text=_("e.g. 13, 22.2, 27.51")
    )
    eligible_provinces = models.JSONField(_("provinces"), default=list, blank=True)
    eligible_zones = models.JSONField(_("organised industrial zones"), default=list, blank=True)
    eligible_employee_bands = models.JSONField(_("employee bands"), default=list, blank=True)
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3
    )
    disagreement_threshold = models.DecimalField(
        _("disagreement threshold"),
        max_digits=5,
        decimal_places=1,
        default=25,
        help_text=_("Spread between reviewers' totals (0–100) above which a row is flagged"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.published and self.opens_at <= now < self.closes_at

    @property
    def current_phase(self):
        phases = getattr(self, "_phases_cache", None)
        if phases is None:
            phases = self._phases_cache = list(self.phases.all())
        return next((p for p in phases if p.active), None)

    @property
    def is_blind(self) -> bool:
        phase = self.current_phase
        return bool(phase and phase.blind)


class Declaration(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="declarations")
    text_tr = models.CharField(_("text (Turkish)"), max_length=400)
    text_en = models.CharField(_("text (English)"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return bilingual(self, "text")


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        NUMBER = "number", _("Number")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        YES_NO = "yes_no", _("Yes / no")
        FILE = "file", _("File")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label_tr = models.CharField(_("question (Turkish)"), max_length=300)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    help_tr = models.CharField(_("help text (Turkish)"), max_length=400, blank=True)
    help_en = models.CharField(_("help text (English)"), max_length=400, blank=True)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For choice questions, in Turkish")
    )
    choices_en = models.JSONField(
        _("choices in English"),
        default=list,
        blank=True,
        help_text=_("The same choices in English, in the same order"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return bilingual(self, "label")

    @property
    def options(self) -> list[tuple[str, str]]:
        """(stored value, text in the reader's language) of each choice; answers keep the
        Turkish choice, so changing the English wording never changes an answer."""
        english = list(self.choices_en or [])
        english += [""] * (len(self.choices or []) - len(english))
        return [(tr, pick(tr, en)) for tr, en in zip(self.choices or [], english, strict=False)]

    @property
    def help(self) -> str:
        return bilingual(self, "help")


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name_tr = models.CharField(_("criterion (Turkish)"), max_length=200)
    name_en = models.CharField(_("criterion (English)"), max_length=200, blank=True)
    description_tr = models.CharField(_("guidance (Turkish)"), max_length=400, blank=True)
    description_en = models.CharField(_("guidance (English)"), max_length=400, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    scale_min = models.SmallIntegerField(_("lowest score"), default=0)
    scale_max = models.SmallIntegerField(_("highest score"), default=10)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def description(self) -> str:
        return bilingual(self, "description")


class ReviewPhase(models.Model):
    """A stage of the review. In a blind phase reviewers never see who applied."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="phases")
    name_tr = models.CharField(_("name (Turkish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    blind = models.BooleanField(_("blind"), default=True)
    scoring_open = models.BooleanField(_("reviewers may score"), default=True)
    active = models.BooleanField(_("active"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")


class Challenge(models.Model):
    """A need of the sector firms that an open-innovation call asks solutions for."""

    class Source(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        REPORT = "report", _("Assessment report")
        FIRM = "firm", _("Firm")
        MARKETPLACE = "marketplace", _("Marketplace (unmatched waste)")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="challenges")
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default="firm")
    firms = models.ManyToManyField(
        Organisation, related_name="call_challenges", blank=True, verbose_name=_("firms")
    )

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def description(self) -> str:
        return bilingual(self, "description")


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "ineligible", _("Ineligible")
        UNDER_REVIEW = "under_review", _("Under review")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        REJECTED = "rejected", _("Rejected")
        SELECTED = "selected", _("Selected")
        CONFIRMED = "confirmed", _("Confirmed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="call_applications"
    )
    reference = models.CharField(_("reference"), max_length=20, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    challenges = models.ManyToManyField(
        Challenge, related_name="applications", blank=True, verbose_name=_("challenges")
    )
    declarations_accepted = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    eligibility_reasons = models.JSONField(default=list, blank=True)
    override_note = models.TextField(_("override note"), blank=True)
    staged_status = models.CharField(
        _("staged decision"), max_length=20, choices=Status.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"], name="one_application_per_org"
            ),
            models.UniqueConstraint(fields=["call", "reference"], name="unique_reference"),
        ]

    def __str__(self):
        return self.reference


def answer_upload_to(answer, filename: str) -> str:
    # A random name: a stored file never carries the applicant's name into a blind review.
    return f"calls/{answer.application.call_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    file = models.FileField(upload_to=answer_upload_to, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer")
        ]

    def __str__(self):
        return f"{self.application} / {self.question_id}"

    def display(self) -> str:
        if self.question.kind == Question.Kind.YES_NO and self.value is not None:
            return str(_("Yes") if self.value else _("No"))
        shown = dict(self.question.options)
        if isinstance(self.value, list):
            return ", ".join(shown.get(v, str(v)) for v in self.value)
        return "" if self.value is None else shown.get(self.value, str(self.value))


class Conflict(models.Model):
    """A reviewer's declared conflict of interest with an organisation.

    Reviewers never pick from the organisation directory: they name an application of the
    call by reference, or type a name that is matched to the call's applicants on the server
    (now, and again whenever someone applies). A typed name that matches nobody waits with
    no organisation; the reviewer sees only what they typed either way.
    """

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_conflicts"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    declared_name = models.CharField(_("declared as"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["call", "reviewer", "organisation"], name="one_conflict"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} ✕ {self.organisation or self.declared_name}"


class Review(models.Model):
    """A reviewer's assignment to an application, with the scores once submitted."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        SUBMITTED = "submitted", _("Submitted")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_reviews"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ASSIGNED)
    total = models.DecimalField(
        _("weighted total"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    comment_to_applicant = models.TextField(_("comment to the applicant"), blank=True)
    comment_internal = models.TextField(_("internal comment"), blank=True)
    assigned_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_review")
        ]

    def __str__(self):
        return f"{self.application} · {self.reviewer}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField(_("score"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="one_score")]

    def __str__(self):
        return f"{self.review_id}/{self.criterion_id}: {self.value}"


class Notice(models.Model):
    """An e-mail to an applicant, held in the outbox until staff release it."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Application received")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "ineligible", _("Ineligible")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        SELECTED = "selected", _("Selected")
        REJECTED = "rejected", _("Rejected")
        PITCH_INVITATION = "pitch_invitation", _("Invitation to pitch")
        PITCH_REMINDER = "pitch_reminder", _("Pitch reminder")

    class Status(models.TextChoices):
        HELD = "held", _("Held for review")
        RELEASED = "released", _("Released")
        SENT = "sent", _("Sent")
        DISCARDED = "discarded", _("Discarded")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="notices")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notices", null=True
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=5, default="tr")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.HELD, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.subject


class PitchDay(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="pitch_days")
    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return self.name


class PitchSlot(models.Model):
    pitch_day = models.ForeignKey(PitchDay, on_delete=models.CASCADE, related_name="slots")
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="pitch_slot"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.starts_at:%H:%M} {self.application}"


class PitchInterest(models.Model):
    """A sector firm's interest in a pitched solution: a collaboration opportunity to follow up."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        MEETING = "meeting", _("Meeting held")
        AGREED = "agreed", _("Collaboration agreed")
        CLOSED = "closed", _("Closed without collaboration")

    slot = models.ForeignKey(PitchSlot, on_delete=models.CASCADE, related_name="interests")
    firm = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pitch_interests")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=400, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="new")
    follow_up_note = models.TextField(_("follow-up note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["slot", "firm"], name="one_interest")]

    def __str__(self):
        return f"{self.firm} → {self.slot.application}"

    @property
    def provider(self):
        return self.slot.application.organisation
