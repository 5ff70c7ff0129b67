"""Inventories (a firm's data for a year), their review, assessment results, opportunities and
the reports issued from them."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.catalog.sectors import sector_title
from dekvep.core.i18n import pick
from dekvep.core.models import Organisation, Programme, Site


class Inventory(models.Model):
    """The data one firm hands over for one year (and one site when it has several).

    ``data`` holds the inventory in the JSON format of ``docs/inventory-format.md``;
    ``result`` holds the engine's output for the last valid data.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="inventories")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="inventories",
        verbose_name=_("organisation"),
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inventories",
        verbose_name=_("site"),
    )
    year = models.PositiveIntegerField(_("year"))
    sector = models.CharField(_("sector"), max_length=30)
    product_group = models.CharField(_("product group"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    data = models.JSONField(_("inventory data"), default=dict, blank=True)
    result = models.JSONField(_("assessment result"), null=True, blank=True)
    factor_set = models.CharField(_("factor set"), max_length=80, blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inventory")
        verbose_name_plural = _("inventories")
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "year", "site"],
                name="unique_inventory_per_site_year",
            ),
            models.UniqueConstraint(
                fields=["programme", "organisation", "year"],
                condition=models.Q(site__isnull=True),
                name="unique_inventory_per_year_without_site",
            ),
        ]

    def __str__(self):
        site = f" — {self.site.name}" if self.site_id else ""
        return f"{self.organisation} {self.year}{site}"

    @property
    def editable_by_firm(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def clean(self):
        if self.site_id and self.site.organisation_id != self.organisation_id:
            raise ValidationError({"site": _("The site belongs to another organisation.")})


class InventoryComment(models.Model):
    """An analyst's or firm's remark on an inventory, kept with the review step it came with."""

    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    action = models.CharField(_("review step"), max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"


class Opportunity(models.Model):
    """An improvement measure for a firm: from the catalogue or written by an analyst."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="opportunities")
    measure_id = models.CharField(_("catalogue measure"), max_length=80, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    kind = models.CharField(_("kind of saving"), max_length=20, blank=True)
    saving = models.FloatField(_("yearly saving"), default=0, help_text=_("in the saving unit"))
    saving_unit = models.CharField(_("saving unit"), max_length=10, blank=True)
    money_try_per_year = models.FloatField(_("money saved per year (TRY)"), default=0)
    tco2e_per_year = models.FloatField(_("emissions avoided per year (tCO2e)"), default=0)
    investment_try = models.FloatField(_("investment (TRY)"), default=0)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    note = models.TextField(_("analyst note"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "priority", "-money_try_per_year"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")

    def __str__(self):
        return self.title_en

    def title(self, language: str = "tr") -> str:
        return pick(self.title_tr, self.title_en, language)

    @property
    def payback_years(self) -> float | None:
        if self.money_try_per_year <= 0:
            return None
        return self.investment_try / self.money_try_per_year


def report_path(report: "Report", filename: str) -> str:
    """A random name: the stored file says nothing about the firm, sector or year."""
    return f"assessment/reports/{secrets.token_hex(16)}.pdf"


class Report(models.Model):
    """A firm or sector report as issued on a given day, with the PDF that was handed over.

    Issuing again in the same language supersedes the earlier issue of the same firm (or
    sector) and year. A report may be recorded without its PDF; the PDF is then rendered on the
    first download and stored from then on.
    """

    class Kind(models.TextChoices):
        FIRM = "firm", _("Firm report")
        SECTOR = "sector", _("Sector report")

    class Language(models.TextChoices):
        TR = "tr", _("Turkish")
        EN = "en", _("English")

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        SUPERSEDED = "superseded", _("Superseded")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("organisation"),
    )
    sector = models.CharField(_("sector"), max_length=30)
    year = models.PositiveIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    inventory = models.ForeignKey(
        Inventory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("inventory"),
    )
    firms = models.PositiveIntegerField(_("firms"), null=True, blank=True)
    factor_set_name = models.CharField(_("factor set"), max_length=80, blank=True)
    factor_set_version = models.CharField(_("factor set version"), max_length=40, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    pdf = models.FileField(_("PDF"), upload_to=report_path, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ISSUED
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "year", "language"],
                condition=models.Q(kind="firm", status="issued"),
                name="one_issued_firm_report",
            ),
            models.UniqueConstraint(
                fields=["programme", "sector", "year", "language"],
                condition=models.Q(kind="sector", status="issued"),
                name="one_issued_sector_report",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="sector", organisation__isnull=True)
                | models.Q(kind="firm", organisation__isnull=False),
                name="report_firm_has_organisation",
            ),
        ]

    def __str__(self):
        subject = self.organisation.name if self.organisation_id else self.sector_label
        return f"{self.get_kind_display()} {subject} {self.year} ({self.get_language_display()})"

    def get_absolute_url(self) -> str:
        return reverse("assessment:report_download", args=[self.pk])

    @property
    def factor_set(self) -> str:
        return f"{self.factor_set_name} {self.factor_set_version}".strip()

    @property
    def sector_label(self) -> str:
        return sector_title(self.sector)

    @property
    def download_name(self) -> str:
        subject = self.organisation_id if self.organisation_id else self.sector
        return f"dekvep-{self.kind}-report-{subject}-{self.year}-{self.language}.pdf"


class ProgrammeSettings(models.Model):
    """What a programme decides for its assessments: the real discount rate of the measures'
    NPV, the carbon price effectively paid in Türkiye (deducted from CBAM; 0 until set) and the
    GWP set. Empty values take the shipped defaults (``assessment/data/finance.json``, AR5)."""

    class GwpSet(models.TextChoices):
        AR5 = "AR5", _("IPCC AR5 (as Türkiye's national inventory)")
        AR6 = "AR6", _("IPCC AR6 (current GHG Protocol guidance)")

    programme = models.OneToOneField(
        "core.Programme", on_delete=models.CASCADE, related_name="assessment_settings"
    )
    discount_rate = models.FloatField(
        _("discount rate (real, per year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(0.5)],
        help_text=_("For example 0.08 for 8 %; empty for the programme default."),
    )
    origin_carbon_price_eur_per_t = models.FloatField(
        _("carbon price paid in Türkiye (EUR/tCO2e)"),
        default=0,
        validators=[MinValueValidator(0)],
    )
    gwp_set = models.CharField(
        _("GWP set"), max_length=3, choices=GwpSet.choices, default=GwpSet.AR5
    )

    class Meta:
        verbose_name = _("assessment settings")
        verbose_name_plural = _("assessment settings")

    def __str__(self) -> str:
        return str(self.programme)
