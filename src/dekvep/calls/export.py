"""The ranking of a call as an Excel workbook; blind phases hide the applicant here too."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from dekvep.core.exports import append_row

from .selectors import ranking


def ranking_workbook(call, user) -> bytes:
    rows = ranking(call, user)
    criteria = list(call.criteria.all())
    book = Workbook()
    sheet = book.active
    sheet.title = _("Ranking")[:31]
    header = [_("Rank"), _("Reference"), _("Applicant"), _("Status"), _("Reviews")]
    header += [c.name for c in criteria]
    header += [_("Weighted total"), _("Median"), _("Spread"), _("Reviewers disagree")]
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(
            sheet,
            [
                row.rank,
                row.reference,
                row.applicant,
                row.status_label,
                f"{row.reviewed}/{row.assigned}",
            ]
            + [row.criteria.get(c.pk) for c in criteria]
            + [
                float(row.mean) if row.mean is not None else None,
                float(row.median) if row.median is not None else None,
                float(row.spread) if row.spread is not None else None,
                _("yes") if row.disagreement else "",
            ],
        )
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
