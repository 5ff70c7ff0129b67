"""What the call services share: the application statuses and their table, times."""

import datetime
import zoneinfo

from django.utils import timezone

from ..models import (
    Application,
)

S = Application.Status
ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")

# Which status may follow which; who may make each move is decided in ``_check_move``.
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.ELIGIBLE, S.INELIGIBLE, S.WITHDRAWN},
    S.ELIGIBLE: {S.UNDER_REVIEW, S.INELIGIBLE, S.WITHDRAWN},
    S.INELIGIBLE: {S.ELIGIBLE, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.SHORTLISTED, S.REJECTED, S.WITHDRAWN},
    S.SHORTLISTED: {S.SELECTED, S.REJECTED, S.WITHDRAWN},
    S.SELECTED: {S.CONFIRMED, S.WITHDRAWN},
    S.REJECTED: set(),
    S.CONFIRMED: set(),
    S.WITHDRAWN: set(),
}
EDITABLE = {S.DRAFT, S.SUBMITTED, S.ELIGIBLE, S.INELIGIBLE}
DECISIONS = {S.SHORTLISTED, S.REJECTED, S.SELECTED}
NOTICE_FOR = {
    S.SUBMITTED: "received",
    S.ELIGIBLE: "eligible",
    S.INELIGIBLE: "ineligible",
    S.SHORTLISTED: "shortlisted",
    S.SELECTED: "selected",
    S.REJECTED: "rejected",
}
SYSTEM = None  # the actor of automatic moves (eligibility checks)


def aware(value: datetime.datetime) -> datetime.datetime:
    """A naive time is Istanbul time: calls open and close by the programme's clock."""
    if value is not None and timezone.is_naive(value):
        return value.replace(tzinfo=ISTANBUL)
    return value
