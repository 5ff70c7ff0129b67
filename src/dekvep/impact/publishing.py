"""Which impact figures a programme shows the public: the operator's choice, audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dekvep.core import audit
from dekvep.core.permissions import require

from .figures import KEYS


@transaction.atomic
def set_public_figures(actor, programme, keys: list[str]):
    """Publish ``keys`` (in reporting order) on the landing page; an empty list shows none."""
    require(actor, "core.change_programme", programme)
    unknown = [key for key in keys if key not in KEYS]
    if unknown:
        raise ValidationError({"figures": _("Unknown figure: %(key)s.") % {"key": unknown[0]}})
    chosen = [key for key in KEYS if key in set(keys)]
    before = list(programme.public_figures)
    programme.public_figures = chosen
    programme.save(update_fields=["public_figures"])
    audit.record(actor, "updated", programme, {"public_figures": [before, chosen]}, programme)
    return programme
