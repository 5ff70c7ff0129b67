"""Login throttling must hold across web processes: with a Redis cache it is shared."""

import os

import pytest
from django.core.cache import caches

from dekvep.core import throttle

REDIS_URL = os.environ.get("REDIS_URL")

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    caches._settings = None
    cache = caches.create_connection("default")
    cache.clear()
    yield cache
    cache.clear()


def test_it_shares_failed_login_counts_through_redis(redis_cache, settings):
    import redis

    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        throttle.record_failure("login", "someone@firm.example")
    assert throttle.is_throttled("login", "someone@firm.example")
    client = redis.Redis.from_url(REDIS_URL)
    keys = [k.decode() for k in client.keys("*throttle:login:someone@firm.example")]
    assert keys, "the failure counter lives in Redis, visible to every web process"
