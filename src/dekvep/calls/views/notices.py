"""The outbox of notices staff release."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.permissions import get_visible

from .. import services
from ..forms import (
    NoticeForm,
)
from ..models import (
    Notice,
)
from ..selectors import load_call

# Notices ---------------------------------------------------------------------------------


@login_required
def outbox(request, pk):
    call = load_call(request.user, pk, "calls.manage_notices")
    status = request.GET.get("status", Notice.Status.HELD)
    notices = call.notices.filter(status=status).select_related("recipient", "application")
    context = {
        "call": call,
        "notices": notices,
        "status": status,
        "statuses": Notice.Status.choices,
    }
    return render(request, "calls/outbox.html", context)


@login_required
def notice_edit(request, pk):
    notice = get_visible(
        Notice.objects.select_related("call"), pk, request.user, "calls.manage_notices"
    )
    form = NoticeForm(request.POST or None, instance=notice)
    if request.method == "POST" and form.is_valid():
        with form_errors(request, form) as done:
            services.edit_notice(
                request.user, notice, form.cleaned_data["subject"], form.cleaned_data["body"]
            )
        if done:
            messages.success(request, _("The notice is saved."))
            return redirect("calls:outbox", notice.call_id)
    return render(request, "calls/notice_form.html", {"notice": notice, "form": form})


@login_required
@require_POST
def notice_move(request, pk, target):
    notice = get_visible(
        Notice.objects.select_related("call"), pk, request.user, "calls.manage_notices"
    )
    if target not in (Notice.Status.RELEASED, Notice.Status.DISCARDED, Notice.Status.HELD):
        raise Http404
    with form_errors(request):
        services.transition_notice(request.user, notice, target)
    return redirect(reverse("calls:outbox", args=[notice.call_id]) + f"?status={notice.status}")


@login_required
@require_POST
def release_all(request, pk):
    call = load_call(request.user, pk, "calls.manage_notices")
    count = services.release_all(request.user, call)
    text = ngettext(
        "%(n)s notice released for sending.", "%(n)s notices released for sending.", count
    )
    messages.success(request, text % {"n": count})
    return redirect("calls:outbox", call.pk)
