import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the platform in production: collect static files, then start gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "0.0.0.0:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "4")))

    def handle(self, *args, **options):
        # Without the collected files and their manifest, every page that names a static file
        # answers 500 when DEBUG is off; so the production path always collects first.
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn") or os.path.join(
            os.path.dirname(sys.executable), "gunicorn"
        )
        if not os.path.exists(gunicorn):
            raise CommandError("gunicorn is not installed.")
        command = [gunicorn, "dekvep.wsgi:application", "--bind", options["bind"]]
        command += ["--workers", str(options["workers"]), "--access-logfile", "-"]
        self.stdout.write(f"Static files collected in {settings.STATIC_ROOT}; starting gunicorn.")
        os.execv(gunicorn, command)
