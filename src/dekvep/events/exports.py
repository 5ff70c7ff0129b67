"""Attendee lists and attendance as Excel workbooks."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from dekvep.core.exports import append_row

from .models import CheckIn, Registration


def attendance_workbook(event) -> bytes:
    """Sheet 1: registrations with status and hours; sheet 2: a grid of sessions checked in."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Registrations")[:31]
    sessions = list(event.sessions.all())
    header = [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Status"),
        _("Registered at"),
        _("Attended hours"),
        _("Required hours"),
        _("Assessment score"),
        _("Completed"),
        _("Code"),
    ]
    append_row(sheet, header)
    registrations = list(event.registrations.order_by("status", "full_name", "pk"))
    for r in registrations:
        append_row(
            sheet,
            [
                r.full_name,
                r.email,
                r.organisation_name,
                r.get_status_display(),
                timezone.localtime(r.created_at).replace(tzinfo=None),
                float(r.attended_hours),
                float(event.required_hours),
                None if r.assessment_score is None else float(r.assessment_score),
                _("yes") if r.completed else _("no"),
                r.code,
            ],
        )
    grid = book.create_sheet(_("Attendance")[:31])
    append_row(
        grid, [_("Name"), _("Organisation")] + [f"{s.title} ({s.hours:g} h)" for s in sessions]
    )
    seen = set(
        CheckIn.objects.filter(session__event=event).values_list("registration_id", "session_id")
    )
    for r in registrations:
        if r.status != Registration.Status.CONFIRMED:
            continue
        append_row(
            grid,
            [r.full_name, r.organisation_name]
            + ["✓" if (r.pk, s.pk) in seen else "" for s in sessions],
        )
    for ws in (sheet, grid):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
