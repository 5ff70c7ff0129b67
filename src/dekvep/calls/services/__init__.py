"""Every change to calls, applications, reviews, notices and pitch days.

Four state machines, each changed through one function that checks the permission, writes the
audit log and queues the notice: ``transition`` (applications), ``transition_review``,
``transition_notice`` and ``transition_interest``.

The services are split by aggregate; this package keeps every name importable from here.
"""

from .applications import (  # noqa: F401
    APPLICATION_STATES,
    _after_move,
    _audit_entry,
    _check_move,
    _clean_value,
    _move_permission,
    _next_reference,
    _recheck,
    _refuse_if_closed,
    _save_answers,
    _set_status,
    announce,
    confirm,
    missing_items,
    override_eligibility,
    save_application,
    stage_decision,
    start_application,
    submit,
    transition,
    withdraw,
)
from .common import (  # noqa: F401
    DECISIONS,
    EDITABLE,
    ISTANBUL,
    NOTICE_FOR,
    SYSTEM,
    TRANSITIONS,
    S,
    aware,
)
from .conflicts import declare_by_name, declare_for_application  # noqa: F401
from .notices import (  # noqa: F401
    NOTICE_MOVES,
    _recipients,
    edit_notice,
    queue_notice,
    release_all,
    transition_notice,
)
from .pitch import (  # noqa: F401
    INTEREST_IN_REGISTER,
    INTEREST_MOVES,
    add_slot,
    create_pitch_day,
    invite_to_pitch,
    mark_interest,
    register_interest,
    transition_interest,
)
from .review import (  # noqa: F401
    _clean_scores,
    _start_review,
    assign_reviewer,
    auto_assign,
    declare_conflict,
    jury_of,
    plan_assignments,
    transition_review,
    unassign_reviewer,
    weighted_total,
)
from .setup import (  # noqa: F401
    CALL_FIELDS,
    PARTS,
    _call_times,
    _only_active,
    _validate_call,
    _validate_question,
    activate_phase,
    add_part,
    create_call,
    remove_part,
    update_call,
)
