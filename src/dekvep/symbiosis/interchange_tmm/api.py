"""The interchange in the API, a router of its own under ``/api/symbiosis/``."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from dekvep.core.formatting import language_of
from dekvep.core.models import Organisation, Programme
from dekvep.symbiosis.schemas import ListingOut
from dekvep.symbiosis.selectors import present

from . import services

router = Router(tags=["symbiosis"])


class MarketplaceImportOut(Schema):
    listings: list[ListingOut]
    photos_attached: int
    photo_addresses_skipped: int


@router.get("/programmes/{pk}/marketplace.zip")
def programme_marketplace_zip(request, pk: int, lang: str = "tr"):
    """Every published listing of the programme, with photos, in the marketplace's fields."""
    programme = get_object_or_404(Programme, pk=pk)
    return services.programme_download(request.user, programme, "zip", lang)


@router.get("/programmes/{pk}/marketplace.csv")
def programme_marketplace_csv(request, pk: int, lang: str = "tr"):
    """The same listings as one CSV; photos are given as addresses on this platform."""
    programme = get_object_or_404(Programme, pk=pk)

    def photo_url(attachment) -> str:
        return request.build_absolute_uri(f"/api/symbiosis/attachments/{attachment.pk}")

    return services.programme_download(request.user, programme, "csv", lang, photo_url)


@router.post("/organisations/{pk}/marketplace/import", response={201: MarketplaceImportOut})
def import_marketplace(request, pk: int, programme_id: int):
    """Draft listings of the firm from a marketplace CSV, or a ZIP with the CSV and photos."""
    organisation = get_object_or_404(Organisation, pk=pk)
    programme = get_object_or_404(Programme, pk=programme_id)
    upload = request.FILES.get("file")
    data = upload.read() if upload else request.body
    result = services.import_listings(request.user, organisation, programme, data)
    return 201, {
        "listings": [present(request.user, item, lang=language_of()) for item in result.listings],
        "photos_attached": result.photos_attached,
        "photo_addresses_skipped": result.photo_addresses_skipped,
    }
