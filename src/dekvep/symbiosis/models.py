"""Listings, match runs and their results, synergies and their exchanges, workshop tables."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dekvep.core.models import Job, Organisation, Programme, Site


def attachment_path(attachment, filename: str) -> str:
    """A random name: a file name may carry the firm's name, which others must not learn."""
    return f"symbiosis/attachments/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ServiceKind(models.TextChoices):
    RECYCLING = "recycling", _("Recycling")
    TREATMENT = "treatment", _("Treatment")
    LOGISTICS = "logistics", _("Logistics")
    TESTING = "testing", _("Testing and analysis")


class Listing(models.Model):
    ServiceKind = ServiceKind

    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        WANT = "want", _("Want")

    class Unit(models.TextChoices):
        TONNE = "t", _("tonnes")
        KILOGRAM = "kg", _("kilograms")
        CUBIC_METRE = "m3", _("cubic metres")
        LITRE = "l", _("litres")
        PIECE = "pcs", _("pieces")
        KILOWATT_HOUR = "kwh", _("kWh (heat)")
        MEGAWATT_HOUR = "mwh", _("MWh (heat)")
        KILOWATT = "kw", _("kW (heat, all year)")
        MEGAWATT = "mw", _("MW (heat, all year)")
        HOUR = "h", _("machine hours")
        SQUARE_METRE = "m2", _("square metres")
        TRIP = "trip", _("trips")

    class Frequency(models.TextChoices):
        ONCE = "once", _("one-off")
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")
        YEAR = "year", _("per year")

    class Logistics(models.TextChoices):
        SELLER = "seller", _("seller delivers")
        BUYER = "buyer", _("buyer collects")
        THIRD_PARTY = "third_party", _("third party")

    # Quality attributes: the values the engine compares (catalog/data/listing_attributes.csv)
    class Colour(models.TextChoices):
        CLEAR = "clear", _("clear")
        NATURAL = "natural", _("natural")
        COLOURED = "coloured", _("coloured")
        BLACK = "black", _("black")

    class Grade(models.TextChoices):
        FOOD = "food", _("food-grade")
        TECHNICAL = "technical", _("technical grade")

    class Contamination(models.TextChoices):
        CLEAN = "clean", _("clean")
        OILY = "oily", _("oily")
        LABELLED = "labelled", _("labelled")
        MIXED = "mixed", _("mixed or blended")

    class PhysicalForm(models.TextChoices):
        FLAKE = "flake", _("flake")
        REGRIND = "regrind", _("regrind")
        GRANULE = "granule", _("granule")
        BALE = "bale", _("bale")
        ROLL = "roll", _("roll")
        OFFCUT = "offcut", _("offcut")
        POWDER = "powder", _("powder")
        SLUDGE = "sludge", _("sludge")
        LIQUID = "liquid", _("liquid")

    class Moisture(models.TextChoices):
        DRY = "dry", _("dry")
        WET = "wet", _("wet")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")
        # left the marketplace when its availability ended or a year passed unrenewed
        EXPIRED = "expired", _("Expired")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="listings")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="listings"
    )
    site = models.ForeignKey(
        Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    waste_code = models.CharField(_("waste code"), max_length=6, blank=True)
    material = models.CharField(_("material"), max_length=40, blank=True)
    quantity = models.FloatField(_("quantity"), validators=[MinValueValidator(0.0)])
    unit = models.CharField(_("unit"), max_length=5, choices=Unit.choices, default=Unit.TONNE)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.YEAR
    )
    tonnes_per_year = models.FloatField(_("tonnes per year"), default=0)
    form = models.CharField(_("form and quality"), max_length=120, blank=True)
    colour = models.CharField(_("colour"), max_length=10, choices=Colour.choices, blank=True)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, blank=True)
    contamination = models.CharField(
        _("contamination"), max_length=10, choices=Contamination.choices, blank=True
    )
    physical_form = models.CharField(
        _("physical form"), max_length=10, choices=PhysicalForm.choices, blank=True
    )
    moisture = models.CharField(_("moisture"), max_length=10, choices=Moisture.choices, blank=True)
    temperature_c = models.FloatField(
        _("temperature (°C)"),
        null=True,
        blank=True,
        help_text=_("For heat and steam: the temperature offered, or the one needed."),
    )
    capacity_process = models.CharField(
        _("process of the shared capacity"),
        max_length=40,
        blank=True,
        help_text=_("For spare machine capacity: the process it serves, e.g. CNC machining."),
    )
    hazardous = models.BooleanField(_("hazardous"), default=False)
    hazardous_licence = models.BooleanField(_("holds a hazardous-waste licence"), default=False)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    price = models.DecimalField(
        _("price or gate fee (EUR/t)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    logistics = models.CharField(
        _("logistics"), max_length=20, choices=Logistics.choices, blank=True
    )
    # A solution provider's service (recycling, treatment ...): a want the engine matches as any
    # other, to offers inside the provinces it serves (``dekvep.symbiosis.providers``).
    service = models.CharField(
        _("service offered"), max_length=12, choices=ServiceKind.choices, blank=True
    )
    service_provinces = models.JSONField(
        _("provinces served"), default=list, blank=True, help_text=_("Empty: anywhere")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    workshop_table = models.ForeignKey(
        "WorkshopTable",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="listings",
        verbose_name=_("entered at the workshop table"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A listing lasts twelve months from creation or its latest renewal (symbiosis.expiry).
    renewed_at = models.DateTimeField(_("renewed"), null=True, blank=True)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")

    def __str__(self):
        return self.title

    ATTRIBUTE_FIELDS = ("colour", "grade", "contamination", "physical_form", "moisture")

    def attribute_ids(self) -> tuple[str, ...]:
        """The chosen quality attributes as the engine names them ("colour:clear")."""
        group = {"physical_form": "form"}
        return tuple(
            f"{group.get(name, name)}:{getattr(self, name)}"
            for name in self.ATTRIBUTE_FIELDS
            if getattr(self, name)
        )

    def clean(self):
        if self.site_id and self.site.organisation_id != self.organisation_id:
            raise ValidationError({"site": _("The site belongs to another organisation.")})
        if (
            self.available_from
            and self.available_until
            and self.available_until < self.available_from
        ):
            raise ValidationError({"available_until": _("The end is before the start.")})


class MatchRun(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="match_runs")
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    offers = models.PositiveIntegerField(default=0)
    wants = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)
    allocated_t = models.FloatField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"match run {self.pk} ({self.created_at:%Y-%m-%d %H:%M})"


class MatchResult(models.Model):
    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="results")
    offer = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    want = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    distance_km = models.FloatField(null=True)
    reasons = models.JSONField(default=list)
    allocated_t = models.FloatField(default=0)

    class Meta:
        ordering = ["offer_id", "rank"]

    def __str__(self):
        return f"{self.offer_id} → {self.want_id} #{self.rank}"


class BaselineRoute(models.TextChoices):
    LANDFILL = "landfill", _("Landfill")
    INCINERATION = "incineration", _("Incineration")
    EXPORT = "export", _("Export")
    LOWER_VALUE_RECYCLING = "lower_value_recycling", _("A lower-value recycler")


class Synergy(models.Model):
    BaselineRoute = BaselineRoute

    class State(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        CONTACTED = "contacted", _("Contacted")
        NEGOTIATING = "negotiating", _("Negotiating")
        AGREED = "agreed", _("Agreed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        DROPPED = "dropped", _("Dropped")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="synergies")
    offer = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="offer_synergies")
    want = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="want_synergies")
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.IDENTIFIED
    )
    dropped_reason = models.CharField(_("reason dropped"), max_length=300, blank=True)
    offer_side_agrees = models.BooleanField(
        _("offering firm agrees to be introduced"), default=False
    )
    want_side_agrees = models.BooleanField(
        _("receiving firm agrees to be introduced"), default=False
    )
    score = models.FloatField(default=0)
    distance_km = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list)
    baseline_route = models.CharField(
        _("what happened to the material before"),
        max_length=25,
        choices=BaselineRoute.choices,
        default=BaselineRoute.LANDFILL,
    )
    receiving_process = models.CharField(
        _("receiving process"),
        max_length=40,
        blank=True,
        help_text=_("What the receiver does with the material; it decides what is substituted."),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("synergy")
        verbose_name_plural = _("synergies")
        constraints = [
            models.UniqueConstraint(fields=["offer", "want"], name="one_synergy_per_pair")
        ]

    def __str__(self):
        return f"{self.offer.title} → {self.want.title}"

    @property
    def introduced(self) -> bool:
        return self.offer_side_agrees and self.want_side_agrees


class Exchange(models.Model):
    synergy = models.ForeignKey(Synergy, on_delete=models.CASCADE, related_name="exchanges")
    date = models.DateField(_("date"))
    tonnes = models.FloatField(_("tonnes"), validators=[MinValueValidator(0.001)])
    transport_document = models.CharField(
        _("waste transport document number"),
        max_length=60,
        blank=True,
        help_text=_("MoTAT transport form (TKN/TDN) or e-waste transport form number."),
    )
    weighbridge_ticket = models.CharField(_("weighbridge ticket number"), max_length=60, blank=True)
    invoice_number = models.CharField(_("invoice number"), max_length=60, blank=True)
    invoice = models.FileField(_("invoice"), upload_to=attachment_path, blank=True)
    offer_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offer_confirmed_at = models.DateTimeField(
        _("confirmed by the offering firm"), null=True, blank=True
    )
    want_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    want_confirmed_at = models.DateTimeField(
        _("confirmed by the receiving firm"), null=True, blank=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date}: {self.tonnes} t"

    @property
    def has_evidence(self) -> bool:
        return bool(
            self.transport_document
            or self.weighbridge_ticket
            or self.invoice_number
            or self.invoice
        )

    @property
    def confirmed(self) -> bool:
        return bool(self.offer_confirmed_at and self.want_confirmed_at)


class ListingAttachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo")
        DOCUMENT = "document", _("Document")

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")

    def __str__(self):
        return self.public_name

    @property
    def suffix(self) -> str:
        return Path(self.file.name).suffix.lower()

    @property
    def public_name(self) -> str:
        """The name shown to those who may not learn the original one."""
        stem = _("photo") if self.kind == self.Kind.IMAGE else _("document")
        return f"{stem}-{self.pk}{self.suffix}"


class WorkshopTable(models.Model):
    """One table of an industrial-symbiosis workshop: its firms, their listings, its agreements."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="workshop_tables"
    )
    title = models.CharField(_("table"), max_length=200)
    workshop = models.ForeignKey(
        "roadmaps.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("workshop"),
    )
    organisations = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name=_("firms at the table")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("workshop table")

    def __str__(self):
        return self.title


class WorkshopAgreement(models.Model):
    """A match the table agreed is worth pursuing; it goes to the collaboration register."""

    table = models.ForeignKey(WorkshopTable, on_delete=models.CASCADE, related_name="agreements")
    offer = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    want = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0)
    distance_km = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list)
    note = models.CharField(_("next step"), max_length=300, blank=True)
    opportunity_id = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("agreed workshop match")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "offer", "want"], name="one_agreement_per_table_pair"
            )
        ]

    def __str__(self):
        return f"{self.offer.title} → {self.want.title}"


# Unmatched offers proposed as open-innovation challenges (kept apart, imported for Django).
from dekvep.symbiosis.challenge_models import (  # noqa: E402, F401
    ChallengeSettings,
    ListingChallenge,
)

# Conversations on a synergy live in their own module; imported here for Django to find them.
from dekvep.symbiosis.conversation_models import (  # noqa: E402, F401
    Message,
    MessageAttachment,
    Question,
    ReadMark,
)


class AlertFrequency(models.TextChoices):
    AT_ONCE = "at_once", _("At once")
    WEEKLY = "weekly", _("In a weekly digest")
    NEVER = "never", _("Never")


class AlertPreference(models.Model):
    """How one firm member hears about new matches for the firm's listings (symbiosis.alerts).

    A member without a row gets the weekly digest."""

    Frequency = AlertFrequency

    membership = models.OneToOneField(
        "core.Membership", on_delete=models.CASCADE, related_name="alert_preference"
    )
    frequency = models.CharField(
        _("new matches"),
        max_length=10,
        choices=AlertFrequency.choices,
        default=AlertFrequency.WEEKLY,
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("match alert setting")

    def __str__(self):
        return f"{self.membership}: {self.frequency}"


class MatchAlert(models.Model):
    """A match of a firm's listing with another firm's listing, kept from the first time it was
    found so that it is announced once: at once or in the next digest, never again."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="match_alerts")
    other = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0)
    run = models.ForeignKey(MatchRun, on_delete=models.SET_NULL, null=True, related_name="+")
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-found_at", "-score"]
        verbose_name = _("new match")
        constraints = [
            models.UniqueConstraint(fields=["listing", "other"], name="one_alert_per_match")
        ]

    def __str__(self):
        return f"{self.listing.title} ↔ {self.other.title}"
