"""Public certificate verification: valid, revoked (with reason) or unknown.

Misses are throttled per client with growing waits; a real code always answers, so that
nobody's guessing can make a genuine certificate unverifiable (codes are long and random,
so answering them gives a guesser nothing).
"""

from django.utils.translation import gettext as _

from dekvep.core import throttle
from dekvep.core.formatting import format_date, local_date

from .models import Certificate

SCOPE = "certificate-verify"
MISSES = throttle.Policy(free=10, base=60, cap=15 * 60, window=60 * 60)


class Throttled(Exception):
    pass


def verify_code(code: str, ident: str) -> dict:
    """What the public may learn about a certificate code: no more than the certificate shows."""
    code = (code or "").strip()
    certificate = (
        Certificate.objects.select_related("event").filter(code=code).first()
        if 16 <= len(code) <= 64
        else None
    )
    if certificate is None:
        wait = throttle.wait_seconds(SCOPE, ident or "-")
        if wait:
            raise Throttled(
                _("Too many unknown codes were tried. Please wait %(seconds)s seconds.")
                % {"seconds": wait}
            )
        throttle.record_failure(SCOPE, ident or "-", MISSES)
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
