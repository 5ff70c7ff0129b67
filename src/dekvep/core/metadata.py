"""Remove what an uploaded file says about who made it, and where, before it is stored.

A photo's EXIF block carries the camera, the time and often the GPS position of the site; a
PDF's document information carries its author, the software and the firm's own title. Files a
firm shares with another firm (a listing's photo, a certificate in a conversation) must not
reveal more than the firm chose to show, so they are cleaned before they are saved.

Images are cleaned without decoding them: the metadata segments (JPEG) and chunks (PNG) are
dropped and the picture data is copied byte for byte, so no quality is lost. A JPEG keeps only
its orientation, rewritten as a minimal EXIF block, so that a photo still shows upright.
"""

import io
import struct
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject

# JPEG segments kept before the picture data: JFIF header (APP0), colour profile (APP2
# "ICC_PROFILE"), Adobe colour transform (APP14); every other APPn and comments are dropped.
_JPEG_KEEP_APP = {0xE0: (b"JFIF", b"JFXX"), 0xE2: (b"ICC_PROFILE",), 0xEE: (b"Adobe",)}
# PNG chunks that draw the picture; text, time and EXIF chunks (and unknown ones) are dropped.
_PNG_KEEP = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
    b"sBIT", b"pHYs", b"bKGD", b"hIST", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _not_real(suffix: str) -> ValidationError:
    return ValidationError(
        _("The file's content is not a real %(suffix)s file."),
        params={"suffix": suffix},
        code="file_content",
    )


def _exif_orientation(payload: bytes) -> int | None:
    """The orientation tag (0x0112) of an APP1 EXIF payload, or None."""
    if not payload.startswith(b"Exif\0\0") or len(payload) < 14:
        return None
    tiff = payload[6:]
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return None
    try:
        (offset,) = struct.unpack(order + "I", tiff[4:8])
        (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
        for i in range(count):
            start = offset + 2 + 12 * i
            tag, kind, _n, value = struct.unpack(order + "HHI4s", tiff[start : start + 12])
            if tag == 0x0112 and kind == 3:
                return struct.unpack(order + "H", value[:2])[0]
    except struct.error:
        return None
    return None


def _orientation_segment(orientation: int) -> bytes:
    """An APP1 segment whose EXIF holds the orientation and nothing else."""
    ifd = struct.pack(">H", 1) + struct.pack(">HHIH2x", 0x0112, 3, 1, orientation)
    tiff = b"MM\0*" + struct.pack(">I", 8) + ifd + struct.pack(">I", 0)
    payload = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG without EXIF, XMP, IPTC, comments or anything after its end marker."""
    if not data.startswith(b"\xff\xd8"):
        raise _not_real(".jpg")
    kept, orientation, pos = [b"\xff\xd8"], None, 2
    while True:
        if pos + 4 > len(data) or data[pos] != 0xFF:
            raise _not_real(".jpg")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment, payload = data[pos : pos + 2 + length], data[pos + 4 : pos + 2 + length]
        if length < 2 or pos + 2 + length > len(data):
            raise _not_real(".jpg")
        if marker == 0xDA:  # start of scan: the picture data runs to the end marker
            end = data.find(b"\xff\xd9", pos + 2 + length)
            rest = data[pos:] if end < 0 else data[pos : end + 2]
            if orientation and orientation != 1:
                kept.insert(1, _orientation_segment(orientation))
            return b"".join(kept) + rest
        if marker == 0xE1 and orientation is None:
            orientation = _exif_orientation(payload)
        keep_prefixes = _JPEG_KEEP_APP.get(marker)
        is_metadata = 0xE0 <= marker <= 0xEF or marker == 0xFE
        if not is_metadata or (keep_prefixes and payload.startswith(keep_prefixes)):
            kept.append(segment)
        pos += 2 + length


def strip_png(data: bytes) -> bytes:
    """The PNG with only the chunks that draw it, up to its end chunk."""
    if not data.startswith(_PNG_SIGNATURE):
        raise _not_real(".png")
    kept, pos = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data) or not kind.isalpha():
            raise _not_real(".png")
        if kind in _PNG_KEEP:
            kept.append(data[pos:end])
        if kind == b"IEND":
            return b"".join(kept)
        pos = end
    raise _not_real(".png")


# What a malformed PDF makes pypdf raise, besides its own errors.
_PDF_FAILURES = (ValueError, KeyError, TypeError, IndexError, AttributeError, struct.error)


def strip_pdf(data: bytes) -> bytes:
    """The PDF without its document information (author, creator, producer, title) and XMP."""
    try:
        return _rewrite_pdf(data)
    except (PyPdfError, *_PDF_FAILURES):
        raise _not_real(".pdf") from None


def _rewrite_pdf(data: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValidationError(
            _("The PDF is protected by a password; upload it without one."),
            code="file_encrypted",
        )
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    writer._root_object.pop(NameObject("/Metadata"), None)
    for page in writer.pages:
        page.pop(NameObject("/Metadata"), None)
        page.pop(NameObject("/PieceInfo"), None)
    # the removed objects would otherwise still be written, unreferenced
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


STRIPPERS = {".jpg": strip_jpeg, ".jpeg": strip_jpeg, ".png": strip_png, ".pdf": strip_pdf}


def strip_metadata(upload):
    """A cleaned copy of ``upload`` (same name) for the types we know how to clean.

    Call it after ``validate_upload``; other types are returned unchanged. Raises a
    ``ValidationError`` when the file cannot be read as what its name says.
    """
    suffix = Path(upload.name or "").suffix.lower()
    strip = STRIPPERS.get(suffix)
    if strip is None:
        return upload
    upload.seek(0)
    cleaned = strip(upload.read())
    upload.seek(0)
    return SimpleUploadedFile(
        upload.name, cleaned, content_type=getattr(upload, "content_type", None)
    )
