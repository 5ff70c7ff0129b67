"""Listings out to the marketplace: a CSV, or a ZIP holding the CSV and the listings' photos.

Anonymised as every other listing export: no firm name, the location is the organised
industrial zone or the province, and photos go by their public names (``fotograf-12.png``),
re-encoded without their metadata (a photo's EXIF data may hold the site's coordinates).
"""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils import translation

from dekvep.core.exports import csv_writer
from dekvep.core.i18n import pick
from dekvep.core.metadata import strip_jpeg, strip_png
from dekvep.symbiosis import engine
from dekvep.symbiosis.models import Listing, ListingAttachment

from . import columns as cols

CSV_NAME = {"tr": "ilanlar.csv", "en": "listings.csv"}
PHOTO_DIR = {"tr": "fotograflar", "en": "photos"}


def public_location(listing: Listing) -> str:
    """Where the listing is, no finer than its zone or province."""
    place = listing.site if listing.site_id else listing.organisation
    return place.industrial_zone or place.province or listing.organisation.province


def quantity_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _photos(listing: Listing) -> list[ListingAttachment]:
    return [a for a in listing.attachments.all() if a.kind == ListingAttachment.Kind.IMAGE]


def _photo_name(attachment: ListingAttachment, lang: str) -> str:
    with translation.override(lang):
        return f"{PHOTO_DIR[lang]}/{attachment.public_name}"


def row(listing: Listing, lang: str, photo_refs: list[str]) -> list:
    knowledge = engine.default_knowledge()
    material = knowledge.materials.get(listing.material or "")
    return [
        cols.word(cols.KINDS, listing.kind, lang),
        listing.title,
        pick(material.name_tr, material.name_en, lang) if material else "",
        listing.description,
        listing.waste_code,
        quantity_text(listing.quantity),
        cols.word(cols.UNITS, listing.unit, lang),
        cols.word(cols.FREQUENCIES, listing.frequency, lang),
        public_location(listing),
        cols.PHOTO_SEPARATOR.join(photo_refs),
    ]


def _ordered(listings):
    return (
        listings.select_related("organisation", "site")
        .prefetch_related("attachments")
        .order_by("kind", "pk")
    )


def export_csv(listings, lang: str = "tr", photo_url=None) -> str:
    """The listings as the marketplace's CSV; ``photo_url(attachment)`` gives the address a
    photo is fetched from when the file travels without its photos."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(cols.header(lang))
    for listing in _ordered(listings):
        refs = [photo_url(a) if photo_url else _photo_name(a, lang) for a in _photos(listing)]
        writer.writerow(row(listing, lang, refs))
    return buffer.getvalue()


def export_zip(listings, lang: str = "tr") -> bytes:
    """A ZIP with the CSV and, beside it, the listings' photos without their metadata."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CSV_NAME[lang], "\ufeff" + export_csv(listings, lang))
        for listing in _ordered(listings):
            for attachment in _photos(listing):
                with attachment.file.open("rb") as handle:
                    data = handle.read()
                archive.writestr(_photo_name(attachment, lang), without_metadata(data))
    return buffer.getvalue()


def without_metadata(data: bytes) -> bytes:
    """The photo without EXIF or text chunks (``core.metadata``, as uploads are cleaned; files
    stored before uploads were cleaned are cleaned here). A file that is not a readable PNG or
    JPEG is passed on unchanged: upload checks let only those in."""
    strip = strip_jpeg if data.startswith(b"\xff\xd8") else strip_png
    try:
        return strip(data)
    except ValidationError:
        return data
