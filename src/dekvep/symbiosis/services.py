"""Every change to listings, match runs and synergies, with its permission check and audit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dekvep.core import jobs, states
from dekvep.core.audit import record, record_created, record_deleted
from dekvep.core.memo import once
from dekvep.core.models import Membership
from dekvep.core.permissions import require
from dekvep.core.queue import enqueue
from dekvep.core.rules import is_member_of, member_organisation_ids, staff_programme_ids
from dekvep.core.services import notify
from dekvep.core.uploads import IMAGES, checked_upload
from dekvep.core.writes import write
from dekvep.symbiosis import engine, exchanges
from dekvep.symbiosis.adapters import profiles, to_engine
from dekvep.symbiosis.alerts import alert_run, match_published_listing
from dekvep.symbiosis.expiry import is_past_its_end, renew_listing
from dekvep.symbiosis.models import (
    Exchange,
    Listing,
    ListingAttachment,
    MatchResult,
    MatchRun,
    Synergy,
)
from dekvep.symbiosis.reach import within_reach
from dekvep.symbiosis.register import register_synergy
from dekvep.text import normalise_waste_code

LISTING_FIELDS = (
    "kind",
    "title",
    "description",
    "waste_code",
    "material",
    "quantity",
    "unit",
    "frequency",
    "form",
    "hazardous",
    "hazardous_licence",
    "available_from",
    "available_until",
    "price",
    "logistics",
    "site",
    "colour",
    "grade",
    "contamination",
    "physical_form",
    "moisture",
    "temperature_c",
    "capacity_process",
)
# A new listing may start in a status (imports, the demo) and at a workshop table.
NEW_LISTING_FIELDS = LISTING_FIELDS + ("status", "workshop_table")
ATTACHMENT_TYPES = (".png", ".jpg", ".jpeg", ".pdf")
MAX_ATTACHMENTS = 10


def normalise(listing: Listing) -> None:
    """Code, material, hazard and tonnes per year derived the way the engine reads them."""
    knowledge = engine.default_knowledge()
    if listing.waste_code:
        code = normalise_waste_code(listing.waste_code)
        if not code or code not in knowledge.waste_codes:
            raise ValidationError(
                {
                    "waste_code": _("%(code)s is not in the List of Waste.")
                    % {"code": listing.waste_code}
                }
            )
        listing.waste_code = code
        listing.hazardous = listing.hazardous or knowledge.waste_codes[code].hazardous
    if listing.material and listing.material not in knowledge.materials:
        raise ValidationError({"material": _("Unknown material.")})
    profile = engine.read_listing(to_engine(listing), knowledge)
    if not listing.material and profile.main_material:
        listing.material = profile.main_material
    listing.hazardous = listing.hazardous or profile.hazardous
    if listing.capacity_process and listing.capacity_process not in knowledge.processes:
        raise ValidationError({"capacity_process": _("Unknown process.")})
    if listing.temperature_c is not None and not -50 <= listing.temperature_c <= 1500:
        raise ValidationError({"temperature_c": _("Give a temperature between -50 and 1500 °C.")})
    if listing.quantity is None or listing.quantity <= 0:
        raise ValidationError({"quantity": _("Give a quantity above zero.")})
    try:
        listing.tonnes_per_year = engine.to_tonnes_per_year(
            listing.quantity, listing.unit, listing.frequency, listing.material or None, knowledge
        )
    except ValueError as error:
        raise ValidationError({"unit": str(error)}) from None


def create_listing(actor, organisation, programme, **fields) -> Listing:
    require(actor, "symbiosis.change_listing", organisation)
    return save_new_listing(actor, organisation, programme, **fields)


def save_new_listing(
    actor, organisation, programme, *, allowed=NEW_LISTING_FIELDS, **fields
) -> Listing:
    """Validate and save a listing; the caller has checked the actor may enter it. ``allowed``
    names the fields this kind of listing takes (a provider's service takes its own)."""
    listing = Listing(organisation=organisation, programme=programme, created_by=actor)
    return write(actor, listing, fields, allowed, prepare=normalise, programme=programme)


def own_site(organisation, site_id: int | None):
    """The organisation's site with this id, None for none; another organisation's is refused."""
    if not site_id:
        return None
    site = organisation.sites.filter(pk=site_id).first()
    if site is None:
        raise ValidationError({"site_id": _("The site belongs to another organisation.")})
    return site


def update_listing(actor, listing: Listing, **fields) -> Listing:
    require(actor, "symbiosis.change_listing", listing)
    return save_listing_changes(actor, listing, fields, LISTING_FIELDS)


def save_listing_changes(actor, listing: Listing, fields: dict, allowed) -> Listing:
    """Set, check, save and audit a listing's changes; the caller has checked the actor."""
    # Listings imported or made by the demo may have no recorded author.
    return write(
        actor,
        listing,
        fields,
        allowed,
        prepare=normalise,
        programme=listing.programme,
        exclude=["created_by"],
    )


def set_listing_status(actor, listing: Listing, status: str) -> Listing:
    require(actor, "symbiosis.change_listing", listing)
    # a listing expires by itself (symbiosis.expiry) and comes back by renewal
    if status not in Listing.Status.values or status == Listing.Status.EXPIRED:
        raise ValidationError({"status": _("Unknown status.")})

    if status == Listing.Status.PUBLISHED and is_past_its_end(listing):
        return renew_listing(actor, listing, publish=True)  # publishing a stale one renews it
    before = listing.status
    with transaction.atomic():
        listing.status = status
        listing.save(update_fields=["status", "updated_at"])
        record(actor, "status", listing, {"status": [before, status]}, programme=listing.programme)
        if status == Listing.Status.PUBLISHED and before != status:
            match_published_listing(listing)
    return listing


def add_attachment(actor, listing: Listing, upload) -> ListingAttachment:
    """A photo (.png, .jpg) or document (.pdf), checked by type, content and size."""
    require(actor, "symbiosis.change_listing", listing)
    upload = checked_upload(upload, allowed=ATTACHMENT_TYPES, max_bytes=settings.MAX_UPLOAD_BYTES)
    suffix = Path(upload.name).suffix.lower()
    kind = ListingAttachment.Kind.IMAGE if suffix in IMAGES else ListingAttachment.Kind.DOCUMENT
    if listing.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": _("A listing has at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}}
        )
    attachment = ListingAttachment(
        listing=listing,
        kind=kind,
        original_name=Path(upload.name).name[:255],
        size=upload.size,  # of the stored, cleaned file
        uploaded_by=actor,
    )
    with transaction.atomic():
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        record_created(actor, attachment, programme=listing.programme)
    return attachment


def delete_attachment(actor, attachment: ListingAttachment) -> None:
    require(actor, "symbiosis.change_listing", attachment.listing)
    with transaction.atomic():
        record_deleted(actor, attachment, programme=attachment.listing.programme)
        name = attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.storage.delete(name))


def create_offer_from_waste_stream(
    actor,
    *,
    organisation,
    programme,
    code: str,
    quantity_t_per_year: float,
    site=None,
    title: str = "",
) -> Listing:
    """A draft offer from a firm's inventory waste stream; code, quantity, site carried over."""
    knowledge = engine.default_knowledge()
    entry = knowledge.waste_codes.get(normalise_waste_code(code or "") or "")
    name = title or (entry.description_tr or entry.description_en if entry else code)
    return create_listing(
        actor,
        organisation,
        programme,
        kind=Listing.Kind.OFFER,
        title=name[:200],
        waste_code=code,
        quantity=quantity_t_per_year,
        unit=Listing.Unit.TONNE,
        frequency=Listing.Frequency.YEAR,
        site=site,
    )


# Matching ---------------------------------------------------------------------------------


def _published(programme):
    return Listing.objects.filter(
        programme=programme, status=Listing.Status.PUBLISHED
    ).select_related("organisation", "site")


def matches_for(listing: Listing, top: int = 10) -> list[engine.Match]:
    """The best listings of the other kind for ``listing``, computed now."""
    other = once(
        ("symbiosis.published", listing.programme_id, listing.kind),
        lambda: list(_published(listing.programme_id).exclude(kind=listing.kind)),
    )
    knowledge = engine.default_knowledge()
    matcher = engine.Matcher(profiles(other), knowledge)
    found = matcher.query(engine.read_listing(to_engine(listing), knowledge), top)
    return within_reach(found, {o.pk: o for o in [listing, *other]})


def start_match_run(actor, programme) -> MatchRun:
    require(actor, "symbiosis.run_matching", programme)
    with transaction.atomic():
        job = jobs.start_job("symbiosis.match_run", created_by=actor, programme=programme)
        run = MatchRun.objects.create(programme=programme, job=job, started_by=actor)
        record_created(actor, run, programme=programme)
        enqueue("symbiosis.tasks.run_matching", run.pk)
    return run


def execute_match_run(run: MatchRun, top: int = 10) -> MatchRun:
    """Match every published offer of the programme, store the ranking and the allocation."""
    listings = list(_published(run.programme))
    found = profiles(listings)
    job_id = run.job_id

    def progress(done, total):
        if job_id:
            jobs.report_progress(job_id, done, total)

    by_id = {item.pk: item for item in listings}
    ranked = engine.match_all(found, top=top, progress=progress)
    ranked = {key: within_reach(ms, by_id) for key, ms in ranked.items()}
    flat = [m for ms in ranked.values() for m in ms]
    allocation = {(a.offer_id, a.want_id): a.tonnes for a in engine.allocate_matches(found, flat)}
    with transaction.atomic():
        MatchResult.objects.bulk_create(
            MatchResult(
                run=run,
                offer_id=int(m.offer_id),
                want_id=int(m.want_id),
                rank=rank,
                score=m.score,
                distance_km=m.distance_km,
                reasons=[list(r) for r in m.reasons],
                allocated_t=allocation.get((m.offer_id, m.want_id), 0.0),
            )
            for ms in ranked.values()
            for rank, m in enumerate(ms, 1)
        )
        run.offers = sum(1 for p in found if p.listing.kind == "offer")
        run.wants = len(found) - run.offers
        run.pairs = len(flat)
        run.allocated_t = round(sum(allocation.values()), 3)
        run.finished_at = timezone.now()
        run.save()
    if job_id:
        jobs.finish_job(job_id, {"pairs": run.pairs, "allocated_t": run.allocated_t})

    alert_run(run)  # new matches to their firms (symbiosis.alerts)
    return run


# Synergies --------------------------------------------------------------------------------

TRANSITIONS = {
    Synergy.State.IDENTIFIED: {Synergy.State.CONTACTED, Synergy.State.DROPPED},
    Synergy.State.CONTACTED: {Synergy.State.NEGOTIATING, Synergy.State.DROPPED},
    Synergy.State.NEGOTIATING: {Synergy.State.AGREED, Synergy.State.DROPPED},
    Synergy.State.AGREED: {Synergy.State.ACTIVE, Synergy.State.DROPPED},
    Synergy.State.ACTIVE: {Synergy.State.ENDED, Synergy.State.DROPPED},
    Synergy.State.ENDED: set(),
    Synergy.State.DROPPED: set(),
}


def _members(organisation):
    return [
        m.user for m in Membership.objects.filter(organisation=organisation).select_related("user")
    ]


def _side_of(actor, synergy) -> str | None:
    if is_member_of(actor, synergy.offer):
        return "offer"
    if is_member_of(actor, synergy.want):
        return "want"
    return None


def express_interest(actor, offer: Listing, want: Listing) -> Synergy:
    """A side says it wants to be introduced; the other side is told without learning who asks."""
    if (
        offer.kind != Listing.Kind.OFFER
        or want.kind != Listing.Kind.WANT
        or offer.programme_id != want.programme_id
    ):
        raise ValidationError({"want": _("Pick an offer and a want of the same programme.")})
    for listing in (offer, want):
        require(actor, "symbiosis.view_listing", listing)
    match = engine.explain(*profiles([offer, want]), engine.default_knowledge())
    if match.score <= 0 or offer.organisation_id == want.organisation_id:
        raise ValidationError({"want": _("These listings do not match.")})
    with transaction.atomic():
        synergy, created = Synergy.objects.get_or_create(
            offer=offer,
            want=want,
            defaults={
                "programme": offer.programme,
                "created_by": actor,
                "score": match.score,
                "distance_km": match.distance_km,
                "reasons": [list(r) for r in match.reasons],
            },
        )
        if created:
            record_created(actor, synergy, programme=offer.programme)
        return agree_to_introduction(actor, synergy)


def agree_to_introduction(actor, synergy: Synergy) -> Synergy:
    side = _side_of(actor, synergy)
    if side is None:
        raise PermissionDenied
    field = f"{side}_side_agrees"
    with transaction.atomic():
        states.lock_row(synergy, "offer_side_agrees", "want_side_agrees", "state")
        if getattr(synergy, field):
            return synergy  # agreed already: no second audit entry or notification
        setattr(synergy, field, True)
        synergy.save(update_fields=[field])
        record(
            actor,
            "agreed_to_introduction",
            synergy,
            {field: [False, True]},
            programme=synergy.programme,
        )
        other = synergy.want if side == "offer" else synergy.offer
        if synergy.introduced:
            notify(
                _members(synergy.offer.organisation) + _members(synergy.want.organisation),
                lambda: _("You have been introduced: %(title)s") % {"title": str(synergy)},
                url=f"/symbiosis/synergies/{synergy.pk}/",
            )
            if synergy.state == Synergy.State.IDENTIFIED:
                synergy = transition_synergy(actor, synergy, Synergy.State.CONTACTED)
        else:
            notify(
                _members(other.organisation),
                lambda: (
                    _("A firm is interested in your listing “%(title)s”") % {"title": other.title}
                ),
                url=f"/symbiosis/synergies/{synergy.pk}/",
            )
    return synergy


def _synergy_guard(synergy: Synergy, to: str) -> str | None:
    if to not in (Synergy.State.DROPPED, Synergy.State.CONTACTED) and not synergy.introduced:
        return _("Both firms must agree to be introduced first.")
    return None


def _synergy_check(synergy: Synergy, to: str, details: dict) -> None:
    if to == Synergy.State.DROPPED and not details.get("reason", "").strip():
        raise ValidationError({"reason": _("Say why the synergy is dropped.")})


def _synergy_apply(synergy: Synergy, to: str, actor, details: dict) -> list[str]:
    dropped = to == Synergy.State.DROPPED
    synergy.dropped_reason = details.get("reason", "").strip() if dropped else ""
    if to == Synergy.State.ENDED:
        # an ended synergy's exchanges stop counting at this date
        synergy.ended_on = details.get("ended_on") or timezone.localdate()
        return ["dropped_reason", "ended_on"]
    return ["dropped_reason"]


def _synergy_after(synergy: Synergy, before: str, to: str, actor) -> None:
    register_synergy(synergy)
    if synergy.introduced:
        recipients = _members(synergy.offer.organisation) + _members(synergy.want.organisation)
        notify(
            [u for u in recipients if u != actor],
            lambda: (
                _("Synergy “%(s)s” is now %(state)s")
                % {"s": str(synergy), "state": synergy.get_state_display()}
            ),
            url=f"/symbiosis/synergies/{synergy.pk}/",
        )


SYNERGY_STATES = states.register(
    states.StateMachine(
        model=Synergy,
        field="state",
        moves=TRANSITIONS,
        perm="symbiosis.change_synergy",
        guard=_synergy_guard,
        check=_synergy_check,
        apply=_synergy_apply,
        after=_synergy_after,
        refusal=gettext_lazy("A synergy cannot go from %(a)s to %(b)s."),
    )
)


def transition_synergy(
    actor, synergy: Synergy, to_state: str, reason: str = "", ended_on: dt.date | None = None
) -> Synergy:
    """The one way a synergy changes state: checks, audit log, notification."""
    extra = {"ended_on": ended_on} if ended_on else {}
    return states.transition(synergy, to_state, actor=actor, reason=reason, **extra)


def record_exchange(actor, synergy: Synergy, date: dt.date, tonnes: float, **evidence) -> Exchange:
    """A delivery with its evidence (see ``dekvep.symbiosis.exchanges``)."""
    return exchanges.record(actor, synergy, date, tonnes, **evidence)


YEAR = dt.timedelta(days=365)


def tonnes_a_year(synergy: Synergy) -> float:
    """The synergy's yearly flow: what was exchanged in the twelve months up to its latest
    exchange, or, before any exchange, the smaller of the tonnes a year offered and wanted."""
    latest = synergy.exchanges.aggregate(d=Max("date"))["d"]
    if latest is None:
        return min(synergy.offer.tonnes_per_year, synergy.want.tonnes_per_year)
    window = synergy.exchanges.filter(date__gt=latest - YEAR)
    return window.aggregate(t=Sum("tonnes"))["t"] or 0.0


def synergy_impact(synergy: Synergy) -> engine.Impact:
    """Impact of a year of the synergy's flow (see ``tonnes_a_year``)."""
    tonnes = tonnes_a_year(synergy)
    return engine.exchange_impact(
        tonnes,
        synergy.offer.material or None,
        synergy.distance_km,
        synergy.offer.hazardous,
        process=synergy.receiving_process or None,
        baseline_route=synergy.baseline_route,
    )


def programme_impact(programme) -> engine.Impact:
    """Totals of the synergies that are agreed, active or ended — the programme's figures."""
    live = Synergy.objects.filter(
        programme=programme, state__in=["agreed", "active", "ended"]
    ).select_related("offer", "want")
    return engine.total_impact([synergy_impact(s) for s in live])


def visible_synergies(user, programme=None):
    orgs = member_organisation_ids(user)
    query = (
        Q(offer__organisation_id__in=orgs)
        | Q(want__organisation_id__in=orgs)
        | Q(programme_id__in=staff_programme_ids(user))
    )
    found = Synergy.objects.filter(query).select_related(
        "offer__organisation", "want__organisation"
    )
    return found.filter(programme=programme) if programme else found
