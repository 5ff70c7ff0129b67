"""Pages for applicants, reviewers and staff. Thin: parse, call a service, render.

Split by area; every view stays importable from this package (urls.py uses it).
"""

from .applicants import (  # noqa: F401
    _declaration_errors,
    _post_transition,
    _steps,
    answer_file,
    application_detail,
    application_edit,
    apply,
    assign,
    confirm,
    override,
    stage,
    unassign,
    withdraw,
)
from .common import (  # noqa: F401
    S,
    _can_see_any_pitch,
    activate_phase,
    call_detail,
    call_form,
    call_setup,
    home,
    remove_part,
)
from .notices import (  # noqa: F401
    notice_edit,
    notice_move,
    outbox,
    release_all,
)
from .pitch import (  # noqa: F401
    add_slot,
    follow_up,
    interests,
    invite,
    mark_interest,
    pitch,
)
from .reviewers import (  # noqa: F401
    conflicts,
    review,
    review_list,
)
from .staff import (  # noqa: F401
    announce,
    applications,
    auto_assign,
    ranking_export,
    ranking_page,
)
