"""Throttling of failed logins (and other guessable lookups) with the cache."""

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, ident: str) -> str:
    return f"throttle:{scope}:{ident.lower()}"


def is_throttled(scope: str, ident: str, limit: int | None = None) -> bool:
    return cache.get(_key(scope, ident), 0) >= (limit or settings.LOGIN_FAILURE_LIMIT)


def record_failure(scope: str, ident: str, window: int | None = None) -> int:
    key = _key(scope, ident)
    window = window or settings.LOGIN_FAILURE_WINDOW
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        return 1


def reset(scope: str, ident: str) -> None:
    cache.delete(_key(scope, ident))


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
