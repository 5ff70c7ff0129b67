from django.core.management.base import BaseCommand

from dekvep.core.demo import load_demo


class Command(BaseCommand):
    help = "Create the demo programme dekvep-2022 (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args, **options):
        logins = load_demo(stdout=self.stdout)
        if options["quiet"]:
            return
        self.stdout.write(self.style.SUCCESS("\nDemo programme dekvep-2022 is ready. Logins:"))
        for role, email, password in logins:
            self.stdout.write(f"  {role:<28} {email:<36} {password}")
