"""Excel export of actions (openpyxl)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dekvep.core.exports import append_row


def _columns():
    return [
        (_("Action"), lambda a: a.title),
        (_("Plan"), lambda a: a.plan.title),
        (_("Origin"), lambda a: a.get_origin_display()),
        (_("Came from"), lambda a: a.source_label),
        (_("Owner organisation"), lambda a: a.owner_organisation.name),
        (_("Owner person"), lambda a: str(a.owner_person or "")),
        (_("Partners"), lambda a: ", ".join(p.name for p in a.partners.all())),
        (_("Start date"), lambda a: a.start_date),
        (_("Due date"), lambda a: a.due_date),
        (_("Status"), lambda a: a.get_status_display()),
        (_("Overdue"), lambda a: _("yes") if a.is_overdue else ""),
        (_("Indicator"), lambda a: a.indicator),
        (_("Target"), lambda a: a.target),
        (_("Budget (TRY)"), lambda a: a.budget_try),
        (_("Funding source"), lambda a: a.funding_source),
        (_("Expected savings (TRY/year)"), lambda a: a.savings_try),
        (_("Emission reduction (tCO2e/year)"), lambda a: a.savings_tco2e),
        (_("Last progress"), lambda a: _last_update(a)),
    ]


def _last_update(action):
    updates = list(action.updates.all()[:1])
    return f"{updates[0].date.isoformat()}: {updates[0].note}" if updates else ""


def actions_workbook(actions) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Actions")[:31]
    columns = _columns()
    append_row(sheet, [title for title, _get in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for action in actions:
        row = []
        for _title, get in columns:
            value = get(action)
            row.append(float(value) if hasattr(value, "as_tuple") else value)
        append_row(sheet, row)
    for index, (title, _get) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(len(title) + 4, 40))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
