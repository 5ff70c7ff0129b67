# ruff: noqa: E501  (data tables of the generator are kept one entry per line)
"""Speed of the symbiosis matching engine at national scale.

Generates synthetic Turkish/English listings across Türkiye's industrial provinces and measures:
- ``dekvep match`` (the command path: CSV read, checks, matching, CSV write) on 10k, 20k, 40k and
  80k offers × as many wants, each size in its own process: wall time, CPU time, peak memory
  (``resource.getrusage``) and the ratio to the size before,
- one new listing against 100,000 stored listings,
- network allocation over 1,000,000 candidate pairs,
- a naive all-pairs scorer on a sample, beside the indexed engine, for comparison.

With ``--workers 1,2`` instead: a match run over PostgreSQL split into partitions and ranked
by real Celery workers on Redis, 1 worker process then 2, beside the single process run
(``match_workers.py``; PostgreSQL and Redis on 127.0.0.1).

Run: .venv/bin/python benchmarks/match_speed.py [--quick] [--sizes 10000,20000]
     .venv/bin/python benchmarks/match_speed.py --workers 1,2 [--db-size 10000] [--partitions 16]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from dekvep.symbiosis.command import main as match_command
from dekvep.symbiosis.engine import (
    Listing,
    Matcher,
    allocate_arrays,
    default_knowledge,
    explain,
    read_listing,
)

# (province, latitude, longitude): industrial centres
PLACES = [
    ("İstanbul", 41.07, 28.80), ("Kocaeli", 40.78, 29.53), ("Tekirdağ", 41.16, 27.80), ("Bursa", 40.23, 28.86),
    ("İzmir", 38.47, 27.20), ("Manisa", 38.61, 27.40), ("Ankara", 39.97, 32.74), ("Konya", 37.93, 32.50),
    ("Kayseri", 38.72, 35.43), ("Gaziantep", 37.09, 37.36), ("Adana", 37.00, 35.32), ("Denizli", 37.80, 29.08),
    ("Eskişehir", 39.78, 30.52), ("Hatay", 36.70, 36.20), ("Sakarya", 40.76, 30.40), ("Kahramanmaraş", 37.58, 36.93),
]  # fmt: skip
OFFERS = [
    ("Pamuklu kumaş kırpıntısı", "Kesimhane kırpıntıları", "040222", "t", "month"),
    ("Polyester fabric offcuts", "PES cutting waste", "", "t", "month"),
    ("Streç film atığı", "balyalı naylon", "150102", "kg", "month"),
    ("PP çuval", "big bag ve rafya", "", "t", "year"),
    ("Sac kırpıntısı", "pres hurda", "120101", "t", "year"),
    ("HMS scrap", "heavy melting scrap", "", "t", "month"),
    ("Testere talaşı", "mobilya atölyesi", "030105", "m3", "month"),
    ("Uçucu kül", "termik santral", "100102", "t", "year"),
    ("Boya çamuru", "boyahane", "080113", "t", "year"),
    ("Atık madeni yağ", "hidrolik yağ", "130205", "l", "month"),
    ("OCC balya", "oluklu mukavva", "150101", "t", "month"),
    ("Cam kırığı", "renkli şişe", "150107", "t", "year"),
    ("Bira posası", "arpa küspesi", "020704", "t", "month"),
    ("Kırık palet", "euro palet", "150103", "pcs", "month"),
    ("Sünger kırpıntısı", "PU köpük", "", "t", "month"),
    ("Alüminyum profil kırpıntısı", "doğrama", "", "t", "year"),
]  # fmt: skip
WANTS = [
    ("Keçe üretimi için tekstil kırpıntısı", "needle punch", "no"),
    ("Open-end spinning mill", "cotton clippings and noil", "no"),
    ("Çimento fabrikası ATY", "tekstil, plastik, boya çamuru, uçucu kül", "yes"),
    ("PP geri dönüşüm", "PP çuval ve rafya", "no"),
    ("Film recycling line", "LDPE stretch film", "no"),
    ("Ark ocağı çelikhane", "HMS ve sac kırpıntısı", "no"),
    ("Yonga levha", "talaş ve ahşap atığı", "no"),
    ("Prekast beton", "uçucu kül ve cüruf", "no"),
    ("Atık yağ rafinasyonu", "atık madeni yağ", "yes"),
    ("Paper mill", "OCC and mixed paper", "no"),
    ("Cam fabrikası", "cam kırığı", "no"),
    ("Yem fabrikası", "bira posası ve ekmek atığı", "no"),
    ("Palet tamiri", "kırık palet", "no"),
    ("Sünger geri dönüşüm", "sünger kırpıntısı", "no"),
    ("Secondary aluminium", "aluminium profiles and offcuts", "no"),
    ("Biyogaz tesisi", "gıda atığı", "no"),
]  # fmt: skip
HEADER = "id,kind,organization,title,description,ewc_code,quantity,unit,period,latitude,longitude,hazardous_licence"


def rows(n_offers: int, n_wants: int, seed: int = 7):
    rng = random.Random(seed)
    n_orgs = max(10, (n_offers + n_wants) // 4)
    for i in range(n_offers):
        title, desc, code, unit, period = rng.choice(OFFERS)
        _, lat, lon = rng.choice(PLACES)
        qty = round(rng.uniform(1, 200), 1)
        yield [f"O{i}", "offer", f"Firma {rng.randrange(n_orgs)}", title, desc, code, qty, unit, period,
               round(lat + rng.gauss(0, 0.2), 4), round(lon + rng.gauss(0, 0.2), 4), ""]  # fmt: skip
    for i in range(n_wants):
        title, desc, licence = rng.choice(WANTS)
        _, lat, lon = rng.choice(PLACES)
        qty = round(rng.uniform(100, 20000), 0)
        yield [f"W{i}", "want", f"Firma {rng.randrange(n_orgs)}", title, desc, "", qty, "t", "year",
               round(lat + rng.gauss(0, 0.2), 4), round(lon + rng.gauss(0, 0.2), 4), licence]  # fmt: skip


def write_csv(path: Path, n_offers: int, n_wants: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER.split(","))
        writer.writerows(rows(n_offers, n_wants))


def time_command(n: int, workdir: Path) -> dict:
    """One size, run in this process: the caller starts a fresh one per size for its peak memory."""
    source, target = workdir / f"listings_{n}.csv", workdir / f"matches_{n}.csv"
    write_csv(source, n, n)
    start, cpu = time.perf_counter(), time.process_time()
    code = match_command([str(source), "--output", str(target)])
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert code == 0
    lines = sum(1 for _ in target.open(encoding="utf-8")) - 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return {"n": n, "wall": elapsed, "cpu": cpu, "peak_mb": peak, "rows": lines}


def time_commands(sizes: list[int], prune: bool = False) -> None:
    print("grid pruning on" if prune else "every bucket member scored (the default)")
    print("offers × wants | wall s | × previous | CPU s | × previous | peak MB | rows written")
    before = None
    for n in sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(n)] + (["--prune"] if prune else []),
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(child.stdout.strip().splitlines()[-1])
        wall_x = f"{r['wall'] / before['wall']:.2f}" if before else ""
        cpu_x = f"{r['cpu'] / before['cpu']:.2f}" if before else ""
        print(
            f"{n:,} × {n:,} | {r['wall']:.1f} | {wall_x} | {r['cpu']:.1f} | {cpu_x} | "
            f"{r['peak_mb']:.0f} | {r['rows']:,}   (load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        before = r


def profiles(n_offers: int, n_wants: int):
    knowledge = default_knowledge()
    out = []
    for r in rows(n_offers, n_wants, seed=11):
        listing = Listing(
            id=r[0], kind=r[1], organisation=r[2], title=r[3], description=r[4], waste_code=r[5] or None,
            tonnes_per_year=float(r[6]), latitude=r[9], longitude=r[10], hazardous_licence=r[11] == "yes",
        )  # fmt: skip
        out.append(read_listing(listing, knowledge))
    return out


def time_single(stored: int) -> None:
    knowledge = default_knowledge()
    wants = [p for p in profiles(0, stored)]
    matcher = Matcher(wants, knowledge)
    new = profiles(200, 0)
    times = []
    for offer in new:
        start = time.perf_counter()
        matcher.query(offer, 10)
        times.append(time.perf_counter() - start)
    times.sort()
    print(
        f"one new listing vs {stored:,} stored: median {1000 * times[len(times) // 2]:.1f} ms, "
        f"worst {1000 * times[-1]:.1f} ms"
    )


def time_allocation(pairs: int) -> None:
    rng = np.random.default_rng(3)
    n_offers = n_wants = pairs // 50
    o = rng.integers(0, n_offers, pairs)
    w = rng.integers(0, n_wants, pairs)
    gain = rng.uniform(-5, 50, pairs)
    start = time.perf_counter()
    placed = allocate_arrays(
        o, w, gain, rng.uniform(1, 500, n_offers), rng.uniform(10, 2000, n_wants)
    )
    elapsed = time.perf_counter() - start
    print(
        f"allocation over {pairs:,} candidate pairs: {elapsed:.1f} s ({placed.sum():,.0f} t placed)"
    )


def time_naive(n: int) -> None:
    """Every offer scored against every want with the pair scorer, no index: the cost blocking saves."""
    knowledge = default_knowledge()
    ps = profiles(n, n)
    offers = [p for p in ps if p.listing.kind == "offer"]
    wants = [p for p in ps if p.listing.kind == "want"]
    start = time.perf_counter()
    for offer in offers:
        sorted((explain(offer, w, knowledge) for w in wants), key=lambda m: -m.score)[:10]
    naive = time.perf_counter() - start
    matcher = Matcher(wants, knowledge)
    start = time.perf_counter()
    for offer in offers:
        matcher.query(offer, 10)
    indexed = time.perf_counter() - start
    print(
        f"naive all-pairs scorer {n:,} × {n:,}: {naive:.1f} s; indexed engine on the same: {indexed:.2f} s "
        f"(all-pairs at 10k × 10k ≈ {naive * (10_000 / n) ** 2 / 60:.0f} min)"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="match_speed")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--sizes", help="comma-separated offer counts (as many wants)")
    parser.add_argument("--only-command", action="store_true", help="only the dekvep match sizes")
    parser.add_argument("--prune", action="store_true", help="search each bucket through its grid")
    parser.add_argument("--workers", help="worker processes to time a run on, e.g. 1,2")
    parser.add_argument("--db-size", type=int, default=10_000, help="offers (as many wants)")
    parser.add_argument("--partitions", type=int, default=16, help="partitions of a run")
    parser.add_argument("--db-reuse", action="store_true", help="the database of a previous run")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.workers:
        import match_workers

        counts = [int(n) for n in args.workers.split(",")]
        return match_workers.main(args.db_size, counts, args.partitions, args.db_reuse)
    if args.one:
        if args.prune:
            # the grid search inside each bucket: same results, for comparison
            from dekvep.symbiosis.engine import run

            run.iter_matches.__defaults__ = (10, None, None, True)
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(time_command(args.one, Path(tmp))))
        return 0
    default = "1000,2000,4000" if args.quick else "10000,20000,40000,80000"
    time_commands([int(n) for n in (args.sizes or default).split(",")], args.prune)
    if args.only_command:
        return 0
    time_single(10_000 if args.quick else 100_000)
    time_allocation(100_000 if args.quick else 1_000_000)
    time_naive(300)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
