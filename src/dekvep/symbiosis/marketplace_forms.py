"""Forms of the solution providers' services and of the challenge settings."""

from django import forms
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from dekvep.calls.models import Call
from dekvep.core.i18n import pick
from dekvep.symbiosis.challenge_models import ChallengeSettings
from dekvep.symbiosis.engine import default_knowledge
from dekvep.symbiosis.forms import ListingForm
from dekvep.symbiosis.models import Listing
from dekvep.symbiosis.providers import SERVICE_FIELDS


class ServiceForm(ListingForm):
    """A service: what it accepts (material or waste code), its capacity, where it works."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, empty_label=None)
    provinces = forms.CharField(
        label=_("Provinces served"),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas, e.g. İstanbul, Kocaeli. Empty: anywhere."),
    )

    class Meta(ListingForm.Meta):
        fields = list(SERVICE_FIELDS)
        labels = {
            **ListingForm.Meta.labels,
            "quantity": _("Capacity of the service"),
            "waste_code": _("Waste code accepted"),
        }
        help_texts = {
            "quantity": _("How much the service takes, in the unit and period below."),
            "waste_code": _("Six digits, e.g. 04 02 22; empty when the material says enough."),
        }

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields.pop("capacity_process", None)  # spare machine capacity is not a service
        self.fields["service"].required = True
        self.fields["service"].choices = Listing.ServiceKind.choices
        known = default_knowledge().materials.values()
        materials = [(m.id, pick(m.name_tr, m.name_en)) for m in known]
        self.fields["material"] = forms.ChoiceField(
            label=_("Material accepted"),
            required=False,
            choices=[
                ("", "—"),
                *sorted(materials, key=lambda c: c[1]),
            ],
        )
        self.fields["programme"].queryset = programmes
        self.order_fields(["programme", "service", "title", "description", "provinces"])
        if self.instance.pk:
            del self.fields["programme"]
            self.initial["provinces"] = ", ".join(self.instance.service_provinces or [])


class ChallengeSettingsForm(forms.ModelForm):
    class Meta:
        model = ChallengeSettings
        fields = ["unmatched_days", "acceptable_score", "call"]

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = Call.objects.filter(
            programme=programme, kind=Call.Kind.OPEN_INNOVATION
        )


class PickCallForm(forms.Form):
    call = forms.ModelChoiceField(label=_("Call"), queryset=None, empty_label=None)

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the open-innovation calls first: they are where challenges belong
        first = Case(When(kind=Call.Kind.OPEN_INNOVATION, then=0), default=1)
        self.fields["call"].queryset = Call.objects.filter(programme=programme).order_by(
            first, "-opens_at"
        )
