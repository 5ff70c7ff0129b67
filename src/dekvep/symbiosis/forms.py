from django import forms
from django.utils.translation import gettext_lazy as _

from dekvep.symbiosis.models import Listing, Synergy


class ListingForm(forms.ModelForm):
    class Meta:
        model = Listing
        fields = [
            "kind",
            "title",
            "description",
            "waste_code",
            "quantity",
            "unit",
            "frequency",
            "form",
            "hazardous",
            "hazardous_licence",
            "available_from",
            "available_until",
            "price",
            "logistics",
            "site",
        ]
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}),
            "available_until": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "waste_code": _("Optional: six digits, e.g. 04 02 22. Leave empty and we propose one.")
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waste_code"].max_length = 12
        self.fields["waste_code"].widget.attrs["maxlength"] = 12
        if organisation is not None:
            self.fields["site"].queryset = organisation.sites.all()


class TransitionForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"), choices=Synergy.State.choices)
    reason = forms.CharField(label=_("Reason (when dropped)"), required=False, max_length=300)


class ExchangeForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    tonnes = forms.FloatField(label=_("Tonnes"), min_value=0.001)
