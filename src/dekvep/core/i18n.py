"""Turkish or English text of bilingual values, and the label of any stored choice value.

The one way for the whole code base:

- :func:`pick` / :func:`bilingual` choose the Turkish or the English text of a value kept in both
  languages (``title_tr`` / ``title_en``), falling back to the other when one is empty;
- :func:`label` shows a stored code (``"white_goods"``, ``"natural_gas"``,
  ``"status_in_discussion"``) through its label in the reader's language. Vocabularies register
  themselves with :func:`register_vocabulary`; model fields with choices are found by
  ``"app_label.Model.field"``.

The template filters ``bi`` and ``label`` (``{% load dekvep %}``) call these functions.
"""

from __future__ import annotations

from collections.abc import Callable

from .formatting import language_of

__all__ = ["bilingual", "label", "language_of", "pick", "register_vocabulary"]

Labeller = Callable[[str, str], "str | None"]
_VOCABULARIES: dict[str, Labeller] = {}
_NAMED_ONLY: set[str] = set()


def pick(tr: str | None, en: str | None, language: str | None = None) -> str:
    """The text in ``language`` (the active one by default), else the other one."""
    tr, en = tr or "", en or ""
    if language_of(language) == "en":
        return en or tr
    return tr or en


def bilingual(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>_tr`` or ``obj.<field>_en`` (attributes or dict keys), with fallback.

    Models whose Turkish text came first keep it in the plain field (``title`` beside
    ``title_en``); that field counts as the Turkish one when there is no ``<field>_tr``.
    """
    if isinstance(obj, dict):
        turkish = obj.get(f"{field}_tr", obj.get(field))
        return pick(turkish, obj.get(f"{field}_en"), language)
    turkish = getattr(obj, f"{field}_tr", None)
    if turkish is None:
        turkish = getattr(obj, field, "")
        turkish = "" if callable(turkish) else turkish
    return pick(turkish, getattr(obj, f"{field}_en", ""), language)


def register_vocabulary(name: str, labeller: Labeller, named_only: bool = False) -> None:
    """Make ``label(value, name)`` answer with ``labeller(value, language)`` (None if unknown).
    A ``named_only`` vocabulary is not tried when ``label`` is called without a name."""
    _VOCABULARIES[name] = labeller
    if named_only:
        _NAMED_ONLY.add(name)


def _model_field_label(name: str, value: str) -> str | None:
    # Lazy: the engines read the catalog through this module, and they load no Django.
    from django.apps import apps

    try:
        app_label, model_name, field_name = name.split(".")
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    except (ValueError, LookupError):
        return None
    for key, text in field.flatchoices or ():
        if str(key) == str(value):
            return str(text)
    return None


def label(value, vocabulary: str = "", language: str | None = None) -> str:
    """The label of ``value`` in ``vocabulary`` in the reader's language.

    ``vocabulary`` is a registered name (``"sector"``, ``"carrier"``, ``"audit_action"`` …) or a
    model field (``"symbiosis.Synergy.state"``). Without one, every registered vocabulary is
    tried. An unknown value is shown in words (``"white_goods"`` → ``"white goods"``) rather
    than as a code.
    """
    if value is None or value == "":
        return ""
    value = str(value)
    # Lazy: the engines read the catalog through this module, and they load no Django.
    from django.utils import translation

    lang = language_of(language)
    with translation.override(lang):
        found = _lookup(value, vocabulary, lang)
    return found if found is not None else value.replace("_", " ")


def _lookup(value: str, vocabulary: str, lang: str) -> str | None:
    if vocabulary.count(".") == 2:
        return _model_field_label(vocabulary, value)
    if vocabulary:
        labeller = _VOCABULARIES.get(vocabulary)
        return labeller(value, lang) if labeller else None
    for name, labeller in _VOCABULARIES.items():
        if name in _NAMED_ONLY:
            continue
        found = labeller(value, lang)
        if found is not None:
            return found
    return None


def vocabularies() -> dict[str, Labeller]:
    """The registered vocabularies (for tests that check every value has a label)."""
    return dict(_VOCABULARIES)
