"""Speed of the assessment: prints measured figures against the targets.

- indicators and benchmarks for 10,000 firm-years (target ≤ 10 s);
- one firm's PDF report (target ≤ 3 s);
- a sector report of 100 firms, page and PDF (target ≤ 15 s).

Run: .venv/bin/python benchmarks/assess_speed.py [--firms 10000] [--engine-only | --reports-only]

The firm report is the full document (summary, flow diagram, measure sheets, methodology: about
eleven pages for the example); the sector report has its profile, spreads, potential, waste and
workshop sections (about seven pages).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dekvep.assessment.engine import assess  # noqa: E402
from dekvep.assessment.engine.batch import assess_many  # noqa: E402

EXAMPLE = json.loads((ROOT / "examples" / "inventory.json").read_text(encoding="utf-8"))
SECTORS = ("textile", "plastics", "white_goods")


def synthetic(i: int, rng: random.Random) -> dict:
    """A plausible variation of the example inventory: scaled, sector and year varied."""
    data = copy.deepcopy(EXAMPLE)
    scale = rng.uniform(0.2, 5.0)
    data["organization"] = f"Firm {i}"
    data["sector"] = SECTORS[i % 3]
    data["year"] = rng.choice((2022, 2023, 2024))
    data["product_group"] = f"group-{i % 7}"
    data["cbam"]["year"] = 2026 + i % 5
    for section in ("production", "energy", "water", "materials", "wastes", "refrigerants"):
        for line in data[section]:
            line["quantity"] = line["quantity"] * scale * rng.uniform(0.7, 1.3)
            if "certified_renewable_kwh" in line:
                line["certified_renewable_kwh"] = min(
                    line["certified_renewable_kwh"] * scale, line["quantity"]
                )
    return data


def engine_benchmark(firms: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds for assessing and benchmarking ``firms`` firm-years."""
    rng = random.Random(2024)
    inventories = [synthetic(i, rng) for i in range(firms)]
    start, cpu = time.perf_counter(), time.process_time()
    # one process: the same path as the programme's report job on a single core
    documents = assess_many(inventories, processes=1, current_year=2025)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert len(documents) == firms
    return elapsed, cpu


def batch_benchmark(firms: int) -> float:
    """Wall-clock seconds of ``assess_many`` over all cores."""
    rng = random.Random(2024)
    inventories = [synthetic(i, rng) for i in range(firms)]
    start = time.perf_counter()
    documents = assess_many(inventories, current_year=2025)
    assert all(d is not None for d in documents)
    return time.perf_counter() - start


def report_benchmarks(firms: int = 100) -> tuple[float, float, float, float]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")
    os.environ.setdefault("DEBUG", "1")
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from dekvep.assessment.report_render import render_sector_standalone, render_standalone

    result = assess(EXAMPLE, current_year=2025)
    render_standalone(result, "pdf", "tr")  # warm up fonts and templates
    start, cpu = time.perf_counter(), time.process_time()
    pdf = render_standalone(result, "pdf", "tr")
    one_pdf, one_cpu = time.perf_counter() - start, time.process_time() - cpu
    assert pdf.startswith(b"%PDF")
    rng = random.Random(7)
    start, cpu = time.perf_counter(), time.process_time()
    results = [assess(synthetic(i * 3, rng), current_year=2025) for i in range(firms)]
    page = render_sector_standalone([r.as_dict() for r in results], "textile", "html", "tr")
    pdf = render_sector_standalone([r.as_dict() for r in results], "textile", "pdf", "tr")
    sector, sector_cpu = time.perf_counter() - start, time.process_time() - cpu
    assert page and pdf.startswith(b"%PDF")
    return one_pdf, one_cpu, sector, sector_cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=10_000)
    parser.add_argument("--engine-only", action="store_true")
    parser.add_argument("--reports-only", action="store_true")
    args = parser.parse_args()
    print(f"load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    if args.reports_only:
        return print_reports()
    elapsed, cpu = engine_benchmark(args.firms)
    print(
        f"indicators + benchmarks, {args.firms} firm-years: {elapsed:.2f} s wall, "
        f"{cpu:.2f} s CPU (target 10 s; {elapsed / args.firms * 1000:.2f} ms each)"
    )
    pooled = batch_benchmark(args.firms)
    print(f"the same with assess_many on {os.cpu_count()} processes: {pooled:.2f} s wall")
    if args.engine_only:
        return
    print_reports()


def print_reports() -> None:
    one_pdf, one_cpu, sector, sector_cpu = report_benchmarks()
    print(f"one firm's PDF report: {one_pdf:.2f} s wall, {one_cpu:.2f} s CPU (target 3 s)")
    print(
        f"sector report of 100 firms (assess + page + PDF): {sector:.2f} s wall, "
        f"{sector_cpu:.2f} s CPU (target 15 s)"
    )


if __name__ == "__main__":
    main()
