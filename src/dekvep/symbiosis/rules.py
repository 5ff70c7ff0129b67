"""Who may see and change listings, match runs and synergies."""

import rules

from dekvep.core.models import Participation
from dekvep.core.rules import (
    is_assigned_staff_of,
    is_facilitator,
    is_member_of,
    is_programme_manager,
    is_programme_staff,
    member_organisation_ids,
)
from dekvep.symbiosis.providers import served_programme_ids


def _in_programme(user, programme_id) -> bool:
    orgs = member_organisation_ids(user)
    return (
        bool(orgs)
        and Participation.objects.filter(
            programme_id=programme_id, organisation_id__in=orgs
        ).exists()
    )


@rules.predicate
def can_see_listing(user, listing):
    if is_member_of(user, listing) or is_programme_staff(user, listing):
        return True
    if listing.status != "published":
        return False

    return _in_programme(user, listing.programme_id) or (
        listing.programme_id in served_programme_ids(user)
    )


@rules.predicate
def is_side_of(user, synergy):
    return is_member_of(user, synergy.offer) or is_member_of(user, synergy.want)


@rules.predicate
def can_run_matching(user, programme):
    return is_programme_manager(user, programme) or is_facilitator(user, programme)


@rules.predicate
def can_run_workshop(user, programme):
    """Workshop mode is the facilitators' (and the programme manager's), never the firms'."""
    return is_facilitator(user, programme) or is_programme_manager(user, programme)


@rules.predicate
def entered_at_my_workshop(user, listing):
    """A listing a facilitator entered at a workshop table stays correctable by the facilitators."""
    return bool(getattr(listing, "workshop_table_id", None)) and can_run_workshop(user, listing)


rules.add_perm("symbiosis.view_listing", can_see_listing)
rules.add_perm(
    "symbiosis.change_listing", is_member_of | is_assigned_staff_of | entered_at_my_workshop
)
rules.add_perm("symbiosis.run_workshop", can_run_workshop)
rules.add_perm("symbiosis.see_identity", is_member_of | is_assigned_staff_of)
rules.add_perm("symbiosis.view_synergy", is_side_of | is_programme_staff)
rules.add_perm("symbiosis.change_synergy", is_side_of | is_programme_staff)
rules.add_perm("symbiosis.run_matching", can_run_matching)
# Facilitators (and the programme manager) verify the exchanges the firms recorded.
rules.add_perm("symbiosis.verify_exchange", can_run_workshop)
rules.add_perm("symbiosis.view_programme_board", is_programme_staff)


# Solution providers and challenges drafted from unmatched offers -------------------------
@rules.predicate
def is_provider_member(user, obj):
    """Member of the solution provider ``obj`` is (an Organisation) or belongs to (a Listing)."""
    organisation = getattr(obj, "organisation", obj)
    return is_member_of(user, obj) and getattr(organisation, "kind", "") == "solution_provider"


rules.add_perm("symbiosis.offer_service", is_provider_member)
rules.add_perm("symbiosis.view_challenge_proposals", is_programme_staff)
rules.add_perm("symbiosis.draft_challenge", is_programme_manager)
rules.add_perm("symbiosis.change_challenge_settings", is_programme_manager)
# The challenge drafted from a listing, and the proposals answering it: the firm and the staff.
rules.add_perm("symbiosis.view_listing_challenge", is_member_of | is_programme_staff)
