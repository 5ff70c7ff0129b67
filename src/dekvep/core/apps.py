from django.apps import AppConfig
from django.db.models import fields
from django.utils.translation import gettext_lazy as _

from . import formatting, vocabularies


class CoreConfig(AppConfig):
    name = "dekvep.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Lazy: bind @shared_task to the project's Celery app (inline or on a broker) once
        # Django is up, so that the engines and the file commands load no Celery.
        from dekvep import celery  # noqa: F401

        vocabularies.register_all()
        # Form labels come from the models' verbose names through Django's capfirst, which
        # writes Turkish "iskonto" as "Iskonto"; the Turkish-aware one writes "İskonto".
        fields.capfirst = formatting.capfirst
