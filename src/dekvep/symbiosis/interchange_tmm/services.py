"""The state changes and downloads of the interchange, each with its permission check."""

from __future__ import annotations

from django.http import HttpResponse

from dekvep.core.audit import record
from dekvep.core.formatting import language_of
from dekvep.core.permissions import require
from dekvep.symbiosis.models import Listing

from .reader import Imported, import_file
from .writer import export_csv, export_zip

FORMATS = ("zip", "csv")


def programme_listings(actor, programme):
    """The programme's published listings, for its staff to push to the marketplace.

    Drafts stay out, those entered at a workshop table too: a firm publishes a listing once it
    has checked it, and only then may it leave the platform.
    """
    require(actor, "symbiosis.view_programme_board", programme)
    return Listing.objects.filter(programme=programme, status=Listing.Status.PUBLISHED)


def programme_download(actor, programme, fmt: str = "zip", lang: str = "tr", photo_url=None):
    """The whole programme's listings in one file (ZIP with photos, or CSV), audited."""
    listings = programme_listings(actor, programme)
    lang = language_of(lang)
    if fmt == "csv":
        body = "\ufeff" + export_csv(listings, lang, photo_url)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        fmt = "zip"
        response = HttpResponse(export_zip(listings, lang), content_type="application/zip")
    name = f"{programme.slug}-{'pazaryeri' if lang == 'tr' else 'marketplace'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    record(
        actor,
        "exported",
        programme,
        {"marketplace_listings": [None, listings.count()]},
        programme=programme,
    )
    return response


def import_listings(actor, organisation, programme, data: bytes) -> Imported:
    """Draft listings of ``organisation`` from a marketplace file (see ``reader``)."""
    require(actor, "symbiosis.change_listing", organisation)
    return import_file(actor, organisation, programme, data)
