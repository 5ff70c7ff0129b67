from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "dekvep.events"
    label = "events"
    verbose_name = _("Events and certificates")

    def ready(self):
        # Lazy: the states import the models, which load after the app configs.
        from . import states  # noqa: F401 - registers the registration state machine
