"""Who may see and change action plans, actions and collaboration opportunities.

Firms see their own actions and those they partner on; firm-level plans are confidential to the
firm and the staff assigned to it; opportunities are seen by staff and by their parties.
"""

import rules

from dekvep.core.rules import is_admin_of, is_assigned_staff_of, member_organisation_ids
from dekvep.roadmaps.rules import can_run_programme_events, is_staff_here


@rules.predicate
def owns_action(user, action):
    return action is not None and action.owner_organisation_id in member_organisation_ids(user)


@rules.predicate
def shares_action(user, action):
    if action is None:
        return False
    orgs = member_organisation_ids(user)
    return bool(orgs) and action.partners.filter(pk__in=orgs).exists()


@rules.predicate
def is_firm_level(user, obj):
    plan = getattr(obj, "plan", obj)
    return plan is not None and plan.kind == "firm"


@rules.predicate
def assigned_to_owner(user, action):
    org = action.plan.organisation if action.plan.organisation_id else action.owner_organisation
    return is_assigned_staff_of(user, org)


@rules.predicate
def assigned_to_plan_firm(user, plan):
    return (
        plan is not None and plan.organisation_id and is_assigned_staff_of(user, plan.organisation)
    )


@rules.predicate
def member_of_plan_firm(user, plan):
    return plan is not None and plan.organisation_id in member_organisation_ids(user)


@rules.predicate
def admin_of_plan_firm(user, plan):
    return plan is not None and plan.organisation_id and is_admin_of(user, plan.organisation)


@rules.predicate
def is_party(user, opportunity):
    orgs = member_organisation_ids(user)
    return bool(orgs) and opportunity.parties.filter(pk__in=orgs).exists()


# Action plans
rules.add_perm(
    "plans.view_plan",
    (~is_firm_level & is_staff_here)
    | (is_firm_level & (assigned_to_plan_firm | member_of_plan_firm)),
)
rules.add_perm(
    "plans.add_action",
    (~is_firm_level & can_run_programme_events)
    | (is_firm_level & (assigned_to_plan_firm | admin_of_plan_firm)),
)
rules.add_perm(
    "plans.view_action",
    owns_action
    | shares_action
    | (~is_firm_level & is_staff_here)
    | (is_firm_level & assigned_to_owner),
)
rules.add_perm(
    "plans.change_action",
    owns_action | (~is_firm_level & is_staff_here) | (is_firm_level & assigned_to_owner),
)
# Collaboration register
rules.add_perm("plans.view_register", is_staff_here)
rules.add_perm("plans.view_opportunity", is_staff_here | is_party)
rules.add_perm("plans.change_opportunity", is_staff_here)


@rules.predicate
def is_member_of_firm(user, organisation):
    return organisation is not None and organisation.pk in member_organisation_ids(user)


# Monitoring: a firm sees its own; its analyst and the programme manager run it; the funder
# sees programme totals through the impact figures only.
rules.add_perm("plans.view_monitoring", is_member_of_firm | is_assigned_staff_of)
rules.add_perm("plans.manage_monitoring", is_assigned_staff_of)
rules.add_perm("plans.verify_action", assigned_to_owner)
rules.add_perm("plans.view_unmeasured", is_staff_here)
