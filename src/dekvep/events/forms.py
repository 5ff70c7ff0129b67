from django import forms
from django.utils.translation import gettext_lazy as _

from dekvep.core.models import Membership, Organisation, Programme
from dekvep.core.widgets import DateInput, DateTimeInput

from .models import Event, OutreachActivity


class EventForm(forms.ModelForm):
    programme = forms.ModelChoiceField(queryset=Programme.objects.none(), label=_("Programme"))

    class Meta:
        model = Event
        fields = [
            "programme",
            "kind",
            "title",
            "title_en",
            "description",
            "description_en",
            "place",
            "online_url",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_opens",
            "registration_closes",
            "is_published",
            "ambassador_path",
            "attendance_threshold",
            "pass_score",
        ]
        widgets = {
            name: DateTimeInput()
            for name in ["starts_at", "ends_at", "registration_opens", "registration_closes"]
        }

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            programmes if programmes is not None else Programme.objects.none()
        )
        if self.instance.pk:
            del self.fields["programme"]

    def _post_clean(self):
        # The service validates the whole event; the form only parses.
        pass


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DateTimeInput())
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        help_text=_("Leave empty to count the time between start and end."),
    )


class RegistrationForm(forms.Form):
    # Required-ness is checked by the service, so that the form and the API say the same.
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("The firm or institution you work for."),
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the personal data notice and agree to my data being processed "
            "for this event."
        ),
        required=False,
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Attendance code"),
        max_length=300,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "off"}
        ),
    )


class ScoreForm(forms.Form):
    assessment_score = forms.CharField(label=_("Assessment score"), required=False, max_length=10)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class AmbassadorForm(forms.Form):
    user = forms.ModelChoiceField(queryset=Membership.objects.none(), label=_("Member"))

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            Membership.objects.filter(organisation=organisation).select_related("user")
            if organisation
            else Membership.objects.none()
        )
        self.fields["user"].label_from_instance = lambda m: (
            f"{m.user.get_full_name()} ({m.user.email})"
        )


class OutreachForm(forms.ModelForm):
    programme = forms.ModelChoiceField(queryset=Programme.objects.none(), label=_("Programme"))

    class Meta:
        model = OutreachActivity
        fields = ["programme", "school", "title", "held_on", "students", "teachers", "materials"]
        widgets = {"held_on": DateInput()}

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            programmes if programmes is not None else Programme.objects.none()
        )
        self.fields["school"].queryset = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)

    def _post_clean(self):
        pass


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Approve and erase")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
        label=_("Decision"),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Certificate code"), max_length=64)
