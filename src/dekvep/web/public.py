"""The public face: the landing page, open calls with their rules, and sign-up.

No login is needed for any of these. Sign-up makes an organisation and its first
administrator (``core.signup``); the e-mailed link activates the account and leads straight
into the application for the call the person came from.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache

from dekvep.calls.models import Call
from dekvep.core import signup
from dekvep.core.forms import apply_errors, form_errors
from dekvep.core.models import Organisation, Programme
from dekvep.core.permissions import require
from dekvep.events.models import Event
from dekvep.impact import publishing
from dekvep.impact.figures import all_figures, get_figure
from dekvep.impact.presenters import formatted


def open_calls_query(now=None):
    now = now or timezone.now()
    return (
        Call.objects.filter(published=True, opens_at__lte=now, closes_at__gt=now)
        .select_related("programme")
        .order_by("closes_at")
    )


def upcoming_events(now=None):
    now = now or timezone.now()
    return (
        Event.objects.filter(is_published=True, ends_at__gte=now)
        .select_related("programme")
        .order_by("starts_at")
    )


def public_figures(programme: Programme) -> list[dict]:
    """The impact figures the operator chose to publish, with their units."""
    if not programme.public_figures:
        return []

    shown = []
    for key in programme.public_figures:
        figure = get_figure(key)
        if figure is not None:
            value = figure.compute(programme)
            shown.append({"figure": figure, "display": formatted(value, figure.decimals)})
    return shown


def landing_programmes():
    """Programmes still running, and finished ones whose operator publishes figures."""
    today = timezone.localdate()
    return Programme.objects.filter(Q(ends_on__gte=today) | ~Q(public_figures=[])).order_by(
        "-starts_on"
    )


def landing(request):
    context = {
        "programmes": [
            {"programme": p, "figures": public_figures(p)} for p in landing_programmes()
        ],
        "calls": open_calls_query()[:6],
        "events": upcoming_events()[:6],
    }
    return render(request, "web/public/landing.html", context)


def open_calls(request):
    return render(request, "web/public/open_calls.html", {"calls": open_calls_query()})


def open_call(request, pk):
    call = get_object_or_404(Call.objects.select_related("programme"), pk=pk, published=True)
    apply_url = reverse("calls:apply", args=[call.pk])
    context = {
        "call": call,
        "is_open": call.is_open(),
        "apply_url": apply_url,
        "signup_url": reverse("web:signup") + f"?call={call.pk}",
        "login_url": reverse("core:login") + f"?next={apply_url}",
        "kinds": [
            Organisation.Kind(k).label for k in call.eligible_kinds if k in Organisation.Kind
        ],
    }
    return render(request, "web/public/open_call.html", context)


class SignUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of organisation"),
        choices=[(k.value, k.label) for k in signup.KINDS],
        widget=forms.RadioSelect,
    )
    organisation_name = forms.CharField(label=gettext_lazy("Organisation name"), max_length=200)
    tax_number = forms.CharField(
        label=gettext_lazy("Tax number (VKN)"), max_length=10, help_text=gettext_lazy("10 digits")
    )
    nace_codes = forms.CharField(
        label=gettext_lazy("NACE activity codes"),
        required=False,
        help_text=gettext_lazy("For example 13.30 or 22.2; separate several with commas"),
    )
    province = forms.CharField(label=gettext_lazy("Province"), max_length=60, required=False)
    full_name = forms.CharField(label=gettext_lazy("Your full name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("Your e-mail address"))
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I have read the personal data notice: my name and address are kept to run the "
            "programme and are not shared with other firms."
        ),
        required=False,
    )
    call = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["call_id"] = data.pop("call")
        data["nace_codes"] = [c.strip() for c in data["nace_codes"].split(",") if c.strip()]
        return data


def signup_page(request):
    call = Call.objects.filter(pk=request.GET.get("call") or 0, published=True).first()
    form = SignUpForm(request.POST or None, initial={"call": call.pk if call else None})
    if request.method == "POST" and form.is_valid():
        try:
            user = signup.sign_up(**form.service_kwargs())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            request.session["signup_email"] = user.email
            return redirect("web:signup_sent")
    return render(request, "web/public/signup.html", {"form": form, "call": call})


def signup_sent(request):
    return render(
        request, "web/public/signup_sent.html", {"email": request.session.get("signup_email", "")}
    )


@never_cache
def signup_confirm(request, token):
    """Opening the link shows a button; pressing it activates the account (mail scanners that
    open links do not)."""
    if request.method == "POST":
        try:
            user, call_id = signup.confirm(token)
        except ValidationError as error:
            return render(request, "web/public/signup_confirm.html", {"error": error.messages[0]})
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your e-mail address is confirmed and your account is ready."))
        if call_id and Call.objects.filter(pk=call_id, published=True).exists():
            return redirect("calls:apply", call_id)
        return redirect("web:home")
    return render(request, "web/public/signup_confirm.html", {"error": ""})


@login_required
def publish_figures(request, slug):
    """The programme setting: which impact figures the landing page shows."""
    programme = get_object_or_404(Programme, slug=slug)
    require(request.user, "core.change_programme", programme)
    if request.method == "POST":
        with form_errors(request) as done:
            publishing.set_public_figures(request.user, programme, request.POST.getlist("figures"))
        if done:
            count = len(programme.public_figures)
            messages.success(
                request,
                ngettext(
                    "Saved: the landing page now shows %(n)s figure.",
                    "Saved: the landing page now shows %(n)s figures.",
                    count,
                )
                % {"n": count},
            )
            return redirect("web:publish_figures", slug=programme.slug)
    context = {
        "programme": programme,
        "figures": [f for f in all_figures() if f.wired],
        "chosen": set(programme.public_figures),
    }
    return render(request, "web/public/publish_figures.html", context)
