"""Listings in from a marketplace file: a CSV, or a ZIP with the CSV and the photos it names.

All or nothing: every row is checked first and every problem is reported with its line and the
column as the file names it; a single bad row and nothing is saved. Photo addresses (http/https)
are not fetched — the platform runs without the internet and a file must not make the server
call addresses — they are counted and reported instead.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from dekvep.core.exports import is_risky
from dekvep.symbiosis import engine, services
from dekvep.symbiosis.engine.numbers import AmbiguousNumber, detect, parse
from dekvep.symbiosis.engine.reading import read_text
from dekvep.text import fold

from . import columns as cols

MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_CSV = 5 * 1024 * 1024
# fields of the listing service → the file's column
_SERVICE_FIELDS = {
    "kind": "type",
    "title": "name",
    "material": "category",
    "description": "description",
    "waste_code": "waste_code",
    "quantity": "quantity",
    "unit": "unit",
    "frequency": "frequency",
    "file": "photos",
}


@dataclass
class Imported:
    listings: list = field(default_factory=list)
    photos_attached: int = 0
    photo_addresses_skipped: int = 0


@dataclass
class _Row:
    line: int
    fields: dict
    photos: list[tuple[str, bytes]]


class _Problems(list):
    def add(self, line: int, column: str, message: str) -> None:
        where = _("line %(line)s, column %(column)s") % {"line": line, "column": column}
        self.append(f"{where}: {message}")


def import_file(actor, organisation, programme, data: bytes) -> Imported:
    """Create draft listings of ``organisation`` from a marketplace CSV or ZIP."""
    text, photos = _unpack(data)
    table = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    positions, _unknown = cols.resolve_header(table[0] if table else [])
    # problems name a column as the file does (Turkish, English), else by its Turkish header
    names = {c.key: c.tr for c in cols.COLUMNS}
    names |= {key: (table[0][i].strip() or names[key]) for key, i in positions.items()}
    missing = [c for c in cols.COLUMNS if c.required and c.key not in positions]
    if missing:
        wanted = ", ".join(f"{c.tr} / {c.en}" for c in missing)
        raise ValidationError({"file": _("line 1: missing column %(c)s") % {"c": wanted}})
    problems = _Problems()
    records = [(n, r) for n, r in enumerate(table[1:], 2) if any(cell.strip() for cell in r)]
    values = [_cell(r, positions, "quantity") for _n, r in records]
    locale, _odd = detect(values)
    rows = [_read(n, r, positions, names, locale, photos, problems) for n, r in records]
    if not records:
        problems.add(2, names["type"], _("the file has no listings"))
    if problems:
        raise ValidationError({"file": problems})
    return _save(actor, organisation, programme, [r for r in rows if r], names)


def _unpack(data: bytes) -> tuple[str, dict[str, bytes] | None]:
    if data[:4] != b"PK\x03\x04":
        return _decode(data), None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ValidationError({"file": _("The ZIP file is damaged.")}) from None
    with archive:
        entries = [i for i in archive.infolist() if not i.is_dir()]
        if sum(i.file_size for i in entries) > MAX_ZIP_TOTAL or any(
            i.file_size > settings.MAX_UPLOAD_BYTES for i in entries
        ):
            raise ValidationError({"file": _("The ZIP file unpacks too large.")})
        tables = [i for i in entries if i.filename.lower().endswith(".csv")]
        if len(tables) != 1:
            raise ValidationError({"file": _("The ZIP file must hold exactly one CSV file.")})
        photos = {i.filename: archive.read(i) for i in entries if i is not tables[0]}
        return _decode(archive.read(tables[0])), photos


def _decode(data: bytes) -> str:
    if len(data) > MAX_CSV:
        raise ValidationError({"file": _("The CSV file is larger than 5 MB; split it.")})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = _("line %(line)s: the file is not UTF-8; save it as “CSV UTF-8”.")
        raise ValidationError({"file": message % {"line": line}}) from None
    if not text.strip():
        raise ValidationError({"file": _("The file is empty.")})
    return text


def _delimiter(text: str) -> str:
    """Spreadsheets set to Turkish save CSV with semicolons."""
    first = text.splitlines()[0]
    return ";" if first.count(";") > first.count(",") else ","


def _cell(record: list[str], positions: dict[str, int], key: str) -> str:
    i = positions.get(key)
    value = record[i].strip() if i is not None and i < len(record) else ""
    # undo the quote our exports put before text a spreadsheet would run as a formula
    return value[1:] if value.startswith("'") and is_risky(value[1:]) else value


def _read(line, record, positions, names, locale, photos, problems) -> _Row | None:
    def cell(key: str) -> str:
        return _cell(record, positions, key)

    before = len(problems)
    found = {}
    for key, table in (("type", cols.KINDS), ("unit", cols.UNITS), ("frequency", cols.FREQUENCIES)):
        found[key] = cols.read(table, cell(key))
        if found[key] is None:
            message = _("“%(value)s” is not one of: %(choices)s") % {
                "value": cell(key),
                "choices": cols.choices(table, "tr") + " / " + cols.choices(table, "en"),
            }
            problems.add(line, names[key], message)
    if not cell("name"):
        problems.add(line, names["name"], _("give the material name"))
    quantity = _quantity(cell("quantity"), locale, line, names, problems)
    material = _category(cell("category"), line, names, problems)
    attached = _photos(cell("photos"), photos, line, names, problems)
    if len(problems) > before:
        return None
    fields = {
        "kind": found["type"],
        "title": cell("name"),
        "material": material,
        "description": cell("description"),
        "waste_code": cell("waste_code"),
        "quantity": quantity,
        "unit": found["unit"],
        "frequency": found["frequency"],
    }
    return _Row(line, fields, attached)


def _quantity(text, locale, line, names, problems) -> float | None:
    try:
        value = parse(text, locale)
    except AmbiguousNumber:
        message = _("“%(value)s” may be a thousand or a decimal; write it without a separator")
        problems.add(line, names["quantity"], message % {"value": text})
        return None
    except ValueError:
        problems.add(line, names["quantity"], _("“%(value)s” is not a number") % {"value": text})
        return None
    if value <= 0:
        problems.add(line, names["quantity"], _("give a quantity above zero"))
        return None
    return value


def _category(text, line, names, problems) -> str:
    if not text:
        return ""
    knowledge = engine.default_knowledge()
    for material in knowledge.materials.values():
        if fold(text) in (fold(material.id), fold(material.name_tr), fold(material.name_en)):
            return material.id
    # the marketplace's own category words ("Talaş", "Plastik atıklar") read as listings are
    named = read_text(text, knowledge).named("m")
    if named:
        return named[0]
    message = _("“%(value)s” is not a category DEKVEP knows; leave it empty or see the list")
    problems.add(line, names["category"], message % {"value": text})
    return ""


def _photos(text, photos, line, names, problems) -> list:
    """The photo files a row names; web addresses are left (and counted) for the caller."""
    found = []
    for ref in (part.strip() for part in text.split(cols.PHOTO_SEPARATOR)):
        if not ref:
            continue
        if ref.lower().startswith(("http://", "https://")):
            found.append((ref, b""))
            continue
        data = _in_archive(ref, photos)
        if data is None:
            message = _("the photo “%(name)s” is not in the ZIP file")
            if photos is None:
                message = _("the photo “%(name)s” needs a ZIP file holding the CSV and the photos")
            problems.add(line, names["photos"], message % {"name": ref})
            continue
        found.append((ref, data))
    return found


def _in_archive(ref: str, photos: dict[str, bytes] | None) -> bytes | None:
    if not photos:
        return None
    if ref in photos:
        return photos[ref]
    same = [name for name in photos if PurePosixPath(name).name == PurePosixPath(ref).name]
    return photos[same[0]] if len(same) == 1 else None


def _save(actor, organisation, programme, rows: list[_Row], names) -> Imported:
    result = Imported()
    problems = _Problems()
    stored = []
    with transaction.atomic():
        for row in rows:
            try:
                listing = services.create_listing(actor, organisation, programme, **row.fields)
                for ref, data in row.photos:
                    if not data:
                        result.photo_addresses_skipped += 1
                        continue
                    name = PurePosixPath(ref).name
                    upload = SimpleUploadedFile(name, data)
                    stored.append(services.add_attachment(actor, listing, upload).file.name)
                    result.photos_attached += 1
            except ValidationError as error:
                for service_field, messages in _messages(error):
                    column = names.get(_SERVICE_FIELDS.get(service_field, ""), service_field)
                    problems.add(row.line, column, " ".join(messages))
                continue
            result.listings.append(listing)
        if problems:
            transaction.set_rollback(True)
    if problems:
        # the rows were rolled back; the photo files stored meanwhile go too
        for name in stored:
            default_storage.delete(name)
        raise ValidationError({"file": problems})
    return result


def _messages(error: ValidationError):
    if hasattr(error, "error_dict"):
        return [
            (name, [str(m) for m in ValidationError(found).messages])
            for name, found in error.error_dict.items()
        ]
    return [("file", [str(m) for m in error.messages])]
