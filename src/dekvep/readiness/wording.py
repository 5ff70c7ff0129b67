"""Decisions' reasons and the platform's holdings, worded in the active language."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dekvep.catalog.sectors import get_sector

from . import choices
from .engine import APPLIES, DOES_NOT_APPLY, MAY_APPLY, Reason

STATUS_LABELS = {
    APPLIES: gettext_lazy("Applies"),
    MAY_APPLY: gettext_lazy("May apply"),
    DOES_NOT_APPLY: gettext_lazy("Does not apply"),
}
QUESTIONS = {
    "eu_export": gettext_lazy("your export markets"),
    "customer_requests": gettext_lazy("whether EU customers or banks ask for sustainability data"),
    "mrv_installation": gettext_lazy("whether you have a greenhouse-gas monitoring plan"),
    "medium_or_large": gettext_lazy("your headcount and turnover"),
    "large": gettext_lazy("your headcount and turnover"),
}


def _sector(key: str, language: str) -> str:
    sector = get_sector(key or "")
    return sector.title(language) if sector else _("other")


def _joined(values) -> str:
    return ", ".join(str(v) for v in values)


def reason_text(reason: Reason, language: str) -> str:
    p = reason.params
    simple = {
        "fgas_equipment": _("You operate equipment with F-gases."),
        "fgas_products": _("Your products contain F-gases."),
        "packaging": _("You place packaging on the market."),
        "all": _("It concerns every manufacturer."),
        "uses_chemicals": _("You use dyes or chemicals in production."),
        "textile_supplier": _(
            "As a textile supplier, customers who sell in the EU will ask you for product data."
        ),
        "eu_customers_may_ask": _(
            "You export to the EU: large customers may ask you for this data."
        ),
        "depends_on_secondary_rules": _(
            "Whether it reaches you depends on secondary legislation or on programmes you join."
        ),
        "out_of_scope": _(
            "None of your sector, NACE codes, CN codes, product types or equipment is in its scope."
        ),
        "not_eu_export": _("You do not export to the EU."),
        "not_customer_requests": _("No EU customer or bank has asked you for sustainability data."),
        "not_mrv_installation": _("You have no greenhouse-gas monitoring plan."),
        "not_never": _("It is a policy plan, not an obligation."),
        "not_medium_or_large": _("Your firm is below the size it applies to."),
        "not_large": _("Your firm is below the size it applies to."),
        "met_eu_export": _("You export to the EU."),
        "met_customer_requests": _("EU customers or banks ask you for sustainability data."),
        "met_mrv_installation": _("You have a greenhouse-gas monitoring plan."),
        "met_medium_or_large": _("Your firm is of the size it applies to."),
        "met_large": _("Your firm is of the size it applies to."),
    }
    if reason.code in simple:
        return simple[reason.code]
    if reason.code == "sector":
        return _("Your sector is %(sector)s.") % {"sector": _sector(p["sector"], language)}
    if reason.code == "nace":
        return _("Your NACE codes %(codes)s are in scope.") % {"codes": _joined(p["codes"])}
    if reason.code == "cn":
        return _("Your CN codes %(codes)s are in scope.") % {"codes": _joined(p["codes"])}
    if reason.code == "product_types":
        labels = [choices.label(choices.PRODUCT_TYPES, t) for t in p["types"]]
        return _("Your products are in scope: %(types)s.") % {"types": _joined(labels)}
    if reason.code == "cbam_inputs":
        return _(
            "Your inputs %(codes)s are CBAM goods: their suppliers' embedded emissions set the "
            "footprint of your products and of any steel or aluminium parts you export."
        ) % {"codes": _joined(p["codes"])}
    if reason.code == "unanswered":
        questions = [str(QUESTIONS.get(q, q)) for q in p["questions"]]
        return _("Not answered yet: %(questions)s.") % {"questions": _joined(questions)}
    return _("See the requirement's scope.")


def num(value: float | None, digits: int = 0) -> str:
    if value is None:
        return _("not reported")
    return number_format(round(value, digits), digits, use_l10n=True, force_grouping=True)


def day(iso: str | None) -> str:
    if not iso:
        return ""
    return date_format(datetime.date.fromisoformat(iso), "SHORT_DATE_FORMAT")
