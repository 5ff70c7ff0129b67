"""Pages of the interchange: the staff's one-file download and a firm's import."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from dekvep.core.formatting import language_of
from dekvep.core.forms import form_errors
from dekvep.core.models import Organisation
from dekvep.core.rules import member_organisation_ids
from dekvep.core.selectors import primary_programme
from dekvep.core.uploads import validate_upload

from . import services


@require_safe
@login_required
def download(request):
    """The programme's published listings in one file, for its staff after a workshop."""
    programme = primary_programme(request.user)
    if programme is None:
        raise Http404
    fmt = "csv" if request.GET.get("format") == "csv" else "zip"
    lang = request.GET.get("lang") or language_of()

    def photo_url(attachment) -> str:
        return request.build_absolute_uri(f"/symbiosis/attachments/{attachment.pk}/")

    return services.programme_download(request.user, programme, fmt, lang, photo_url)


class ImportForm(forms.Form):
    organisation = forms.TypedChoiceField(label=gettext_lazy("Firm"), coerce=int)
    file = forms.FileField(label=gettext_lazy("Marketplace file (CSV, or ZIP with photos)"))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=(".csv", ".zip"))
        return upload


def _organisations(user, programme):
    """The firms whose listings the user may enter: their own, and those of their programme
    they look after."""
    own = Organisation.objects.filter(pk__in=member_organisation_ids(user))
    looked_after = Organisation.objects.filter(participations__programme=programme)
    found = {o.pk: o for o in [*own, *looked_after] if user.has_perm("symbiosis.change_listing", o)}
    return sorted(found.values(), key=lambda o: o.name)


@login_required
def import_file(request):
    programme = primary_programme(request.user)
    organisations = _organisations(request.user, programme) if programme else []
    if not organisations:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    problems = []
    if request.method == "POST" and form.is_valid():
        chosen = next(o for o in organisations if o.pk == form.cleaned_data["organisation"])
        with form_errors(request, show=False) as imported:
            result = services.import_listings(
                request.user, chosen, programme, form.cleaned_data["file"].read()
            )
        problems = imported.messages
        if imported:
            messages.success(request, _summary(result))
            return redirect("symbiosis:mine")
    context = {"form": form, "problems": problems, "programme": programme}
    return render(request, "symbiosis/marketplace_import.html", context)


def _summary(result) -> str:
    text = ngettext(
        "%(n)s draft listing imported, with %(p)s photos.",
        "%(n)s draft listings imported, with %(p)s photos.",
        len(result.listings),
    ) % {"n": len(result.listings), "p": result.photos_attached}
    if result.photo_addresses_skipped:
        text += " " + ngettext(
            "%(n)s photo address was not downloaded: add that photo on the listing's page.",
            "%(n)s photo addresses were not downloaded: add those photos on the listings' pages.",
            result.photo_addresses_skipped,
        ) % {"n": result.photo_addresses_skipped}
    return text
