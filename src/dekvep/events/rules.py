"""Who may do what with events, attendance, certificates, ambassadors and outreach."""

import rules

from dekvep.core.rules import (
    is_admin_of,
    is_funder_viewer,
    is_member_of,
    is_programme_manager,
    is_programme_staff,
)


@rules.predicate
def is_event_staff(user, obj=None):
    """Operator staff (manager, analyst, facilitator) of the programme the object belongs to."""
    return is_programme_staff(user, _programme_of(obj))


@rules.predicate
def is_any_programme_manager(user):
    return is_programme_manager(user, None)


def _programme_of(obj):
    if obj is None:
        return None
    if hasattr(obj, "programme_id"):
        return obj
    event = getattr(obj, "event", None)
    return event if event is not None else obj


@rules.predicate
def is_published_event(user, event):
    return bool(event is not None and event.is_published)


rules.add_perm("events.view_event", is_published_event | is_event_staff)
rules.add_perm("events.manage_event", is_event_staff)
rules.add_perm("events.view_attendees", is_event_staff)
rules.add_perm("events.check_in", is_event_staff)
rules.add_perm("events.issue_certificate", is_event_staff)
rules.add_perm("events.revoke_certificate", is_event_staff)
rules.add_perm("events.manage_outreach", is_event_staff)
rules.add_perm("events.view_outreach", is_event_staff | is_funder_viewer)
# Ambassadors: the object is the organisation.
rules.add_perm("events.name_ambassador", is_admin_of | is_programme_staff)
rules.add_perm("events.view_ambassadors", is_member_of | is_programme_staff)
rules.add_perm("events.decide_data_request", is_any_programme_manager)
