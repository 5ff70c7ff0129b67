"""What each role's home page shows. Domain apps contribute through their ``home`` module:

``todos(user) -> list[dict]`` (each ``{"label", "url"}``) and
``figures(user, programme) -> list[dict]`` (each ``{"label", "value", "url"}``).
"""

from django.db.models import Count

from dekvep.assessment import home as assessment
from dekvep.calls import home as calls
from dekvep.core.models import Participation
from dekvep.events import home as events
from dekvep.impact import home as impact
from dekvep.readiness import home as readiness
from dekvep.roadmaps import home as roadmaps
from dekvep.symbiosis import home as symbiosis

# The apps whose to-dos and own counts reach the home pages, in the order they are shown.
CONTRIBUTORS = (calls, assessment, symbiosis, roadmaps, events, readiness)


def todos(user) -> list[dict]:
    return [item for app in CONTRIBUTORS for item in app.todos(user)]


def figures(user, programme) -> list[dict]:
    """Headline figures come from the impact app alone, so no number shows twice."""
    return impact.figures(user, programme)


def member_figures(user, programme) -> list[dict]:
    """What each app counts for a firm member (its listings, actions, registrations ...)."""
    return [item for app in CONTRIBUTORS for item in app.figures(user, programme)]


def participants_by_sector(programme) -> list[dict]:
    if programme is None:
        return []
    return list(
        Participation.objects.filter(programme=programme)
        .values("sector")
        .annotate(count=Count("id"))
        .order_by("sector")
    )
