"""Who may see and change readiness data.

A firm's profile, decisions and footprints are confidential like its inventory: its members, its
assigned analyst and the programme managers. The programme view shows counts; the list of firms
to invite (names) is for operator staff only, never the funder.
"""

import rules

from dekvep.core.rules import (
    is_assigned_staff_of,
    is_funder_viewer,
    is_member_of,
    is_operator_staff,
    is_programme_staff,
)

rules.add_perm("readiness.view_firm", is_member_of | is_assigned_staff_of)
rules.add_perm("readiness.change_profile", is_member_of | is_assigned_staff_of)
rules.add_perm("readiness.view_catalogue", rules.is_authenticated)
rules.add_perm("readiness.change_catalogue", is_operator_staff)
rules.add_perm("readiness.view_programme", is_programme_staff | is_funder_viewer)
rules.add_perm("readiness.view_invitations", is_programme_staff)
