"""Who may read the programme's impact figures: its operator staff and its funder viewers."""

import rules

from dekvep.core.rules import is_funder_viewer, is_programme_manager, is_programme_staff

rules.add_perm("impact.view_impact", is_programme_staff | is_funder_viewer)
# Targets are the programme manager's promise to the funder: only the manager sets them.
rules.add_perm("impact.set_target", is_programme_manager)
