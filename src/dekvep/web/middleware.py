from django.conf import settings
from django.utils import translation


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
