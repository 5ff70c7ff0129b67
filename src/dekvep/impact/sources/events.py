"""Figures from the events app: seminars, participants, ambassadors, certificates, outreach.

The numbers are those of ``dekvep.events.figures``; the querysets here are the records behind
them, for the drill-down pages (tests check that both agree).
"""

from django.db.models import Count, Exists, F, Q, Subquery, Sum, Value
from django.utils.translation import gettext_lazy as _

from dekvep.events.models import Ambassador, Certificate, Event, OutreachActivity, Registration

from ..registry import Column, Figure, Grouped, Visibility, register

EVENT_COLUMNS = (
    Column(_("Title"), "title"),
    Column(_("Place"), "place"),
    Column(_("Starts at"), "starts_at"),
)


def events(programme, kind):
    return Event.objects.filter(programme=programme, kind=kind, is_published=True)


def seminars(programme):
    return events(programme, Event.Kind.SEMINAR)


register(
    Figure(
        "seminars",
        _("Seminars"),
        "events",
        _("Published seminars of the programme."),
        records=seminars,
        scalar=lambda p: (seminars(p), None),
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
        _("Published certificate programmes of the programme."),
        records=certificate_programmes,
        scalar=lambda p: (certificate_programmes(p), None),
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
        scalar=lambda p: (certificates(p), None),
        date_field="issued_at",
        columns=(
            Column(_("Holder"), "holder_name"),
            Column(_("Programme"), "title"),
            Column(_("Issued at"), "issued_at"),
        ),
        visibility=Visibility.STAFF,
        breakdown=Grouped(
            lambda p: certificates(p).values("title").annotate(n=Count("pk")).order_by("title"),
            lambda rows: [(row["title"], row["n"]) for row in rows],
        ),
        breakdown_label=_("By certificate programme"),
    )
)


def outreach(programme):
    return OutreachActivity.objects.filter(programme=programme).select_related("school")


def _split(rows) -> list[tuple[str, int]]:
    sums = rows[0] if rows else {}
    return [(str(_("Students")), sums.get("s") or 0), (str(_("Teachers")), sums.get("t") or 0)]


# Both sums over every activity (grouped by a constant: one row, none without activities).
outreach_split = Grouped(
    lambda p: (
        OutreachActivity.objects.filter(programme=p)
        .order_by()
        .annotate(_all=Value(1))
        .values("_all")
        .annotate(s=Sum("students"), t=Sum("teachers"))
        .values("s", "t")
    ),
    _split,
)


register(
    Figure(
        "outreach_people",
        _("Students and teachers reached"),
        "events",
        _("Students plus teachers reached by the programme's vocational-school activities."),
        records=outreach,
        scalar=lambda p: (outreach(p), Sum(F("students") + F("teachers"))),
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


def seminar_attendance(programme):
    """Confirmed seminar registrations with attended hours: one row per person and seminar."""
    return Registration.objects.filter(
        event__programme=programme,
        event__kind=Event.Kind.SEMINAR,
        status=Registration.Status.CONFIRMED,
        attended_hours__gt=0,
    ).select_related("event", "organisation")


ATTENDANCE_COLUMNS = (
    Column(_("Participant"), "full_name"),
    Column(_("Organisation"), "organisation_name"),
    Column(_("Seminar"), "event.title"),
    Column(_("Registered at"), "created_at"),
)

register(
    Figure(
        "seminar_participants",
        _("Seminar participants"),
        "events",
        _("Distinct people (by pseudonymous key) who attended at least one seminar."),
        records=seminar_attendance,
        scalar=lambda p: (seminar_attendance(p), Count("person_key", distinct=True)),
        date_field="created_at",
        columns=ATTENDANCE_COLUMNS,
        visibility=Visibility.STAFF,
    )
)

register(
    Figure(
        "seminar_firms",
        _("Firms at seminars"),
        "events",
        _("Distinct organisations of the seminar participants (linked firm, else its name)."),
        records=lambda p: seminar_attendance(p).exclude(organisation_key=""),
        scalar=lambda p: (
            seminar_attendance(p).exclude(organisation_key=""),
            Count("organisation_key", distinct=True),
        ),
        date_field="created_at",
        columns=ATTENDANCE_COLUMNS,
        visibility=Visibility.STAFF,
    )
)


def trained_ambassadors(programme):
    """Ambassadors who completed every event of the programme's ambassador training path (none
    while the path has no event): one query, so the figure is read with the others."""
    path = Event.objects.filter(programme=programme, ambassador_path=True)
    size = path.order_by().values("programme").annotate(n=Count("pk")).values("n")[:1]
    done = Count(
        "user__event_registrations__event",
        filter=Q(
            user__event_registrations__event__programme=programme,
            user__event_registrations__event__ambassador_path=True,
            user__event_registrations__completed=True,
        ),
        distinct=True,
    )
    named = Ambassador.objects.filter(programme=programme).select_related("organisation", "user")
    return named.annotate(done=done).filter(Exists(path), done__gte=Subquery(size))


register(
    Figure(
        "ambassadors_trained",
        _("Ambassadors trained"),
        "events",
        _("Company ambassadors who completed every event of the ambassador training path."),
        records=trained_ambassadors,
        scalar=lambda p: (trained_ambassadors(p), None),
        date_field="named_at",
        columns=(
            Column(_("Ambassador"), "user.full_name"),
            Column(_("Firm"), "organisation.name"),
            Column(_("Named at"), "named_at"),
        ),
        visibility=Visibility.STAFF,
    )
)
