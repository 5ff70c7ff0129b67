"""Action plans, actions and their progress, and the collaboration register.

The tables keep the names they had in ``roadmaps`` (``Meta.db_table``), so the data stayed where
it was when these models moved here.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.core.i18n import bilingual
from dekvep.core.models import Organisation, Programme

USER = settings.AUTH_USER_MODEL


# Action plans ------------------------------------------------------------------------------


class Stream(models.TextChoices):
    """Resource streams a measure saves on, as the assessment names its kinds of saving."""

    ELECTRICITY = "electricity", _("Electricity")
    THERMAL = "thermal", _("Thermal energy")
    WATER = "water", _("Water")
    MATERIAL = "material", _("Materials")
    WASTE = "waste", _("Waste")


class MvOption(models.TextChoices):
    """IPMVP options for measuring a saving."""

    A = "A", _("Option A: key parameter measured, others estimated")
    B = "B", _("Option B: all parameters of the measure measured")
    C = "C", _("Option C: whole-facility meters or bills")


class ActionPlan(models.Model):
    class Kind(models.TextChoices):
        SECTOR = "sector", _("Sector action plan")
        FIRM = "firm", _("Firm-level plan")
        CLUSTER = "cluster", _("Cluster follow-up plan")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="action_plans")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=30, blank=True)
    roadmap = models.ForeignKey(
        "roadmaps.Roadmap",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_plans",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="action_plans"
    )
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        db_table = "roadmaps_actionplan"
        verbose_name = _("action plan")
        ordering = ["kind", "sector", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "sector", "organisation"],
                name="unique_action_plan",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_confidential(self) -> bool:
        return self.kind == self.Kind.FIRM


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        BLOCKED = "blocked", _("Blocked")
        DROPPED = "dropped", _("Dropped")

    class Origin(models.TextChoices):
        ROADMAP_GOAL = "roadmap_goal", _("Roadmap goal")
        ASSESSMENT = "assessment", _("Assessment opportunity")
        SYNERGY = "synergy", _("Agreed synergy")
        CLUSTER_MEETING = "cluster_meeting", _("Cluster meeting")
        WORKSHOP = "workshop", _("Workshop")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=200, help_text=_("In Turkish"))
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("In Turkish"))
    description_en = models.TextField(_("description in English"), blank=True)
    origin = models.CharField(
        _("origin"), max_length=20, choices=Origin.choices, default=Origin.OTHER
    )
    goal = models.ForeignKey(
        "roadmaps.StrategicGoal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("roadmap goal"),
    )
    source_app = models.CharField(_("source"), max_length=30, blank=True)
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    source_label = models.CharField(_("source label"), max_length=300, blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        verbose_name=_("owner organisation"),
    )
    owner_person = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owner person"),
    )
    partners = models.ManyToManyField(
        Organisation, related_name="partner_actions", blank=True, verbose_name=_("partners")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    target = models.CharField(_("target"), max_length=120, blank=True)
    budget_try = models.DecimalField(
        _("budget (TRY)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    savings_try = models.DecimalField(
        _("expected savings (TRY/year)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    savings_energy_kwh = models.DecimalField(
        _("expected energy savings (kWh/year)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    savings_water_m3 = models.DecimalField(
        _("expected water savings (m³/year)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    savings_material_t = models.DecimalField(
        _("expected material savings (t/year)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
    )
    savings_tco2e = models.DecimalField(
        _("expected emission reduction (tCO2e/year)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
    )
    # The promised saving of the measure the action came from, in the measure's own unit, and
    # the resource stream it acts on (monitoring compares that stream year on year).
    saving_kind = models.CharField(
        _("kind of saving"), max_length=12, choices=Stream.choices, blank=True
    )
    saving_quantity = models.FloatField(_("promised saving per year"), null=True, blank=True)
    saving_unit = models.CharField(_("unit of the promised saving"), max_length=10, blank=True)
    stream = models.CharField(_("stream"), max_length=12, choices=Stream.choices, blank=True)
    mv_option = models.CharField(
        _("IPMVP option"), max_length=1, choices=MvOption.choices, blank=True
    )
    mv_note = models.TextField(_("measurement and verification note"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "roadmaps_action"
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_app", "source_id"],
                condition=~models.Q(source_id=""),
                name="unique_action_source",
            )
        ]

    def __str__(self):
        return bilingual(self, "title")

    @property
    def programme_id(self):
        return self.plan.programme_id

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS, self.Status.BLOCKED)

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_date and self.due_date < timezone.localdate())


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("progress"))
    value = models.CharField(_("indicator value"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Action.Status.choices, blank=True)
    evidence = models.FileField(_("evidence"), upload_to="roadmaps/evidence/%Y/", blank=True)
    evidence_size = models.PositiveIntegerField(default=0)
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "roadmaps_progressupdate"
        ordering = ["-date", "-pk"]
        verbose_name = _("progress update")

    def __str__(self):
        return f"{self.action} {self.date}"


# Collaboration register --------------------------------------------------------------------


class CollaborationOpportunity(models.Model):
    class Type(models.TextChoices):
        SYMBIOSIS_WORKSHOP = "symbiosis_workshop", _("Symbiosis workshop match")
        SYNERGY = "synergy", _("Synergy")
        CLUSTER = "cluster", _("Cluster collaboration")
        OPEN_INNOVATION = "open_innovation", _("Open-innovation match")
        PARTNERSHIP = "partnership", _("Partnership between firms")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        IN_DISCUSSION = "in_discussion", _("In discussion")
        AGREED = "agreed", _("Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        REALISED = "realised", _("Realised")
        DROPPED = "dropped", _("Dropped")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="collaboration_opportunities"
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    title = models.CharField(_("title"), max_length=200)
    sector = models.CharField(_("sector"), max_length=30, blank=True)
    parties = models.ManyToManyField(
        Organisation, related_name="collaboration_opportunities", verbose_name=_("parties")
    )
    source_app = models.CharField(_("source"), max_length=30)
    source_id = models.CharField(_("source id"), max_length=64)
    source_label = models.CharField(_("came from"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.IDENTIFIED
    )
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    expected_impact = models.CharField(_("expected impact"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "roadmaps_collaborationopportunity"
        verbose_name = _("collaboration opportunity")
        verbose_name_plural = _("collaboration opportunities")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_app", "source_id"], name="unique_opportunity_source"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def parties_identified(self) -> bool:
        """Parties are named to each other once they agreed to work together."""
        return self.status in (self.Status.AGREED, self.Status.IN_PROGRESS, self.Status.REALISED)


from .monitoring_models import (  # noqa: E402,F401  (Django finds the models through this module)
    ActionResult,
    Baseline,
    Evidence,
    GoalTarget,
    InventoryVersion,
    StreamSplit,
)
