"""Forms of the action plan, action and collaboration register pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dekvep.core.forms import programme_organisations
from dekvep.core.models import Membership, User
from dekvep.core.widgets import DateInput
from dekvep.roadmaps.models import StrategicGoal

from .models import Action, CollaborationOpportunity
from .services.actions import ACTION_PLAN_FIELDS


class ActionForm(forms.ModelForm):
    """Staff choose owner and partners among organisations; a firm only its own people."""

    class Meta:
        model = Action
        fields = list(ACTION_PLAN_FIELDS)
        widgets = {
            "start_date": DateInput(),
            "due_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, programme, staff: bool, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["owner_organisation"].queryset = programme_organisations(programme)
            self.fields["partners"].queryset = programme_organisations(programme)
            self.fields["owner_person"].queryset = User.objects.filter(is_active=True)
        else:
            del self.fields["owner_organisation"]
            del self.fields["partners"]
            org = organisation or getattr(self.instance, "owner_organisation", None)
            self.fields["owner_person"].queryset = User.objects.filter(
                memberships__organisation=org
            )
        if "partners" in self.fields:
            self.fields["partners"].required = False


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))
    value = forms.CharField(label=_("Indicator value"), max_length=120, required=False)
    status = forms.ChoiceField(
        label=_("New status"), choices=[("", "—"), *Action.Status.choices], required=False
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, PNG or JPEG, up to 10 MB."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    note = forms.CharField(label=_("Reason or note"), required=False)


class FromGoalForm(forms.Form):
    goal = forms.ModelChoiceField(label=_("Roadmap goal"), queryset=StrategicGoal.objects.none())

    def __init__(self, *args, roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        version = roadmap.published_version() or roadmap.latest_version()
        self.fields["goal"].queryset = (
            version.goals.all() if version else StrategicGoal.objects.none()
        )


class OpportunityForm(forms.ModelForm):
    class Meta:
        model = CollaborationOpportunity
        fields = ["type", "title", "parties", "source_label", "next_step", "expected_impact"]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = programme_organisations(programme)


class OpportunityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CollaborationOpportunity.Status.choices)
    next_step = forms.CharField(label=_("Next step"), required=False, max_length=300)


def firm_members(organisation):
    return User.objects.filter(
        memberships__organisation=organisation,
        memberships__role__in=[
            Membership.Role.ADMIN,
            Membership.Role.MEMBER,
            Membership.Role.AMBASSADOR,
        ],
    )
