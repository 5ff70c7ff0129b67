from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dekvep.catalog.sectors import get_sector

register = template.Library()


@register.filter
def sector_label(key: str) -> str:
    """``"white_goods"`` → "Beyaz eşya" / "White goods" in the active language."""
    sector = get_sector(key or "")
    if sector is None:
        return _("other")
    return sector.title(get_language() or "tr")
