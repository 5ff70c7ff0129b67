"""Turning stored listings into the engine's plain data."""

from dekvep.symbiosis import engine
from dekvep.symbiosis.models import Listing


def location(listing: Listing) -> tuple[float | None, float | None]:
    if listing.site_id:
        return listing.site.latitude, listing.site.longitude
    return listing.organisation.latitude, listing.organisation.longitude


def to_engine(listing: Listing) -> engine.Listing:
    latitude, longitude = location(listing)
    nace = (listing.organisation.nace_codes or [None])[0]
    return engine.Listing(
        id=str(listing.pk),
        kind=listing.kind,
        # by name, so that one firm registered twice under spellings of its name is still one
        organisation=listing.organisation.name or str(listing.organisation_id),
        title=listing.title,
        description=f"{listing.description} {listing.form}",
        waste_code=listing.waste_code or None,
        tonnes_per_year=listing.tonnes_per_year,
        latitude=latitude,
        longitude=longitude,
        hazardous=listing.hazardous,
        hazardous_licence=listing.hazardous_licence,
        available_from=listing.available_from,
        available_until=listing.available_until,
        material=listing.material or None,
        sector=nace,
        attributes=listing.attribute_ids(),
        temperature_c=listing.temperature_c,
        processes=(listing.capacity_process,) if listing.capacity_process else (),
    )


def profiles(listings) -> list[engine.Profile]:
    knowledge = engine.default_knowledge()
    return [engine.read_listing(to_engine(item), knowledge) for item in listings]
