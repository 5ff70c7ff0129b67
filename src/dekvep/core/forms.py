from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dekvep.catalog.sectors import sector_title

from . import throttle
from .models import Membership, Organisation, Site, User
from .services import ORGANISATION_FIELDS, SITE_FIELDS


class ThrottledLoginForm(AuthenticationForm):
    """Slows down repeated failures per account, per client and per both, with growing waits.

    A browser that logged into the account before is not slowed by others' failures on it.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed attempts. Please wait %(seconds)s seconds and try again."),
    }

    def clean(self):
        email = (self.data.get("username") or "").strip().lower()
        ip = throttle.client_ip(self.request) if self.request else ""
        known = throttle.is_known_device(self.request, email)
        wait = throttle.login_wait(email, ip, known)
        if wait:
            raise ValidationError(
                self.error_messages["throttled"], code="throttled", params={"seconds": wait}
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.login_failed(email, ip)
            raise
        throttle.login_succeeded(email, ip)
        return cleaned


class OrganisationForm(forms.ModelForm):
    nace_codes = forms.CharField(
        label=_("NACE Rev.2 activity codes"),
        required=False,
        help_text=_("Separate several codes with commas, for example 13.30, 14.13"),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["nace_codes"] = ", ".join(self.instance.nace_codes)

    def clean_nace_codes(self):
        raw = self.cleaned_data.get("nace_codes") or ""
        return [code.strip() for code in raw.split(",") if code.strip()]


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = list(SITE_FIELDS)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password_again = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "preferred_language"]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What the token is for, e.g. ERP sync")
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form's fields (or the form itself)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class Outcome:
    """True once the block it guards ran without a ``ValidationError``."""

    error: ValidationError | None = None

    def __bool__(self) -> bool:
        return self.error is None

    @property
    def messages(self) -> list[str]:
        """The refusal's messages, none after a success."""
        return [] if self.error is None else self.error.messages

    @property
    def by_field(self) -> dict[str, list[str]]:
        """The refusal's messages per field (``__all__`` for those of no field)."""
        if self.error is None:
            return {}
        if hasattr(self.error, "error_dict"):
            return self.error.message_dict
        return {"__all__": self.error.messages}


@contextmanager
def form_errors(
    request, form: forms.Form | None = None, *, message: bool = False, show: bool = True
) -> Iterator:
    """Run a service call on a page and show its ``ValidationError`` to the user.

    The errors go next to the form's fields (or on the form), or, with no form or with
    ``message=True``, into the page's messages. The one place pages turn a refused write into
    words; the API has its own handler (``dekvep.api``)::

        with form_errors(request, form) as saved:
            services.update_event(request.user, event, **form.cleaned_data)
        if saved:
            return redirect(...)

    With ``show=False`` the errors are only kept on the outcome (``saved.messages``) for a page
    that shows them in its own place (a list of problems, a fragment, another template).
    """
    outcome = Outcome()
    try:
        yield outcome
    except ValidationError as error:
        outcome.error = error
        if not show:
            return
        if form is not None:
            apply_errors(form, error)
        if form is None or message:
            for text in error.messages:
                flash.error(request, text)


def sector_choices(programme) -> list[tuple[str, str]]:
    """The programme's priority sectors with their titles in the reader's language."""
    return [(key, sector_title(key)) for key in (programme.priority_sectors or [])]


def staff_users(programme):
    return User.objects.filter(staff_assignments__programme=programme).distinct()


def programme_organisations(programme):
    """Participants of the programme and the partner organisations it works with."""
    return Organisation.objects.exclude(kind=Organisation.Kind.OPERATOR).order_by("name")
