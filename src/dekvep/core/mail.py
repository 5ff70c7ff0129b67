"""The one way the platform sends e-mail: queued, and sent by a background task after commit.

``send_mail`` is what services call; nothing is sent if their transaction rolls back, and a slow
mail server never holds up a page. ``deliver`` is what the tasks call to hand a message to the
mail backend. In-app notifications (``core.services.notify``) end in the same place.
"""

from django.core.mail import EmailMessage

from .queue import enqueue


def send_mail(to, subject: str, body: str, attachments=()) -> None:
    """Queue one e-mail to ``to`` (an address or a list); attachments are (name, text, type)."""
    recipients = [to] if isinstance(to, str) else list(to)
    files = [list(a) for a in attachments]
    enqueue("core.tasks.send_email", recipients, subject, body, files)


def deliver(to: list[str], subject: str, body: str, attachments=()) -> None:
    message = EmailMessage(subject, body, None, list(to))
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
