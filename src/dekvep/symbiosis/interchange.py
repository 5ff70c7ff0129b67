"""Listings to and from the CSV that materials marketplaces exchange.

Columns: type (available/wanted), title, description, material, waste_code, quantity, unit,
generation (one-time/ongoing), interval (week/month/year), logistics, location. Exports never
carry a firm's name: the location is its zone or province. Imports are all-or-nothing.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dekvep.core.exports import csv_writer
from dekvep.symbiosis import services
from dekvep.symbiosis.engine.csvio import ListingFileError, decode
from dekvep.symbiosis.models import Listing

COLUMNS = [
    "type",
    "title",
    "description",
    "material",
    "waste_code",
    "quantity",
    "unit",
    "generation",
    "interval",
    "logistics",
    "location",
]
_TYPES = {"available": Listing.Kind.OFFER, "wanted": Listing.Kind.WANT}
MAX_BYTES = 5 * 1024 * 1024


def export_csv(listings) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(COLUMNS)
    for item in listings:
        organisation = item.organisation
        once = item.frequency == Listing.Frequency.ONCE
        writer.writerow(
            [
                "available" if item.kind == Listing.Kind.OFFER else "wanted",
                item.title,
                item.description,
                item.material,
                item.waste_code,
                item.quantity,
                item.unit,
                "one-time" if once else "ongoing",
                "" if once else item.frequency,
                item.logistics,
                organisation.industrial_zone or organisation.province,
            ]
        )
    return buffer.getvalue()


def import_csv(actor, organisation, programme, data: bytes) -> list[Listing]:
    """Create draft listings from a marketplace CSV; one bad row and nothing is saved."""
    try:
        text = decode(data, MAX_BYTES)
    except ListingFileError as error:
        raise ValidationError({"file": str(error)}) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [
        c for c in ("type", "title", "quantity", "unit") if c not in (reader.fieldnames or [])
    ]
    if missing:
        raise ValidationError({"file": _("line 1: missing column %(c)s") % {"c": missing[0]}})
    created = []
    with transaction.atomic():
        for row in reader:
            try:
                created.append(
                    services.create_listing(actor, organisation, programme, **_fields(row))
                )
            except ValidationError as error:
                field, messages = next(iter(error.message_dict.items()))
                where = _("line %(line)s, column %(column)s") % {
                    "line": reader.line_num,
                    "column": field,
                }
                raise ValidationError({"file": f"{where}: {' '.join(messages)}"}) from None
    return created


def _fields(row: dict) -> dict:
    kind = _TYPES.get((row.get("type") or "").strip().lower())
    if kind is None:
        raise ValidationError({"type": _("use available or wanted")})
    try:
        quantity = float((row.get("quantity") or "").replace(",", "."))
    except ValueError:
        raise ValidationError({"quantity": _("not a number")}) from None
    once = (row.get("generation") or "").strip().lower() == "one-time"
    interval = (row.get("interval") or "year").strip().lower() or "year"
    if not once and interval not in ("week", "month", "year"):
        raise ValidationError({"interval": _("use week, month or year")})
    return {
        "kind": kind,
        "title": (row.get("title") or "").strip(),
        "description": (row.get("description") or "").strip(),
        "material": (row.get("material") or "").strip(),
        "waste_code": (row.get("waste_code") or "").strip(),
        "quantity": quantity,
        "unit": (row.get("unit") or "t").strip().lower(),
        "frequency": "once" if once else interval,
        "logistics": (row.get("logistics") or "").strip(),
    }
