"""The rule catalogue's saved versions and each firm's readiness profile."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.core.models import Organisation


class CatalogueVersion(models.Model):
    """A version of the rule catalogue saved by operator staff; the newest one is in force.

    Until staff save one, the catalogue shipped in ``readiness/data/rules.json`` is in force.
    """

    version = models.CharField(_("version"), max_length=40, unique=True)
    data = models.JSONField(_("catalogue"))
    note = models.TextField(_("what changed"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("rule catalogue version")
        verbose_name_plural = _("rule catalogue versions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.version}"


class ReadinessProfile(models.Model):
    """A firm's answers to the readiness questionnaire. Confidential like its inventory."""

    class AllocationKey(models.TextChoices):
        MASS = "mass", _("By mass produced")
        REVENUE = "revenue", _("By revenue")
        PIECES = "pieces", _("By pieces produced")

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="readiness_profile"
    )
    export_markets = models.JSONField(_("export markets"), default=list, blank=True)
    eu_export_share = models.FloatField(
        _("share of sales exported to the EU (%)"), null=True, blank=True
    )
    customer_requests = models.BooleanField(
        _("EU customers or banks ask for sustainability data"), null=True, blank=True
    )
    cn_codes = models.JSONField(_("CN codes of products"), default=list, blank=True)
    product_types = models.JSONField(_("product types"), default=list, blank=True)
    packaging_placed_t = models.FloatField(
        _("packaging placed on the market (t per year)"), null=True, blank=True
    )
    packaging_kinds = models.JSONField(_("packaging materials"), default=list, blank=True)
    fgas_equipment = models.JSONField(_("equipment with F-gases"), default=list, blank=True)
    fgas_in_products = models.BooleanField(
        _("products contain F-gases (refrigerant or foam)"), null=True, blank=True
    )
    mrv_installation = models.BooleanField(
        _("has a greenhouse-gas monitoring plan under the MRV regulation"), null=True, blank=True
    )
    headcount = models.PositiveIntegerField(_("employees (headcount)"), null=True, blank=True)
    turnover_eur_m = models.FloatField(_("turnover (million EUR)"), null=True, blank=True)
    female_employees = models.PositiveIntegerField(_("female employees"), null=True, blank=True)
    permanent_employees = models.PositiveIntegerField(
        _("employees on permanent contracts"), null=True, blank=True
    )
    recordable_accidents = models.PositiveIntegerField(
        _("recordable work accidents in the year"), null=True, blank=True
    )
    fatalities = models.PositiveIntegerField(_("work-related fatalities"), null=True, blank=True)
    training_hours = models.FloatField(
        _("training hours per employee per year"), null=True, blank=True
    )
    collective_bargaining_pct = models.FloatField(
        _("employees covered by collective agreements (%)"), null=True, blank=True
    )
    allocation_key = models.CharField(
        _("allocation of site emissions to products"),
        max_length=10,
        choices=AllocationKey.choices,
        default=AllocationKey.MASS,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last answered"), default=timezone.now)

    class Meta:
        verbose_name = _("readiness profile")
        verbose_name_plural = _("readiness profiles")

    def __str__(self):
        return f"{self.organisation}"
