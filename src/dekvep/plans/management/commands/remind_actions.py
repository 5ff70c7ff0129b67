"""``dekvep remind_actions``: remind owners of due and overdue actions (run daily from cron)."""

from django.core.management.base import BaseCommand

from dekvep.plans.tasks import remind_actions


class Command(BaseCommand):
    help = "Remind owners of actions due within N days and of overdue actions."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Days before the due date.")

    def handle(self, *args, days, **options):
        sent = remind_actions(days)
        self.stdout.write(
            f"Reminders sent: {sent['due_soon']} due soon, {sent['overdue']} overdue."
        )
