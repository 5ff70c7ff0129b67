"""Real small files for upload tests: a JPEG with GPS, a PNG with text, a PDF with an author."""

import io

from PIL import Image, PngImagePlugin
from pypdf import PdfWriter

AUTHOR = "Ayşe Yılmaz (Boğaziçi Örme)"


def jpeg_bytes(orientation: int = 1) -> bytes:
    """A photo whose EXIF names the camera and the site's GPS position."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Canon"
    exif[0x8825] = {1: "N", 2: (41.0, 4.0, 12.0), 3: "E", 4: (28.0, 47.0, 40.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (180, 40, 40)).save(
        buffer, "JPEG", exif=exif.tobytes(), comment=AUTHOR.encode()
    )
    return buffer.getvalue()


def png_bytes() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", AUTHOR)
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (20, 120, 60)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def pdf_bytes(author: str = AUTHOR) -> bytes:
    """A one-page PDF whose document information names its author, tool and title."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata(
        {"/Author": author, "/Creator": "Word", "/Producer": "Acme PDF", "/Title": "Teklif"}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
