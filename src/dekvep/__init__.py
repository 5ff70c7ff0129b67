"""DEKVEP — Circular Economy and Resource Efficiency Platform."""

__version__ = "0.1.0"
__all__ = ["celery_app"]


def __getattr__(name: str):
    # The Celery app is loaded with Django (CoreConfig.ready), not with the package, so that the
    # engines and the `dekvep match` / `dekvep assess` commands import neither Django nor Celery.
    # `celery -A dekvep` still finds it here.
    if name == "celery_app":
        from .celery import app

        return app
    raise AttributeError(f"module 'dekvep' has no attribute {name!r}")
