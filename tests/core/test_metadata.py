"""Uploaded photos and PDFs lose their metadata (GPS, camera, author) before they are stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter

from dekvep.core.metadata import strip_metadata
from tests.samples import AUTHOR, jpeg_bytes, pdf_bytes, png_bytes


def _clean(name: str, content: bytes) -> bytes:
    return strip_metadata(SimpleUploadedFile(name, content)).read()


def test_it_removes_the_gps_position_and_camera_from_a_jpeg():
    exif = Image.open(io.BytesIO(_clean("numune.jpg", jpeg_bytes()))).getexif()
    assert 0x8825 not in exif and 0x010F not in exif


def test_it_removes_the_comment_of_a_jpeg():
    assert "Ayşe".encode() not in _clean("numune.jpeg", jpeg_bytes())


def test_it_keeps_a_jpeg_upright():
    image = Image.open(io.BytesIO(_clean("numune.jpg", jpeg_bytes(orientation=6))))
    assert dict(image.getexif()) == {0x0112: 6}


def test_it_keeps_the_picture_of_a_jpeg():
    image = Image.open(io.BytesIO(_clean("numune.jpg", jpeg_bytes())))
    image.load()
    assert image.size == (32, 24)


def test_it_removes_the_text_of_a_png():
    image = Image.open(io.BytesIO(_clean("numune.png", png_bytes())))
    image.load()
    assert "Author" not in image.info and image.size == (16, 16)


def test_it_removes_the_author_creator_producer_and_title_of_a_pdf():
    cleaned = _clean("sertifika.pdf", pdf_bytes())
    assert PdfReader(io.BytesIO(cleaned)).metadata is None
    assert b"Acme" not in cleaned and b"Teklif" not in cleaned


def test_it_removes_the_xmp_metadata_of_a_pdf():
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.xmp_metadata = None
    from pypdf.generic import DecodedStreamObject, NameObject

    stream = DecodedStreamObject()
    stream.set_data(f"<x:xmpmeta><dc:creator>{AUTHOR}</dc:creator></x:xmpmeta>".encode())
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    cleaned = _clean("sertifika.pdf", buffer.getvalue())
    assert "Yılmaz".encode() not in cleaned
    assert "/Metadata" not in PdfReader(io.BytesIO(cleaned)).trailer["/Root"]


def test_it_keeps_the_pages_of_a_pdf():
    assert len(PdfReader(io.BytesIO(_clean("sertifika.pdf", pdf_bytes()))).pages) == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
        ("a.jpg", b"\xff\xd8\xff" + b"\0" * 64),
        ("a.pdf", b"%PDF-1.4\n" + b"0" * 64),
    ],
)
def test_it_refuses_a_file_it_cannot_read(name, content):
    with pytest.raises(ValidationError) as error:
        _clean(name, content)
    assert error.value.code == "file_content"


def test_it_leaves_other_types_alone():
    upload = SimpleUploadedFile("tablo.csv", b"a,b\n1,2\n")
    assert strip_metadata(upload) is upload


def test_it_refuses_a_pdf_protected_by_a_password():
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("gizli", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ValidationError) as error:
        _clean("sertifika.pdf", buffer.getvalue())
    assert error.value.code == "file_encrypted"
