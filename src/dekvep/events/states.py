"""The registration state machine in the shared table (``core.states``).

The moves are the ones ``services.ALLOWED`` lists; staff may cancel (unless a certificate was
issued), while holding a place or a wait-list position is the platform's move (after the person
confirms their address, or when a place frees up) and is never offered as a button.
"""

from django.core.exceptions import PermissionDenied

from dekvep.core import states

from . import services
from .models import Registration

S = Registration.Status


def _guard(registration: Registration, to: str) -> str | None:
    if to == S.CANCELLED:
        return services.cancel_refusal(registration)
    return None


def _move(registration: Registration, to: str, *, actor, **details) -> Registration:
    # Registrations lock their event row (capacity), so the services keep their own movers.
    if to == S.CANCELLED:
        return services.cancel_registration(registration, actor)
    if actor is None and registration.status == S.PENDING:
        return services.confirm_email(registration)
    raise PermissionDenied


def _moves() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for before, after in services.ALLOWED:
        table.setdefault(before, set()).add(after)
    return table


REGISTRATION_STATES = states.register(
    states.StateMachine(
        model=Registration,
        field="status",
        moves=_moves(),
        perm="events.manage_event",
        of="event",
        guard=_guard,
        move=_move,
        programme=lambda registration: registration.event.programme,
        system_moves=frozenset({S.CONFIRMED, S.WAITLISTED}),
    )
)
