"""Public certificate verification: valid, revoked (with reason) or unknown; misses are
throttled."""

from django.utils.translation import gettext as _

from dekvep.core import throttle
from dekvep.core.formatting import format_date, local_date

from .models import Certificate

SCOPE = "certificate-verify"
MISS_LIMIT = 10
MISS_WINDOW = 15 * 60


class Throttled(Exception):
    pass


def verify_code(code: str, ident: str) -> dict:
    """What the public may learn about a certificate code: no more than the certificate shows."""
    if throttle.is_throttled(SCOPE, ident or "-", MISS_LIMIT):
        raise Throttled(_("Too many unknown codes were tried. Please wait 15 minutes."))
    code = (code or "").strip()
    certificate = (
        Certificate.objects.select_related("event").filter(code=code).first()
        if 16 <= len(code) <= 64
        else None
    )
    if certificate is None:
        throttle.record_failure(SCOPE, ident or "-", MISS_WINDOW)
        return {
            "status": "unknown",
            "code": code[:64],
            "message": _("No certificate has this code."),
        }
    facts = {
        "status": certificate.status,
        "code": certificate.code,
        "holder": certificate.holder_name,
        "programme": certificate.title,
        "programme_en": certificate.title_en or certificate.title,
        "hours": f"{certificate.hours.normalize():f}",
        # The calendar day in Istanbul, where certificates are issued (not the UTC day).
        "issued_on": local_date(certificate.issued_at).isoformat(),
        "issued_on_display": format_date(certificate.issued_at),
        "issuer": certificate.issuer,
        "revoked_on": None,
        "revoked_reason": "",
    }
    if certificate.status == Certificate.Status.REVOKED:
        facts["revoked_on"] = local_date(certificate.revoked_at).isoformat()
        facts["revoked_on_display"] = format_date(certificate.revoked_at)
        facts["revoked_reason"] = certificate.revoked_reason
        facts["message"] = _("This certificate was revoked.")
    else:
        facts["message"] = _("This certificate is valid.")
    return facts
