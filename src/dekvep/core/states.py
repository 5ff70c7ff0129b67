"""State machines: one table per machine, one way to move, and the same table for what is offered.

A machine says which state may follow which, the permission each move needs, and what a move
does besides changing the state. ``transition(obj, to, actor=...)`` is the one way an object
changes state: it locks the row, is idempotent (moving to the state an object is in does
nothing), checks, saves, audits and runs the machine's follow-up (notifications, registers).
``allowed_transitions(obj, actor)`` lists the moves this actor may make now; pages build their
buttons and choices from it, so no one is offered a move the service would refuse.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from . import audit
from .permissions import require

MACHINES: dict[type[models.Model], "StateMachine"] = {}


@dataclass(frozen=True)
class StateMachine:
    model: type[models.Model]
    field: str
    moves: dict[str, set[str]]
    # The permission a move to a target needs: one for all moves, or one per target.
    perm: str | Callable[[str], str]
    # A reason the move cannot be made now (beyond the table), or None.
    guard: Callable[[models.Model, str], str | None] | None = None
    # Checks the details given with a move (a reason ...); raises ValidationError.
    check: Callable[[models.Model, str, dict], None] | None = None
    # Sets what else the move changes; returns the names of those fields.
    apply: Callable[[models.Model, str, object, dict], Iterable[str]] | None = None
    # Runs after the move is saved, inside the transaction (notifications, registers).
    after: Callable[[models.Model, str, str, object], None] | None = None
    programme: Callable[[models.Model], object] = lambda obj: obj.programme
    # The audit action: one for all moves, or one per target ("interest_agreed").
    action: str | Callable[[str], str] = "state"
    # The attribute (dotted) holding the object the permission is checked on, if not ``obj``.
    of: str = ""
    audited_details: tuple[str, ...] = ()
    # The message for a move the table does not allow, with %(a)s and %(b)s for the states.
    refusal: str = ""
    # A machine whose moves touch more than its own row (batches of applications, an event's
    # capacity) keeps its own mover, called as ``move(obj, to, actor=..., **details)``; the
    # table and permissions above still decide what is offered and what that mover accepts.
    move: Callable[..., models.Model] | None = None
    # Moves only the platform makes (``actor=None``, e.g. "sent" by the mail task): never offered
    # to a user, refused to anyone else.
    system_moves: frozenset[str] = frozenset()

    def permission(self, to: str) -> str:
        return self.perm if isinstance(self.perm, str) else self.perm(to)

    def _target(self, obj):
        return reduce(getattr, self.of.split("."), obj) if self.of else obj

    def allowed(self, obj: models.Model, actor) -> list[str]:
        current = getattr(obj, self.field)
        return [
            to
            for to in self._choices()
            if to in self.moves.get(current, ())
            and to not in self.system_moves
            and actor.has_perm(self.permission(to), self._target(obj))
            and not (self.guard and self.guard(obj, to))
        ]

    def _choices(self) -> list[str]:
        # In the order the model declares its states, so buttons keep a stable order.
        field = self.model._meta.get_field(self.field)
        return [value for value, _label in field.choices]

    def transition(self, obj: models.Model, to: str, *, actor, **details) -> models.Model:
        if self.move:
            return self.move(obj, to, actor=actor, **details)
        with transaction.atomic():
            current = (
                self.model.objects.select_for_update()
                .values_list(self.field, flat=True)
                .get(pk=obj.pk)
            )
            setattr(obj, self.field, current)
            if current == to:
                return obj
            if to in self.system_moves:
                if actor is not None:
                    raise PermissionDenied
            else:
                require(actor, self.permission(to), self._target(obj))
            if to not in self.moves.get(current, ()):
                raise ValidationError({self.field: self._refusal(obj, to)})
            reason = self.guard(obj, to) if self.guard else None
            if reason:
                raise ValidationError({self.field: reason})
            if self.check:
                self.check(obj, to, details)
            changed = list(self.apply(obj, to, actor, details) if self.apply else [])
            # Compare-and-set: where the database cannot lock the row (SQLite takes no row
            # locks), a move that another request made meanwhile is not made twice.
            moved = self.model.objects.filter(pk=obj.pk, **{self.field: current}).update(
                **{self.field: to}
            )
            if not moved:
                return lock_row(obj, self.field)
            setattr(obj, self.field, to)
            obj.save(update_fields=[self.field, *changed])
            changes = {self.field: [current, to]}
            changes.update({k: [None, details[k]] for k in self.audited_details if details.get(k)})
            action = self.action if isinstance(self.action, str) else self.action(to)
            audit.record(actor, action, obj, changes, programme=self.programme(obj))
            if self.after:
                self.after(obj, current, to, actor)
        return obj

    def _refusal(self, obj, to: str) -> str:
        labels = dict(self.model._meta.get_field(self.field).choices)
        message = str(self.refusal) or _("This cannot go from “%(a)s” to “%(b)s”.")
        return message % {
            "a": labels.get(getattr(obj, self.field), getattr(obj, self.field)),
            "b": labels.get(to, to),
        }


def lock_row(obj: models.Model, *fields: str) -> models.Model:
    """Re-read ``fields`` of ``obj`` under a row lock and set them on ``obj``.

    Call it inside ``transaction.atomic()`` before deciding on a change that must happen once
    (an acceptance, an agreement): a second, concurrent request waits for the first and then
    sees its result, so it can do nothing instead of writing, auditing and notifying again.
    """
    values = type(obj).objects.select_for_update().values(*fields).get(pk=obj.pk)
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


def register(machine: StateMachine) -> StateMachine:
    MACHINES[machine.model] = machine
    return machine


def transition(obj: models.Model, to: str, *, actor, **details) -> models.Model:
    """Move ``obj`` to state ``to`` through its machine (see the module's docstring)."""
    return MACHINES[type(obj)].transition(obj, to, actor=actor, **details)


def allowed_transitions(obj: models.Model, actor) -> list[str]:
    """The states ``actor`` may move ``obj`` to now, in the model's order."""
    machine = MACHINES.get(type(obj))
    if machine is None or not getattr(actor, "is_authenticated", False):
        return []
    return machine.allowed(obj, actor)
