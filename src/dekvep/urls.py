from importlib import import_module

from django.conf import settings
from django.urls import include, path
from django.views.static import serve

from dekvep.api import api
from dekvep.core.views import healthz

handler403 = "dekvep.web.views.permission_denied"
handler404 = "dekvep.web.views.page_not_found"
handler500 = "dekvep.web.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", api.urls),
    path("", include("dekvep.web.urls")),
    path("", include("dekvep.core.urls")),
    path("", include("dekvep.events.public_urls")),
]

# Each domain app serves its pages under its own prefix when it has them.
APP_PREFIXES = [
    ("catalog/", "dekvep.catalog.urls"),
    ("calls/", "dekvep.calls.urls"),
    ("assessment/", "dekvep.assessment.urls"),
    ("symbiosis/", "dekvep.symbiosis.urls"),
    ("roadmaps/", "dekvep.roadmaps.urls"),
    ("events/", "dekvep.events.urls"),
    ("impact/", "dekvep.impact.urls"),
]
for prefix, module_path in APP_PREFIXES:
    try:
        import_module(module_path)
    except ModuleNotFoundError as error:
        if error.name != module_path:
            raise
        continue
    urlpatterns.append(path(prefix, include(module_path)))

if settings.DEBUG or settings.TESTING:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
