from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dekvep.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Bind @shared_task to the project's Celery app (inline or on a broker) once Django is up.
        from dekvep import celery  # noqa: F401

        from . import vocabularies

        vocabularies.register_all()
