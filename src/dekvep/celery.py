"""The task queue. With no CELERY_BROKER_URL tasks run inline (eagerly) in the web process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")

app = Celery("dekvep")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
