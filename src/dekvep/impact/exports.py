"""The funder's files: an Excel workbook and a PDF report of the programme's figures.

Both hold aggregates (figures, breakdowns, monthly series) and the verification trail of the
symbiosis exchanges, which names no firm: exchange and synergy numbers, material, evidence.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from dekvep.core.exports import append_row
from dekvep.core.formatting import format_month
from dekvep.core.i18n import label
from dekvep.symbiosis.exchanges import verification_trail
from dekvep.web.charts import monthly_chart

from .figures import all_figures, summary
from .presenters import formatted
from .selectors import breakdown, monthly

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(programme, extension: str) -> str:
    return f"{programme.slug}-impact-{timezone.localdate():%Y-%m-%d}.{extension}"


def _header(sheet, titles) -> None:
    append_row(sheet, [str(t) for t in titles])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _figures_sheet(book, programme, values) -> None:
    sheet = book.active
    sheet.title = _("Figures")[:31]
    append_row(sheet, [programme.name])
    _header(sheet, [_("Key"), _("Figure"), _("Value"), _("Unit"), _("Source"), _("Definition")])
    for figure in all_figures():
        append_row(
            sheet,
            [
                figure.key,
                str(figure.label),
                values[figure.key],
                str(figure.unit_label),
                label(figure.source, "app"),
                str(figure.definition),
            ],
        )
    # The key stays for programs that read the file; readers see the figure's name instead.
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["F"].width = 80


def _breakdown_sheet(book, programme) -> None:
    sheet = book.create_sheet(_("Breakdowns")[:31])
    _header(sheet, [_("Figure"), _("Category"), _("Value")])
    for figure in all_figures():
        for category, value in breakdown(figure, programme):
            append_row(sheet, [str(figure.label), str(category), value])


def _monthly_sheet(book, programme) -> None:
    sheet = book.create_sheet(_("Monthly")[:31])
    _header(sheet, [_("Figure"), _("Month"), _("Value")])
    for figure in all_figures():
        for month, value in monthly(figure, programme):
            append_row(sheet, [str(figure.label), format_month(month), value])


TRAIL_COLUMNS = (
    ("exchange", _lazy("Exchange")),
    ("synergy", _lazy("Synergy")),
    ("date", _lazy("Date")),
    ("material", _lazy("Material")),
    ("tonnes", _lazy("Tonnes")),
    ("transport_document", _lazy("Waste transport document number")),
    ("weighbridge_ticket", _lazy("Weighbridge ticket number")),
    ("invoice_number", _lazy("Invoice number")),
    ("invoice_file", _lazy("Invoice file")),
    ("offer_confirmed_at", _lazy("Confirmed by the offering firm")),
    ("want_confirmed_at", _lazy("Confirmed by the receiving firm")),
    ("verified_at", _lazy("Verified")),
    ("verified_by", _lazy("Verified by")),
    ("realised", _lazy("Counted as realised")),
)


def trail(programme) -> list[list]:
    """The exchanges behind the realised figures, with their evidence: one list per row."""
    yes, no = _("Yes"), _("No")
    return [
        [
            (yes if v else no) if isinstance(v, bool) else v
            for v in (row[k] for k, _l in TRAIL_COLUMNS)
        ]
        for row in verification_trail(programme, get_language() or "tr")
    ]


def _trail_sheet(book, programme) -> None:
    sheet = book.create_sheet(_("Verification trail")[:31])
    _header(sheet, [label for _k, label in TRAIL_COLUMNS])
    for row in trail(programme):
        append_row(sheet, row)


def workbook_bytes(programme) -> bytes:
    book = Workbook()
    values = summary(programme)
    _figures_sheet(book, programme, values)
    _breakdown_sheet(book, programme)
    _monthly_sheet(book, programme)
    _trail_sheet(book, programme)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_context(programme) -> dict:
    values = summary(programme)
    figures = []
    for figure in all_figures():
        series = monthly(figure, programme)
        figures.append(
            {
                "figure": figure,
                "display": formatted(values[figure.key], figure.decimals),
                "note": figure.note_for(programme),
                "breakdown": [(label, formatted(n)) for label, n in breakdown(figure, programme)],
                "chart": monthly_chart(series) if len(series) > 1 else None,
            }
        )
    return {
        "programme": programme,
        "figures": figures,
        "generated": timezone.localtime(),
        "trail_columns": [label for _k, label in TRAIL_COLUMNS],
        "trail": trail(programme),
        "language": get_language() or "tr",
    }


def report_html(programme) -> str:
    return render_to_string("impact/report.html", report_context(programme))


def report_pdf(programme) -> bytes:
    # Lazy: WeasyPrint is heavy and needed only when a PDF is built.
    from weasyprint import HTML

    return HTML(string=report_html(programme)).write_pdf()


def excel_response(programme) -> HttpResponse:
    return _download(workbook_bytes(programme), XLSX_TYPE, filename(programme, "xlsx"))


def pdf_response(programme) -> HttpResponse:
    return _download(report_pdf(programme), "application/pdf", filename(programme, "pdf"))


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
