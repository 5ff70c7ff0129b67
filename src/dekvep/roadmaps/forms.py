"""Forms of the workshop, roadmap, action plan, cluster and register pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dekvep.core.forms import programme_organisations, sector_choices, staff_users
from dekvep.core.models import Organisation, User
from dekvep.core.widgets import DateInput, DateTimeInput

from .models import (
    Barrier,
    ClusterMeeting,
    ClusterNeed,
    RoadmapMeasure,
    RoadmapVersion,
    StrategicGoal,
    VoteItem,
    Workshop,
    WorkshopFile,
)


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = [
            "title",
            "sector",
            "session_number",
            "kind",
            "starts_at",
            "duration_hours",
            "place",
            "online_link",
            "agenda",
            "notes",
            "vote_allowance",
            "facilitators",
            "invited_organisations",
            "invited_people",
        ]
        widgets = {"starts_at": DateTimeInput()}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"] = forms.ChoiceField(
            label=_("Sector"), choices=sector_choices(programme)
        )
        self.fields["facilitators"].queryset = staff_users(programme)
        self.fields["invited_organisations"].queryset = programme_organisations(programme)
        self.fields["invited_people"].queryset = User.objects.filter(is_active=True)
        for name in ("facilitators", "invited_organisations", "invited_people"):
            self.fields[name].required = False


class AttendanceForm(forms.Form):
    attending_organisations = forms.ModelMultipleChoiceField(
        label=_("Attending firms"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attending_people = forms.ModelMultipleChoiceField(
        label=_("Attending people"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = workshop.invited_organisations.all() | workshop.attending_organisations.all()
        self.fields["attending_organisations"].queryset = orgs.distinct()
        people = (
            User.objects.filter(memberships__organisation__in=orgs)
            | workshop.invited_people.all()
            | workshop.attending_people.all()
        )
        self.fields["attending_people"].queryset = people.distinct()
        self.initial.setdefault("attending_organisations", workshop.attending_organisations.all())
        self.initial.setdefault("attending_people", workshop.attending_people.all())


class WorkshopFileForm(forms.ModelForm):
    class Meta:
        model = WorkshopFile
        fields = ["kind", "title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False


class VoteItemForm(forms.ModelForm):
    class Meta:
        model = VoteItem
        fields = ["kind", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class RoadmapForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"))
    title = forms.CharField(label=_("Title"), max_length=200)
    vision = forms.CharField(label=_("Vision"), widget=forms.Textarea, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = sector_choices(programme)


class VersionForm(forms.ModelForm):
    class Meta:
        model = RoadmapVersion
        fields = ["vision", "summary", "consultation_until"]
        widgets = {"consultation_until": DateInput()}


class GoalForm(forms.ModelForm):
    class Meta:
        model = StrategicGoal
        fields = [
            "title",
            "description",
            "indicator",
            "unit",
            "baseline",
            "baseline_year",
            "target_value",
            "target_year",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class BarrierForm(forms.ModelForm):
    class Meta:
        model = Barrier
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MeasureForm(forms.ModelForm):
    class Meta:
        model = RoadmapMeasure
        fields = ["title", "description", "goal", "barriers", "timeframe"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "barriers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = version.goals.all()
        self.fields["barriers"].queryset = version.barriers.all()


class CommentForm(forms.Form):
    goal = forms.ModelChoiceField(
        label=_("About the goal"), queryset=StrategicGoal.objects.none(), required=False
    )
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = version.goals.all()


class ClusterMeetingForm(forms.ModelForm):
    class Meta:
        model = ClusterMeeting
        fields = [
            "title",
            "sector",
            "number",
            "starts_at",
            "place",
            "agenda",
            "notes",
            "facilitators",
            "participants",
            "participant_people",
        ]
        widgets = {"starts_at": DateTimeInput()}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"] = forms.ChoiceField(
            label=_("Sector"), choices=sector_choices(programme)
        )
        self.fields["facilitators"].queryset = staff_users(programme)
        self.fields["participants"].queryset = programme_organisations(programme)
        self.fields["participant_people"].queryset = User.objects.filter(is_active=True)
        for name in ("facilitators", "participants", "participant_people"):
            self.fields[name].required = False


class NeedForm(forms.ModelForm):
    class Meta:
        model = ClusterNeed
        fields = ["type", "title", "description", "organisations"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = meeting.participants.all()
        self.fields["organisations"].required = False


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200, required=False)
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.none()
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    funding_source = forms.CharField(label=_("Funding source"), required=False, max_length=200)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = programme_organisations(meeting.programme)
