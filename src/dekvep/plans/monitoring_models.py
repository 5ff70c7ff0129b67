"""Monitoring records: approved inventory versions, baselines, per-action results, evidence
and roadmap goal targets. Imported by ``models.py`` so Django finds them in the ``plans`` app."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.core.formatting import format_percent
from dekvep.core.models import Organisation, Programme

USER = settings.AUTH_USER_MODEL


class InventoryVersion(models.Model):
    """A copy of an inventory as it was approved. Re-approving after a change adds a version;
    the earlier ones stay. Monitoring reads only these, never a draft."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="inventory_versions"
    )
    inventory = models.ForeignKey(
        "assessment.Inventory",
        on_delete=models.SET_NULL,
        null=True,
        related_name="approved_versions",
    )
    year = models.PositiveIntegerField(_("year"))
    sector = models.CharField(_("sector"), max_length=30)
    version = models.PositiveIntegerField(_("version"), default=1)
    current = models.BooleanField(default=True)
    data = models.JSONField(default=dict)
    result = models.JSONField(null=True, blank=True)
    totals = models.JSONField(_("stream totals"), default=dict)
    approved_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("approved inventory version")
        ordering = ["organisation_id", "year", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "version"], name="unique_inventory_version"
            )
        ]

    def __str__(self):
        return f"{self.organisation} {self.year} v{self.version}"


class Baseline(models.Model):
    """The approved year a firm's later years are compared with."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("baseline year"))
    chosen_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    chosen_at = models.DateTimeField(default=timezone.now)
    last_reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("baseline")
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="unique_baseline")
        ]

    def __str__(self):
        return f"{self.organisation} {self.year}"


class ActionResult(models.Model):
    """Promised against measured for one implemented action in one monitored year."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        PARTLY = "partly", _("Partly")
        NOT_SEEN = "not_seen", _("Not seen")
        CANNOT_TELL = "cannot_tell", _("Cannot tell")

    class Reason(models.TextChoices):
        NONE = "", _("—")
        NOT_REPORTED = "not_reported", _("The stream is not reported in one of the years")
        NO_PRODUCTION = "no_production", _("Production is not reported")
        NEEDS_SPLIT = "needs_split", _("Several actions act on this stream: the analyst splits it")
        NOT_PROMISED = "not_promised", _("No promised saving to compare with")

    action = models.ForeignKey("plans.Action", on_delete=models.CASCADE, related_name="results")
    year = models.PositiveIntegerField(_("year"))
    baseline_year = models.PositiveIntegerField(_("baseline year"))
    stream = models.CharField(_("stream"), max_length=12)
    unit = models.CharField(_("unit"), max_length=10)
    promised = models.FloatField(_("promised"), null=True)
    measured = models.FloatField(_("measured"), null=True)
    share = models.FloatField(_("share of the stream's change"), null=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    reason = models.CharField(_("reason"), max_length=15, choices=Reason.choices, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action result")
        ordering = ["action_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="unique_action_result")
        ]

    def __str__(self):
        return f"{self.action} {self.year}: {self.status}"


class StreamSplit(models.Model):
    """The analyst's share of a shared stream's change given to one action for one year."""

    action = models.ForeignKey("plans.Action", on_delete=models.CASCADE, related_name="splits")
    year = models.PositiveIntegerField(_("year"))
    share = models.FloatField(_("share"))
    set_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="unique_stream_split")
        ]

    def __str__(self):
        return f"{self.action} {self.year}: {self.share:.0%}"


class Evidence(models.Model):
    """A meter reading before and after, an invoice or a photo supporting an action's saving."""

    class Kind(models.TextChoices):
        METER = "meter", _("Meter readings")
        INVOICE = "invoice", _("Invoice")
        PHOTO = "photo", _("Photo")

    action = models.ForeignKey("plans.Action", on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reading_before = models.FloatField(_("reading before"), null=True, blank=True)
    date_before = models.DateField(_("date of the reading before"), null=True, blank=True)
    reading_after = models.FloatField(_("reading after"), null=True, blank=True)
    date_after = models.DateField(_("date of the reading after"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, blank=True)
    file = models.FileField(_("file"), upload_to="plans/evidence/%Y/", blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    added_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.action} {self.kind}"


class GoalTarget(models.Model):
    """A roadmap goal as a number: an indicator to change by a percentage by a year, against
    the sector's baseline median."""

    class Indicator(models.TextChoices):
        ENERGY = "energy_kwh_per_t", _("Energy intensity (kWh/t)")
        WATER = "water_m3_per_t", _("Water intensity (m³/t)")
        WASTE = "waste_kg_per_t", _("Waste intensity (kg/t)")

    goal = models.OneToOneField(
        "roadmaps.StrategicGoal", on_delete=models.CASCADE, related_name="target"
    )
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    change_pct = models.FloatField(_("change (%)"))
    baseline_year = models.PositiveIntegerField(_("baseline year"))
    target_year = models.PositiveIntegerField(_("target year"))
    set_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("goal target")

    def __str__(self):
        return _("%(goal)s: %(change)s %(indicator)s by %(year)s") % {
            "goal": self.goal,
            "change": format_percent(self.change_pct),
            "indicator": self.get_indicator_display(),
            "year": self.target_year,
        }
