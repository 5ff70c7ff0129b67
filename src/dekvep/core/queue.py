"""Queue background work by name, after the transaction commits.

Tasks call services (``tasks.py`` imports ``services.py``); services never import their tasks
module, they name the task: ``enqueue("calls.tasks.send_notice", notice.pk)``. So there is no
import circle between the two, and nothing is queued for a write that rolls back.
"""

from importlib import import_module

from django.db import transaction


def task(name: str):
    """The task ``"<app>.tasks.<function>"`` of the project."""
    module, _, function = name.rpartition(".")
    return getattr(import_module(f"dekvep.{module}"), function)


def enqueue(name: str, *args) -> None:
    """Run the task ``name`` with ``args`` once the current transaction commits."""
    found = task(name)
    transaction.on_commit(lambda: found.delay(*args))
