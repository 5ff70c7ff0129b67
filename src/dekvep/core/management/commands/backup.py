from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from dekvep.core.backup import create_backup


class Command(BaseCommand):
    help = "Write a consistent dump of the database and the media files to one archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="Target .tar.gz (default: var/backups/…)")

    def handle(self, *args, **options):
        target = options["archive"] or (
            settings.VAR_DIR / "backups" / f"dekvep-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        manifest = create_backup(Path(target))
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {target}: {manifest['objects']} objects, "
                f"{manifest['media_files']} media files."
            )
        )
