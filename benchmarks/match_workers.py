"""A match run over PostgreSQL on real Celery workers: 1 worker process, then 2.

Creates the database ``dekvep_bench_workers`` (PostgreSQL on 127.0.0.1, user postgres), stores
synthetic listings (the generator of ``match_speed.py``) as one programme, then times

- the single process run (``execute_match_run``, no Celery), for reference,
- the partitioned run (``run_matching``) on ``dekvep worker --concurrency N`` for each N,
  from queueing the run to its job marked done, the worker on Redis database 13,

and checks each partitioned run stored exactly the single process run's results.

Run through ``match_speed.py --workers 1,2 [--db-size 10000]``.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
DATABASE = "dekvep_bench_workers"
# a Redis database of its own: no other worker on this machine takes these tasks
BROKER = "redis://127.0.0.1:6379/13"


def environment(parts: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "CELERY_BROKER_URL": BROKER,
        "DJANGO_SETTINGS_MODULE": "dekvep.settings",
        "SECRET_KEY": "match-workers-benchmark-only",
        "LOG_LEVEL": "WARNING",
        "MATCH_PARTITIONS": str(parts),
    }


def prepare(env: dict[str, str]) -> None:
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DATABASE}"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {DATABASE}"], check=True)
    migrate = [BIN / "dekvep", "migrate", "--no-input"]
    subprocess.run(migrate, env=env, check=True, capture_output=True)


def store_listings(n: int) -> int:
    """``n`` offers and ``n`` wants of the synthetic mix as published listings; the programme."""
    import datetime

    from match_speed import rows

    from dekvep.core.models import Organisation, Programme, Site
    from dekvep.symbiosis.models import Listing
    from dekvep.symbiosis.services import _normalise

    programme = Programme.objects.create(
        slug="bench-workers",
        name="Benchmark",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        operator=Organisation.objects.create(name="Operator", kind="operator"),
    )
    firms: dict[str, Organisation] = {}
    listings = []
    for row in rows(n, n):
        key, kind, firm, title, description, code, qty, unit, period, lat, lon, licence = row
        if firm not in firms:
            firms[firm] = Organisation.objects.create(name=firm, kind="manufacturer")
        site = Site(organisation=firms[firm], name=key, latitude=lat, longitude=lon)
        listing = Listing(
            programme=programme, organisation=firms[firm], site=site, kind=kind, title=title,
            description=description, waste_code=code, quantity=qty, unit=unit, frequency=period,
            hazardous_licence=licence == "yes", status=Listing.Status.PUBLISHED,
        )  # fmt: skip
        _normalise(listing)
        listings.append(listing)
    sites = Site.objects.bulk_create([item.site for item in listings], batch_size=2000)
    for item, site in zip(listings, sites, strict=True):
        item.site = site
    Listing.objects.bulk_create(listings, batch_size=2000)
    return programme.pk


def stored(run) -> list[tuple]:
    from dekvep.symbiosis.models import MatchResult

    rows = MatchResult.objects.filter(run=run).order_by("offer_id", "rank")
    return list(rows.values_list("offer_id", "want_id", "rank", "score", "allocated_t"))


def wait_ready(app, timeout: float = 120.0) -> None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if app.control.ping(timeout=1.0):
            return
    raise RuntimeError("the worker did not answer in time")


def timed_run(programme_id: int, concurrency: int, env: dict[str, str]) -> dict:
    """One partitioned run on a worker of ``concurrency`` processes started for it."""
    from dekvep.celery import app
    from dekvep.core import jobs
    from dekvep.core.models import Job
    from dekvep.symbiosis.models import MatchRun
    from dekvep.symbiosis.tasks import run_matching

    app.control.purge()
    command = [BIN / "dekvep", "worker", f"--concurrency={concurrency}", "--loglevel=WARNING"]
    command += ["--without-gossip", "--without-mingle", "--prefetch-multiplier=1"]
    before = _children_cpu()
    log = Path(tempfile.gettempdir()) / f"dekvep-bench-worker-{concurrency}.log"
    with log.open("w") as handle:
        worker = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        wait_ready(app)
        job = jobs.start_job("symbiosis.match_run")
        run = MatchRun.objects.create(programme_id=programme_id, job=job)
        start = time.perf_counter()
        run_matching.delay(run.pk)
        while True:
            job.refresh_from_db()
            if job.status in (Job.Status.DONE, Job.Status.FAILED):
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - start
        if job.status == Job.Status.FAILED:
            raise RuntimeError(f"the run failed: {job.message}")
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    # the worker's processes, start-up included, once they have all ended
    cpu = _children_cpu() - before
    return {"wall": elapsed, "cpu": cpu, "partitions": job.total, "run": run}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(n: int, workers: list[int], parts: int, reuse: bool = False) -> int:
    env = environment(parts)
    print(f"preparing {DATABASE}: {n:,} offers × {n:,} wants …", flush=True)
    if not reuse:
        prepare(env)
    os.environ.update(env)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import django

    django.setup()
    from dekvep.core.models import Programme
    from dekvep.symbiosis.models import MatchRun
    from dekvep.symbiosis.services import execute_match_run

    found = Programme.objects.filter(slug="bench-workers").first()
    if found and found.listings.count() != 2 * n:
        found.delete()
        found = None
    programme_id = found.pk if found else store_listings(n)
    MatchRun.objects.filter(programme_id=programme_id).delete()  # runs of an earlier time
    start, cpu = time.perf_counter(), time.process_time()
    plain = execute_match_run(MatchRun.objects.create(programme_id=programme_id))
    single, cpu = time.perf_counter() - start, time.process_time() - cpu
    expected = stored(plain)
    print(f"{os.cpu_count()} CPUs; {plain.pairs:,} ranked pairs, {plain.allocated_t:,.0f} t placed")
    print(
        "run | wall s | × faster than 1 worker | × faster than single process | "
        "CPU s (PostgreSQL's not counted) | same results"
    )
    print(
        f"single process, no Celery | {single:.1f} | | 1.00 | {cpu:.1f} | yes   (load {_load()})",
        flush=True,
    )
    figures = {}
    for concurrency in workers:
        r = timed_run(programme_id, concurrency, env)
        same = "yes" if stored(r["run"]) == expected else "NO"
        figures[concurrency] = r["wall"]
        first = figures[workers[0]]
        print(
            f"{r['partitions']} partitions on {concurrency} worker process(es) | {r['wall']:.1f} | "
            f"{first / r['wall']:.2f} | {single / r['wall']:.2f} | {r['cpu']:.1f} | {same}"
            f"   (load {_load()})",
            flush=True,
        )
    print(json.dumps({"single": single, "workers": figures}), flush=True)
    return 0


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"
