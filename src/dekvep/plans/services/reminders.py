"""Reminders."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core.formatting import format_date
from dekvep.core.models import User
from dekvep.core.services import notify

from ..models import Action
from .actions import S

# Reminders ---------------------------------------------------------------------------------


def _reminder_recipients(action: Action):
    if action.owner_person_id:
        return [action.owner_person]
    return list(
        User.objects.filter(
            memberships__organisation=action.owner_organisation,
            memberships__role="admin",
            is_active=True,
        )
    )


def send_action_reminders(today: datetime.date | None = None, days_before: int = 7) -> dict:
    """Remind owners of open actions due within ``days_before`` days, and weekly of overdue ones."""
    today = today or timezone.localdate()
    open_statuses = [S.PLANNED, S.IN_PROGRESS, S.BLOCKED]
    actions = Action.objects.filter(
        status__in=open_statuses, due_date__isnull=False
    ).select_related("owner_person", "owner_organisation")
    sent = {"due_soon": 0, "overdue": 0}
    for action in actions:
        url = reverse("plans:action", args=[action.pk])
        days = (action.due_date - today).days
        window_start = action.due_date - datetime.timedelta(days=days_before)
        if 0 <= days <= days_before and (
            action.last_reminded_on is None or action.last_reminded_on < window_start
        ):

            def subject(days=days, action=action):
                return ngettext(
                    "Action due in %(days)s day: %(title)s",
                    "Action due in %(days)s days: %(title)s",
                    days,
                ) % {"days": days, "title": action.title}

            kind = "due_soon"
        elif days < 0 and (
            action.last_reminded_on is None
            or action.last_reminded_on <= action.due_date
            or (today - action.last_reminded_on).days >= 7
        ):

            def subject(action=action):
                return _("Action overdue since %(date)s: %(title)s") % {
                    "date": format_date(action.due_date),
                    "title": action.title,
                }

            kind = "overdue"
        else:
            continue
        with transaction.atomic():
            notify(_reminder_recipients(action), subject, action.description[:500], url)
            Action.objects.filter(pk=action.pk).update(last_reminded_on=today)
        sent[kind] += 1
    return sent
