"""The ``dekvep`` command: the project's manage command plus its own sub-commands.

``dekvep match`` and ``dekvep assess`` run the engines on files with no database; every other
sub-command is a Django management command (``dekvep migrate``, ``dekvep demo``, ``dekvep run``,
``dekvep worker``, ``dekvep backup``, ``dekvep impact`` ...).
"""

import os
import sys
from importlib import import_module

STANDALONE = {
    "match": "dekvep.symbiosis.command",
    "assess": "dekvep.assessment.command",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command in STANDALONE:
        module = import_module(STANDALONE[command])
        return module.main(argv[2:]) or 0
    if command == "worker":
        return _worker(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dekvep", *argv[1:]])
    return 0


def _worker(extra: list[str]) -> int:
    """Start a Celery worker on the configured broker."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")
    if not os.environ.get("CELERY_BROKER_URL"):
        print(
            "dekvep worker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0).", file=sys.stderr
        )
        return 2
    import django

    django.setup()
    from dekvep.celery import app

    app.worker_main(["worker", "--loglevel=INFO", *extra])
    return 0


if __name__ == "__main__":
    sys.exit(main())
