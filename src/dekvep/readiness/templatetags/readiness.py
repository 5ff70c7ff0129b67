"""``{% readiness_section inventory %}``: the readiness section of the firm report."""

from django import template

from dekvep.core.formatting import language_of

from ..engine import DOES_NOT_APPLY
from ..selectors import firm_readiness

register = template.Library()


@register.inclusion_tag("readiness/_report_section.html")
def readiness_section(inventory=None):
    """The requirements that apply or may apply to the inventory's firm, with their next date.

    Renders nothing without an inventory (the ``dekvep assess`` command has none).
    """
    if inventory is None or getattr(inventory, "organisation_id", None) is None:
        return {"rows": None}

    readiness = firm_readiness(inventory.organisation, language_of())
    rows = [r for r in readiness["rows"] if r["status"] != DOES_NOT_APPLY]
    return {"rows": rows, "version": readiness["catalogue_version"]}
