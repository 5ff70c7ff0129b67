"""The Excel inventory template: writing it (with instructions, units, dropdowns and earlier
values) and reading it back into the JSON format with each error at its sheet, row and column.

Pure Python with openpyxl; the web upload and ``dekvep assess INVENTORY.xlsx`` both use it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from dekvep.core.exports import append_row, set_cell

from . import schema
from .engine.i18n import _
from .engine.inventory import InventoryError, process_label, process_names

TEMPLATE_VERSION = "2024.1"
META_SHEET = "_meta"
LISTS_SHEET = "Lists"  # hidden; its name is not shown
HEADER_ROWS = 2  # labels, then the hidden row of field names
MAX_ROWS = 200
_HEADER = PatternFill("solid", fgColor="DDEBDD")


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.column}{self.row}: {self.message}"


class WorkbookError(ValueError):
    """The upload is not a usable template; ``errors`` name sheet, row and column."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


_INSTRUCTIONS = {
    "en": [
        "DEKVEP inventory template — fill one workbook per firm, year and site.",
        "Fill the General sheet, then one row per line on each sheet; leave unused rows empty.",
        "Pick values from the dropdowns; shares are fractions between 0 and 1 (0.25 = 25 %).",
        "Waste codes follow the List of Waste (e.g. 04 02 22; hazardous entries end with *).",
        "Energy: natural gas in Sm3, liquid fuels in L or kg, electricity in kWh or MWh.",
        "Do not rename sheets or change the hidden rows: the upload checks the template version.",
        "The upload checks every cell; if any is wrong nothing is saved and each error is listed.",
    ],
    "tr": [
        "DEKVEP envanter şablonu — her firma, yıl ve tesis için bir çalışma kitabı doldurun.",
        "Önce Genel sayfasını, sonra her sayfada satır başına bir kalem doldurun; "
        "boş satırları boş bırakın.",
        "Açılır listelerden seçin; paylar 0 ile 1 arasında kesirdir (0,25 = %25).",
        "Atık kodları Atık Listesine göredir (ör. 04 02 22; tehlikeli atıklar * ile biter).",
        "Enerji: doğal gaz Sm3, sıvı yakıtlar L veya kg, elektrik kWh veya MWh olarak.",
        "Sayfa adlarını ve gizli satırları değiştirmeyin: yükleme şablon sürümünü denetler.",
        "Yükleme her hücreyi denetler; bir hata varsa hiçbir şey kaydedilmez "
        "ve hatalar listelenir.",
    ],
}


def write_template(data: dict[str, Any] | None = None, language: str = "tr") -> bytes:
    """The template as .xlsx bytes, pre-filled with ``data`` (e.g. the firm's earlier values)."""
    data = data or {}
    lang = "tr" if language.startswith("tr") else "en"
    book = Workbook()
    info = book.active
    info.title = "Instructions" if lang == "en" else "Talimatlar"
    for i, line in enumerate(_INSTRUCTIONS[lang], start=1):
        set_cell(info, i, 1, line)
    version_label = "Template version" if lang == "en" else "Şablon sürümü"
    processes = "Plant processes you can list" if lang == "en" else "Yazabileceğiniz prosesler"
    names = ", ".join(process_label(key, lang) for key in process_names())
    set_cell(info, len(_INSTRUCTIONS[lang]) + 1, 1, f"{processes}: {names}")
    info.cell(
        row=len(_INSTRUCTIONS[lang]) + 2, column=1, value=f"{version_label} {TEMPLATE_VERSION}"
    )
    info.column_dimensions["A"].width = 110
    lists = _write_lists(book, lang)
    _write_general(book, data, lang, lists)
    for section in schema.list_sections():
        _write_section(book, section, schema.section_rows(data, section), lang, lists)
    meta = book.create_sheet(META_SHEET)
    meta["A1"], meta["B1"] = "template_version", TEMPLATE_VERSION
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_lists(book: Workbook, lang: str) -> dict[str, str]:
    """One column per choice list (labels in ``lang``) on a hidden sheet; returns column name →
    range formula."""
    sheet = book.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    columns = [c for s in (schema.GENERAL, *schema.list_sections()) for c in s.columns if c.choices]
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        set_cell(sheet, 1, index, column.name)
        for row, (_value, text) in enumerate(column.options(lang), start=2):
            set_cell(sheet, row, index, text)
        end = len(column.choices) + 1
        ranges[column.name + id_suffix(column)] = (
            f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${end}"
        )
    sheet.sheet_state = "hidden"
    return ranges


def id_suffix(column: schema.Column) -> str:
    return "|" + ",".join(column.choices)


def _dropdown(sheet, column: schema.Column, cells: str, lists: dict[str, str]) -> None:
    if column.choices:
        rule = DataValidation(
            type="list",
            formula1=lists[column.name + id_suffix(column)],
            allow_blank=True,
            showErrorMessage=True,
        )
    elif column.kind == "share":
        rule = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="1",
            allow_blank=True,
            showErrorMessage=True,
        )
    elif column.kind == "number":
        rule = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
        )
    else:
        return
    sheet.add_data_validation(rule)
    rule.add(cells)


def _label(column: schema.Column, lang: str) -> str:
    text = column.label(lang) + (" *" if column.required else "")
    return f"{text} ({column.unit})" if column.unit else text


def _shown(column: schema.Column, value: Any, lang: str) -> Any:
    """A stored value as the cell shows it: a choice through its label."""
    if column.choices and value not in (None, ""):
        return column.choice_label(column.choice_value(value), lang)
    return value


def _write_general(book, data, lang, lists) -> None:
    sheet = book.create_sheet(schema.GENERAL.sheet_name(lang))
    value_header = "Değer" if lang == "tr" else "Value"
    append_row(sheet, [schema.GENERAL.title(lang), "field", value_header])
    values = schema.general_values(data, lang)
    for column in schema.GENERAL.columns:
        value = _shown(column, values.get(column.name), lang)
        append_row(sheet, [_label(column, lang), column.name, value])
        _dropdown(sheet, column, f"C{sheet.max_row}", lists)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), _HEADER
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].hidden = True
    sheet.column_dimensions["C"].width = 30


def _write_section(book, section: schema.Section, rows, lang, lists) -> None:
    sheet = book.create_sheet(section.sheet_name(lang))
    append_row(sheet, [_label(c, lang) for c in section.columns])
    append_row(sheet, [c.name for c in section.columns])
    sheet.row_dimensions[2].hidden = True
    for row in rows:
        append_row(sheet, [_shown(c, row.get(c.name), lang) for c in section.columns])
    for index, column in enumerate(section.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(_label(column, lang)) + 2)
        _dropdown(sheet, column, f"{letter}{HEADER_ROWS + 1}:{letter}{MAX_ROWS}", lists)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), _HEADER
    sheet.freeze_panes = "A3"


@dataclass
class Locator:
    """Where each field path of the built inventory sits in the workbook."""

    general_rows: dict[str, int]
    section_rows: dict[str, list[int]]
    sheets: dict[str, str] | None = None  # section key → the sheet's name in this workbook

    def sheet(self, section: schema.Section) -> str:
        return (self.sheets or {}).get(section.key, section.sheet)

    def cell(self, path: str) -> tuple[str, int, str]:
        """(sheet, row, column letter) of a field path such as ``energy[2].unit``."""
        for section in schema.list_sections():
            prefix = section.key + "["
            if path.startswith(prefix):
                index_text, _sep, rest = path[len(prefix) :].partition("]")
                rows = self.section_rows.get(section.key, [])
                index = int(index_text)
                row = rows[index] if index < len(rows) else HEADER_ROWS + 1
                name = rest.lstrip(".").split(".")[0]
                names = [c.name for c in section.columns]
                col = names.index(name) + 1 if name in names else 1
                return self.sheet(section), row, get_column_letter(col)
        row = self.general_rows.get(path) or self.general_rows.get(path.split(".")[0], 2)
        return self.sheet(schema.GENERAL), row, "C"


# Limits an upload must keep before any sheet is iterated: a 16 KB workbook with one cell at
# row 1,048,576 would otherwise cost the worker a minute and a gigabyte of memory.
LIMIT_ROWS = 2000
LIMIT_COLUMNS = 60
LIMIT_UNCOMPRESSED_BYTES = 25 * 1024 * 1024


def _too_big(message: str, sheet: str = "-") -> WorkbookError:
    return WorkbookError([CellError(sheet, 0, "-", message)])


def _check_archive(content: bytes) -> None:
    """Refuse a workbook that unpacks to more than the cap (a zip bomb), before opening it."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        size = sum(member.file_size for member in archive.infolist())
    if size > LIMIT_UNCOMPRESSED_BYTES:
        message = _("the workbook unpacks to %(size)d MB; the limit is %(limit)d MB") % {
            "size": size // (1024 * 1024),
            "limit": LIMIT_UNCOMPRESSED_BYTES // (1024 * 1024),
        }
        raise _too_big(message)


def _check_dimensions(book) -> None:
    """Refuse a sheet larger than the limits, from its stated (read-only) or real dimension."""
    for sheet in book.worksheets:
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
        if rows > LIMIT_ROWS or columns > LIMIT_COLUMNS:
            message = _(
                "the sheet reaches row %(rows)d and column %(columns)d; at most %(max_rows)d "
                "rows and %(max_columns)d columns are read"
            ) % {
                "rows": rows,
                "columns": columns,
                "max_rows": LIMIT_ROWS,
                "max_columns": LIMIT_COLUMNS,
            }
            raise _too_big(message, sheet.title)


def open_workbook(content: bytes):
    """Open an upload with limits: size unpacked, then each sheet's dimension in read-only mode
    (nothing iterated), then the real dimension of the loaded sheets, before any row is read."""
    try:
        _check_archive(content)
        preview = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            _check_dimensions(preview)
        finally:
            preview.close()
        book = load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        if isinstance(error, WorkbookError):
            raise
        message = _("the file is not an Excel (.xlsx) workbook")
        raise WorkbookError([CellError("-", 0, "-", message)]) from None
    # A sheet whose stated dimension lies is caught here, still before any row is iterated.
    _check_dimensions(book)
    return book


def load_template(content: bytes) -> tuple[dict[str, Any], Locator]:
    """Read an uploaded template into the JSON format and the locator of its cells."""
    book = open_workbook(content)
    _check_version(book)
    sheets = {s.key: _sheet_name(book, s) for s in (schema.GENERAL, *schema.list_sections())}
    general, general_rows = _read_general(book[sheets["general"]])
    sections: dict[str, list[dict[str, Any]]] = {}
    rows_of: dict[str, list[int]] = {}
    for section in schema.list_sections():
        sheet = book[sheets[section.key]]
        sections[section.key], rows_of[section.key] = _read_section(sheet, section)
    return schema.build(general, sections), Locator(general_rows, rows_of, sheets)


def _sheet_name(book, section: schema.Section) -> str:
    """The section's sheet in a Turkish or an English template."""
    for language in ("tr", "en"):
        if section.sheet_name(language) in book.sheetnames:
            return section.sheet_name(language)
    raise WorkbookError([CellError(section.sheet_name("tr"), 0, "-", _("sheet missing"))])


def _check_version(book) -> None:
    version = None
    if META_SHEET in book.sheetnames:
        sheet = book[META_SHEET]
        if sheet["A1"].value == "template_version":
            version = sheet["B1"].value
    if version != TEMPLATE_VERSION:
        if version:
            message = _(
                "this file has template version %(found)s; download the current template "
                "(version %(current)s)"
            )
        else:
            message = _(
                "this file has no template version; download the current template "
                "(version %(current)s)"
            )
        params = {"found": version, "current": TEMPLATE_VERSION}
        raise WorkbookError([CellError(META_SHEET, 1, "B", message % params)])


def _read_general(sheet) -> tuple[dict[str, Any], dict[str, int]]:
    values, rows = {}, {}
    for row in sheet.iter_rows(min_row=2):
        key = row[1].value if len(row) > 1 else None
        if key:
            values[key] = row[2].value if len(row) > 2 else None
            rows[key] = row[0].row
    return values, rows


def _read_section(sheet, section: schema.Section) -> tuple[list[dict[str, Any]], list[int]]:
    names = [cell.value for cell in sheet[2]]
    expected = [c.name for c in section.columns]
    if names[: len(expected)] != expected:
        message = _("the column layout was changed")
        raise WorkbookError([CellError(sheet.title, 2, "A", message)])
    rows, numbers = [], []
    for row in sheet.iter_rows(min_row=HEADER_ROWS + 1, max_col=len(expected)):
        values = {name: cell.value for name, cell in zip(expected, row, strict=False)}
        if any(v not in (None, "") for v in values.values()):
            rows.append(values)
            numbers.append(row[0].row)
    return rows, numbers


def read_workbook(content: bytes) -> dict[str, Any]:
    """The JSON inventory of an uploaded template (errors in the file itself raise
    WorkbookError; the caller validates the inventory)."""
    return load_template(content)[0]


def cell_errors(
    error: InventoryError, locator: Locator, language: str | None = None
) -> list[CellError]:
    """The engine's field-path errors placed at their sheet, row and column. With a
    ``language`` each says in words which field it is about ("Atıklar, 2. satır, Atık kodu:
    …"); without one (the command line) it keeps the field path."""
    found = []
    for item in error.errors:
        sheet, row, column = locator.cell(item.path)
        if language:
            message = schema.in_words(item.path, item.message, language)
        else:
            message = f"{item.path}: {item.message}"
        found.append(CellError(sheet, row, column, message))
    return found
