"""The ``dekvep`` command: the project's manage command plus its own sub-commands.

``dekvep match`` and ``dekvep assess`` run the engines on files with no database; every other
sub-command is a Django management command (``dekvep migrate``, ``dekvep demo``, ``dekvep run``,
``dekvep worker``, ``dekvep beat``, ``dekvep digest``, ``dekvep backup``, ``dekvep impact`` ...).
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
    if command == "beat":
        return _worker(argv[2:], beat=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")
    # Lazy: Django loads only for its own commands; `match` and `assess` run without it.
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dekvep", *argv[1:]])
    return 0


def _worker(extra: list[str], beat: bool = False) -> int:
    """Start a Celery worker on the configured broker, or (``beat``) the periodic-task scheduler
    that queues the tasks of ``CELERY_BEAT_SCHEDULE`` (run exactly one of it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")
    name = "beat" if beat else "worker"
    if not os.environ.get("CELERY_BROKER_URL"):
        print(
            f"dekvep {name}: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0).",
            file=sys.stderr,
        )
        return 2
    # Lazy: Django and Celery load only once the broker is known to be configured.
    import django

    django.setup()
    from dekvep.celery import app

    if beat:
        from django.conf import settings

        schedule = settings.VAR_DIR / "celerybeat-schedule"
        app.start(["beat", "--loglevel=INFO", f"--schedule={schedule}", *extra])
        return 0
    app.worker_main(["worker", "--loglevel=INFO", *extra])
    return 0


if __name__ == "__main__":
    sys.exit(main())
