"""What the roadmaps part adds to the role home pages."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core.rules import member_organisation_ids
from dekvep.plans import selectors as plan_selectors

from . import selectors
from .models import Workshop


def todos(user) -> list[dict]:
    items = []
    today = timezone.localdate()
    actions = plan_selectors.visible_actions(user).filter(
        status__in=["planned", "in_progress", "blocked"], due_date__isnull=False
    )
    own = actions.filter(owner_organisation_id__in=_orgs(user))
    overdue = own.filter(due_date__lt=today).count()
    if overdue:
        items.append(
            {
                "label": ngettext(
                    "%(n)s of your actions is overdue", "%(n)s of your actions are overdue", overdue
                )
                % {"n": overdue},
                "url": reverse("plans:actions") + "?status=overdue",
            }
        )
    for workshop in selectors.visible_workshops(user).filter(voting=Workshop.Voting.OPEN)[:3]:
        if user.has_perm("roadmaps.vote", workshop):
            items.append(
                {
                    "label": _("Vote in the workshop: %(title)s") % {"title": workshop.title},
                    "url": reverse("roadmaps:vote", args=[workshop.pk]),
                }
            )
    return items


def _orgs(user):
    return member_organisation_ids(user)


def figures(user, programme) -> list[dict]:
    if programme is None or not user.has_perm("roadmaps.view_figures", programme):
        return []
    data = selectors.programme_figures(programme)
    url = reverse("roadmaps:figures")
    return [
        {"label": _("Workshops"), "value": data["workshops"], "url": url},
        {"label": _("Sector roadmaps published"), "value": data["roadmaps_published"], "url": url},
        {"label": _("Actions in plans"), "value": data["actions"], "url": url},
        {
            "label": _("Collaboration opportunities"),
            "value": data["opportunities"]["total"],
            "url": url,
        },
    ]
