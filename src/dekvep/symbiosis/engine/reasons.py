"""Turning reasons (message key and parameters) into English or Turkish sentences.

The web application translates the same keys through gettext; this rendering serves the
command line and any caller without Django.
"""

from __future__ import annotations

from functools import lru_cache

from dekvep.core.i18n import pick
from dekvep.symbiosis.engine.knowledge import Knowledge, default_knowledge
from dekvep.symbiosis.engine.model import Reason

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "same_code": "same waste code {code}",
        "same_material": "same material: {material}",
        "material_family": "{material} is a kind of {family}",
        "may_contain": "{material} may contain {specific}",
        "material_to_process": "{material} → {process}",
        "distance": "{km} km",
        "transport": "transport {kg_co2e_per_t} kg CO2e per tonne",
        "covers_need": "covers {percent}% of the need",
        "takes_share": "takes {percent}% of the offer",
        "licensed_hazardous": "licensed for hazardous waste",
        "windows_disjoint": "availability periods do not overlap",
        "refuses_material": "the want refuses {material}",
        "refuses_attribute": "the want refuses {attribute}",
        "offer_is_not": "the want asks for {attribute}; the offer is not",
        "only_attribute": "wants only {wanted}; this offer is {offered}",
        "attribute_unstated": "wants only {wanted}; the offer does not say (−{percent}%)",
        "attribute_mismatch": "wants {wanted}; this offer is {offered} (−{percent}%)",
        "attribute_match": "{wanted}, as asked",
        "temperature_fits": "heat at {supply} °C for a need at {need} °C",
        "temperature_too_low": "heat at {supply} °C is too cold for a need at {need} °C",
        "temperature_unknown": "supply or needed temperature not given (−30%)",
        "same_capacity": "{material} for {process}",
    },
    "tr": {
        "same_code": "aynı atık kodu {code}",
        "same_material": "aynı malzeme: {material}",
        "material_family": "{material}, {family} grubundandır",
        "may_contain": "{material} içinde {specific} olabilir",
        "material_to_process": "{material} → {process}",
        "distance": "{km} km",
        "transport": "taşıma tonu başına {kg_co2e_per_t} kg CO2e",
        "covers_need": "ihtiyacın %{percent} kadarını karşılar",
        "takes_share": "teklifin %{percent} kadarını alır",
        "licensed_hazardous": "tehlikeli atık lisansı var",
        "windows_disjoint": "uygunluk dönemleri örtüşmüyor",
        "refuses_material": "talep {material} kabul etmiyor",
        "refuses_attribute": "talep {attribute} kabul etmiyor",
        "offer_is_not": "talep {attribute} istiyor; teklif öyle değil",
        "only_attribute": "yalnızca {wanted} isteniyor; bu teklif {offered}",
        "attribute_unstated": "yalnızca {wanted} isteniyor; teklif belirtmiyor (−%{percent})",
        "attribute_mismatch": "{wanted} isteniyor; bu teklif {offered} (−%{percent})",
        "attribute_match": "istendiği gibi {wanted}",
        "temperature_fits": "{supply} °C ısı, {need} °C ihtiyaca uygun",
        "temperature_too_low": "{supply} °C ısı, {need} °C ihtiyaç için düşük",
        "temperature_unknown": "arz veya ihtiyaç sıcaklığı belirtilmemiş (−%30)",
        "same_capacity": "{process} için {material}",
    },
}
_NAMED = {
    "material": "materials",
    "family": "materials",
    "specific": "materials",
    "process": "processes",
}


_ATTRIBUTES = ("attribute", "wanted", "offered")


def _name(kind: str, ident: str, lang: str, knowledge: Knowledge) -> str:
    if kind == "attributes":
        names = [_name("attribute", one, lang, knowledge) for one in ident.split(",") if one]
        return (" / ").join(names) or "—"
    if kind == "attribute":
        kind = "attributes"
    entry = getattr(knowledge, kind).get(ident)
    if entry is None:
        return ident
    return pick(entry.name_tr, entry.name_en, lang)


def render_reason(reason: Reason, lang: str = "en", knowledge: Knowledge | None = None) -> str:
    """One reason as a sentence in ``lang`` ("en" or "tr")."""
    knowledge = knowledge or default_knowledge()
    return _render(reason.key, tuple(sorted(reason.params.items())), lang, knowledge)


@lru_cache(maxsize=50_000)
def _render(key: str, items: tuple, lang: str, knowledge: Knowledge) -> str:
    reason = Reason(key, dict(items))
    templates = TEMPLATES.get(lang, TEMPLATES["en"])
    params = dict(reason.params)
    for param, kind in _NAMED.items():
        if param in params:
            params[param] = _name(kind, params[param], lang, knowledge)
    for param in _ATTRIBUTES:
        if param in params:
            params[param] = _name("attributes", params[param], lang, knowledge)
    if lang == "tr" and "km" in params:
        params["km"] = f"{params['km']:,}".replace(",", ".")
    return templates.get(reason.key, reason.key).format(**params)


def render_reasons(
    reasons: list[Reason], lang: str = "en", knowledge: Knowledge | None = None
) -> str:
    return "; ".join(render_reason(r, lang, knowledge) for r in reasons)
