"""``dekvep digest``: what the periodic marketplace tasks do, run by hand."""

from django.core.management.base import BaseCommand

from dekvep.symbiosis.digest import send_weekly_digests
from dekvep.symbiosis.expiry import expire_listings, send_expiry_reminders


class Command(BaseCommand):
    help = (
        "Expire stale listings, remind firms of listings about to expire, and send the weekly "
        "marketplace digest to the members due one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-expiry", action="store_true", help="Send the digests only, expire nothing."
        )

    def handle(self, *args, no_expiry=False, **options):
        if not no_expiry:
            expired, reminded = expire_listings(), send_expiry_reminders()
            self.stdout.write(f"Listings expired: {expired}; expiry reminders sent: {reminded}.")
        self.stdout.write(f"Digests sent: {send_weekly_digests()}.")
