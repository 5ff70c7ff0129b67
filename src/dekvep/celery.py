"""The task queue. With no CELERY_BROKER_URL tasks run inline (eagerly) in the web process."""

import os
import sys

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")

_path_before = list(sys.path)
app = Celery("dekvep")
# Celery's Django fixup puts the working directory first on sys.path. The project is installed,
# so that entry only does harm: run from an app's folder, its rules.py would shadow the package.
sys.path[:] = [entry for entry in sys.path if entry in _path_before]
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
