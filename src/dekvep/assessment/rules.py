"""Who may see and change inventories, reports and opportunities.

A firm's inventory and report are seen only by its members and the staff assigned to it (the
programme manager and its analyst). Sector reports are anonymous aggregates of at least three
firms, open to the programme's staff, funder viewers, jury members and participant firms.
"""

import rules

from dekvep.core.models import Participation, Programme
from dekvep.core.rules import (
    is_analyst,
    is_assigned_staff_of,
    is_funder_viewer,
    is_jury_member,
    is_member_of,
    is_programme_manager,
    is_programme_staff,
    member_organisation_ids,
)


@rules.predicate
def is_editable_by_firm(user, inventory):
    return inventory is not None and inventory.editable_by_firm


@rules.predicate
def is_participant_member(user, programme):
    """Member of a firm taking part in ``programme`` (or in the programme of a report)."""
    if programme is None:
        return False

    pid = programme.pk if isinstance(programme, Programme) else programme.programme_id
    org_ids = member_organisation_ids(user)
    return Participation.objects.filter(programme_id=pid, organisation_id__in=org_ids).exists()


@rules.predicate
def is_reviewer_of(user, inventory):
    """The programme manager or the analyst assigned to the inventory's firm."""
    return inventory is not None and is_assigned_staff_of(user, inventory.organisation)


rules.add_perm("assessment.view_inventory", is_member_of | is_reviewer_of)
rules.add_perm("assessment.add_inventory", is_member_of | is_assigned_staff_of)
rules.add_perm("assessment.change_inventory", (is_member_of & is_editable_by_firm) | is_reviewer_of)
rules.add_perm("assessment.submit_inventory", is_member_of | is_reviewer_of)
rules.add_perm("assessment.review_inventory", is_reviewer_of)
rules.add_perm("assessment.comment_inventory", is_member_of | is_reviewer_of)
rules.add_perm("assessment.view_report", is_member_of | is_reviewer_of)
rules.add_perm("assessment.manage_opportunities", is_reviewer_of)
rules.add_perm(
    "assessment.view_sector_report",
    is_programme_staff | is_funder_viewer | is_jury_member | is_participant_member,
)
rules.add_perm("assessment.generate_reports", is_programme_manager | is_analyst)
# The programme's assessment settings: read by its manager and analysts, set by the manager.
rules.add_perm("assessment.view_settings", is_programme_manager | is_analyst)
rules.add_perm("assessment.manage_settings", is_programme_manager)


@rules.predicate
def is_firm_report(user, report):
    return report is not None and report.kind == "firm"


@rules.predicate
def is_sector_report(user, report):
    return report is not None and report.kind == "sector"


# Firm reports are issued by the firm's reviewers, sector reports by the programme's manager
# or analysts; an issued report is read by whoever may read that report on the page.
rules.add_perm("assessment.issue_report", is_reviewer_of)
rules.add_perm("assessment.issue_sector_report", is_programme_manager | is_analyst)
rules.add_perm(
    "assessment.view_issued_report",
    (is_firm_report & (is_member_of | is_assigned_staff_of))
    | (
        is_sector_report
        & (is_programme_staff | is_funder_viewer | is_jury_member | is_participant_member)
    ),
)
