from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST

from dekvep.core.rules import is_operator_staff
from dekvep.core.selectors import memberships_of, primary_programme, user_roles

from . import home as home_parts
from . import public


def home(request):
    if not request.user.is_authenticated:
        # The public sees the programme's landing page; signed-in users their own home.
        return public.landing(request)
    user = request.user
    roles = user_roles(user)
    programme = primary_programme(user)
    context = {
        "programme": programme,
        "roles": roles,
        "todos": home_parts.todos(user),
        "memberships": memberships_of(user),
    }
    if is_operator_staff(user):
        context["by_sector"] = home_parts.participants_by_sector(programme)
        # The dashboard first: it reads the headline figures with its own counts at once.
        context["dashboard"] = home_parts.staff_dashboard(programme)
        context["figures"] = home_parts.figures(user, programme)
        context["may_set_targets"] = programme is not None and user.has_perm(
            "impact.set_target", programme
        )
        return render(request, "web/home_staff.html", context)
    if "funder" in roles:
        context["dashboard"] = home_parts.funder_dashboard(programme)
        context["by_sector"] = home_parts.participants_by_sector(programme)
        return render(request, "web/home_funder.html", context)
    context["figures"] = home_parts.member_figures(user, programme)
    context["firms"] = home_parts.firm_blocks(user)
    return render(request, "web/home_member.html", context)


@require_POST
def set_language(request):
    """Switch the interface language; remembered in a cookie and on the user's account."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = redirect(next_url)
    if language and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        if request.user.is_authenticated and request.user.preferred_language != language:
            request.user.preferred_language = language
            request.user.save(update_fields=["preferred_language"])
    return response


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
