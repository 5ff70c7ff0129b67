"""Conversations on a synergy: messages between introduced firms, anonymous questions before.

Imported by ``symbiosis.models`` so that Django finds them in the symbiosis app.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dekvep.core.models import Organisation


def message_file_path(attachment, filename: str) -> str:
    """A random name: the original may carry the firm's name."""
    return f"symbiosis/messages/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Side(models.TextChoices):
    OFFER = "offer", _("Offering firm")
    WANT = "want", _("Receiving firm")
    STAFF = "staff", _("Programme staff")


class Message(models.Model):
    """One message of the thread between the two introduced firms (and programme staff)."""

    Side = Side

    synergy = models.ForeignKey(
        "symbiosis.Synergy",
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("synergy"),
    )
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("firm"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")

    def __str__(self):
        return f"{self.synergy_id}: {self.text[:60]}"


class MessageAttachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo")
        DOCUMENT = "document", _("Document")

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("message")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=message_file_path)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("message attachment")

    def __str__(self):
        return self.original_name or Path(self.file.name).name

    @property
    def suffix(self) -> str:
        return Path(self.file.name).suffix.lower()


class ReadMark(models.Model):
    """How far a user has read a synergy's thread: the unread count is what came after."""

    synergy = models.ForeignKey(
        "symbiosis.Synergy", on_delete=models.CASCADE, related_name="read_marks"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read = models.PositiveBigIntegerField(default=0)
    read_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["synergy", "user"], name="one_read_mark_per_user")
        ]

    def __str__(self):
        return f"{self.user_id} read {self.synergy_id} up to {self.last_read}"


class Question(models.Model):
    """A question asked before the introduction, through the programme's facilitator.

    Only staff see who asked (``organisation``, ``asked_by``). The facilitator answers it or
    relays it to the other firm, which sees the question without the asker and may answer;
    the answer is shown to the asking firm only.
    """

    synergy = models.ForeignKey(
        "symbiosis.Synergy",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("synergy"),
    )
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("asking firm")
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    relayed_text = models.TextField(_("question as relayed"), blank=True)
    relayed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("relayed by"),
    )
    relayed_at = models.DateTimeField(_("relayed"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_by_side = models.CharField(
        _("answering side"), max_length=5, choices=Side.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("question through the facilitator")

    def __str__(self):
        return f"{self.synergy_id}: {self.text[:60]}"
