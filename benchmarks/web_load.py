"""The web under load: gunicorn (2 workers) on PostgreSQL, driven from this machine only.

Three bounded scenarios against the demo programme, all to 127.0.0.1:

(a) anonymous registrations for one event, all at once, each confirmed by its e-mail link
    (double opt-in): places never oversold, no errors;
(b) firm users browsing the marketplace, their listings, matches and synergies;
(c) the programme manager's home, the funder's impact page and the figures behind it.

Prints p50/p95/p99 latency and errors per scenario, and the SQL queries each page issues.

    .venv/bin/python benchmarks/web_load.py            # creates dekvep_webload, loads the demo
    .venv/bin/python benchmarks/web_load.py --reuse    # the database from a previous run

Targets: p95 ≤ 300 ms for marketplace and home pages with 50 concurrent users;
registrations 0 oversold, 0 errors, p95 ≤ 1 s; no page over 30 queries.

A user reads a page before opening the next: each browsing user waits ``--think`` seconds
(uniformly between the two values, 1 to 3 by default, as load-testing tools model a reader)
between pages. ``--think 0,0`` sends every page as soon as the last one came back: 50 such users
keep both workers saturated, and the figures then measure the queue, not a page (a page of
S ms behind 50 waiting requests on 2 workers answers in about 25 × S ms).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "demo-DEKVEP-2022"


def environment(database: str) -> dict[str, str]:
    static = Path(tempfile.gettempdir()) / "dekvep-webload-static"
    return {
        **os.environ,
        "DATABASE_URL": database,
        "DEBUG": "0",
        "SECRET_KEY": "web-load-benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": BASE,
        "STATIC_ROOT": str(static),
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        # Every virtual user arrives from its own address behind one trusted proxy.
        "TRUSTED_PROXY_COUNT": "1",
        "DJANGO_SETTINGS_MODULE": "dekvep.settings",
    }


def prepare(database: str, env: dict[str, str]) -> None:
    name = urllib.parse.urlparse(database).path.lstrip("/")
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True)
    for command in (["migrate", "--no-input"], ["demo"], ["collectstatic", "--no-input"]):
        print(f"  dekvep {' '.join(command)} …", flush=True)
        subprocess.run([BIN / "dekvep", *command], env=env, check=True, capture_output=True)


class Visitor:
    """One browser: its own cookies and its own client address."""

    def __init__(self, number: int):
        # The server runs as in production behind TLS (secure cookies): the proxy header says
        # https, and this client sends the secure cookies back over the local plain connection.
        policy = http.cookiejar.DefaultCookiePolicy()
        policy.return_ok_secure = lambda cookie, request: True
        self.jar = http.cookiejar.CookieJar(policy)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"

    def request(self, path: str, data: dict | bytes | None = None, as_json: bool = False):
        """(status, seconds, body) of one request."""
        headers = {
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            "Accept-Language": "tr",
            "Referer": f"https://127.0.0.1:{PORT}/",
        }
        body = None
        if isinstance(data, dict):
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif data is not None:
            body = data
            headers["Content-Type"] = "application/json" if as_json else "text/plain"
        token = self.csrf()
        if token:
            headers["X-CSRFToken"] = token
        started = time.perf_counter()
        try:
            with self.opener.open(urllib.request.Request(BASE + path, body, headers)) as reply:
                text = reply.read().decode("utf-8", "replace")
                return reply.status, time.perf_counter() - started, text
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            return error.code, time.perf_counter() - started, text

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def log_in(self, email: str) -> None:
        status, _, page = self.request("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        data = {"username": email, "password": PASSWORD}
        if token:
            data["csrfmiddlewaretoken"] = token.group(1)
        status, _, page = self.request("/login/", data)
        if status != 200 or 'name="password"' in page:
            raise RuntimeError(f"could not log in as {email} ({status})")


def summary(
    label: str, timings: list[float], errors: int, target_ms: float, seconds: float = 0.0
) -> None:
    if not timings:
        print(f"{label}: no requests")
        return
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    p50, p95, p99 = (cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000)
    verdict = "meets" if p95 <= target_ms and not errors else "MISSES"
    print(
        f"{label}: {len(timings)} requests, p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
        f"p99 {p99:.0f} ms, {errors} errors ({verdict} p95 ≤ {target_ms:.0f} ms, 0 errors)"
    )
    if seconds:
        print(f"    {len(timings) / seconds:.1f} requests per second over {seconds:.1f} s")


def run_pool(workers: int, jobs) -> list:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return [outcome for batch in pool.map(lambda job: job(), jobs) for outcome in batch]


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def registration_event(places: int):
    """A seminar of the demo programme with ``places`` places, open for registration."""
    import datetime

    from django.utils import timezone

    from dekvep.core.models import Programme
    from dekvep.events.models import Event, Session

    start = timezone.now() + datetime.timedelta(days=10)
    event = Event.objects.create(
        programme=Programme.objects.order_by("pk").first(),
        kind="seminar",
        title="Yük testi semineri",
        place="Salon",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        capacity=places,
        registration_opens=timezone.now() - datetime.timedelta(days=1),
        registration_closes=start,
        total_hours=3,
    )
    Session.objects.create(event=event, title="S", starts_at=start, ends_at=event.ends_at, hours=3)
    return event


def registrations(people: int, places: int, spread: float) -> bool:
    """(a) everyone registers within ``spread`` seconds, then confirms from the e-mail."""
    from dekvep.events import tokens
    from dekvep.events.models import Registration

    event = registration_event(places)
    visitors = [Visitor(1000 + n) for n in range(people)]

    def register(n):
        time.sleep(random.uniform(0, spread))  # the announcement reaches people within seconds
        body = json.dumps(
            {
                "full_name": f"Katılımcı {n}",
                "email": f"katilimci{n}@example.org",
                "organisation_name": "Örnek Firma",
                "consent": True,
            }
        )
        status, seconds, _ = visitors[n].request(
            f"/api/events/events/{event.pk}/registrations", body.encode(), as_json=True
        )
        return [(status, seconds)]

    outcomes = run_pool(people, [lambda n=n: register(n) for n in range(people)])
    confirm = getattr(tokens, "confirm_token", None)
    pending = list(Registration.objects.filter(event=event, status="pending"))
    if confirm is not None:

        def confirm_one(n):
            time.sleep(random.uniform(0, spread))
            status, seconds, _ = visitors[n].request(
                f"/api/events/registration-confirmations/{confirm(pending[n])}", b"{}", as_json=True
            )
            return [(status, seconds)]

        outcomes += run_pool(people, [lambda n=n: confirm_one(n) for n in range(len(pending))])
    errors = sum(1 for status, _ in outcomes if status >= 400)
    summary(
        f"(a) {people} registrations + confirmations for {places} places, "
        f"arriving within {spread:.0f} s",
        [s for _, s in outcomes],
        errors,
        1000,
    )
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    waiting = Registration.objects.filter(event=event, status="waitlisted").count()
    oversold = max(confirmed - places, 0)
    print(f"    confirmed {confirmed}, wait-listed {waiting}, oversold {oversold}")
    return errors == 0 and oversold == 0


def own_listing_paths(email: str) -> list[str]:
    from dekvep.symbiosis.models import Listing

    listing = Listing.objects.filter(organisation__memberships__user__email=email).first()
    return [f"/symbiosis/listings/{listing.pk}/"] if listing else []


def thinking(think: tuple[float, float]) -> None:
    """A reader's pause between two pages."""
    if think[1] > 0:
        time.sleep(random.uniform(*think))


def pause_label(think: tuple[float, float]) -> str:
    if think[1] <= 0:
        return "no pause between pages"
    return f"{think[0]:g}–{think[1]:g} s between pages"


def visit(visitor, paths: list[str], rounds: int, think: tuple[float, float]) -> list:
    """(status, seconds) of each page, read one after the other ``rounds`` times."""
    outcomes = []
    for _ in range(rounds):
        for path in paths:
            thinking(think)
            outcomes.append(visitor.request(path)[:2])
    return outcomes


def browsing(users: int, rounds: int, think: tuple[float, float]) -> bool:
    """(b) firm users on their home, the marketplace, their listings, matches and synergies."""
    from dekvep.core.models import Membership

    pages = ["/", "/symbiosis/", "/symbiosis/mine/", "/symbiosis/synergies/"]
    emails = sorted(
        set(
            Membership.objects.filter(organisation__kind="manufacturer").values_list(
                "user__email", flat=True
            )
        )
    )
    visitors = []
    for n in range(users):
        email = emails[n % len(emails)]
        visitor = Visitor(n)
        visitor.log_in(email)
        visitors.append((visitor, pages + own_listing_paths(email)))

    started = time.perf_counter()
    outcomes = run_pool(users, [lambda v=v, p=p: visit(v, p, rounds, think) for v, p in visitors])
    errors = sum(1 for status, _ in outcomes if status >= 400)
    label = f"(b) {users} firm users browsing, {pause_label(think)}"
    summary(label, [s for _, s in outcomes], errors, 300, time.perf_counter() - started)
    return errors == 0


def dashboards(rounds: int, think: tuple[float, float]) -> bool:
    """(c) the manager's home and the funder's impact page, ten browsers each."""
    jobs = []
    for n, (email, paths) in enumerate(
        [("yonetici@dekvep.demo", ["/", "/impact/"]), ("fon@dekvep.demo", ["/", "/impact/"])] * 10
    ):
        visitor = Visitor(5000 + n)
        visitor.log_in(email)
        jobs.append(lambda v=visitor, p=paths: visit(v, p, rounds, think))
    started = time.perf_counter()
    outcomes = run_pool(len(jobs), jobs)
    errors = sum(1 for status, _ in outcomes if status >= 400)
    label = f"(c) manager and funder dashboards, {pause_label(think)}"
    summary(label, [s for _, s in outcomes], errors, 300, time.perf_counter() - started)
    return errors == 0


def queries_per_page() -> bool:
    """SQL queries of each role's main pages, counted in this process on the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dekvep.core.models import User

    pages = {
        "firma@dekvep.demo": ["/", "/symbiosis/", "/symbiosis/mine/", "/symbiosis/synergies/"],
        "yonetici@dekvep.demo": ["/", "/impact/", "/symbiosis/", "/calls/", "/events/"],
        "fon@dekvep.demo": ["/", "/impact/"],
        "analist@dekvep.demo": ["/", "/assessment/"],
    }
    worst = 0
    for email, paths in pages.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(email=email))
        for path in [*paths, *own_listing_paths(email)]:
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
            worst = max(worst, len(captured))
            print(f"    {email.split('@')[0]:<10} {path:<32} {len(captured):>3} queries ({status})")
    print(f"most queries on one page: {worst} (target ≤ 30)")
    return worst <= 30


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/dekvep_webload")
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument("--places", type=int, default=120)
    parser.add_argument("--spread", type=float, default=10.0, help="seconds of arrivals")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument(
        "--think",
        default="1,3",
        help="seconds a user reads a page before the next, between two values (0,0: none)",
    )
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split(","))
    env = environment(args.database)
    print(f"load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    if not args.reuse:
        prepare(args.database, env)
    server = subprocess.Popen(
        [BIN / "gunicorn", "dekvep.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}"]
        + ["--preload", "--timeout", "120", "--log-level", "warning"],
        env={**env, "PYTHONPATH": str(ROOT / "src")},
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{BASE}/healthz", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.5)
        setup_django(env)
        results = [
            registrations(args.registrations, args.places, args.spread),
            browsing(args.users, args.rounds, think),
            dashboards(args.rounds, think),
            queries_per_page(),
        ]
    finally:
        server.terminate()
        server.wait()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
