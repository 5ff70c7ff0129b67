"""DEKVEP — Circular Economy and Resource Efficiency Platform."""

# Load the Celery app with the package so that @shared_task binds to it (inline or on a broker).
from .celery import app as celery_app

__version__ = "0.1.0"
__all__ = ["celery_app"]
