from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "dekvep.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        from django.utils.translation import gettext

        from .engine.i18n import set_translator

        # Engine and upload messages are produced in the language of the request.
        set_translator(gettext)
