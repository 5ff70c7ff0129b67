import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from dekvep.core.throttle import client_ip


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy: no inline script, no third-party origin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/docs"):
            return response  # the OpenAPI viewer needs its own inline bootstrap
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class UserLanguageMiddleware:
    """A logged-in user's preferred language applies until they pick another with the switcher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = user.preferred_language
                translation.activate(user.preferred_language)
        return self.get_response(request)


def _refusal(request, status: int, code: str, message: str, retry_after: int | None = None):
    """A refusal in the API's error format under /api/, as a short page elsewhere."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": code, "message": message, "errors": []}, status=status)
    else:
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _matches(rules, request):
    for method, pattern, *rest in rules:
        if method in (request.method, "*") and re.match(pattern, request.path):
            yield pattern, rest


class AbuseGuardMiddleware:
    """Limits for endpoints anyone may call: a body larger than the path's limit is refused from
    its Content-Length before anything reads it (413), and each client may make a path's
    requests only so often (429 with Retry-After). Limits are in settings (``BODY_LIMITS``,
    ``RATE_LIMITS``); counts live in the cache, shared by the workers when it is Redis."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Before the locale middleware: answer in the language the request asks for.
        with translation.override(translation.get_language_from_request(request)):
            refused = self._refusal(request)
        return refused or self.get_response(request)

    def _refusal(self, request):
        for _pattern, (limit,) in _matches(settings.BODY_LIMITS, request):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                message = _("The request is %(size).1f MB; the limit is %(limit).1f MB.") % {
                    "size": length / 1e6,
                    "limit": limit / 1e6,
                }
                return _refusal(request, 413, "too_large", message)
        for pattern, (count, window) in _matches(settings.RATE_LIMITS, request):
            if self._hit(request, pattern, window) > count:
                message = _("Too many requests; try again in a few minutes.")
                return _refusal(request, 429, "too_many_requests", message, retry_after=window)
        return None

    @staticmethod
    def _hit(request, pattern: str, window: int) -> int:
        ident = hashlib.sha256(f"{pattern}|{client_ip(request)}".encode()).hexdigest()[:32]
        key = f"ratelimit:{ident}"
        if cache.add(key, 1, window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            return 1


def database_busy(request):
    """The answer when the database stays locked past the busy timeout: try again shortly."""
    message = _("The service is busy; please try again in a moment.")
    return _refusal(request, 503, "busy", message, retry_after=settings.DATABASE_BUSY_RETRY_AFTER)


def is_database_busy(error) -> bool:
    return isinstance(error, OperationalError) and "locked" in str(error).lower()


class DatabaseBusyMiddleware:
    """Turns a "database is locked" error (SQLite under a burst of writes) into a 503 with
    Retry-After instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_busy(exception):
            return database_busy(request)
        return None
