from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dekvep.core.backup import RestoreError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database (migrations are applied first)."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, **options):
        source = Path(options["archive"])
        if not source.is_file():
            raise CommandError(f"No such archive: {source}")
        try:
            manifest = restore_backup(source)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest['objects']} objects and {manifest['media_files']} media files "
                f"from {source} (made {manifest['created_at']})."
            )
        )
