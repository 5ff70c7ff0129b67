"""Pages for workshops, roadmaps, action plans, cluster meetings and the collaboration register.

Views parse, call a service and render; permissions are the rules in ``rules.py``.
"""

from __future__ import annotations

from dekvep.core.forms import form_errors
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import is_funder_viewer, is_operator_staff
from dekvep.core.selectors import primary_programme
from dekvep.core.uploads import file_response
from dekvep.plans import selectors as plan_selectors
from dekvep.plans.models import Action, CollaborationOpportunity

from .base import (
    _instrument_rows,
    _programme,
)
from .cluster import (
    instrument_list,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meetings,
    need_add,
    need_follow_up,
    workshop_file_download,
)
from .landing import (
    figures,
    home,
)
from .roadmaps import (
    ITEM_MODELS,
    _add_to_version,
    barrier_add,
    comment_add,
    goal_add,
    item_delete,
    measure_add,
    roadmap_create,
    roadmaps,
    version_detail,
    version_edit,
    version_new,
    version_status,
)
from .workshops import (
    vote,
    vote_item_add,
    vote_results,
    voting_change,
    workshop_attendance_view,
    workshop_create,
    workshop_detail,
    workshop_edit,
    workshop_file_add,
    workshops,
)

__all__ = [
    "Action",
    "CollaborationOpportunity",
    "ITEM_MODELS",
    "_add_to_version",
    "_instrument_rows",
    "_programme",
    "barrier_add",
    "comment_add",
    "figures",
    "file_response",
    "form_errors",
    "get_visible",
    "goal_add",
    "home",
    "instrument_list",
    "is_funder_viewer",
    "is_operator_staff",
    "item_delete",
    "measure_add",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meetings",
    "need_add",
    "need_follow_up",
    "plan_selectors",
    "primary_programme",
    "require",
    "roadmap_create",
    "roadmaps",
    "version_detail",
    "version_edit",
    "version_new",
    "version_status",
    "vote",
    "vote_item_add",
    "vote_results",
    "voting_change",
    "workshop_attendance_view",
    "workshop_create",
    "workshop_detail",
    "workshop_edit",
    "workshop_file_add",
    "workshop_file_download",
    "workshops",
]
