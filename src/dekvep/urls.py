from django.urls import include, path

from dekvep.api import api
from dekvep.core.views import healthz

handler403 = "dekvep.web.views.permission_denied"
handler404 = "dekvep.web.views.page_not_found"
handler500 = "dekvep.web.views.server_error"

# Uploaded files are never served from the media folder directly: every download goes through a
# view that checks the user may see the object the file belongs to.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", api.urls),
    path("", include("dekvep.web.urls")),
    path("", include("dekvep.core.urls")),
    path("", include("dekvep.events.public_urls")),
    path("catalog/", include("dekvep.catalog.urls")),
    path("calls/", include("dekvep.calls.urls")),
    path("assessment/", include("dekvep.assessment.urls")),
    path("symbiosis/", include("dekvep.symbiosis.urls")),
    path("roadmaps/", include("dekvep.roadmaps.urls")),
    path("roadmaps/", include("dekvep.plans.urls")),
    path("events/", include("dekvep.events.urls")),
    path("impact/", include("dekvep.impact.urls")),
    path("readiness/", include("dekvep.readiness.urls")),
]
