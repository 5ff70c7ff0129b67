"""``dekvep remind_monitoring``: remind firms of their next year's inventory (run monthly)."""

from django.core.management.base import BaseCommand

from dekvep.core.models import Programme
from dekvep.plans.reminders import send_inventory_reminders


class Command(BaseCommand):
    help = "Remind firms whose next year's inventory is due (at most every 30 days)."

    def handle(self, *args, **options):
        sent = sum(send_inventory_reminders(p) for p in Programme.objects.all())
        self.stdout.write(f"Inventory reminders sent to {sent} firm(s).")
