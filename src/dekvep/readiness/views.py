"""Readiness pages: a firm's requirements, questionnaire, footprints and VSME; the programme
view; the rule catalogue. Thin: they check permissions, call services and selectors, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from dekvep.core.forms import form_errors
from dekvep.core.models import Programme
from dekvep.core.permissions import get_visible, require
from dekvep.core.rules import member_organisation_ids

from . import exports, services
from .catalogue import current_catalogue, text
from .catalogue_sheet import catalogue_workbook, read_catalogue, rule_summary
from .footprints import cbam_for, footprints_for
from .forms import CatalogueForm, ProfileForm
from .models import CatalogueVersion, ReadinessProfile
from .programme import programme_overview
from .selectors import firm_readiness, load_firm, visible_firms, visible_programmes_for_view
from .vsme import datapoints
from .wording import day

JURISDICTIONS = {"EU": gettext_lazy("EU"), "TR": gettext_lazy("Türkiye")}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _language(request) -> str:
    lang = request.GET.get("lang") or get_language() or "tr"
    return "en" if lang.startswith("en") else "tr"


@login_required
def home(request):
    firms = list(visible_firms(request.user))
    own = [f for f in firms if f.pk in member_organisation_ids(request.user)]
    if len(own) == 1 and len(firms) == 1:
        return redirect("readiness:firm", own[0].pk)
    programmes = visible_programmes_for_view(request.user)
    if not firms and not programmes:
        raise Http404
    return render(request, "readiness/home.html", {"firms": firms, "programmes": programmes})


@login_required
def firm(request, pk: int):
    organisation = load_firm(request.user, pk)
    language = _language(request)
    context = {
        "organisation": organisation,
        "readiness": firm_readiness(organisation, language),
        "footprints": footprints_for(organisation),
        "cbam": cbam_for(organisation),
        "vsme": datapoints(organisation),
        "can_answer": request.user.has_perm("readiness.change_profile", organisation),
    }
    return render(request, "readiness/firm.html", context)


@login_required
def profile(request, pk: int):
    organisation = load_firm(request.user, pk, "readiness.change_profile")
    existing = ReadinessProfile.objects.filter(organisation=organisation).first()
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_from(existing))
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as saved:
            services.save_profile(request.user, organisation, form.cleaned_data)
        if saved:
            messages.success(
                request, _("Your answers are saved; the requirements below are decided from them.")
            )
            return redirect("readiness:firm", organisation.pk)
    return render(
        request, "readiness/profile_form.html", {"organisation": organisation, "form": form}
    )


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def footprints_pdf(request, pk: int):
    organisation = load_firm(request.user, pk)
    language = _language(request)
    content = exports.footprints_pdf(organisation, language)
    if content is None:
        raise Http404
    return _download(content, "application/pdf", f"dekvep-product-footprints-{pk}-{language}.pdf")


@login_required
def vsme_pdf(request, pk: int):
    organisation = load_firm(request.user, pk)
    language = _language(request)
    return _download(
        exports.vsme_pdf(organisation, language),
        "application/pdf",
        f"dekvep-vsme-{pk}-{language}.pdf",
    )


@login_required
def vsme_xlsx(request, pk: int):
    organisation = load_firm(request.user, pk)
    language = _language(request)
    return _download(
        exports.vsme_xlsx(organisation, language), XLSX, f"dekvep-vsme-{pk}-{language}.xlsx"
    )


@login_required
def programme(request, pk: int):
    item = get_visible(Programme, pk, request.user, "readiness.view_programme")
    with_names = request.user.has_perm("readiness.view_invitations", item)
    overview = programme_overview(item, _language(request), with_names)
    return render(
        request,
        "readiness/programme.html",
        {"programme": item, "overview": overview, "with_names": with_names},
    )


@login_required
def catalogue(request):
    require(request.user, "readiness.view_catalogue")
    language = _language(request)
    data = current_catalogue()
    rules = [
        {
            "id": r["id"],
            "jurisdiction": r.get("jurisdiction", ""),
            "title": text(r["title"], language),
            "applies_to": text(r["applies_to"], language),
            "asks": text(r["asks"], language),
            "source": r["source"],
            "source_date": day(r["source"].get("date")),
            "source_version": text(r["source"].get("version"), language),
            "jurisdiction_label": JURISDICTIONS.get(r.get("jurisdiction"), ""),
            "scope": rule_summary(r, language),
            "dates": [
                {"date": day(d["date"]), "label": text(d["label"], language)}
                for d in sorted(r.get("dates", []), key=lambda d: d["date"])
            ],
        }
        for r in data["rules"]
    ]
    context = {
        "catalogue": data,
        "reviewed": day(data.get("reviewed_on")),
        "note": text(data.get("note"), language),
        "rules": rules,
        "versions": CatalogueVersion.objects.select_related("created_by")[:20],
        "can_edit": request.user.has_perm("readiness.change_catalogue"),
    }
    return render(request, "readiness/catalogue.html", context)


@login_required
def catalogue_xlsx(request):
    require(request.user, "readiness.view_catalogue")
    language = _language(request)
    data = current_catalogue()
    name = f"dekvep-rule-catalogue-{data.get('version', '')}-{language}.xlsx"
    return _download(catalogue_workbook(data, language), XLSX, name)


@login_required
def catalogue_edit(request):
    require(request.user, "readiness.change_catalogue")
    form = CatalogueForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        with form_errors(request, form) as saved:
            data = read_catalogue(values["file"], current_catalogue())
            services.publish_catalogue(request.user, data, values["version"], values["note"])
        if saved:
            messages.success(request, _("The new catalogue version is in force."))
            return redirect("readiness:catalogue")
    return render(request, "readiness/catalogue_form.html", {"form": form})
