"""The conversation part of the synergy page: post, ask, relay, answer; files and the export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from dekvep.core.forms import form_errors
from dekvep.core.permissions import get_visible
from dekvep.symbiosis import conversations
from dekvep.symbiosis.conversation_models import MessageAttachment, Question
from dekvep.symbiosis.conversation_selectors import export_csv
from dekvep.symbiosis.models import Synergy

CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def _question(request, synergy) -> Question:
    question = get_object_or_404(Question, pk=request.POST.get("question"), synergy=synergy)
    if not conversations.visible_questions(request.user, synergy).filter(pk=question.pk).exists():
        raise Http404
    return question


def _act(request, synergy, action) -> None:
    text = request.POST.get("text", "")
    if action == "post":
        conversations.post_message(request.user, synergy, text, request.FILES.getlist("files"))
    elif action == "ask":
        conversations.ask_question(request.user, synergy, text)
    elif action == "relay":
        conversations.relay_question(request.user, _question(request, synergy), text)
    elif action == "answer":
        conversations.answer_question(request.user, _question(request, synergy), text)
    else:
        raise Http404


@login_required
@require_POST
def act(request, pk):
    synergy = get_visible(
        Synergy.objects.select_related("offer__organisation", "want__organisation", "programme"),
        pk,
        request.user,
        "symbiosis.view_synergy",
    )
    with form_errors(request):
        _act(request, synergy, request.POST.get("action"))
    return redirect(f"/symbiosis/synergies/{synergy.pk}/#conversation")


@login_required
def attachment(request, pk):
    """A file of a message, to those who may read the thread."""
    found = get_object_or_404(
        MessageAttachment.objects.select_related(
            "message__synergy__offer", "message__synergy__want"
        ),
        pk=pk,
    )
    if not conversations.may_read_thread(request.user, found.message.synergy):
        raise Http404
    return attachment_response(found)


def attachment_response(found: MessageAttachment) -> FileResponse:
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=CONTENT_TYPES.get(found.suffix, "application/pdf"),
        as_attachment=found.kind == MessageAttachment.Kind.DOCUMENT,
        filename=found.original_name or f"{found.kind}-{found.pk}{found.suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def export(request):
    """A firm's own conversations as CSV; refused to anyone who is not a firm member."""
    if not request.user.memberships.exists():
        raise PermissionDenied
    synergy = request.GET.get("synergy")
    text = export_csv(request.user, int(synergy) if synergy and synergy.isdigit() else None)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="conversations.csv"'
    return response
