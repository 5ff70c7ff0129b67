"""What a user may list: listings and match results, with firms named as the viewer may see them."""

from django.db.models import Q

from dekvep.core.rules import member_organisation_ids, staff_programme_ids
from dekvep.symbiosis import engine
from dekvep.symbiosis.identity import firm_name, introduced_organisation_ids
from dekvep.symbiosis.models import Listing


def visible_listings(user):
    """Published listings of the user's programmes, the user's own, and all for programme staff."""
    if not getattr(user, "is_authenticated", False):
        return Listing.objects.none()
    from dekvep.core.models import Participation

    orgs = member_organisation_ids(user)
    programmes = Participation.objects.filter(organisation_id__in=orgs).values("programme_id")
    query = Q(organisation_id__in=orgs) | Q(programme_id__in=staff_programme_ids(user))
    query |= Q(status=Listing.Status.PUBLISHED, programme_id__in=programmes)
    return Listing.objects.filter(query).select_related("organisation", "site", "programme")


def search(
    listings, q: str = "", code: str = "", material: str = "", sector: str = "", kind: str = ""
):
    from dekvep.text import normalise_waste_code

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
        "material_name": (material.name_tr if lang == "tr" else material.name_en)
        if material
        else "",
        "quantity": listing.quantity,
        "unit": listing.unit,
        "frequency": listing.frequency,
        "tonnes_per_year": round(listing.tonnes_per_year, 3),
        "hazardous": listing.hazardous,
        "hazardous_licence": listing.hazardous_licence,
        "status": listing.status,
        "firm": firm_name(user, listing, introduced),
        "own": listing.organisation_id in member_organisation_ids(user),
        "available_from": listing.available_from,
        "available_until": listing.available_until,
    }


def presented_matches(user, listing: Listing, matches, lang: str = "en") -> list[dict]:
    ids = {int(m.want_id if listing.kind == "offer" else m.offer_id) for m in matches}
    others = {o.pk: o for o in Listing.objects.filter(pk__in=ids).select_related("organisation")}
    introduced = introduced_organisation_ids(user)
    out = []
    for rank, m in enumerate(matches, 1):
        other = others[int(m.want_id if listing.kind == "offer" else m.offer_id)]
        out.append(
            {
                "rank": rank,
                "score": m.score,
                "distance_km": m.distance_km,
                "listing": present(user, other, introduced, lang),
                "reasons": [
                    {"key": r.key, "params": r.params, "text": engine.render_reason(r, lang)}
                    for r in m.reasons
                ],
            }
        )
    return out
