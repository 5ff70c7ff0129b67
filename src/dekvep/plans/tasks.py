"""Background work: reminders before due dates and for overdue actions."""

from celery import shared_task

from .services import send_action_reminders


# The name it had under roadmaps, so that existing beat schedules keep finding it.
@shared_task(name="dekvep.roadmaps.tasks.remind_actions")
def remind_actions(days_before: int = 7) -> dict:
    return send_action_reminders(days_before=days_before)
