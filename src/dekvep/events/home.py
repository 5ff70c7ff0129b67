"""What the events app adds to role home pages."""

from django.urls import reverse
from django.utils.translation import ngettext

from dekvep.core.rules import is_programme_manager, is_programme_staff

from .models import DataRequest
from .selectors import figure_cards


def todos(user) -> list[dict]:
    items = []
    if is_programme_manager(user, None):
        pending = DataRequest.objects.filter(status=DataRequest.Status.PENDING).count()
        if pending:
            items.append(
                {
                    "label": ngettext(
                        "%(n)s personal data request to decide",
                        "%(n)s personal data requests to decide",
                        pending,
                    )
                    % {"n": pending},
                    "url": reverse("events:data_requests"),
                }
            )
    return items


def figures(user, programme) -> list[dict]:
    if programme is None or not is_programme_staff(user, programme):
        return []
    return figure_cards(programme)
