from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .engine.i18n import set_translator


class AssessmentConfig(AppConfig):
    name = "dekvep.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        # Engine and upload messages are produced in the language of the request.
        set_translator(gettext)
