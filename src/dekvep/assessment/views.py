"""Pages for inventories, their review, reports, opportunities and sector reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dekvep.core.formatting import language_of
from dekvep.core.forms import form_errors
from dekvep.core.jobs import start_job
from dekvep.core.models import Job, Programme
from dekvep.core.permissions import get_visible, require
from dekvep.core.selectors import primary_programme, visible_programmes

from . import forms, reporting, reports, schema, services
from .engine.finance import default_discount_rate
from .models import Inventory, Opportunity, Report
from .selectors import (
    load_inventory,
    load_opportunity,
    reviewable_organisations,
    visible_inventories,
    visible_reports,
)
from .tasks import generate_programme_reports


def _language(request) -> str:
    return language_of(request.GET.get("lang"))


@login_required
def home(request):
    programme = primary_programme(request.user)
    inventories = visible_inventories(request.user).order_by("-year", "organisation__name")
    organisations = reviewable_organisations(request.user, programme) if programme else []
    can_generate = bool(
        programme and request.user.has_perm("assessment.generate_reports", programme)
    )
    return render(
        request,
        "assessment/home.html",
        {
            "programme": programme,
            "inventories": inventories[:200],
            "create_form": forms.InventoryCreateForm(organisations=organisations)
            if organisations
            else None,
            "sectors": reports.sector_choices()
            if programme and request.user.has_perm("assessment.view_sector_report", programme)
            else [],
            "can_generate": can_generate,
            "can_see_settings": bool(
                programme and request.user.has_perm("assessment.view_settings", programme)
            ),
            "jobs": Job.objects.filter(programme=programme, kind="assessment_reports")[:3]
            if can_generate
            else [],
        },
    )


@login_required
@require_POST
def inventory_create(request):
    programme = primary_programme(request.user)
    if programme is None:
        raise PermissionDenied
    form = forms.InventoryCreateForm(
        request.POST, organisations=reviewable_organisations(request.user, programme)
    )
    if form.is_valid():
        with form_errors(request, form) as created:
            inventory = services.create_inventory(
                request.user,
                form.cleaned_data["organisation"],
                programme,
                form.cleaned_data["year"],
                form.cleaned_data["site"],
            )
        if created:
            return redirect("assessment:inventory_edit", inventory.pk)
    messages.error(request, " ".join(m for e in form.errors.values() for m in e))
    return redirect("assessment:home")


@login_required
def inventory_detail(request, pk: int):
    inventory = load_inventory(request.user, pk)
    user = request.user
    actions = [
        a
        for a, (sources, _target, perm) in services.TRANSITIONS.items()
        if inventory.status in sources and user.has_perm(perm, inventory)
    ]
    return render(
        request,
        "assessment/inventory_detail.html",
        {
            "inventory": inventory,
            "errors": services.data_errors(inventory.data),
            "actions": actions,
            "comments": inventory.comments.select_related("author"),
            "comment_form": forms.CommentForm(),
            "upload_form": forms.UploadForm(),
            "can_edit": user.has_perm("assessment.change_inventory", inventory)
            and inventory.status != Inventory.Status.APPROVED,
        },
    )


@login_required
def inventory_edit(request, pk: int):
    inventory = load_inventory(request.user, pk, "assessment.change_inventory")
    language = _language(request)
    if request.method == "POST":
        general, sections = forms.grid_from_post(request.POST)
        kept: dict[str, list[int]] = {}
        data = schema.build(general, sections, kept)
        data["factor_overrides"] = inventory.data.get("factor_overrides", {})
        with form_errors(request) as saved:
            errors = services.save_inventory_data(request.user, inventory, data)
        if not saved:
            return redirect("assessment:inventory_detail", inventory.pk)
        if not errors:
            messages.success(request, _("The inventory was saved and is complete."))
            return redirect("assessment:inventory_detail", inventory.pk)
        messages.warning(request, _("The draft was saved; correct the fields marked below."))
        by_input = {forms.input_name(e["field"], kept): e["message"] for e in errors}
        return render(
            request,
            "assessment/inventory_form.html",
            {
                "inventory": inventory,
                "errors": errors,
                "grid": forms.grid(data, by_input, language, raw=(general, sections)),
            },
            status=200,
        )
    errors = services.data_errors(inventory.data) if inventory.data.get("production") else []
    by_input = {forms.input_name(e["field"]): e["message"] for e in errors}
    return render(
        request,
        "assessment/inventory_form.html",
        {
            "inventory": inventory,
            "errors": errors,
            "grid": forms.grid(inventory.data, by_input, language),
        },
    )


@login_required
@require_POST
def inventory_validate(request, pk: int):
    """HTMX: the errors of the grid as typed, without saving."""
    inventory = load_inventory(request.user, pk, "assessment.change_inventory")
    general, sections = forms.grid_from_post(request.POST)
    kept: dict[str, list[int]] = {}
    data = schema.build(general, sections, kept)
    data.update(
        organization=inventory.organisation.name, sector=inventory.sector, year=inventory.year
    )
    errors = services.data_errors(data)
    for error in errors:
        error["input"] = forms.input_name(error["field"], kept)
    return render(request, "assessment/_validation.html", {"errors": errors})


@login_required
@require_POST
def inventory_transition(request, pk: int):
    inventory = load_inventory(request.user, pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown action."))
        return redirect("assessment:inventory_detail", pk)
    with form_errors(request) as done:
        inventory = services.transition(
            request.user, inventory, form.cleaned_data["action"], form.cleaned_data["comment"]
        )
    if done:
        messages.success(
            request,
            _("The inventory is now “%(status)s”.") % {"status": inventory.get_status_display()},
        )
    return redirect("assessment:inventory_detail", pk)


@login_required
@require_POST
def inventory_comment(request, pk: int):
    inventory = load_inventory(request.user, pk)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(request.user, inventory, form.cleaned_data["body"])
    return redirect("assessment:inventory_detail", pk)


@login_required
def excel_template(request, pk: int):
    inventory = load_inventory(request.user, pk)
    content = services.workbook_for(request.user, inventory, _language(request))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"dekvep-inventory-{inventory.organisation_id}-{inventory.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def excel_upload(request, pk: int):
    inventory = load_inventory(request.user, pk, "assessment.change_inventory")
    form = forms.UploadForm(request.POST, request.FILES)
    cells: list = []
    if form.is_valid():
        with form_errors(request, form) as read:
            job = services.queue_workbook_import(
                request.user, inventory, form.cleaned_data["file"].read()
            )
            error = services.upload_error_of(job)
            if error is not None and not isinstance(error, services.UploadError):
                raise error
        if read and error is not None:
            cells = error.cells
        elif read:
            if job.status == job.Status.DONE:
                messages.success(request, _("The Excel file was read and saved."))
            else:
                messages.info(request, _("The Excel file is being read; reload in a moment."))
            return redirect("assessment:inventory_detail", pk)
    return render(
        request,
        "assessment/upload_errors.html",
        {"inventory": inventory, "form": form, "cells": cells},
        status=400,
    )


@login_required
def report(request, pk: int):
    inventory = load_inventory(request.user, pk, "assessment.view_report")
    language = _language(request)
    context = reports.firm_report_context(request.user, inventory, language)
    if context is None:
        return render(request, "assessment/report_missing.html", {"inventory": inventory})
    issued = Report.objects.filter(
        kind=Report.Kind.FIRM,
        programme=inventory.programme,
        organisation=inventory.organisation,
        year=inventory.year,
    ).select_related("issued_by")
    return render(
        request,
        "assessment/report.html",
        {
            **context,
            "inventory": inventory,
            "issued": issued,
            "can_issue": request.user.has_perm("assessment.issue_report", inventory)
            and inventory.status == Inventory.Status.APPROVED,
            "languages": Report.Language.choices,
            "issue_url": reverse("assessment:report_issue", args=[inventory.pk]),
        },
    )


@login_required
@require_POST
def report_issue(request, pk: int):
    inventory = load_inventory(request.user, pk, "assessment.issue_report")
    with form_errors(request) as done:
        reporting.issue_firm_report(request.user, inventory, request.POST.get("language", ""))
    if done:
        messages.success(request, _("The report was issued."))
    return redirect("assessment:report", pk)


@login_required
def report_list(request):
    """The issued reports the user may read: a firm sees only its own."""
    queryset = visible_reports(request.user)
    kind = request.GET.get("kind", "")
    if kind in Report.Kind.values:
        queryset = queryset.filter(kind=kind)
    if request.GET.get("all") != "1":
        queryset = queryset.filter(status=Report.Status.ISSUED)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/report_list.html",
        {"page": page, "reports": page.object_list, "kind": kind, "kinds": Report.Kind.choices},
    )


@login_required
def report_download(request, pk: int):
    report = get_object_or_404(Report.objects.select_related("programme", "inventory"), pk=pk)
    content = reporting.report_pdf(request.user, report)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.download_name}"'
    return response


@login_required
def report_pdf(request, pk: int):
    inventory = load_inventory(request.user, pk, "assessment.view_report")
    content = reports.firm_report_pdf(request.user, inventory, _language(request))
    if content is None:
        return render(
            request, "assessment/report_missing.html", {"inventory": inventory}, status=404
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="dekvep-report-{inventory.organisation_id}-{inventory.year}.pdf"'
    )
    return response


@login_required
@require_POST
def opportunity_decide(request, pk: int):
    opportunity = load_opportunity(request.user, pk, "assessment.manage_opportunities")
    with form_errors(request):
        services.decide_opportunity(
            request.user,
            opportunity,
            request.POST.get("decision", ""),
            request.POST.get("note", ""),
        )
    return redirect("assessment:report", opportunity.inventory_id)


@login_required
def opportunity_edit(request, pk: int):
    opportunity = load_opportunity(request.user, pk, "assessment.manage_opportunities")
    form = forms.OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in form.Meta.fields}
        with transaction.atomic():
            services.update_opportunity(request.user, Opportunity.objects.get(pk=pk), **fields)
        return redirect("assessment:report", opportunity.inventory_id)
    return render(
        request,
        "assessment/opportunity_form.html",
        {"form": form, "inventory": opportunity.inventory},
    )


@login_required
def opportunity_add(request, pk: int):
    inventory = load_inventory(request.user, pk, "assessment.manage_opportunities")
    form = forms.OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in form.Meta.fields}
        services.add_opportunity(request.user, inventory, **fields)
        return redirect("assessment:report", inventory.pk)
    return render(
        request, "assessment/opportunity_form.html", {"form": form, "inventory": inventory}
    )


@login_required
@require_POST
def waste_offer(request, pk: int, index: int):
    inventory = load_inventory(request.user, pk)
    with form_errors(request) as created:
        offer = services.create_offer_from_waste(request.user, inventory, index)
    if not created:
        return redirect("assessment:report", pk)
    messages.success(request, _("A draft offer was created in the marketplace."))
    return redirect("symbiosis:detail", offer.pk)


def _programme(request) -> Programme:
    pk = request.GET.get("programme")
    programmes = visible_programmes(request.user).distinct()
    programme = programmes.filter(pk=pk).first() if pk else primary_programme(request.user)
    if programme is None:
        raise PermissionDenied
    require(request.user, "assessment.view_sector_report", programme)
    return programme


@login_required
def sector_report(request, sector: str):
    programme = _programme(request)
    language = _language(request)
    context = reports.sector_report_context(programme, sector, language)
    issued = Report.objects.filter(
        kind=Report.Kind.SECTOR, programme=programme, sector=sector
    ).select_related("issued_by")
    return render(
        request,
        "assessment/sector_report.html",
        {
            **context,
            "programme": programme,
            "sector_key": sector,
            "issued": issued,
            "can_issue": request.user.has_perm("assessment.issue_sector_report", programme)
            and context["enough"],
            "languages": Report.Language.choices,
            "issue_url": f"{reverse('assessment:sector_report_issue', args=[sector])}"
            f"?programme={programme.pk}",
        },
    )


@login_required
@require_POST
def sector_report_issue(request, sector: str):
    programme = _programme(request)
    with form_errors(request) as done:
        reporting.issue_sector_report(
            request.user, programme, sector, language=request.POST.get("language", "")
        )
    if done:
        messages.success(request, _("The report was issued."))
    url = reverse("assessment:sector_report", args=[sector])
    return redirect(f"{url}?programme={programme.pk}")


@login_required
def sector_report_pdf(request, sector: str):
    programme = _programme(request)
    content = reports.sector_report_pdf(programme, sector, _language(request))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dekvep-sector-{sector}.pdf"'
    return response


@login_required
@require_POST
def generate_reports(request):
    programme = primary_programme(request.user)
    if programme is None:
        raise PermissionDenied
    require(request.user, "assessment.generate_reports", programme)
    job = start_job("assessment_reports", created_by=request.user, programme=programme)

    transaction.on_commit(
        lambda: generate_programme_reports.delay(job.pk, programme.pk, _language(request))
    )
    return redirect("assessment:job", job.pk)


@login_required
def job(request, pk: int):
    job = get_object_or_404(Job, pk=pk, kind="assessment_reports")
    require(request.user, "assessment.generate_reports", job.programme)
    return render(request, "assessment/job.html", {"job": job})


@login_required
def programme_settings(request, programme_id: int):
    """The programme manager sets the discount rate, the Turkish carbon price and the GWP set;
    an analyst sees them."""
    programme = get_visible(
        visible_programmes(request.user).distinct(),
        programme_id,
        request.user,
        "assessment.view_settings",
    )
    may_change = request.user.has_perm("assessment.manage_settings", programme)
    found = services.programme_settings(programme)
    form = forms.ProgrammeSettingsForm(request.POST or None, instance=found)
    if request.method == "POST":
        require(request.user, "assessment.manage_settings", programme)
        if form.is_valid():
            with form_errors(request, form) as saved:
                services.update_programme_settings(request.user, programme, **form.cleaned_data)
            if saved:
                messages.success(request, _("The assessment settings were saved."))
                return redirect("assessment:programme_settings", programme.pk)
    return render(
        request,
        "assessment/programme_settings.html",
        {
            "programme": programme,
            "form": form,
            "may_change": may_change,
            "default_rate": default_discount_rate(),
        },
    )
