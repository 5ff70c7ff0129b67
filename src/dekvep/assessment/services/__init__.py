"""Every change to inventories, their review, opportunities and issued reports.

Views and the API call only these functions. The engine does the arithmetic; this module adapts
models to it, checks permissions, writes the audit log and notifies.
"""

from __future__ import annotations

from dekvep.catalog.sectors import priority_sectors
from dekvep.core import audit, states
from dekvep.core.i18n import bilingual
from dekvep.core.models import Membership, Organisation, Participation, Programme, Site, User
from dekvep.core.permissions import require
from dekvep.core.services import notify

from .base import (
    SECTOR_KEYS,
    SECTOR_REPORT_MIN_FIRMS,
    TRANSITIONS,
    Status,
    UploadError,
)
from .inventories import (
    _firm_members,
    _notify_transition,
    _record_for_monitoring,
    _staff_to_notify,
    add_comment,
    create_inventory,
    import_workbook,
    latest_inventory,
    queue_workbook_import,
    save_inventory_data,
    transition,
    upload_error_of,
    workbook_for,
)
from .marketplace import (
    create_offer_from_waste,
)
from .opportunities import (
    _SAVING_FIELD,
    OPPORTUNITY_FIELDS,
    _clean_opportunity,
    _decimal,
    _send_to_action_plan,
    accepted_opportunities,
    add_opportunity,
    decide_opportunity,
    refresh_opportunities,
    update_opportunity,
)
from .validation import (
    SETTINGS_FIELDS,
    _base_data,
    _choice_message,
    _raise_for,
    _sector_of,
    assessment_options,
    compute_result,
    data_errors,
    programme_settings,
    update_programme_settings,
)

__all__ = [
    "Membership",
    "OPPORTUNITY_FIELDS",
    "Organisation",
    "Participation",
    "Programme",
    "SECTOR_KEYS",
    "SECTOR_REPORT_MIN_FIRMS",
    "SETTINGS_FIELDS",
    "Site",
    "Status",
    "TRANSITIONS",
    "UploadError",
    "User",
    "_SAVING_FIELD",
    "_base_data",
    "_choice_message",
    "_clean_opportunity",
    "_decimal",
    "_firm_members",
    "_notify_transition",
    "_raise_for",
    "_record_for_monitoring",
    "_sector_of",
    "_send_to_action_plan",
    "_staff_to_notify",
    "accepted_opportunities",
    "add_comment",
    "add_opportunity",
    "assessment_options",
    "audit",
    "bilingual",
    "compute_result",
    "create_inventory",
    "create_offer_from_waste",
    "data_errors",
    "decide_opportunity",
    "import_workbook",
    "latest_inventory",
    "notify",
    "priority_sectors",
    "programme_settings",
    "queue_workbook_import",
    "refresh_opportunities",
    "require",
    "save_inventory_data",
    "states",
    "transition",
    "update_opportunity",
    "update_programme_settings",
    "upload_error_of",
    "workbook_for",
]
