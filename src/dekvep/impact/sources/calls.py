"""Figures from the calls app: applications, selections, pitch presentations, interest marks."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from dekvep.calls.models import Application, Call, PitchInterest, PitchSlot

from ..registry import Column, Figure, Grouped, Visibility, register
from .core import sector_title

SELECTED = (Application.Status.SELECTED, Application.Status.CONFIRMED)


def applications(programme, kind):
    """Applications handed in (every status but draft) to the programme's calls of a kind."""
    return (
        Application.objects.filter(call__programme=programme, call__kind=kind)
        .exclude(status=Application.Status.DRAFT)
        .select_related("organisation", "call")
    )


def firm_applications(programme):
    return applications(programme, Call.Kind.FIRM_SELECTION)


def selected_applications(programme):
    return firm_applications(programme).filter(status__in=SELECTED)


def _by_sector(records) -> Grouped:
    """The firms of the records (``records(programme)``) counted per sector."""
    return Grouped(
        lambda p: (
            records(p)
            .values("organisation__sector")
            .annotate(n=Count("organisation_id", distinct=True))
            .order_by("organisation__sector")
        ),
        lambda rows: [(sector_title(row["organisation__sector"]), row["n"]) for row in rows],
    )


APPLICATION_COLUMNS = (
    Column(_("Reference"), "reference"),
    Column(_("Firm"), "organisation.name"),
    Column(_("Sector"), "organisation.sector"),
    Column(_("Status"), "status"),
    Column(_("Submitted at"), "submitted_at"),
)

register(
    Figure(
        "firms_applied",
        _("Firms applied"),
        "calls",
        _("Distinct firms that handed in an application to a firm-selection call."),
        records=firm_applications,
        scalar=lambda p: (firm_applications(p), Count("organisation_id", distinct=True)),
        date_field="submitted_at",
        columns=APPLICATION_COLUMNS,
        visibility=Visibility.STAFF,
        breakdown=_by_sector(firm_applications),
        breakdown_label=_("By sector"),
    )
)

register(
    Figure(
        "firms_selected",
        _("Firms selected"),
        "calls",
        _("Distinct firms whose firm-selection application was selected or confirmed."),
        records=selected_applications,
        scalar=lambda p: (selected_applications(p), Count("organisation_id", distinct=True)),
        date_field="submitted_at",
        columns=APPLICATION_COLUMNS,
        # Which firms were selected is the participant list: published to funders only
        # when the programme says so.
        visibility=Visibility.PARTICIPANTS,
        breakdown=_by_sector(selected_applications),
        breakdown_label=_("By sector"),
    )
)


def innovation_applications(programme):
    return applications(programme, Call.Kind.OPEN_INNOVATION)


register(
    Figure(
        "innovation_applications",
        _("Open-innovation applications"),
        "calls",
        _("Applications handed in to the programme's open-innovation calls."),
        records=innovation_applications,
        date_field="submitted_at",
        columns=(
            Column(_("Reference"), "reference"),
            Column(_("Title"), "title"),
            Column(_("Status"), "status"),
            Column(_("Submitted at"), "submitted_at"),
        ),
        visibility=Visibility.STAFF,
    )
)


def presentations(programme):
    return PitchSlot.objects.filter(
        pitch_day__call__programme=programme,
        application__call__kind=Call.Kind.OPEN_INNOVATION,
    ).select_related("application", "pitch_day")


register(
    Figure(
        "innovation_presentations",
        _("Pitch presentations"),
        "calls",
        _("Open-innovation solutions given a pitch slot before the sector firms."),
        records=presentations,
        date_field="starts_at",
        columns=(
            Column(_("Solution"), "application.title"),
            Column(_("Pitch day"), "pitch_day.name"),
            Column(_("Starts at"), "starts_at"),
        ),
        visibility=Visibility.STAFF,
    )
)


def interest_marks(programme):
    return PitchInterest.objects.filter(
        slot__pitch_day__call__programme=programme,
        slot__application__call__kind=Call.Kind.OPEN_INNOVATION,
    ).select_related("firm", "slot__application")


def _status_labels(rows) -> list[tuple[str, int]]:
    labels = dict(PitchInterest.Status.choices)
    return [(str(labels.get(row["status"], row["status"])), row["n"]) for row in rows]


interests_by_status = Grouped(
    lambda p: interest_marks(p).values("status").annotate(n=Count("id")).order_by("status"),
    _status_labels,
)


register(
    Figure(
        "innovation_matches",
        _("Open-innovation matches"),
        "calls",
        _("Interest marked by a sector firm in a pitched solution (one per firm and solution)."),
        records=interest_marks,
        date_field="created_at",
        columns=(
            Column(_("Solution"), "slot.application.title"),
            Column(_("Firm"), "firm.name"),
            Column(_("Status"), "status"),
            Column(_("Marked at"), "created_at"),
        ),
        visibility=Visibility.FIRM,
        organisation_fields=("firm", "slot__application__organisation"),
        breakdown=interests_by_status,
        breakdown_label=_("By status"),
    )
)
