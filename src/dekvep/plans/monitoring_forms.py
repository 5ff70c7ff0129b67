"""Forms of the monitoring pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dekvep.core.widgets import DateInput

from .models import Evidence, GoalTarget, MvOption


class BaselineForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Baseline year"), coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class SplitForm(forms.Form):
    """One share field per action acting on the stream (0 to 1)."""

    year = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for action in actions:
            self.fields[f"share_{action.pk}"] = forms.FloatField(
                label=action.title, min_value=0, max_value=1, required=True
            )

    def shares(self) -> dict[int, float]:
        return {
            int(name.removeprefix("share_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("share_")
        }


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    reading_before = forms.FloatField(label=_("Reading before"), required=False)
    date_before = forms.DateField(
        label=_("Date of the reading before"), required=False, widget=DateInput
    )
    reading_after = forms.FloatField(label=_("Reading after"), required=False)
    date_after = forms.DateField(
        label=_("Date of the reading after"), required=False, widget=DateInput
    )
    unit = forms.CharField(label=_("Unit"), max_length=10, required=False)
    file = forms.FileField(label=_("Invoice or photo"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("file", None)
        data.pop("kind", None)
        return {k: v for k, v in data.items() if v not in (None, "")}


class VerifyForm(forms.Form):
    mv_option = forms.ChoiceField(label=_("IPMVP option"), choices=MvOption.choices)
    mv_note = forms.CharField(
        label=_("How the saving was measured"), widget=forms.Textarea(attrs={"rows": 2})
    )


class GoalTargetForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=GoalTarget.Indicator.choices)
    change_pct = forms.FloatField(
        label=_("Change (%)"), help_text=_("e.g. −20 to cut it by a fifth")
    )
    baseline_year = forms.IntegerField(label=_("Baseline year"))
    target_year = forms.IntegerField(label=_("Target year"))
