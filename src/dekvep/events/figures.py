"""Programme figures computed from the event records, for the impact app and home pages.

Each function takes a Programme and answers with one aggregate query.
"""

from django.db.models import Count, F, Q, Sum

from .models import Ambassador, Certificate, Event, OutreachActivity, Registration


def _attended(programme, kind):
    """Confirmed registrations with at least one check-in, of events of ``kind``."""
    return Registration.objects.filter(
        event__programme=programme,
        event__kind=kind,
        status=Registration.Status.CONFIRMED,
        attended_hours__gt=0,
    )


def seminars(programme) -> int:
    """Published seminars of the programme."""
    return Event.objects.filter(
        programme=programme, kind=Event.Kind.SEMINAR, is_published=True
    ).count()


def seminar_participants(programme) -> int:
    """Distinct people who attended at least one seminar (counted by pseudonymous person key)."""
    return _attended(programme, Event.Kind.SEMINAR).aggregate(n=Count("person_key", distinct=True))[
        "n"
    ]


def seminar_firms(programme) -> int:
    """Distinct organisations of the seminar participants (linked organisation, else its name)."""
    return (
        _attended(programme, Event.Kind.SEMINAR)
        .exclude(organisation_key="")
        .aggregate(n=Count("organisation_key", distinct=True))["n"]
    )


def ambassador_path_size(programme) -> int:
    return Event.objects.filter(programme=programme, ambassador_path=True).count()


def ambassadors_trained(programme) -> int:
    """Named ambassadors who completed every event of the ambassador training path."""
    path = ambassador_path_size(programme)
    if path == 0:
        return 0
    return (
        Ambassador.objects.filter(programme=programme)
        .annotate(
            done=Count(
                "user__event_registrations__event",
                filter=Q(
                    user__event_registrations__event__programme=programme,
                    user__event_registrations__event__ambassador_path=True,
                    user__event_registrations__completed=True,
                ),
                distinct=True,
            )
        )
        .filter(done__gte=path)
        .count()
    )


def ambassadors_named(programme) -> int:
    return Ambassador.objects.filter(programme=programme).count()


def certificate_programmes(programme) -> int:
    return Event.objects.filter(
        programme=programme, kind=Event.Kind.CERTIFICATE_PROGRAMME, is_published=True
    ).count()


def certificates_issued(programme) -> int:
    """Certificates issued and not revoked."""
    return Certificate.objects.filter(
        event__programme=programme, status=Certificate.Status.VALID
    ).count()


def outreach_people(programme) -> int:
    """Students plus teachers reached by school outreach activities."""
    total = OutreachActivity.objects.filter(programme=programme).aggregate(
        n=Sum(F("students") + F("teachers"))
    )["n"]
    return total or 0


def outreach_activities(programme) -> int:
    return OutreachActivity.objects.filter(programme=programme).count()


def all_figures(programme) -> dict[str, int]:
    return {
        "seminars": seminars(programme),
        "seminar_participants": seminar_participants(programme),
        "seminar_firms": seminar_firms(programme),
        "ambassadors_trained": ambassadors_trained(programme),
        "certificate_programmes": certificate_programmes(programme),
        "certificates_issued": certificates_issued(programme),
        "outreach_people": outreach_people(programme),
    }
