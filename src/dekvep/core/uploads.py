"""Checks for uploaded files: size and type, by content as well as by name."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

from .metadata import strip_metadata

# Leading bytes of the file types we accept.
SIGNATURES = {
    ".pdf": [b"%PDF"],
    ".png": [b"\x89PNG\r\n\x1a\n"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".xlsx": [b"PK\x03\x04"],
    ".docx": [b"PK\x03\x04"],
    ".pptx": [b"PK\x03\x04"],
    ".zip": [b"PK\x03\x04"],
    ".csv": [],
    ".txt": [],
}
DOCUMENTS = (".pdf", ".docx", ".xlsx", ".pptx", ".png", ".jpg", ".jpeg")
IMAGES = (".png", ".jpg", ".jpeg")


def validate_upload(upload, allowed=DOCUMENTS, max_bytes: int | None = None) -> None:
    """Refuse a file whose extension, content or size is not acceptable."""
    max_bytes = max_bytes or settings.MAX_UPLOAD_BYTES
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in allowed:
        raise ValidationError(
            _("File type %(suffix)s is not accepted; allowed: %(allowed)s."),
            params={"suffix": suffix or "?", "allowed": ", ".join(allowed)},
            code="file_type",
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit).1f MB."),
            params={"size": upload.size / 1e6, "limit": max_bytes / 1e6},
            code="file_size",
        )
    signatures = SIGNATURES.get(suffix, [])
    if signatures:
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(sig) for sig in signatures):
            raise ValidationError(
                _("The file's content is not a real %(suffix)s file."),
                params={"suffix": suffix},
                code="file_content",
            )


def file_response(field_file, download_name: str | None = None):
    """Send a stored file after the caller has checked the user may see it.

    Files are never served straight from the media folder: confidential uploads must pass the
    same permission check as the page that links to them.
    """
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = download_name or Path(field_file.name).name
    return FileResponse(handle, as_attachment=True, filename=name)


def checked_upload(upload, allowed=DOCUMENTS, max_bytes: int | None = None):
    """``validate_upload``, then a copy without metadata (``core.metadata``): what to store.

    Used where a file leaves its firm (a listing's photo, an invoice or a certificate shared in
    a conversation), so that a photo's GPS position or a PDF's author never travels with it.
    """
    validate_upload(upload, allowed=allowed, max_bytes=max_bytes)
    return strip_metadata(upload)
