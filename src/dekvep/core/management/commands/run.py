from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform on 127.0.0.1:8000 (development server)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # Served without DEBUG, pages need the collected files and their manifest.
            call_command("collectstatic", interactive=False, verbosity=0)
        call_command("runserver", options["addrport"])
