"""Issue 10.1: nobody can lock others out by failing on purpose.

Behind a load balancer every request used to come from the proxy's address, so fifty made-up
logins locked out everyone, ten guessed certificate codes made real ones answer 429, and five
wrong passwords locked any named account.
"""

import pytest
from django.test import Client, RequestFactory

from dekvep.core import throttle
from tests.conftest import client_for
from tests.factories import PASSWORD

PROXY = "10.0.0.5"


def _client(ip: str | None = None) -> Client:
    """A browser behind the load balancer: the proxy connects, the client is forwarded."""
    headers = {"REMOTE_ADDR": PROXY, "HTTP_ACCEPT_LANGUAGE": "en"}
    if ip:
        headers["HTTP_X_FORWARDED_FOR"] = ip
    return Client(**headers)


def _login(client, email, password):
    client.post("/login/", {"username": email, "password": password})
    return "_auth_user_id" in client.session


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_it_takes_the_client_address_from_the_trusted_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert throttle.client_ip(request) == PROXY
    settings.TRUSTED_PROXY_COUNT = 1
    # The left entry was written by the client itself and is not believed.
    assert throttle.client_ip(request) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert throttle.client_ip(request) == "6.6.6.6"
    request = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    settings.TRUSTED_PROXY_COUNT = 1
    assert throttle.client_ip(request) == PROXY


def test_fifty_made_up_logins_from_one_client_do_not_lock_out_others(people, behind_proxy):
    attacker = _client("203.0.113.66")
    for n in range(60):
        attacker.post("/login/", {"username": f"nobody{n}@x.example", "password": "x"})
    assert not _login(attacker, people["manager"].email, PASSWORD)
    assert _login(_client("198.51.100.7"), people["manager"].email, PASSWORD)


def test_wrong_passwords_for_a_named_account_do_not_lock_its_owner(people, behind_proxy):
    email = people["manager"].email
    for n in range(30):
        _client(f"203.0.113.{n}").post("/login/", {"username": email, "password": "wrong"})
    # A browser the manager used before is not slowed by others' failures on the account.
    usual = _client("198.51.100.7")
    usual.cookies[throttle.KNOWN_DEVICE_COOKIE] = throttle.device_cookie_value(email)
    assert _login(usual, email, PASSWORD)
    # Elsewhere the account waits, but only for a bounded, growing time: not a lock.
    fresh = _client("198.51.100.8")
    fresh.post("/login/", {"username": email, "password": PASSWORD})
    assert "_auth_user_id" not in fresh.session
    assert throttle.login_wait(email, "198.51.100.8") <= 300


def test_a_successful_login_marks_the_browser_as_known(people, behind_proxy):
    client = _client("198.51.100.7")
    assert _login(client, people["manager"].email, PASSWORD)
    cookie = client.cookies[throttle.KNOWN_DEVICE_COOKIE].value
    assert cookie == throttle.device_cookie_value(people["manager"].email)
    forged = RequestFactory().get("/")
    forged.COOKIES[throttle.KNOWN_DEVICE_COOKIE] = people["manager"].email + ":forged"
    assert not throttle.is_known_device(forged, people["manager"].email)


def test_one_client_guessing_one_account_waits_longer_each_time(people, behind_proxy):
    email = people["firm_member"].email
    waits = []
    for _ in range(8):
        throttle.login_failed(email, "203.0.113.1")
        waits.append(throttle.wait_seconds(throttle.LOGIN_PAIR, f"{email}|203.0.113.1"))
    assert waits[:4] == [0, 0, 0, 0]
    assert waits[4] > 0 and waits[5] > waits[4] and waits[6] > waits[5]
    assert max(waits) <= 900


def test_guessed_certificate_codes_do_not_block_other_clients(people, behind_proxy):
    guesser = _client("203.0.113.66")
    for n in range(30):
        guesser.get(f"/api/events/verify/guess{n:020d}")
    assert guesser.get("/api/events/verify/guess99999999999999999999").status_code == 429
    other = _client("198.51.100.7")
    assert other.get("/api/events/verify/guess00000000000000000001").status_code == 404


def test_the_counts_live_in_the_shared_cache(settings):
    from django.core.cache import cache

    throttle.record_failure("login", "someone@firm.example")
    assert cache.get("throttle:login:someone@firm.example") == 1


def test_the_login_page_says_how_long_to_wait(people):
    client = client_for(None)
    for _ in range(5):
        client.post("/login/", {"username": people["funder"].email, "password": "wrong"})
    body = client.post(
        "/login/", {"username": people["funder"].email, "password": PASSWORD}
    ).content.decode()
    assert "Too many failed attempts. Please wait" in body and "seconds" in body
