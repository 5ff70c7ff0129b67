"""Who may read the programme's impact figures: its operator staff and its funder viewers."""

import rules

from dekvep.core.rules import is_funder_viewer, is_programme_staff

rules.add_perm("impact.view_impact", is_programme_staff | is_funder_viewer)
