from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dekvep.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Bind @shared_task to the project's Celery app (inline or on a broker) once Django is up.
        from django.db.models import fields

        from dekvep import celery  # noqa: F401

        from . import formatting, vocabularies

        vocabularies.register_all()
        # Form labels come from the models' verbose names through Django's capfirst, which
        # writes Turkish "iskonto" as "Iskonto"; the Turkish-aware one writes "İskonto".
        fields.capfirst = formatting.capfirst
