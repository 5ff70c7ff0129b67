from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dekvep.core.i18n import pick
from dekvep.core.widgets import DateInput
from dekvep.roadmaps.models import Workshop
from dekvep.symbiosis import engine
from dekvep.symbiosis.engine import default_knowledge
from dekvep.symbiosis.models import BaselineRoute, Listing, Synergy
from dekvep.text import normalise_waste_code


def process_choices() -> list[tuple[str, str]]:
    """Receiving and capacity processes by their name in the reader's language."""
    processes = default_knowledge().processes.values()
    return sorted(((p.id, pick(p.name_tr, p.name_en)) for p in processes), key=lambda c: c[1])


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
            "colour",
            "grade",
            "contamination",
            "physical_form",
            "moisture",
            "temperature_c",
            "capacity_process",
            "hazardous",
            "hazardous_licence",
            "available_from",
            "available_until",
            "price",
            "logistics",
            "site",
        ]
        widgets = {
            "available_from": DateInput(),
            "available_until": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        # The model's site has no label of its own; the form says it in the reader's language.
        labels = {"site": _("Site")}
        help_texts = {
            "waste_code": _("Optional: six digits, e.g. 04 02 22. Leave empty and we propose one.")
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waste_code"].max_length = 12
        self.fields["waste_code"].validators = [MaxLengthValidator(12)]
        self.fields["waste_code"].widget.attrs["maxlength"] = 12
        self.fields["capacity_process"] = forms.ChoiceField(
            label=capfirst(Listing._meta.get_field("capacity_process").verbose_name),
            help_text=Listing._meta.get_field("capacity_process").help_text,
            choices=[("", "—"), *process_choices()],
            required=False,
        )
        if organisation is not None:
            self.fields["site"].queryset = organisation.sites.all()
            # The model's own check compares the site with the listing's organisation.
            self.instance.organisation = organisation

    def clean_waste_code(self):
        """Codes typed in any spacing (04 02 22, 04.02.22*) reach the model as six digits."""
        value = self.cleaned_data["waste_code"].strip()
        if value and not normalise_waste_code(value):
            raise forms.ValidationError(
                _("%(code)s is not in the List of Waste.") % {"code": value}
            )
        return normalise_waste_code(value) if value else ""


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        help_text=_("PNG or JPG photos, PDF documents."),
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.pdf"}),
    )


class TableForm(forms.Form):
    title = forms.CharField(label=_("Table"), max_length=200)
    workshop = forms.ModelChoiceField(
        label=_("Workshop"), queryset=None, required=False, empty_label="—"
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["workshop"].queryset = Workshop.objects.filter(programme=programme)


class PasteForm(forms.Form):
    tsv = forms.CharField(
        label=_("Paste from a spreadsheet"),
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        help_text=_(
            "Tab-separated rows in the order kind, firm, title, description, code, quantity, "
            "unit, period; a header row is skipped."
        ),
    )


class AgreementForm(forms.Form):
    offer = forms.IntegerField(widget=forms.HiddenInput)
    want = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Next step"), max_length=300, required=False)


class TransitionForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"), choices=Synergy.State.choices)
    reason = forms.CharField(label=_("Reason (when dropped)"), required=False, max_length=300)

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            # Only the moves the state machine accepts from here for this user.
            labels = dict(Synergy.State.choices)
            self.fields["state"].choices = [(s, labels[s]) for s in allowed]


class ExchangeForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    tonnes = forms.FloatField(label=_("Tonnes"), min_value=0.001)
    transport_document = forms.CharField(
        label=_("Waste transport document number"),
        required=False,
        max_length=60,
        help_text=_("MoTAT transport form (TKN/TDN) or e-waste transport form number."),
    )
    weighbridge_ticket = forms.CharField(
        label=_("Weighbridge ticket number"), required=False, max_length=60
    )
    invoice_number = forms.CharField(label=_("Invoice number"), required=False, max_length=60)
    invoice = forms.FileField(label=_("Invoice (PDF or photo)"), required=False)


class RouteForm(forms.Form):
    """What happened to the material before, and what the receiver now does with it."""

    baseline_route = forms.ChoiceField(
        label=_("What happened to the material before"), choices=BaselineRoute.choices
    )
    receiving_process = forms.ChoiceField(label=_("Receiving process"), required=False)

    def __init__(self, *args, lang: str = "tr", **kwargs):
        super().__init__(*args, **kwargs)

        processes = engine.default_knowledge().processes.values()
        choices = sorted((p.id, pick(p.name_tr, p.name_en, lang)) for p in processes)
        self.fields["receiving_process"].choices = [
            ("", _("Not known")),
            *sorted(choices, key=lambda c: c[1]),
        ]
