"""Figures from the events app: seminars, certificate programmes, certificates, outreach."""

from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.events.models import Certificate, Event, OutreachActivity

from ..registry import Column, Figure, Visibility, register

EVENT_COLUMNS = (
    Column(_("Title"), "title"),
    Column(_("Place"), "place"),
    Column(_("Starts at"), "starts_at"),
)


def events(programme, kind):
    return Event.objects.filter(programme=programme, kind=kind, starts_at__lte=timezone.now())


def seminars(programme):
    return events(programme, Event.Kind.SEMINAR)


register(
    Figure(
        "seminars",
        _("Seminars"),
        "events",
        _("Seminars of the programme whose date has passed."),
        records=seminars,
        date_field="starts_at",
        columns=EVENT_COLUMNS,
        visibility=Visibility.PUBLIC,
    )
)


def certificate_programmes(programme):
    return events(programme, Event.Kind.CERTIFICATE_PROGRAMME)


register(
    Figure(
        "certificate_programmes",
        _("Certificate programmes"),
        "events",
        _("Certificate programmes of the programme that have started."),
        records=certificate_programmes,
        date_field="starts_at",
        columns=EVENT_COLUMNS,
        visibility=Visibility.PUBLIC,
    )
)


def certificates(programme):
    return Certificate.objects.filter(
        event__programme=programme, status=Certificate.Status.VALID
    ).select_related("event")


register(
    Figure(
        "certificates_issued",
        _("Certificates issued"),
        "events",
        _("Certificates issued for the programme's events and not revoked."),
        records=certificates,
        date_field="issued_at",
        columns=(
            Column(_("Holder"), "holder_name"),
            Column(_("Programme"), "title"),
            Column(_("Issued at"), "issued_at"),
        ),
        visibility=Visibility.STAFF,
        breakdown=lambda p: [
            (row["title"], row["n"])
            for row in certificates(p).values("title").annotate(n=Count("pk")).order_by("title")
        ],
        breakdown_label=_("By certificate programme"),
    )
)


def outreach(programme):
    return OutreachActivity.objects.filter(programme=programme).select_related("school")


def outreach_people(programme) -> int:
    total = outreach(programme).aggregate(n=Sum(F("students") + F("teachers")))["n"]
    return total or 0


def outreach_split(programme) -> list[tuple[str, int]]:
    sums = outreach(programme).aggregate(s=Sum("students"), t=Sum("teachers"))
    return [(str(_("Students")), sums["s"] or 0), (str(_("Teachers")), sums["t"] or 0)]


register(
    Figure(
        "outreach_people",
        _("Students and teachers reached"),
        "events",
        _("Students plus teachers reached by the programme's vocational-school activities."),
        records=outreach,
        value=outreach_people,
        sum_field=F("students") + F("teachers"),
        date_field="held_on",
        columns=(
            Column(_("Activity"), "title"),
            Column(_("School"), "school.name"),
            Column(_("Date"), "held_on"),
            Column(_("Students"), "students"),
            Column(_("Teachers"), "teachers"),
        ),
        visibility=Visibility.PUBLIC,
        breakdown=outreach_split,
        breakdown_label=_("Students and teachers"),
    )
)
