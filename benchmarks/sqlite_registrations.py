"""300 concurrent public registrations against a live server on the embedded SQLite database.

The default set-up (no DATABASE_URL) must answer every one without a server error: WAL mode,
IMMEDIATE transactions and a busy timeout; should the database still stay locked, the answer is
503 with Retry-After, never 500. Starts gunicorn (2 workers x 8 threads) on a scratch database:

    .venv/bin/python benchmarks/sqlite_registrations.py
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PEOPLE = int(os.environ.get("PEOPLE", "300"))
THREADS = int(os.environ.get("THREADS", "50"))
PORT = int(os.environ.get("PORT", "8102"))
BIN = Path(sys.executable).parent


def _env(var_dir: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DEBUG="1",
        VAR_DIR=var_dir,
        REGISTRATION_RATE_LIMIT="1000000",  # one client sends them all here
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


SETUP = """
import datetime
from django.utils import timezone
from dekvep.core.models import Organisation, Programme
from dekvep.events.models import Event, Session
operator = Organisation.objects.create(name="Benchmark operator", kind="operator")
programme = Programme.objects.create(name="Benchmark", slug="bench", operator=operator,
    starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2030, 12, 31))
start = timezone.now() + datetime.timedelta(days=10)
event = Event.objects.create(programme=programme, kind="seminar", title="Benchmark seminar",
    place="Hall", starts_at=start, ends_at=start + datetime.timedelta(hours=3), capacity=100,
    registration_opens=timezone.now() - datetime.timedelta(days=1), registration_closes=start,
    total_hours=3)
Session.objects.create(event=event, title="S", starts_at=start, ends_at=event.ends_at, hours=3)
print(event.pk)
"""


def _post(url: str, n: int) -> int:
    body = json.dumps(
        {"full_name": f"Kişi {n}", "email": f"kisi{n}@bench.example", "consent": True}
    ).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait(port: int, server) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("the server did not start")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
    raise RuntimeError("the server did not answer")


def run(people: int = PEOPLE, threads: int = THREADS, port: int = PORT) -> Counter:
    with tempfile.TemporaryDirectory(prefix="dekvep-sqlite-") as var_dir:
        env = _env(var_dir)
        subprocess.run([BIN / "dekvep", "migrate", "-v0"], env=env, check=True)
        made = subprocess.run(
            [BIN / "dekvep", "shell", "-c", SETUP], env=env, check=True, capture_output=True
        )
        event_id = int(made.stdout.decode().strip().splitlines()[-1])
        server = subprocess.Popen(
            [BIN / "gunicorn", "dekvep.wsgi", "-w", "2", "--threads", "8"]
            + ["-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            env=env,
        )
        try:
            _wait(port, server)
            url = f"http://127.0.0.1:{port}/api/events/events/{event_id}/registrations"
            print("server up; registering", flush=True)
            with ThreadPoolExecutor(max_workers=threads) as pool:
                return Counter(pool.map(lambda n: _post(url, n), range(people)))
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def main() -> int:
    began = time.perf_counter()
    statuses = run()
    elapsed = time.perf_counter() - began
    errors = sum(n for status, n in statuses.items() if status >= 500 and status != 503)
    print(f"{PEOPLE} registrations, {THREADS} at a time, SQLite, {elapsed:.1f} s")
    print(f"answers: {dict(sorted(statuses.items()))}; server errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
