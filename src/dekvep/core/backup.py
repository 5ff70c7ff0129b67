"""Backup and restore: one archive holding a consistent dump of the database and the media files."""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

FORMAT_VERSION = 1
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class RestoreError(Exception):
    pass


def _dump_database() -> bytes:
    out = io.StringIO()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One snapshot for every table, so the dump is consistent while the site runs.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command(
            "dumpdata",
            format="json_exact",  # datetimes to the microsecond; read back as plain JSON
            exclude=EXCLUDED,
            natural_foreign=True,
            indent=None,
            stdout=out,
        )
    return out.getvalue().encode()


def create_backup(target: Path) -> dict:
    """Write the archive to ``target`` and return its manifest."""
    data = _dump_database()
    media_root = Path(settings.MEDIA_ROOT)
    media_files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "objects": len(json.loads(data)),
        "media_files": len(media_files),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(target, "w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, "database.json", data)
        for path in media_files:
            archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(payload))


def database_is_empty() -> bool:
    User = apps.get_model("core", "User")
    Organisation = apps.get_model("core", "Organisation")
    return not (User.objects.exists() or Organisation.objects.exists())


def restore_backup(source: Path) -> dict:
    """Restore an archive into an empty, migrated database and the media folder."""
    call_command("migrate", verbosity=0, interactive=False)
    if not database_is_empty():
        raise RestoreError("The database is not empty; restore needs an empty database.")
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError(f"Unknown backup format {manifest.get('format')}.")
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "database.json"
            dump.write_bytes(archive.extractfile("database.json").read())
            with transaction.atomic():
                call_command("loaddata", str(dump), verbosity=0)
            media_root = Path(settings.MEDIA_ROOT)
            for member in archive.getmembers():
                if member.isfile() and member.name.startswith("media/"):
                    relative = Path(member.name).relative_to("media")
                    if ".." in relative.parts:
                        raise RestoreError(f"Unsafe path in archive: {member.name}")
                    destination = media_root / relative
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    destination.write_bytes(archive.extractfile(member).read())
    return manifest
