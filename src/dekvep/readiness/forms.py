"""The readiness questionnaire and the catalogue editor."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dekvep.core.uploads import validate_upload

from . import choices
from .models import ReadinessProfile
from .services import BOOL_FIELDS

CHECKBOXES = forms.CheckboxSelectMultiple


def _yes_no(label):
    return forms.TypedChoiceField(
        label=label,
        choices=choices.YES_NO,
        required=False,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
    )


class ProfileForm(forms.Form):
    """Turns the page's inputs into answers; the service validates them (field-level errors)."""

    export_markets = forms.MultipleChoiceField(
        label=_("Export markets"), choices=choices.MARKETS, required=False, widget=CHECKBOXES
    )
    eu_export_share = forms.FloatField(
        label=_("Share of sales exported to the EU (%)"), required=False, help_text=_("0 to 100")
    )
    customer_requests = _yes_no(_("Do EU customers or banks ask you for sustainability data?"))
    cn_codes = forms.CharField(
        label=_("CN codes of your products"),
        required=False,
        help_text=_("4, 6 or 8 digits, separated by commas, e.g. 6109 10, 6302"),
    )
    product_types = forms.MultipleChoiceField(
        label=_("Product types"), choices=choices.PRODUCT_TYPES, required=False, widget=CHECKBOXES
    )
    packaging_placed_t = forms.FloatField(
        label=_("Packaging placed on the market (t per year)"), required=False
    )
    packaging_kinds = forms.MultipleChoiceField(
        label=_("Packaging materials"),
        choices=choices.PACKAGING_KINDS,
        required=False,
        widget=CHECKBOXES,
    )
    fgas_equipment = forms.MultipleChoiceField(
        label=_("Equipment with F-gases"),
        choices=choices.FGAS_EQUIPMENT,
        required=False,
        widget=CHECKBOXES,
    )
    fgas_in_products = _yes_no(
        _("Do your products contain F-gases (refrigerant or foam blowing agent)?")
    )
    mrv_installation = _yes_no(
        _("Do you have a greenhouse-gas monitoring plan under the MRV regulation?")
    )
    headcount = forms.IntegerField(label=_("Employees (headcount)"), required=False)
    turnover_eur_m = forms.FloatField(label=_("Turnover (million EUR)"), required=False)
    female_employees = forms.IntegerField(label=_("Female employees"), required=False)
    permanent_employees = forms.IntegerField(
        label=_("Employees on permanent contracts"), required=False
    )
    recordable_accidents = forms.IntegerField(
        label=_("Recordable work accidents in the year"), required=False
    )
    fatalities = forms.IntegerField(label=_("Work-related fatalities"), required=False)
    training_hours = forms.FloatField(
        label=_("Training hours per employee per year"), required=False
    )
    collective_bargaining_pct = forms.FloatField(
        label=_("Employees covered by collective agreements (%)"),
        required=False,
        help_text=_("0 to 100"),
    )
    allocation_key = forms.ChoiceField(
        label=_("Allocate site emissions to products"),
        choices=ReadinessProfile.AllocationKey.choices,
        help_text=_(
            "Mass is the default; revenue or pieces when products differ much in value or size."
        ),
    )

    GROUPS = (
        (_("Exports and customers"), ("export_markets", "eu_export_share", "customer_requests")),
        (_("Products"), ("cn_codes", "product_types")),
        (_("Packaging"), ("packaging_placed_t", "packaging_kinds")),
        (_("F-gases"), ("fgas_equipment", "fgas_in_products")),
        (_("Size and climate reporting"), ("headcount", "turnover_eur_m", "mrv_installation")),
        (
            _("Workforce (for the VSME report)"),
            (
                "female_employees",
                "permanent_employees",
                "recordable_accidents",
                "fatalities",
                "training_hours",
                "collective_bargaining_pct",
            ),
        ),
        (_("Product footprints"), ("allocation_key",)),
    )

    def groups(self):
        """The questions in their sections, as bound fields."""
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    @staticmethod
    def initial_from(profile: ReadinessProfile | None) -> dict:
        if profile is None:
            return {"allocation_key": ReadinessProfile.AllocationKey.MASS}
        initial = {name: getattr(profile, name) for name in ProfileForm.base_fields}
        initial["cn_codes"] = ", ".join(profile.cn_codes or [])
        for name in BOOL_FIELDS:
            value = getattr(profile, name)
            initial[name] = "" if value is None else ("yes" if value else "no")
        return initial


class CatalogueForm(forms.Form):
    """A new catalogue version from the edited workbook (downloaded from the catalogue page)."""

    version = forms.CharField(label=_("New version"), max_length=40, help_text=_("e.g. 2026.1"))
    note = forms.CharField(
        label=_("What changed, and on which source"), widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(
        label=_("Edited catalogue (Excel)"),
        help_text=_("The workbook downloaded from this page, with your changes."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=(".xlsx",))
        return upload
