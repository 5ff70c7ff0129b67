"""Conversations on a synergy in the API: the same services and views as the synergy page."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from dekvep.core.models import Programme
from dekvep.core.permissions import get_visible
from dekvep.core.rules import is_funder_viewer, member_organisation_ids
from dekvep.symbiosis import conversations, services
from dekvep.symbiosis.conversation_models import Message, MessageAttachment, Question
from dekvep.symbiosis.conversation_selectors import (
    export_csv,
    present_conversation,
    present_message,
    present_question,
)
from dekvep.symbiosis.conversation_views import attachment_response
from dekvep.symbiosis.models import Synergy

router = Router(tags=["symbiosis: conversations"])


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    url: str


class MessageOut(Schema):
    id: int
    side: str
    sender: str
    author: str
    text: str
    created_at: dt.datetime
    mine: bool
    attachments: list[AttachmentOut]


class QuestionOut(Schema):
    id: int
    text: str
    asked_at: dt.datetime
    mine: bool
    relayed: bool
    relayed_text: str
    answer: str
    answered: bool
    answered_at: dt.datetime | None
    may_answer: bool
    may_relay: bool
    asked_by: str


class ConversationOut(Schema):
    introduced: bool
    may_read: bool
    may_post: bool
    may_ask: bool
    unread: int
    messages: list[MessageOut]
    questions: list[QuestionOut]


class TextIn(Schema):
    text: str = ""


class UnreadOut(Schema):
    synergy_id: int
    unread: int


class CountsOut(Schema):
    conversations: int
    messages: int
    attachments: int
    questions: int
    questions_answered: int


def _synergy(request, pk: int) -> Synergy:
    return get_visible(
        Synergy.objects.select_related("offer__organisation", "want__organisation", "programme"),
        pk,
        request.user,
        "symbiosis.view_synergy",
    )


def _question(request, pk: int) -> Question:
    question = get_object_or_404(
        Question.objects.select_related("synergy__offer", "synergy__want", "organisation"), pk=pk
    )
    if not conversations.visible_questions(request.user, question.synergy).filter(pk=pk).exists():
        raise Http404
    return question


def _question_out(request, question: Question) -> dict:
    side = conversations.side_of(request.user, question.synergy)
    return present_question(request.user, question, side)


@router.get("/synergies/{pk}/conversation", response=ConversationOut)
def get_conversation(request, pk: int):
    """The thread (once introduced) and the questions, as this user may see them."""
    return present_conversation(request.user, _synergy(request, pk))


@router.post("/synergies/{pk}/messages", response={201: MessageOut})
def post_message(
    request, pk: int, text: Form[str] = "", files: list[UploadedFile] = File(default=None)
):
    synergy = _synergy(request, pk)
    message = conversations.post_message(request.user, synergy, text, files or [])
    found = Message.objects.select_related("organisation", "author").get(pk=message.pk)
    return 201, present_message(request.user, found)


@router.post("/synergies/{pk}/read", response=UnreadOut)
def mark_read(request, pk: int):
    synergy = _synergy(request, pk)
    if not conversations.may_read_thread(request.user, synergy):
        raise Http404
    conversations.mark_read(request.user, synergy)
    return {"synergy_id": synergy.pk, "unread": 0}


@router.get("/conversations/unread", response=list[UnreadOut])
def unread(request):
    """Unread messages per synergy for the user (synergies with none are left out)."""
    found = services.visible_synergies(request.user).filter(
        offer_side_agrees=True, want_side_agrees=True
    )
    counts = conversations.unread_by_synergy(request.user, found)
    return [{"synergy_id": k, "unread": v} for k, v in sorted(counts.items())]


@router.post("/synergies/{pk}/questions", response={201: QuestionOut})
def ask_question(request, pk: int, data: TextIn):
    question = conversations.ask_question(request.user, _synergy(request, pk), data.text)
    return 201, _question_out(request, question)


@router.post("/questions/{pk}/relay", response=QuestionOut)
def relay_question(request, pk: int, data: TextIn):
    question = conversations.relay_question(request.user, _question(request, pk), data.text)
    return _question_out(request, question)


@router.post("/questions/{pk}/answer", response=QuestionOut)
def answer_question(request, pk: int, data: TextIn):
    question = conversations.answer_question(request.user, _question(request, pk), data.text)
    return _question_out(request, question)


@router.get("/message-files/{pk}")
def download_file(request, pk: int):
    found = get_object_or_404(
        MessageAttachment.objects.select_related(
            "message__synergy__offer", "message__synergy__want"
        ),
        pk=pk,
    )
    if not conversations.may_read_thread(request.user, found.message.synergy):
        raise Http404
    return attachment_response(found)


@router.get("/conversations/export.csv")
def export(request, synergy: int | None = None):
    """The user's own firms' conversations; an anonymous asker is never named."""
    if not member_organisation_ids(request.user):
        raise PermissionDenied
    response = HttpResponse(export_csv(request.user, synergy), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="conversations.csv"'
    return response


@router.get("/programmes/{pk}/conversation-counts", response=CountsOut)
def conversation_counts(request, pk: int):
    """Counts only, for the programme's staff and its funder: never who or what."""
    programme = get_object_or_404(Programme, pk=pk)
    user = request.user
    if not (
        user.has_perm("symbiosis.view_programme_board", programme)
        or is_funder_viewer(user, programme)
    ):
        raise PermissionDenied
    return conversations.programme_counts(programme)
