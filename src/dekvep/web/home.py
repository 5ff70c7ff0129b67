"""What each role's home page shows. Domain apps contribute through a ``home`` module.

An app may define ``dekvep.<app>.home.todos(user) -> list[dict]`` (each ``{"label", "url"}``)
and ``figures(user, programme) -> list[dict]`` (each ``{"label", "value", "url"}``).
"""

from importlib import import_module

from django.db.models import Count

from dekvep.core.models import Participation

APPS = ["calls", "assessment", "symbiosis", "roadmaps", "events", "impact"]


def _hooks(name: str):
    for app in APPS:
        try:
            module = import_module(f"dekvep.{app}.home")
        except ModuleNotFoundError as error:
            if error.name != f"dekvep.{app}.home":
                raise
            continue
        hook = getattr(module, name, None)
        if hook is not None:
            yield hook


def todos(user) -> list[dict]:
    return [item for hook in _hooks("todos") for item in hook(user)]


def figures(user, programme) -> list[dict]:
    """Headline figures come from the impact app alone, so no number shows twice."""
    from dekvep.impact.home import figures as impact_figures

    return impact_figures(user, programme)


def member_figures(user, programme) -> list[dict]:
    """What each app counts for a firm member (its listings, actions, registrations ...)."""
    return [
        item
        for hook in _hooks("figures")
        if hook.__module__ != "dekvep.impact.home"
        for item in hook(user, programme)
    ]


def participants_by_sector(programme) -> list[dict]:
    if programme is None:
        return []
    return list(
        Participation.objects.filter(programme=programme)
        .values("sector")
        .annotate(count=Count("id"))
        .order_by("sector")
    )
