"""How an organisation is named to those who may not know who it is."""

from django.utils.translation import gettext as _

SECTOR_LABELS = {
    "textile": lambda: _("a textile firm"),
    "plastics": lambda: _("a plastics firm"),
    "white_goods": lambda: _("a white-goods firm"),
}


def anonymous_label(organisation) -> str:
    """``"a textile firm in İkitelli OSB"`` — sector and zone, never the name."""
    label_fn = SECTOR_LABELS.get(organisation.sector)
    who = label_fn() if label_fn else _("a firm")
    place = organisation.industrial_zone or organisation.province
    if place:
        return _("%(who)s in %(place)s") % {"who": who, "place": place}
    return who
