"""Listing attachments as files, for the pages and the API alike."""

from django.http import FileResponse

from dekvep.core.permissions import get_visible

from .models import ListingAttachment
from .selectors import presented_attachments

CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def attachment_response(request, pk) -> FileResponse:
    """The file, under the name the user may see, to those who may see the listing."""
    item = get_visible(
        ListingAttachment.objects.select_related("listing__organisation"),
        pk,
        request.user,
        "symbiosis.view_listing",
        of="listing",
    )
    shown = next(a for a in presented_attachments(request.user, item.listing) if a["id"] == pk)
    response = FileResponse(
        item.file.open("rb"),
        content_type=CONTENT_TYPES.get(item.suffix, "application/pdf"),
        as_attachment=item.kind == ListingAttachment.Kind.DOCUMENT,
        filename=shown["name"],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
