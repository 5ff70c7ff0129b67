"""Every change to action plans, actions, their progress and the collaboration register.

Each function checks the actor's permission, validates (errors name the field), saves inside a
transaction, writes the audit log and queues notifications. Actions and collaboration
opportunities each change state through one function: ``change_action_status`` and
``change_opportunity_status``.

Other apps call ``create_action_from_opportunity`` (assessment), ``create_action_from_synergy``,
``register_opportunity`` and ``update_opportunity`` (symbiosis, calls), and ``plan_for`` /
``create_action`` (roadmaps: goals and cluster needs become actions).
"""

from __future__ import annotations

from dekvep.core import audit, states
from dekvep.core.formatting import format_date
from dekvep.core.models import Organisation, User
from dekvep.core.permissions import require
from dekvep.core.services import notify
from dekvep.core.uploads import DOCUMENTS, validate_upload
from dekvep.core.writes import full_save as _save
from dekvep.core.writes import set_fields as _set_fields
from dekvep.core.writes import set_related as _set_related
from dekvep.roadmaps.models import StrategicGoal, sector_title

from ..selectors import opportunity_counts
from .actions import (
    ACTION_FIELDS,
    ACTION_TRANSITIONS,
    S,
    SourceRef,
    _check_action,
    _may_plan_for_firm,
    _programme_of,
    _promise_fields,
    add_progress_update,
    change_action_status,
    create_action,
    create_action_from_goal,
    create_action_from_opportunity,
    create_action_from_synergy,
    plan_for,
    update_action,
)
from .base import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_TYPES,
    PHOTO_MAX_BYTES,
)
from .register import (
    OPPORTUNITY_FIELDS,
    OPPORTUNITY_ORDER,
    OS,
    _allowed_opportunity_move,
    _check_opportunity_actor,
    change_opportunity_status,
    register_opportunity,
    update_opportunity,
)
from .reminders import (
    _reminder_recipients,
    send_action_reminders,
)

__all__ = [
    "ACTION_FIELDS",
    "ACTION_TRANSITIONS",
    "DOCUMENTS",
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_TYPES",
    "OPPORTUNITY_FIELDS",
    "OPPORTUNITY_ORDER",
    "OS",
    "Organisation",
    "PHOTO_MAX_BYTES",
    "S",
    "SourceRef",
    "StrategicGoal",
    "User",
    "_allowed_opportunity_move",
    "_check_action",
    "_check_opportunity_actor",
    "_may_plan_for_firm",
    "_programme_of",
    "_promise_fields",
    "_reminder_recipients",
    "_save",
    "_set_fields",
    "_set_related",
    "add_progress_update",
    "audit",
    "change_action_status",
    "change_opportunity_status",
    "create_action",
    "create_action_from_goal",
    "create_action_from_opportunity",
    "create_action_from_synergy",
    "format_date",
    "notify",
    "opportunity_counts",
    "plan_for",
    "register_opportunity",
    "require",
    "sector_title",
    "send_action_reminders",
    "states",
    "update_action",
    "update_opportunity",
    "validate_upload",
]
