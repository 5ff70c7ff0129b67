"""Forms for calls, applications, reviews, notices and pitch days. Services do the checking."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dekvep.core.models import Organisation
from dekvep.core.widgets import DateInput, DateTimeInput

from .models import (
    Application,
    Call,
    Challenge,
    Criterion,
    Declaration,
    Notice,
    PitchInterest,
    Question,
    ReviewPhase,
)
from .services import CALL_FIELDS


class ListField(forms.CharField):
    """A comma-separated list in a text box, stored as a JSON list."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [part.strip() for part in (value or "").split(",") if part.strip()]


class CallForm(forms.ModelForm):
    eligible_kinds = forms.MultipleChoiceField(
        label=_("organisation kinds"),
        choices=Organisation.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any kind"),
    )
    eligible_nace_prefixes = ListField(
        label=_("NACE codes or prefixes"), required=False, help_text=_("e.g. 13, 22.2, 27.51")
    )
    eligible_provinces = ListField(label=_("provinces"), required=False)
    eligible_zones = ListField(label=_("organised industrial zones"), required=False)
    eligible_employee_bands = forms.MultipleChoiceField(
        label=_("employee bands"),
        choices=Organisation.EmployeeBand.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Call
        fields = list(CALL_FIELDS)
        widgets = {"opens_at": DateTimeInput(), "closes_at": DateTimeInput()}


class QuestionForm(forms.ModelForm):
    choices = ListField(
        label=_("choices"), required=False, help_text=_("Comma-separated, in Turkish")
    )
    choices_en = ListField(
        label=_("choices in English"),
        required=False,
        help_text=_("Comma-separated, in the same order"),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "label_tr",
            "label_en",
            "help_tr",
            "help_en",
            "required",
            "choices",
            "choices_en",
            "order",
        ]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "name_tr",
            "name_en",
            "description_tr",
            "description_en",
            "weight",
            "scale_min",
            "scale_max",
            "order",
        ]


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["text_tr", "text_en", "order"]


class ChallengeForm(forms.ModelForm):
    firms = forms.ModelMultipleChoiceField(
        label=_("firms behind it"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MANUFACTURER),
        required=False,
    )

    class Meta:
        model = Challenge
        fields = ["title_tr", "title_en", "description_tr", "description_en", "source", "firms"]


class PhaseForm(forms.ModelForm):
    class Meta:
        model = ReviewPhase
        fields = ["name_tr", "name_en", "blind", "scoring_open", "active", "order"]


PART_FORMS = {
    "question": QuestionForm,
    "criterion": CriterionForm,
    "declaration": DeclarationForm,
    "challenge": ChallengeForm,
    "phase": PhaseForm,
}


class StartApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Applying organisation"), queryset=None)
    title = forms.CharField(label=_("Title of your application"), max_length=200)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:  # one organisation (a new sign-up): nothing to choose
            self.fields["organisation"].initial = organisations[0]


def _question_field(question: Question) -> forms.Field:
    common = {"label": question.label, "help_text": question.help, "required": False}
    kind = question.kind
    if kind == Question.Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), **common)
    if kind == Question.Kind.NUMBER:
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
    if kind == Question.Kind.SINGLE_CHOICE:
        choices = [("", "—"), *question.options]
        return forms.ChoiceField(choices=choices, **common)
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=question.options,
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == Question.Kind.YES_NO:
        return forms.ChoiceField(choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))], **common)
    if kind == Question.Kind.FILE:
        return forms.FileField(**common)
    return forms.CharField(max_length=300, **common)


class ApplicationForm(forms.Form):
    """The call's own questions; 'required' is marked here but enforced when submitting."""

    title = forms.CharField(label=_("Title of your application"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        call = application.call
        self.questions = list(call.questions.all())
        self.declarations = list(call.declarations.all())
        challenges = list(call.challenges.all())
        answers = {a.question_id: a for a in application.answers.all()}
        if challenges:
            self.fields["challenges"] = forms.MultipleChoiceField(
                label=_("Challenges your solution answers"),
                choices=[(c.pk, c.title) for c in challenges],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        for question in self.questions:
            field = _question_field(question)
            field.widget.is_required = question.required
            field.question_required = question.required
            self.fields[f"q{question.pk}"] = field
            answer = answers.get(question.pk)
            if answer and question.kind == Question.Kind.YES_NO and answer.value is not None:
                self.initial[f"q{question.pk}"] = "yes" if answer.value else "no"
            elif answer and question.kind != Question.Kind.FILE:
                self.initial[f"q{question.pk}"] = answer.value
        for declaration in self.declarations:
            self.fields[f"d{declaration.pk}"] = forms.BooleanField(
                label=declaration.text, required=False
            )
            self.initial[f"d{declaration.pk}"] = declaration.pk in application.declarations_accepted
        self.initial.setdefault("title", application.title)
        self.initial.setdefault("summary", application.summary)
        if challenges:
            self.initial["challenges"] = [
                str(pk) for pk in application.challenges.values_list("pk", flat=True)
            ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        answers, files = {}, {}
        for question in self.questions:
            value = data.get(f"q{question.pk}")
            if question.kind == Question.Kind.FILE:
                if value:
                    files[question.pk] = value
            else:
                answers[question.pk] = value
        kwargs = {
            "title": data["title"],
            "summary": data.get("summary", ""),
            "answers": answers,
            "files": files,
            "declaration_ids": [d.pk for d in self.declarations if data.get(f"d{d.pk}")],
        }
        if "challenges" in self.fields:
            kwargs["challenge_ids"] = [int(pk) for pk in data.get("challenges", [])]
        return kwargs


class OverrideForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Eligible")), ("0", _("Ineligible"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            offered = {"1": "eligible" in allowed, "0": "ineligible" in allowed}
            field = self.fields["eligible"]
            field.choices = [(v, label) for v, label in field.choices if offered[v]]


class StageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Staged decision"),
        choices=[
            ("", _("— none —")),
            ("shortlisted", _("Shortlist")),
            ("rejected", _("Reject")),
            ("selected", _("Select")),
        ],
        required=False,
    )

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            # Only the decisions the state machine accepts from the application's status.
            field = self.fields["decision"]
            field.choices = [(v, label) for v, label in field.choices if v == "" or v in allowed]


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None)

    def __init__(self, *args, jury, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = jury


class AutoAssignForm(forms.Form):
    per_application = forms.IntegerField(label=_("Reviewers per application"), min_value=1)


class ReviewForm(forms.Form):
    comment_to_applicant = forms.CharField(
        label=_("Comment to the applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    comment_internal = forms.CharField(
        label=_("Internal comment (staff and jury only)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        fields = {}
        for criterion in criteria:
            fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (×{criterion.weight:g})",
                help_text=criterion.description
                or _("%(a)s–%(b)s") % {"a": criterion.scale_min, "b": criterion.scale_max},
                min_value=criterion.scale_min,
                max_value=criterion.scale_max,
                initial=(scores or {}).get(criterion.pk),
            )
        self.fields = {**fields, **self.fields}

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class ConflictForm(forms.Form):
    """By an application's reference, or by typing a name: never a list of organisations."""

    application = forms.ChoiceField(label=_("Application"), required=False)
    name = forms.CharField(
        label=_("Or the organisation's name"),
        max_length=200,
        required=False,
        help_text=_("Checked against this call's applicants; also when someone applies later."),
    )
    note = forms.CharField(label=_("Nature of the conflict"), max_length=300, required=False)

    def __init__(self, *args, references, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [("", "—")] + [(r, r) for r in references]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("application") and not (cleaned.get("name") or "").strip():
            raise forms.ValidationError(_("Choose an application or type a name."))
        return cleaned


class NoticeForm(forms.ModelForm):
    class Meta:
        model = Notice
        fields = ["subject", "body"]


class PitchDayForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)


class SlotForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DateTimeInput())
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: (
            f"{a.reference} — {a.organisation.name}: {a.title}"
        )


class InterestForm(forms.Form):
    firm = forms.ModelChoiceField(label=_("Your firm"), queryset=None)
    note = forms.CharField(label=_("What interests you"), max_length=400, required=False)

    def __init__(self, *args, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = firms


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PitchInterest.Status.choices)
    note = forms.CharField(label=_("Note"), max_length=400, required=False)

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            # Only the follow-up moves the state machine accepts from the interest's status.
            field = self.fields["status"]
            field.choices = [(v, label) for v, label in field.choices if v in allowed]
