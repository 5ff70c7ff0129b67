"""Reminders to firms whose next year's inventory is due for monitoring."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dekvep.core.models import User
from dekvep.core.services import notify

from .models import Baseline
from .monitoring_figures import inventory_due


def send_inventory_reminders(programme, today=None, every_days: int = 30) -> int:
    """Remind each firm whose next year's inventory is due (at most every ``every_days``)."""
    today = today or timezone.localdate()
    sent = 0
    for baseline, year in inventory_due(programme, today):
        last = baseline.last_reminded_on
        if last is not None and (today - last).days < every_days:
            continue
        admins = User.objects.filter(
            memberships__organisation=baseline.organisation,
            memberships__role="admin",
            is_active=True,
        )
        with transaction.atomic():
            for user in admins:
                with translation.override(user.preferred_language or "tr"):
                    notify(
                        [user],
                        _("Your inventory for %(year)s is due") % {"year": year},
                        _(
                            "Hand over your data for %(year)s: it shows what the actions of "
                            "your plan saved against your baseline year %(base)s."
                        )
                        % {"year": year, "base": baseline.year},
                        "/assessment/",
                    )
            Baseline.objects.filter(pk=baseline.pk).update(last_reminded_on=today)
        sent += 1
    return sent
