"""Workshops: every change, through one function each."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core import audit
from dekvep.core.permissions import require
from dekvep.core.services import notify
from dekvep.core.uploads import DOCUMENTS, IMAGES, validate_upload
from dekvep.core.writes import full_save as _save
from dekvep.core.writes import set_fields as _set_fields
from dekvep.core.writes import set_related as _set_related

from ..models import (
    Vote,
    VoteItem,
    Workshop,
    WorkshopFile,
)
from ..selectors import vote_results
from .base import (
    PHOTO_MAX_BYTES,
    _check_sector,
)

# Workshops ---------------------------------------------------------------------------------

WORKSHOP_FIELDS = {
    "sector",
    "session_number",
    "kind",
    "title",
    "starts_at",
    "duration_hours",
    "place",
    "online_link",
    "agenda",
    "notes",
    "vote_allowance",
    "facilitators",
    "invited_people",
    "invited_organisations",
}


@transaction.atomic
def create_workshop(actor, programme, **fields) -> Workshop:
    require(actor, "roadmaps.add_workshop", programme)
    _check_sector(programme, fields.get("sector", ""))
    workshop = Workshop(programme=programme)
    m2m = _set_fields(workshop, fields, WORKSHOP_FIELDS)
    _check_place(workshop)
    _save(workshop)
    _set_related(workshop, m2m)
    if not workshop.facilitators.exists():
        workshop.facilitators.add(actor)
    audit.record_created(actor, workshop, programme=programme)
    return workshop


def _check_place(workshop):
    if not workshop.place and not workshop.online_link:
        raise ValidationError({"place": _("Give a place or an online link.")})


@transaction.atomic
def update_workshop(actor, workshop: Workshop, **fields) -> Workshop:
    require(actor, "roadmaps.change_workshop", workshop)
    if "sector" in fields:
        _check_sector(workshop.programme, fields["sector"])
    if "vote_allowance" in fields and workshop.voting != Workshop.Voting.NOT_STARTED:
        if fields["vote_allowance"] != workshop.vote_allowance:
            raise ValidationError(
                {"vote_allowance": _("The vote allowance cannot change once voting has started.")}
            )
    before = audit.snapshot(workshop)
    m2m = _set_fields(workshop, fields, WORKSHOP_FIELDS)
    _check_place(workshop)
    _save(workshop)
    _set_related(workshop, m2m)
    audit.record(
        actor,
        "updated",
        workshop,
        audit.diff(before, audit.snapshot(workshop)),
        programme=workshop.programme,
    )
    return workshop


@transaction.atomic
def record_attendance(actor, workshop: Workshop, people=(), organisations=()) -> Workshop:
    """Set who attended; attendance counts toward ambassadors' training and programme figures."""
    require(actor, "roadmaps.change_workshop", workshop)
    if workshop.starts_at > timezone.now():
        raise ValidationError(
            {"attending_people": _("Attendance is recorded after the workshop starts.")}
        )
    before = {
        "attending_people": sorted(workshop.attending_people.values_list("pk", flat=True)),
        "attending_organisations": sorted(
            workshop.attending_organisations.values_list("pk", flat=True)
        ),
    }
    workshop.attending_people.set(people)
    workshop.attending_organisations.set(organisations)
    after = {
        "attending_people": sorted(p.pk for p in people),
        "attending_organisations": sorted(o.pk for o in organisations),
    }
    audit.record(
        actor,
        "attendance_recorded",
        workshop,
        audit.diff(before, after),
        programme=workshop.programme,
    )
    return workshop


@transaction.atomic
def add_workshop_file(
    actor, workshop: Workshop, upload, kind: str, title: str = ""
) -> WorkshopFile:
    require(actor, "roadmaps.change_workshop", workshop)
    if kind not in WorkshopFile.Kind.values:
        raise ValidationError({"kind": _("Choose document or photo.")})
    try:
        if kind == WorkshopFile.Kind.PHOTO:
            validate_upload(upload, allowed=IMAGES, max_bytes=PHOTO_MAX_BYTES)
        else:
            validate_upload(upload, allowed=DOCUMENTS)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    item = WorkshopFile(
        workshop=workshop,
        kind=kind,
        title=(title or upload.name)[:200],
        file=upload,
        size=upload.size,
        uploaded_by=actor,
    )
    _save(item, exclude=["uploaded_by"])
    audit.record_created(actor, item, programme=workshop.programme)
    return item


@transaction.atomic
def add_vote_item(
    actor, workshop: Workshop, title: str, kind: str = "action", description=""
) -> VoteItem:
    require(actor, "roadmaps.change_workshop", workshop)
    workshop = Workshop.objects.get(pk=workshop.pk)
    if workshop.voting == Workshop.Voting.CLOSED:
        raise ValidationError({"title": _("Voting is closed; no proposals can be added.")})
    order = (workshop.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = _save(
        VoteItem(
            workshop=workshop, title=title.strip(), kind=kind, description=description, order=order
        )
    )
    audit.record_created(actor, item, programme=workshop.programme)
    return item


VOTING_TRANSITIONS = {
    Workshop.Voting.NOT_STARTED: {Workshop.Voting.OPEN},
    Workshop.Voting.OPEN: {Workshop.Voting.CLOSED},
    Workshop.Voting.CLOSED: set(),
}


@transaction.atomic
def change_voting(actor, workshop: Workshop, to: str) -> Workshop:
    """Open or close the prioritisation vote; closing stores the ranked outcome."""
    require(actor, "roadmaps.change_workshop", workshop)
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if to not in VOTING_TRANSITIONS.get(workshop.voting, set()):
        raise ValidationError(
            {
                "voting": _("Voting cannot go from “%(from)s” to “%(to)s”.")
                % {"from": workshop.get_voting_display(), "to": to}
            }
        )
    if to == Workshop.Voting.OPEN and not workshop.items.exists():
        raise ValidationError({"voting": _("Add at least one proposal before opening the vote.")})
    before = workshop.voting
    workshop.voting = to
    if to == Workshop.Voting.CLOSED:
        workshop.voting_closed_at = timezone.now()
        workshop.outcome = [
            {
                "rank": r["rank"],
                "item": r["id"],
                "title": r["title"],
                "votes": r["votes"],
                "voters": r["voters"],
            }
            for r in vote_results(workshop)
        ]
    workshop.save()
    audit.record(
        actor, f"voting_{to}", workshop, {"voting": [before, to]}, programme=workshop.programme
    )
    if to == Workshop.Voting.OPEN:
        url = reverse("roadmaps:vote", args=[workshop.pk])
        notify(
            _workshop_people(workshop),
            lambda: _("Voting is open: %(title)s") % {"title": workshop.title},
            lambda: (
                ngettext(
                    "You have %(n)s vote to spread over the proposals.",
                    "You have %(n)s votes to spread over the proposals.",
                    workshop.vote_allowance,
                )
                % {"n": workshop.vote_allowance}
            ),
            url,
        )
    return workshop


def _workshop_people(workshop):
    people = set(workshop.invited_people.all()) | set(workshop.attending_people.all())
    return [p for p in people if p.is_active]


@transaction.atomic
def cast_votes(actor, workshop: Workshop, allocation: dict[int, int]) -> dict[int, int]:
    """Replace the actor's votes with ``{item id: votes}``, within the allowance."""
    require(actor, "roadmaps.vote", workshop)
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.voting != Workshop.Voting.OPEN:
        raise ValidationError({"votes": _("Voting is not open.")})
    items = {item.pk: item for item in workshop.items.all()}
    clean = {}
    for item_id, count in allocation.items():
        if int(item_id) not in items:
            raise ValidationError(
                {"votes": _("Proposal %(id)s is not part of this vote.") % {"id": item_id}}
            )
        if int(count) < 0:
            raise ValidationError({f"item_{item_id}": _("Votes cannot be negative.")})
        clean[int(item_id)] = int(count)
    total = sum(clean.values())
    if total > workshop.vote_allowance:
        raise ValidationError(
            {
                "votes": _("You gave %(total)s votes; each participant has %(allowance)s.")
                % {"total": total, "allowance": workshop.vote_allowance}
            }
        )
    Vote.objects.filter(item__workshop=workshop, voter=actor).delete()
    Vote.objects.bulk_create(
        Vote(item=items[item_id], voter=actor, count=count)
        for item_id, count in clean.items()
        if count
    )
    audit.record(
        actor,
        "voted",
        workshop,
        {"votes": [None, {str(k): v for k, v in clean.items() if v}]},
        programme=workshop.programme,
    )
    return clean
