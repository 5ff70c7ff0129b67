"""The one way every CSV and Excel export writes a value: never as a formula.

A value from a user (an anonymous registration's name, a listing's title, a progress note) that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula by a
spreadsheet that opens the export (formula injection, CWE-1236). In CSV such a value is written
with a leading apostrophe, which spreadsheets show as text; in Excel it is a string cell, never a
formula cell. Plain numbers (``-12.5``) are left as they are.
"""

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def is_risky(value: Any) -> bool:
    """A text a spreadsheet would take for a formula."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _NUMBER.fullmatch(value.strip())
    )


def csv_value(value: Any) -> Any:
    return "'" + value if is_risky(value) else value


def _one_line_ending(value: Any) -> Any:
    """A carriage return inside a value becomes a line feed: with the "\\n" line terminator the
    csv module would leave such a value unquoted, and the row would break in two."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class SafeWriter:
    """``csv.writer`` whose rows are written through ``csv_value``."""

    def __init__(self, stream, **options):
        options.setdefault("lineterminator", "\n")
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([_one_line_ending(csv_value(v)) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **options) -> SafeWriter:
    return SafeWriter(stream, **options)


def csv_text(header: list, rows: Iterable[Iterable[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def as_text_cell(cell) -> None:
    """Make a cell holding risky text a string cell (openpyxl takes ``=...`` for a formula)."""
    if is_risky(cell.value):
        cell.data_type = "s"


def append_row(sheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)`` with every text written as text, never as a formula."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        as_text_cell(cell)


def set_cell(sheet, row: int, column: int, value: Any):
    cell = sheet.cell(row=row, column=column, value=value)
    as_text_cell(cell)
    return cell
