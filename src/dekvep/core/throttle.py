"""Throttling of failed attempts (logins, certificate codes) with exponential back-off.

A hard lock after N failures hands the lock to whoever can fail N times, so instead each
failure past a free allowance makes the next attempt wait twice as long as the one before,
up to a cap. The counts live in the Django cache so that every web process sees them: with
``CACHE_URL`` (Redis) they are shared; the in-memory default counts per process only and is
for a single process (the embedded default, tests).

The client is the address the trusted proxies saw (``TRUSTED_PROXY_COUNT``), never a value
the client itself put into ``X-Forwarded-For``.
"""

import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.signing import BadSignature, Signer


@dataclass(frozen=True)
class Policy:
    """How many failures are free, the first wait, the longest wait, and the memory."""

    free: int
    base: int = 30
    cap: int = 900
    window: int = 3600


def _count_key(scope: str, ident: str) -> str:
    return f"throttle:{scope}:{ident.lower()}"


def _until_key(scope: str, ident: str) -> str:
    return f"throttle-until:{scope}:{ident.lower()}"


def default_policy() -> Policy:
    return Policy(free=settings.LOGIN_FAILURE_LIMIT, cap=settings.LOGIN_FAILURE_WINDOW)


def wait_seconds(scope: str, ident: str) -> int:
    """Seconds until ``ident`` may try again in ``scope`` (0: now)."""
    until = cache.get(_until_key(scope, ident))
    if not until:
        return 0
    return max(0, int(until - time.time() + 0.999))


def is_throttled(scope: str, ident: str, policy: Policy | None = None) -> bool:
    return wait_seconds(scope, ident) > 0


def record_failure(scope: str, ident: str, policy: Policy | None = None) -> int:
    """Count one failure (atomically in Redis); past the free ones, set the next wait."""
    policy = policy or default_policy()
    key = _count_key(scope, ident)
    if cache.add(key, 1, policy.window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, policy.window)
            count = 1
        cache.touch(key, policy.window)
    if count >= policy.free:
        delay = min(policy.cap, policy.base * 2 ** min(count - policy.free, 20))
        cache.set(_until_key(scope, ident), time.time() + delay, max(delay, 1))
    return count


def reset(scope: str, ident: str) -> None:
    cache.delete_many([_count_key(scope, ident), _until_key(scope, ident)])


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies the
    address the outermost trusted proxy received the request from.

    Each proxy appends the address it saw to ``X-Forwarded-For``, so with N trusted proxies the
    client is the N-th entry from the right; anything further left was written by the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [a for a in forwarded if a] + [remote]
    candidate = chain[-(count + 1)] if len(chain) > count else chain[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


# Logins ----------------------------------------------------------------------------------

# One client guessing one account's password: few free tries.
LOGIN_PAIR = "login"
# One account from anywhere: more free tries, a shorter longest wait, and none at all for a
# browser that has logged into the account before (its known-device cookie).
LOGIN_ACCOUNT = "login-account"
# One client across accounts (spraying).
LOGIN_CLIENT = "login-ip"

KNOWN_DEVICE_COOKIE = "dekvep_device"
KNOWN_DEVICE_AGE = 60 * 60 * 24 * 180
_signer = Signer(salt="dekvep.known-device")


def login_policies() -> dict[str, Policy]:
    limit = settings.LOGIN_FAILURE_LIMIT
    cap = settings.LOGIN_FAILURE_WINDOW
    return {
        LOGIN_PAIR: Policy(free=limit, cap=cap),
        LOGIN_ACCOUNT: Policy(free=limit * 4, base=10, cap=min(cap, 300)),
        LOGIN_CLIENT: Policy(free=limit * 10, cap=cap),
    }


def _login_keys(email: str, ip: str, known_device: bool) -> dict[str, str]:
    keys = {LOGIN_PAIR: f"{email}|{ip}", LOGIN_CLIENT: ip or "-"}
    if not known_device:
        keys[LOGIN_ACCOUNT] = email
    return keys


def login_wait(email: str, ip: str, known_device: bool = False) -> int:
    return max(wait_seconds(s, k) for s, k in _login_keys(email, ip, known_device).items())


def login_failed(email: str, ip: str) -> None:
    policies = login_policies()
    for scope, ident in _login_keys(email, ip, False).items():
        record_failure(scope, ident, policies[scope])


def login_succeeded(email: str, ip: str) -> None:
    reset(LOGIN_PAIR, f"{email}|{ip}")


def device_cookie_value(email: str) -> str:
    return _signer.sign(email.lower())


def is_known_device(request, email: str) -> bool:
    value = request.COOKIES.get(KNOWN_DEVICE_COOKIE, "") if request else ""
    try:
        return bool(value) and _signer.unsign(value) == email.lower()
    except BadSignature:
        return False
