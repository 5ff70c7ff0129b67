"""What a user may list: listings and match results, with firms named as the viewer may see them."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from dekvep.core.i18n import bilingual
from dekvep.core.memo import once
from dekvep.core.models import Organisation, Participation
from dekvep.core.permissions import get_visible
from dekvep.core.rules import member_organisation_ids, staff_programme_ids
from dekvep.symbiosis import engine
from dekvep.symbiosis.geo_privacy import distance_km, shown_match_distance
from dekvep.symbiosis.identity import firm_name, introduced_organisation_ids
from dekvep.symbiosis.models import Listing, WorkshopTable
from dekvep.symbiosis.providers import served_programme_ids
from dekvep.text import normalise_waste_code


def visible_listings(user):
    """Published listings of the user's programmes, the user's own, and all for programme staff."""
    if not getattr(user, "is_authenticated", False):
        return Listing.objects.none()

    orgs = member_organisation_ids(user)
    programmes = Participation.objects.filter(organisation_id__in=orgs).values("programme_id")
    query = Q(organisation_id__in=orgs) | Q(programme_id__in=staff_programme_ids(user))
    query |= Q(status=Listing.Status.PUBLISHED, programme_id__in=programmes)

    query |= Q(status=Listing.Status.PUBLISHED, programme_id__in=served_programme_ids(user))
    return Listing.objects.filter(query).select_related("organisation", "site", "programme")


def search(
    listings, q: str = "", code: str = "", material: str = "", sector: str = "", kind: str = ""
):
    if q:
        for word in q.split():
            listings = listings.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if code and (normal := normalise_waste_code(code)):
        listings = listings.filter(waste_code=normal)
    if material:
        listings = listings.filter(material=material)
    if sector:
        listings = listings.filter(organisation__sector=sector)
    if kind:
        listings = listings.filter(kind=kind)
    return listings


def my_sites(user) -> list[tuple[float, float]]:
    """Coordinates of the sites of the user's organisations (or of the organisations themselves)."""
    orgs = Organisation.objects.filter(pk__in=member_organisation_ids(user)).prefetch_related(
        "sites"
    )
    points = []
    for org in orgs:
        sites = [(s.latitude, s.longitude) for s in org.sites.all()]
        if not sites and org.latitude is not None and org.longitude is not None:
            sites = [(org.latitude, org.longitude)]
        points.extend(sites)
    return points


def within_km(user, listings, km) -> list[tuple[Listing, float]]:
    """Listings within ``km`` of one of the user's sites, nearest first, with that distance."""
    if km is None or km <= 0:
        raise ValidationError({"near_km": _("Give a distance above zero.")})
    points = my_sites(user)
    if not points:
        raise ValidationError({"near_km": _("Your organisation has no site with coordinates.")})
    found = []
    introduced = introduced_organisation_ids(user)
    for listing in listings.select_related("site"):
        # Coarse (5 km cell, 5 km steps) for anonymous listings: the filter reveals no more.
        distance = distance_km(user, listing, points, introduced)
        if distance is not None and distance <= km:
            found.append((listing, distance))
    return sorted(found, key=lambda pair: (pair[1], -pair[0].pk))


def present(user, listing: Listing, introduced=None, lang: str = "en") -> dict:
    """A listing as the user may see it: the firm's name only to those entitled to it."""
    knowledge = engine.default_knowledge()
    material = knowledge.materials.get(listing.material)
    return {
        "id": listing.pk,
        "kind": listing.kind,
        "title": listing.title,
        "description": listing.description,
        "waste_code": listing.waste_code,
        "material": listing.material,
        "material_name": bilingual(material, "name", lang) if material else "",
        "quantity": listing.quantity,
        "unit": listing.unit,
        "frequency": listing.frequency,
        "tonnes_per_year": round(listing.tonnes_per_year, 3),
        "hazardous": listing.hazardous,
        "hazardous_licence": listing.hazardous_licence,
        "status": listing.status,
        "status_label": listing.get_status_display(),
        "firm": firm_name(user, listing, introduced),
        "own": listing.organisation_id in member_organisation_ids(user),
        "available_from": listing.available_from,
        "available_until": listing.available_until,
        "form": listing.form,
        **{name: getattr(listing, name) for name in Listing.ATTRIBUTE_FIELDS},
        # the chosen quality attributes as words of the reader's language
        "quality": [
            str(getattr(listing, f"get_{name}_display")())
            for name in Listing.ATTRIBUTE_FIELDS
            if getattr(listing, name)
        ],
        "temperature_c": listing.temperature_c,
        "capacity_process": listing.capacity_process,
        "capacity_process_name": (
            bilingual(knowledge.processes[listing.capacity_process], "name", lang)
            if listing.capacity_process in knowledge.processes
            else ""
        ),
        "logistics": listing.logistics,
        "price": listing.price,
        "workshop_table": listing.workshop_table_id,
        "distance_km": None,
        "service": listing.service,
        "service_label": listing.get_service_display() if listing.service else "",
        "service_provinces": list(listing.service_provinces or []),
    }


def presented_matches(user, listing: Listing, matches, lang: str = "en") -> list[dict]:
    ids = frozenset(int(m.want_id if listing.kind == "offer" else m.offer_id) for m in matches)
    others = once(
        ("symbiosis.listings", ids),
        lambda: {
            o.pk: o
            for o in Listing.objects.filter(pk__in=ids).select_related("organisation", "site")
        },
    )
    introduced = introduced_organisation_ids(user)
    out = []

    for rank, m in enumerate(matches, 1):
        other = others[int(m.want_id if listing.kind == "offer" else m.offer_id)]
        out.append(
            {
                "rank": rank,
                "score": m.score,
                "distance_km": shown_match_distance(
                    user, listing, other, m.distance_km, introduced
                ),
                "listing": present(user, other, introduced, lang),
                "reasons": [
                    {"key": r.key, "params": r.params, "text": engine.render_reason(r, lang)}
                    for r in m.reasons
                ],
            }
        )
    return out


def presented_attachments(user, listing: Listing) -> list[dict]:
    """Attachments with the name the user may see: the original only to those who know the firm."""
    named = firm_name(user, listing) == listing.organisation.name
    return [
        {
            "id": a.pk,
            "kind": a.kind,
            "name": a.original_name if named and a.original_name else a.public_name,
            "size": a.size,
            "url": reverse("symbiosis:attachment", args=[a.pk]),
        }
        for a in listing.attachments.all()
    ]


def load_workshop_table(user, pk: int) -> WorkshopTable:
    """A marketplace workshop's table, for those who run the programme's workshops."""
    return get_visible(
        WorkshopTable.objects.select_related("programme", "workshop"),
        pk,
        user,
        "symbiosis.run_workshop",
        of="programme",
    )
