"""What pages and endpoints read: visible events, attendee and completion rows, ambassador
progress."""

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from dekvep.core.models import Organisation
from dekvep.core.permissions import get_visible
from dekvep.core.rules import staff_programme_ids

from . import figures
from .models import Ambassador, Certificate, Event, Registration
from .services import name_key


def visible_events(user):
    """Published events for everyone; staff also see their programmes' unpublished ones."""
    query = Q(is_published=True)
    if getattr(user, "is_authenticated", False):
        query |= Q(programme_id__in=staff_programme_ids(user))
    return Event.objects.filter(query).select_related("programme").order_by("-starts_at")


def my_registrations(user):
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return (
        Registration.objects.filter(Q(user=user) | Q(email=user.email), erased_at__isnull=True)
        .select_related("event")
        .order_by("-event__starts_at")
    )


def counts(event) -> dict:
    data = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        attended=Count("pk", filter=Q(attended_hours__gt=0)),
        completed=Count("pk", filter=Q(completed=True)),
    )
    data["free"] = max(0, event.capacity - data["confirmed"])
    return data


def attendee_rows(event):
    return (
        event.registrations.select_related("organisation", "certificate")
        .annotate(sessions_attended=Count("checkins"))
        .order_by("status", "full_name", "pk")
    )


def completion_rows(event):
    return (
        event.registrations.filter(status=Registration.Status.CONFIRMED, erased_at__isnull=True)
        .select_related("certificate", "event")
        .order_by("-completed", "full_name", "pk")
    )


def ambassador_path(programme):
    return list(
        Event.objects.filter(programme=programme, ambassador_path=True).order_by("starts_at")
    )


def ambassador_rows(programme, organisations) -> list[dict]:
    """For each firm: its ambassadors and, per ambassador, the path events they completed."""
    path = ambassador_path(programme)
    path_ids = [e.pk for e in path]
    ambassadors = Ambassador.objects.filter(
        programme=programme, organisation__in=organisations
    ).select_related("user", "organisation")
    completed = set(
        Registration.objects.filter(
            event_id__in=path_ids, completed=True, user__in=[a.user_id for a in ambassadors]
        ).values_list("user_id", "event_id")
    )
    by_org = {org.pk: {"organisation": org, "ambassadors": []} for org in organisations}
    for ambassador in ambassadors:
        done = [pk for pk in path_ids if (ambassador.user_id, pk) in completed]
        by_org[ambassador.organisation_id]["ambassadors"].append(
            {
                "ambassador": ambassador,
                "done": len(done),
                "total": len(path_ids),
                "complete": bool(path_ids) and len(done) == len(path_ids),
                "events": [(event, event.pk in done) for event in path],
            }
        )
    return sorted(by_org.values(), key=lambda row: row["organisation"].name)


def outreach_totals(programme) -> dict:
    data = programme.outreach_activities.aggregate(
        students=Sum("students"), teachers=Sum("teachers"), activities=Count("pk")
    )
    data = {k: v or 0 for k, v in data.items()}
    data["people"] = data["students"] + data["teachers"]
    return data


def figure_cards(programme) -> list[dict]:
    values = figures.all_figures(programme)
    url = reverse("events:home")
    labels = {
        "seminars": _("seminars"),
        "seminar_participants": _("seminar participants"),
        "seminar_firms": _("firms at seminars"),
        "ambassadors_trained": _("ambassadors trained"),
        "certificate_programmes": _("certificate programmes"),
        "certificates_issued": _("certificates issued"),
        "outreach_people": _("students and teachers reached"),
    }
    links = {
        "ambassadors_trained": reverse("events:ambassadors"),
        "outreach_people": reverse("events:outreach"),
    }
    return [
        {"label": labels[key], "value": value, "url": links.get(key, url)}
        for key, value in values.items()
    ]


# Loading what staff work on (403 for others), for the pages and the API alike ----------------


def load_staff_event(user, pk, perm: str = "events.manage_event") -> Event:
    return get_visible(Event.objects.select_related("programme"), pk, user, None, act=perm)


def load_staff_certificate(user, pk, perm: str = "events.issue_certificate") -> Certificate:
    queryset = Certificate.objects.select_related("event__programme")
    # 404 for anyone who may not handle the event's certificates: not even existence leaks.
    return get_visible(queryset, pk, user, perm, of="event")


def ambassador_organisations(user, programme):
    """The firms whose ambassadors ``user`` may see in ``programme``, or None when the
    ambassadors page is not theirs (it refuses them)."""
    if programme is None:
        return None
    if user.has_perm("events.manage_event", programme):
        return Organisation.objects.filter(participations__programme=programme)
    organisations = Organisation.objects.filter(
        participations__programme=programme, memberships__user=user
    ).distinct()
    return organisations if organisations.exists() else None


def find_for_checkin(session, query: str, limit: int = 20) -> list:
    """Confirmed people of the session's event whose name or organisation holds ``query``
    (compared by Turkish folding: "sahin" finds "Şahin"); those not yet checked in first."""
    key = name_key(query)
    if len(key) < 2:
        return []
    checked = set(session.checkins.values_list("registration_id", flat=True))
    found = [
        registration
        for registration in session.event.registrations.filter(
            status=Registration.Status.CONFIRMED, erased_at__isnull=True
        ).order_by("full_name", "pk")
        if key in name_key(registration.full_name)
        or key in name_key(registration.organisation_name)
    ]
    for registration in found:
        registration.is_checked_in = registration.pk in checked
    found.sort(key=lambda r: r.is_checked_in)
    return found[:limit]
