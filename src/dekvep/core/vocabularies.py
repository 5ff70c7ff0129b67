"""The vocabularies ``core.i18n.label`` knows: sectors, inventory choices, audit actions, apps."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dekvep.assessment.schema import choice_labels
from dekvep.catalog.sectors import get_sector

from .audit_labels import action_label
from .i18n import register_vocabulary

# Apps named on pages (record sources, figure sources).
APPS = {
    "core": gettext_lazy("Programme"),
    "assessment": gettext_lazy("Assessment"),
    "symbiosis": gettext_lazy("Industrial symbiosis"),
    "symbiosis_workshop": gettext_lazy("Symbiosis workshop"),
    "calls": gettext_lazy("Calls"),
    "roadmaps": gettext_lazy("Roadmaps"),
    "events": gettext_lazy("Events"),
    "impact": gettext_lazy("Impact"),
}


def _sector(value: str, language: str) -> str | None:
    if value == "other":
        return _("Other")
    sector = get_sector(value)
    return sector.title(language) if sector else None


def _inventory_choice(value: str, language: str) -> str | None:
    for (_column, key), (tr, en) in choice_labels().items():
        if key == value:
            return tr if language == "tr" else en
    return None


def _audit_action(value: str, language: str) -> str | None:
    return action_label(value)


def _app(value: str, language: str) -> str | None:
    text = APPS.get(value)
    return str(text) if text is not None else None


def register_all() -> None:
    register_vocabulary("sector", _sector)
    register_vocabulary("inventory", _inventory_choice)
    register_vocabulary("app", _app)
    register_vocabulary("audit_action", _audit_action, named_only=True)
