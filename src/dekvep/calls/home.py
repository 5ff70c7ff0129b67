"""What the calls app adds to role home pages."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core.rules import staff_programme_ids

from .models import Application, Call, Notice
from .selectors import assigned_reviews, own_applications


def todos(user) -> list[dict]:
    items = []
    pending = assigned_reviews(user).filter(status="assigned").count()
    if pending:
        items.append(
            {
                "label": ngettext(
                    "%(n)s application to review", "%(n)s applications to review", pending
                )
                % {"n": pending},
                "url": reverse("calls:reviews"),
            }
        )
    for application in own_applications(user).filter(status__in=["draft", "selected"])[:5]:
        label = (
            _("Finish and submit %(ref)s")
            if application.status == "draft"
            else _("Confirm your place (%(ref)s)")
        ) % {"ref": application.reference}
        items.append({"label": label, "url": reverse("calls:application", args=[application.pk])})
    managed = staff_programme_ids(user, roles=("manager",))
    held = Notice.objects.filter(call__programme_id__in=managed, status="held")
    for (call_id,) in held.values_list("call_id").distinct()[:5]:
        items.append(
            {
                "label": _("Notices wait in the outbox"),
                "url": reverse("calls:outbox", args=[call_id]),
            }
        )
    return items


def figures(user, programme) -> list[dict]:
    if programme is None or not staff_programme_ids(user) & {programme.pk}:
        return []
    applications = Application.objects.filter(call__programme=programme).exclude(status="draft")
    calls = Call.objects.filter(programme=programme)
    return [
        {"label": _("Calls"), "value": calls.count(), "url": reverse("calls:home")},
        {"label": _("Applications"), "value": applications.count(), "url": reverse("calls:home")},
        {
            "label": _("Selected or confirmed"),
            "value": applications.filter(status__in=["selected", "confirmed"]).count(),
            "url": reverse("calls:home"),
        },
    ]
