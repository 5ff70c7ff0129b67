"""The JSON API: one NinjaAPI, a router per app, one error format, pagination on every list.

Errors always look like
``{"code": "...", "message": "...", "errors": [{"field": ..., "message": ...}]}``.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from dekvep.core.services import user_for_api_key
from dekvep.web.middleware import database_busy, is_database_busy


class TokenAuth(HttpBearer):
    """``Authorization: Bearer dkv_...`` with a personal API token."""

    def authenticate(self, request, token):
        user = user_for_api_key(token)
        if user is not None:
            request.user = user
            return user
        return None


class SessionAuthAnyMethod(SessionAuth):
    """The browser's session cookie (CSRF is checked on unsafe methods)."""


authenticated = [TokenAuth(), SessionAuthAnyMethod()]
# Public endpoints pass ``auth=None``: the session user is still on ``request.user``.

api = NinjaAPI(
    title="DEKVEP API",
    version="1",
    description="Circular Economy and Resource Efficiency Platform",
    auth=authenticated,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def error_body(code: str, message: str, errors: list | None = None) -> dict:
    return {"code": code, "message": message, "errors": errors or []}


def _field_errors(error: DjangoValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"field": field, "message": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "message": message} for message in error.messages]


@api.exception_handler(DjangoValidationError)
def on_validation_error(request, exc):
    errors = _field_errors(exc)
    return api.create_response(
        request, error_body("invalid", errors[0]["message"], errors), status=400
    )


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc):
    errors = []
    for item in exc.errors:
        loc = [str(p) for p in item.get("loc", []) if p not in ("body", "query", "path", "payload")]
        errors.append({"field": ".".join(loc) or None, "message": item.get("msg", "")})
    message = _("The request is not valid.")
    return api.create_response(request, error_body("invalid", message, errors), status=422)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    message = _("You do not have permission to do this.")
    return api.create_response(request, error_body("forbidden", message), status=403)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, error_body("not_found", _("Not found.")), status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    message = _("Log in or send a valid API token.")
    return api.create_response(request, error_body("unauthenticated", message), status=401)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return api.create_response(
        request, error_body(str(exc.status_code), str(exc)), status=exc.status_code
    )


@api.exception_handler(OperationalError)
def on_database_error(request, exc):
    if is_database_busy(exc):
        return database_busy(request)
    raise exc


api.add_router("/core/", "dekvep.core.api.router")
api.add_router("/catalog/", "dekvep.catalog.api.router")
api.add_router("/calls/", "dekvep.calls.api.router")
api.add_router("/assessment/", "dekvep.assessment.api.router")
api.add_router("/symbiosis/", "dekvep.symbiosis.api.router")
api.add_router("/symbiosis/", "dekvep.symbiosis.marketplace_api.router")
api.add_router("/symbiosis/", "dekvep.symbiosis.conversation_api.router")
api.add_router("/symbiosis/", "dekvep.symbiosis.alerts_api.router")
api.add_router("/roadmaps/", "dekvep.roadmaps.api.router")
api.add_router("/roadmaps/", "dekvep.plans.api.router")
api.add_router("/roadmaps/", "dekvep.plans.monitoring_api.router")
api.add_router("/events/", "dekvep.events.api.router")
api.add_router("/impact/", "dekvep.impact.api.router")
api.add_router("/readiness/", "dekvep.readiness.api.router")
api.add_router("/home/", "dekvep.web.home_api.router")
api.add_router("/public/", "dekvep.web.api.router")
api.add_router("/symbiosis/", "dekvep.symbiosis.map_api.router")
api.add_router("/symbiosis/", "dekvep.symbiosis.interchange_tmm.api.router")
