"""Workshops, sector roadmaps and cluster meetings (action plans live in ``dekvep.plans``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.catalog.sectors import sector_title
from dekvep.core.models import Organisation, Programme

USER = settings.AUTH_USER_MODEL


# Workshops ---------------------------------------------------------------------------------


class Workshop(models.Model):
    class Kind(models.TextChoices):
        ROADMAP = "roadmap", _("Roadmap")
        SYMBIOSIS = "symbiosis", _("Industrial symbiosis")
        CLUSTERING = "clustering", _("Clustering")
        OTHER = "other", _("Other")

    class Voting(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="workshops")
    sector = models.CharField(_("sector"), max_length=30)
    session_number = models.PositiveSmallIntegerField(_("session number"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ROADMAP)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=4, decimal_places=1, default=3
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    facilitators = models.ManyToManyField(
        USER, related_name="facilitated_workshops", blank=True, verbose_name=_("facilitators")
    )
    invited_people = models.ManyToManyField(
        USER, related_name="workshop_invitations", blank=True, verbose_name=_("invited people")
    )
    invited_organisations = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name=_("invited firms")
    )
    attending_people = models.ManyToManyField(
        USER, related_name="attended_workshops", blank=True, verbose_name=_("attending people")
    )
    attending_organisations = models.ManyToManyField(
        Organisation,
        related_name="attended_workshops",
        blank=True,
        verbose_name=_("attending firms"),
    )
    vote_allowance = models.PositiveSmallIntegerField(
        _("votes per participant"),
        default=5,
        help_text=_("How many votes each participant may spread."),
    )
    voting = models.CharField(
        _("voting"), max_length=12, choices=Voting.choices, default=Voting.NOT_STARTED
    )
    voting_closed_at = models.DateTimeField(_("voting closed at"), null=True, blank=True)
    outcome = models.JSONField(_("voting outcome"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["starts_at", "sector", "session_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "sector", "kind", "session_number"],
                name="unique_workshop_session",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def sector_title(self) -> str:
        return sector_title(self.sector)


class WorkshopFile(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        PHOTO = "photo", _("Photo")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="roadmaps/workshops/%Y/")
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("workshop file")

    def __str__(self):
        return self.title


class VoteItem(models.Model):
    """A goal or action proposed for prioritisation at a workshop."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("Goal")
        ACTION = "action", _("Action")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ACTION)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("proposal")

    def __str__(self):
        return self.title


class Vote(models.Model):
    item = models.ForeignKey(VoteItem, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "voter"], name="unique_vote")]

    def __str__(self):
        return f"{self.voter} → {self.item}: {self.count}"


# Sector roadmaps ---------------------------------------------------------------------------


class Roadmap(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="roadmaps")
    sector = models.CharField(_("sector"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sector roadmap")
        verbose_name_plural = _("sector roadmaps")
        ordering = ["sector"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "sector"], name="unique_sector_roadmap")
        ]

    def __str__(self):
        return self.title

    @property
    def sector_title(self) -> str:
        return sector_title(self.sector)

    def latest_version(self):
        return self.versions.order_by("-number").first()

    def published_version(self):
        return (
            self.versions.filter(status=RoadmapVersion.Status.PUBLISHED).order_by("-number").first()
        )


class RoadmapVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        PUBLISHED = "published", _("Published")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.DRAFT
    )
    vision = models.TextField(_("vision"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    consultation_until = models.DateField(_("consultation until"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("roadmap version")
        ordering = ["roadmap", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="unique_roadmap_version")
        ]

    def __str__(self):
        return f"{self.roadmap} v{self.number}"

    @property
    def programme_id(self):
        return self.roadmap.programme_id

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class StrategicGoal(models.Model):
    version = models.ForeignKey(RoadmapVersion, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("strategic goal")

    def __str__(self):
        return self.title


class Barrier(models.Model):
    version = models.ForeignKey(RoadmapVersion, on_delete=models.CASCADE, related_name="barriers")
    title = models.CharField(_("barrier"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("barrier")

    def __str__(self):
        return self.title


class RoadmapMeasure(models.Model):
    """An action in the roadmap text: it serves a goal and answers barriers."""

    version = models.ForeignKey(RoadmapVersion, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    goal = models.ForeignKey(
        StrategicGoal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("goal"),
    )
    barriers = models.ManyToManyField(
        Barrier, related_name="measures", blank=True, verbose_name=_("barriers answered")
    )
    timeframe = models.CharField(_("timeframe"), max_length=60, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("roadmap action")

    def __str__(self):
        return self.title


class RoadmapComment(models.Model):
    version = models.ForeignKey(RoadmapVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goal = models.ForeignKey(
        StrategicGoal, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")

    def __str__(self):
        return self.text[:60]


class ClusterMeeting(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cluster_meetings"
    )
    sector = models.CharField(_("sector"), max_length=30)
    number = models.PositiveSmallIntegerField(_("meeting number"), default=1)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    facilitators = models.ManyToManyField(
        USER,
        related_name="facilitated_cluster_meetings",
        blank=True,
        verbose_name=_("facilitators"),
    )
    participants = models.ManyToManyField(
        Organisation,
        related_name="cluster_meetings",
        blank=True,
        verbose_name=_("participating firms"),
    )
    participant_people = models.ManyToManyField(
        USER, related_name="cluster_meetings", blank=True, verbose_name=_("participating people")
    )

    class Meta:
        verbose_name = _("cluster meeting")
        verbose_name_plural = _("cluster meetings")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "sector", "number"], name="unique_cluster_meeting"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def sector_title(self) -> str:
        return sector_title(self.sector)


class ClusterNeed(models.Model):
    class Type(models.TextChoices):
        COLLABORATION = "collaboration", _("Collaboration")
        SKILL_GAP = "skill_gap", _("Knowledge or skill gap")
        TECHNOLOGY = "technology", _("Technology development or transfer")
        FINANCE = "finance", _("Access to finance")

    meeting = models.ForeignKey(ClusterMeeting, on_delete=models.CASCADE, related_name="needs")
    type = models.CharField(_("type"), max_length=15, choices=Type.choices)
    title = models.CharField(_("need"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name=_("firms with this need")
    )
    instruments = models.JSONField(_("support instruments"), default=list, blank=True)
    follow_up = models.OneToOneField(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cluster_need",
        verbose_name=_("follow-up action"),
    )

    class Meta:
        ordering = ["type", "pk"]
        verbose_name = _("need")

    def __str__(self):
        return self.title
