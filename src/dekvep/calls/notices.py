"""The texts of the e-mails sent to applicants, rendered in the recipient's language."""

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .eligibility import reason_text


def _subjects() -> dict[str, str]:
    return {
        "received": _("Application received: %(call)s"),
        "eligible": _("Your application is eligible: %(call)s"),
        "ineligible": _("Your application is not eligible: %(call)s"),
        "shortlisted": _("Your application is shortlisted: %(call)s"),
        "selected": _("Your application is selected: %(call)s"),
        "rejected": _("Result of your application: %(call)s"),
        "pitch_invitation": _("Invitation to pitch: %(call)s"),
        "pitch_reminder": _("Reminder: your pitch at %(call)s"),
    }


def _time(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def render(kind: str, recipient, application, slot=None) -> tuple[str, str, str]:
    """``(language, subject, body)`` of a notice of ``kind`` to ``recipient``."""
    language = recipient.preferred_language or "tr"
    with override(language):
        call = application.call
        comments = []
        if kind in ("shortlisted", "selected", "rejected"):
            comments = [
                c
                for c in application.reviews.filter(status="submitted").values_list(
                    "comment_to_applicant", flat=True
                )
                if c
            ]
        context = {
            "name": recipient.get_full_name(),
            "call": call,
            "application": application,
            "reasons": [reason_text(r) for r in application.eligibility_reasons],
            "comments": comments,
            "slot": slot,
            "starts_at": _time(slot.starts_at) if slot else "",
            "ends_at": formats.time_format(timezone.localtime(slot.ends_at)) if slot else "",
        }
        body = render_to_string(f"calls/notices/{kind}.txt", context).strip()
        subject = _subjects()[kind] % {"call": call.title}
    return language, subject, body
