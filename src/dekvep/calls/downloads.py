"""Files of applications, for the pages and the API alike."""

from django.http import FileResponse, Http404

from dekvep.core.permissions import get_visible

from .identity import download_name
from .models import Answer


def answer_file_response(request, pk) -> FileResponse:
    """An answer's uploaded file, to those who may see the application."""
    answer = get_visible(
        Answer.objects.select_related("application__call"),
        pk,
        request.user,
        "calls.view_application",
        of="application",
    )
    if not answer.file:
        raise Http404
    return FileResponse(answer.file.open("rb"), as_attachment=True, filename=download_name(answer))
