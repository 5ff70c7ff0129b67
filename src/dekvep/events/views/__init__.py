"""Pages for events, registration, check-in, completion, certificates, ambassadors and outreach."""

from __future__ import annotations

from dekvep.core.forms import form_errors
from dekvep.core.models import Job, Organisation, Programme
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import is_operator_staff, staff_programme_ids
from dekvep.core.selectors import primary_programme, visible_programmes
from dekvep.core.states import allowed_transitions

from .ambassadors import (
    ambassador_name,
    ambassador_remove,
    ambassadors,
)
from .attendees import (
    attendees,
    attendees_export,
    check_in,
    set_score,
    staff_cancel,
)
from .base import (
    _staff_programmes,
)
from .certificates import (
    _credential_response,
    _pdf_response,
    certificate_credential,
    certificate_detail,
    certificate_pdf,
    completion,
    issue_bulk,
    issue_one,
    job,
)
from .data_requests import (
    data_request_decide,
    data_requests,
)
from .events import (
    event_create,
    event_detail,
    event_edit,
    home,
    sessions,
)
from .outreach import (
    outreach,
)
from .registrant import (
    _by_token,
    _confirmed_message,
    _data_response,
    _own_certificate,
    _revoked_notice,
    my_data,
    my_erase,
    my_events,
    registration,
    registration_calendar,
    registration_cancel,
    registration_certificate_pdf,
    registration_confirm,
    registration_credential,
    registration_data,
    registration_erase,
    registration_qr,
)

__all__ = [
    "Job",
    "Organisation",
    "Programme",
    "_by_token",
    "_confirmed_message",
    "_credential_response",
    "_data_response",
    "_own_certificate",
    "_pdf_response",
    "_revoked_notice",
    "_staff_programmes",
    "allowed_transitions",
    "ambassador_name",
    "ambassador_remove",
    "ambassadors",
    "attendees",
    "attendees_export",
    "certificate_credential",
    "certificate_detail",
    "certificate_pdf",
    "check_in",
    "completion",
    "data_request_decide",
    "data_requests",
    "event_create",
    "event_detail",
    "event_edit",
    "form_errors",
    "get_visible",
    "home",
    "is_operator_staff",
    "issue_bulk",
    "issue_one",
    "job",
    "my_data",
    "my_erase",
    "my_events",
    "outreach",
    "primary_programme",
    "registration",
    "registration_calendar",
    "registration_cancel",
    "registration_certificate_pdf",
    "registration_confirm",
    "registration_credential",
    "registration_data",
    "registration_erase",
    "registration_qr",
    "require",
    "sessions",
    "set_score",
    "staff_cancel",
    "staff_programme_ids",
    "visible_programmes",
]
