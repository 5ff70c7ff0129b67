from django import template

from dekvep.catalog.sectors import sector_title

register = template.Library()


@register.filter
def sector_label(key: str) -> str:
    """``"white_goods"`` → "Beyaz eşya" / "White goods" in the active language."""
    return sector_title(key)
