"""Unmatched wastes become open-innovation challenges.

An offer published for the programme's number of days with no acceptable match (no match
scoring at least the programme's acceptable score, no synergy still alive) is proposed to the
staff; one click drafts a challenge in the programme's open-innovation call, worded so that it
names neither the firm nor its site: the material class, the waste code, a quantity band and
the province. The link back to the listing stays with the firm and the staff.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from dekvep.calls.models import Application, Call, Challenge
from dekvep.calls.services.setup import add_part
from dekvep.core.audit import diff, record, record_created, snapshot
from dekvep.core.formatting import format_number
from dekvep.core.i18n import pick
from dekvep.core.permissions import require
from dekvep.core.rules import is_programme_staff
from dekvep.symbiosis import engine
from dekvep.symbiosis.models import (
    ChallengeSettings,
    Listing,
    ListingChallenge,
    MatchRun,
    Synergy,
)
from dekvep.symbiosis.providers import province_of
from dekvep.symbiosis.services import matches_for

SETTINGS_FIELDS = ("unmatched_days", "acceptable_score", "call")
# Upper ends of the quantity bands (t a year): coarse enough not to single out a firm.
BANDS = (1, 10, 100, 1000, 10000)


def challenge_settings(programme) -> ChallengeSettings:
    """The programme's settings (unsaved defaults when it has chosen none)."""
    found = ChallengeSettings.objects.filter(programme=programme).select_related("call").first()
    return found or ChallengeSettings(programme=programme)


def update_challenge_settings(actor, programme, **fields) -> ChallengeSettings:
    require(actor, "symbiosis.change_challenge_settings", programme)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Unknown field.")})
    found = challenge_settings(programme)
    call = fields.get("call")
    if call is not None and (call.programme_id != programme.pk):
        raise ValidationError({"call": _("Choose a call of this programme.")})
    before = snapshot(found) if found.pk else {}
    for name, value in fields.items():
        setattr(found, name, value)
    found.full_clean()
    with transaction.atomic():
        created = found.pk is None
        found.save()
        if created:
            record_created(actor, found, programme=programme)
        else:
            record(actor, "updated", found, diff(before, snapshot(found)), programme=programme)
    return found


def open_innovation_calls(programme):
    return Call.objects.filter(programme=programme, kind=Call.Kind.OPEN_INNOVATION)


def target_call(programme) -> Call | None:
    """The call challenges go to: the one the programme chose, else its open open-innovation
    call; None when there is neither."""
    chosen = challenge_settings(programme).call
    if chosen is not None:
        return chosen
    now = timezone.now()
    return next((c for c in open_innovation_calls(programme) if c.is_open(now)), None)


def _matched_offer_ids(programme, offers, threshold: float) -> set[int]:
    """Offers with a match scoring at least ``threshold``: from the latest match run, or
    computed now for the offers published after it (or when there is no run)."""
    run = MatchRun.objects.filter(programme=programme, finished_at__isnull=False).first()
    matched: set[int] = set()
    if run is not None:
        matched = set(run.results.filter(score__gte=threshold).values_list("offer_id", flat=True))
    for offer in offers:
        if offer.pk in matched or (run is not None and offer.created_at <= run.created_at):
            continue
        if any(m.score >= threshold for m in matches_for(offer, top=3)):
            matched.add(offer.pk)
    return matched


def unmatched_offers(programme, now: dt.datetime | None = None) -> list[Listing]:
    """Published offers older than the programme's number of days, with no acceptable match,
    no live synergy and no challenge drafted yet; oldest first."""
    chosen = challenge_settings(programme)
    cutoff = (now or timezone.now()) - dt.timedelta(days=chosen.unmatched_days)
    alive = Synergy.objects.exclude(state=Synergy.State.DROPPED).values("offer_id")
    offers = list(
        Listing.objects.filter(
            programme=programme,
            kind=Listing.Kind.OFFER,
            status=Listing.Status.PUBLISHED,
            created_at__lte=cutoff,
        )
        .exclude(pk__in=alive)
        .exclude(challenge_links__isnull=False)
        .select_related("organisation", "site")
        .order_by("created_at", "pk")
    )
    matched = _matched_offer_ids(programme, offers, chosen.acceptable_score)
    return [offer for offer in offers if offer.pk not in matched]


def quantity_band(tonnes: float, language: str) -> str:
    """A range such as "10–100 t a year" that the firm's exact figure falls in."""
    low = 0
    for high in BANDS:
        if tonnes < high:
            return _("%(low)s–%(high)s t a year") % {
                "low": format_number(low, 0, language),
                "high": format_number(high, 0, language),
            }
        low = high
    return _("more than %(n)s t a year") % {"n": format_number(BANDS[-1], 0, language)}


def anonymised_text(listing: Listing, language: str) -> tuple[str, str]:
    """(title, description) in ``language``: material class, waste code, quantity band and
    province; never the firm, its site, or the listing's own words (they may name the firm)."""
    knowledge = engine.default_knowledge()
    material = knowledge.materials.get(listing.material)
    code = knowledge.waste_codes.get(listing.waste_code)
    with override(language):
        name = pick(material.name_tr, material.name_en, language) if material else ""
        code_text = pick(code.description_tr, code.description_en, language) if code else ""
        subject = name or code_text or _("an industrial by-product")
        title = _("A use for %(material)s nobody takes") % {"material": subject}
        lines = [_("Material: %(m)s") % {"m": name or _("not classified")}]
        if listing.waste_code:
            spaced = " ".join(listing.waste_code[i : i + 2] for i in range(0, 6, 2))
            star = "*" if listing.hazardous else ""
            shown = {"c": spaced, "s": star, "d": code_text}
            lines.append(_("Waste code: %(c)s%(s)s %(d)s") % shown)
        lines.append(
            _("Quantity: %(band)s") % {"band": quantity_band(listing.tonnes_per_year, language)}
        )
        province = province_of(listing)
        lines.append(_("Location: %(p)s province") % {"p": province or _("not given")})
        if listing.hazardous:
            lines.append(_("Hazardous: a licensed solution is needed."))
        lines.append(
            _(
                "A firm of the programme has found no taker for this material on the "
                "marketplace. Propose a way to recycle, treat or reuse it."
            )
        )
        return title[:200], "\n".join(str(line) for line in lines)


def draft_challenge(actor, listing: Listing, call: Call | None = None) -> Challenge:
    """Draft an anonymised challenge from an unmatched offer in ``call`` (default: the
    programme's call, see ``target_call``) and link it back to the offer."""
    programme = listing.programme
    require(actor, "symbiosis.draft_challenge", programme)
    call = call or target_call(programme)
    if call is None:
        raise ValidationError(
            {"call": _("No open-innovation call is open in this programme: choose a call.")}
        )
    if call.programme_id != programme.pk:
        raise ValidationError({"call": _("Choose a call of this programme.")})
    if listing.kind != Listing.Kind.OFFER:
        raise ValidationError({"listing": _("Only an offer becomes a challenge.")})
    if ListingChallenge.objects.filter(listing=listing).exists():
        raise ValidationError({"listing": _("A challenge was drafted from this listing already.")})
    title_tr, description_tr = anonymised_text(listing, "tr")
    title_en, description_en = anonymised_text(listing, "en")
    with transaction.atomic():
        challenge = add_part(
            actor,
            call,
            "challenge",
            firms=[listing.organisation],
            title_tr=title_tr,
            title_en=title_en,
            description_tr=description_tr,
            description_en=description_en,
            source=Challenge.Source.MARKETPLACE,
        )
        link = ListingChallenge.objects.create(
            listing=listing, challenge=challenge, created_by=actor
        )
        record_created(actor, link, programme=programme)
    return challenge


def listing_challenges(user, listing: Listing) -> list[dict]:
    """The challenges drafted from ``listing`` with the applications naming them, for the
    listing's firm and the staff (nobody else learns which listing a challenge came from)."""
    if not user.has_perm("symbiosis.view_listing_challenge", listing):
        return []

    staff = bool(is_programme_staff(user, listing.programme))
    out = []
    links = listing.challenge_links.select_related("challenge__call")
    for link in links:
        challenge = link.challenge
        proposals = (
            Application.objects.filter(challenges=challenge)
            .exclude(status=Application.Status.DRAFT)
            .order_by("reference")
        )
        out.append(
            {
                "id": challenge.pk,
                "title": challenge.title,
                "description": challenge.description,
                "call": challenge.call,
                "call_id": challenge.call_id,
                "call_title": challenge.call.title,
                "proposals": [
                    {
                        "id": a.pk,
                        "reference": a.reference,
                        "title": a.title,
                        # the decision stays with the staff until it is announced to the applicant
                        "status": a.status if staff else "",
                        "status_label": a.get_status_display() if staff else "",
                    }
                    for a in proposals
                ],
            }
        )
    return out
