"""Pages for accounts, invitations, the organisation directory, teams and the audit log."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import audit, jobs, services, throttle
from .audit_labels import object_label, prefetch_related_labels
from .forms import (
    AcceptInvitationForm,
    AccountForm,
    InvitationForm,
    MemberRoleForm,
    OrganisationForm,
    SiteForm,
    ThrottledLoginForm,
    TokenForm,
    form_errors,
)
from .models import ApiToken, Job, Membership, Organisation, Site, User
from .permissions import get_visible, require
from .selectors import visible_organisations


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # This browser is now known for the account: others' failures do not slow it down.
        response.set_cookie(
            throttle.KNOWN_DEVICE_COOKIE,
            throttle.device_cookie_value(form.get_user().email),
            max_age=throttle.KNOWN_DEVICE_AGE,
            secure=self.request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok", "database": "ok"})
    except Exception as error:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": str(error)[:200]}, status=503)


@never_cache
def accept_invitation(request, token):
    with form_errors(request, show=False) as found:
        invitation = services.invitation_from_token(token)
    if not found:
        return render(request, "core/invitation_invalid.html", {"reason": found.messages[0]})
    existing = request.user if request.user.is_authenticated else None
    if existing is not None and not services.invited_address(existing, invitation):
        reason = _(
            "This invitation was sent to another address. Log out and log in with that "
            "address (or open the link when logged out to create its account)."
        )
        return render(request, "core/invitation_invalid.html", {"reason": reason}, status=403)
    if existing is None and User.objects.filter(email=invitation.email).exists():
        messages.info(
            request,
            _("An account with the address %(email)s exists. Log in to accept the invitation.")
            % {"email": invitation.email},
        )
        return redirect(f"{reverse('core:login')}?next={request.path}")
    form = None if existing else AcceptInvitationForm(request.POST or None)
    if request.method == "POST":
        if existing or form.is_valid():
            with form_errors(request, form) as accepted:
                user = services.accept_invitation(
                    token,
                    form.cleaned_data["full_name"] if form else "",
                    form.cleaned_data["password"] if form else "",
                    existing_user=existing,
                )
            if accepted:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    _("Welcome! You have joined %(organisation)s.")
                    % {"organisation": invitation.organisation.name},
                )
                return redirect("web:home")
    return render(request, "core/accept_invitation.html", {"invitation": invitation, "form": form})


@login_required
def account(request):
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_account(request.user, **form.cleaned_data)
        messages.success(request, _("Your settings are saved."))
        response = redirect("core:account")
        response.set_cookie("dekvep_language", form.cleaned_data["preferred_language"])
        return response
    return render(
        request,
        "core/account.html",
        {"form": form, "tokens": request.user.api_tokens.all(), "token_form": TokenForm()},
    )


@login_required
@require_POST
def create_token(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        token, key = services.create_api_token(request.user, form.cleaned_data["name"])
        messages.success(request, _("Token created. Copy it now; it will not be shown again."))
        return render(request, "core/token_created.html", {"token": token, "key": key})
    messages.error(request, _("Give the token a name."))
    return redirect("core:account")


@login_required
@require_POST
def revoke_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(request.user, token)
    messages.success(request, _("The token is revoked."))
    return redirect("core:account")


@login_required
def directory(request):
    require(request.user, "core.view_directory")
    organisations = visible_organisations(request.user).order_by("name")
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    sector = request.GET.get("sector", "")
    if query:
        organisations = organisations.filter(name__icontains=query)
    if kind:
        organisations = organisations.filter(kind=kind)
    if sector:
        organisations = organisations.filter(sector=sector)
    page = Paginator(organisations, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "kind": kind,
        "sector": sector,
        "kinds": Organisation.Kind.choices,
    }
    template = "core/_directory_rows.html" if request.htmx else "core/directory.html"
    return render(request, template, context)


@login_required
def organisation_detail(request, pk):
    organisation = get_visible(Organisation, pk, request.user, "core.view_organisation")
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "sites": organisation.sites.all(),
            "memberships": organisation.memberships.select_related("user"),
            "can_change": request.user.has_perm("core.change_organisation", organisation),
            "can_manage_team": request.user.has_perm("core.manage_team", organisation),
        },
    )


@login_required
def organisation_create(request):
    require(request.user, "core.add_organisation")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            organisation = services.create_organisation(request.user, **_org_fields(form))
        if done:
            messages.success(request, _("Organisation created."))
            return redirect("core:organisation", pk=organisation.pk)
    return render(request, "core/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request, pk):
    organisation = get_visible(
        Organisation, pk, request.user, "core.view_organisation", act="core.change_organisation"
    )
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            services.update_organisation(request.user, organisation, **_org_fields(form))
        if done:
            messages.success(request, _("Organisation saved."))
            return redirect("core:organisation", pk=organisation.pk)
    return render(
        request, "core/organisation_form.html", {"form": form, "organisation": organisation}
    )


def _org_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@login_required
def site_create(request, pk):
    organisation = get_visible(
        Organisation, pk, request.user, "core.view_organisation", act="core.change_organisation"
    )
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            services.add_site(request.user, organisation, **form.cleaned_data)
        if done:
            messages.success(request, _("Site added."))
            return redirect("core:organisation", pk=organisation.pk)
    return render(request, "core/site_form.html", {"form": form, "organisation": organisation})


@login_required
@require_POST
def site_delete(request, pk):
    site = get_visible(Site, pk, request.user, "core.view_organisation", of="organisation")
    services.delete_site(request.user, site)
    messages.success(request, _("Site removed."))
    return redirect("core:organisation", pk=site.organisation_id)


@login_required
def team(request, pk):
    organisation = get_visible(
        Organisation, pk, request.user, "core.view_organisation", act="core.manage_team"
    )
    form = InvitationForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            _invitation, link = services.invite(
                request.user, form.cleaned_data["email"], organisation, form.cleaned_data["role"]
            )
        if done:
            messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
            form = InvitationForm()
    return render(
        request,
        "core/team.html",
        {
            "organisation": organisation,
            "memberships": organisation.memberships.select_related("user").order_by(
                "user__full_name"
            ),
            "invitations": organisation.invitations.filter(accepted_at__isnull=True),
            "form": form,
            "link": request.build_absolute_uri(link) if link else None,
            "roles": Membership.Role.choices,
        },
    )


@login_required
@require_POST
def member_role(request, pk):
    membership = get_visible(
        Membership, pk, request.user, "core.view_organisation", of="organisation"
    )
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        with form_errors(request):
            if request.POST.get("remove"):
                services.remove_member(request.user, membership)
            else:
                services.change_member_role(request.user, membership, form.cleaned_data["role"])
    return redirect("core:team", pk=membership.organisation_id)


@login_required
def audit_log(request):
    require(request.user, "core.view_audit_log")
    visible = audit.visible_entries(request.user)
    entries = visible.select_related("actor")
    filters = {
        "actor": request.GET.get("actor", "").strip(),
        "object_type": request.GET.get("object_type", "").strip(),
        "action": request.GET.get("action", "").strip(),
        "since": request.GET.get("since", "").strip(),
    }
    if filters["actor"]:
        entries = entries.filter(actor__email__icontains=filters["actor"])
    if filters["object_type"]:
        entries = entries.filter(object_type=filters["object_type"])
    if filters["action"]:
        entries = entries.filter(action=filters["action"])
    if filters["since"]:
        entries = entries.filter(at__date__gte=filters["since"])
    object_types = visible.order_by().values_list("object_type", flat=True).distinct()
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    prefetch_related_labels(page.object_list)
    return render(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "filters": filters,
            "object_types": sorted(
                ((t, object_label(t)) for t in set(object_types)), key=lambda pair: pair[1]
            ),
        },
    )


@login_required
def notifications(request):
    items = list(request.user.notifications.all()[:100])
    services.mark_notifications_read(request.user)
    return render(request, "core/notifications.html", {"notifications": items})


@login_required
def job_status(request, pk):
    """A job's progress; HTMX polls this fragment until the job ends."""
    job = _visible_job(request, pk)
    jobs.mark_stalled()
    job.refresh_from_db()
    return render(request, "core/_job.html", {"job": job, "can_resume": jobs.can_resume(job)})


def _visible_job(request, pk):
    """A job its starter or operator staff may see; 404 for anyone else."""
    job = get_object_or_404(Job, pk=pk)
    if job.created_by_id != request.user.pk and not request.user.has_perm("core.view_audit_log"):
        raise Http404
    return job


@login_required
@require_POST
def job_resume(request, pk):
    """Resume a failed job (its worker stopped): the task skips what it finished."""
    job = _visible_job(request, pk)
    with form_errors(request):
        jobs.resume_job(job)
    job.refresh_from_db()
    return render(request, "core/_job.html", {"job": job, "can_resume": jobs.can_resume(job)})
