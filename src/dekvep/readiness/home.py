"""What readiness adds to home pages: the questionnaire, until the firm has answered it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from dekvep.core.models import Organisation
from dekvep.core.rules import member_organisation_ids

from .models import ReadinessProfile


def todos(user) -> list[dict]:
    own = member_organisation_ids(user)
    if not own:
        return []
    answered = ReadinessProfile.objects.filter(organisation_id__in=own).values("organisation_id")
    firms = (
        Organisation.objects.filter(
            pk__in=own, kind=Organisation.Kind.MANUFACTURER, participations__isnull=False
        )
        .exclude(pk__in=answered)
        .distinct()
    )
    return [
        {
            "label": _("Answer the Green Deal readiness questionnaire of %(name)s")
            % {"name": firm.name},
            "url": reverse("readiness:profile", args=[firm.pk]),
        }
        for firm in firms[:3]
    ]


def figures(user, programme) -> list[dict]:
    return []
