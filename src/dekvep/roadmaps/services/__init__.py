"""Every change to workshops, sector roadmaps and cluster meetings.

Each function checks the actor's permission, validates (errors name the field), saves inside a
transaction, writes the audit log and queues notifications. The state machines — workshop
voting, roadmap versions, actions, collaboration opportunities — each change state through one
function: ``change_voting``, ``change_version_status``, ``change_action_status`` and
``change_opportunity_status``.

Other apps call ``create_action_from_opportunity`` (assessment), ``create_action_from_synergy``,
``register_opportunity`` and ``update_opportunity`` (symbiosis, calls).
"""

from __future__ import annotations

from dekvep.core import audit
from dekvep.core.models import User
from dekvep.core.permissions import require
from dekvep.core.services import notify
from dekvep.core.uploads import DOCUMENTS, IMAGES, validate_upload
from dekvep.core.writes import full_save as _save
from dekvep.core.writes import set_fields as _set_fields
from dekvep.core.writes import set_related as _set_related
from dekvep.plans.models import Action, ActionPlan, CollaborationOpportunity
from dekvep.plans.services import create_action, plan_for, register_opportunity

from ..selectors import workshop_attendance
from .base import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_TYPES,
    PHOTO_MAX_BYTES,
    _check_sector,
    _sector_users,
)
from .cluster import (
    MEETING_FIELDS,
    create_cluster_meeting,
    create_follow_up,
    record_need,
    update_cluster_meeting,
)
from .roadmaps import (
    GOAL_FIELDS,
    VERSION_FIELDS,
    VERSION_TRANSITIONS,
    _check_years,
    _commenting_firm,
    _copy_content,
    _editable,
    add_barrier,
    add_goal,
    add_measure,
    change_version_status,
    comment_on_roadmap,
    create_roadmap,
    remove_roadmap_item,
    start_new_version,
    update_goal,
    update_version,
)
from .workshops import (
    VOTING_TRANSITIONS,
    WORKSHOP_FIELDS,
    _check_place,
    _workshop_people,
    add_vote_item,
    add_workshop_file,
    cast_votes,
    change_voting,
    create_workshop,
    record_attendance,
    update_workshop,
)

__all__ = [
    "Action",
    "ActionPlan",
    "CollaborationOpportunity",
    "DOCUMENTS",
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_TYPES",
    "GOAL_FIELDS",
    "IMAGES",
    "MEETING_FIELDS",
    "PHOTO_MAX_BYTES",
    "User",
    "VERSION_FIELDS",
    "VERSION_TRANSITIONS",
    "VOTING_TRANSITIONS",
    "WORKSHOP_FIELDS",
    "_check_place",
    "_check_sector",
    "_check_years",
    "_commenting_firm",
    "_copy_content",
    "_editable",
    "_save",
    "_sector_users",
    "_set_fields",
    "_set_related",
    "_workshop_people",
    "add_barrier",
    "add_goal",
    "add_measure",
    "add_vote_item",
    "add_workshop_file",
    "audit",
    "cast_votes",
    "change_version_status",
    "change_voting",
    "comment_on_roadmap",
    "create_action",
    "create_cluster_meeting",
    "create_follow_up",
    "create_roadmap",
    "create_workshop",
    "notify",
    "plan_for",
    "record_attendance",
    "record_need",
    "register_opportunity",
    "remove_roadmap_item",
    "require",
    "start_new_version",
    "update_cluster_meeting",
    "update_goal",
    "update_version",
    "update_workshop",
    "validate_upload",
    "workshop_attendance",
]
