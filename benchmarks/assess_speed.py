"""Speed of the assessment: prints measured figures against the targets.

- indicators and benchmarks for 10,000 firm-years (target ≤ 10 s);
- one firm's PDF report (target ≤ 3 s);
- a sector report of 100 firms, page and PDF (target ≤ 15 s).

Run: .venv/bin/python benchmarks/assess_speed.py [--firms 10000] [--engine-only]
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
from dekvep.assessment.engine.benchmarks import group_percentiles  # noqa: E402

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


def engine_benchmark(firms: int) -> float:
    rng = random.Random(2024)
    inventories = [synthetic(i, rng) for i in range(firms)]
    start = time.perf_counter()
    results = [assess(data, current_year=2025) for data in inventories]
    peers = group_percentiles(
        (
            str(i),
            f"{r.inventory.sector}/{r.inventory.product_group}/{r.inventory.year}",
            r.benchmark_values(),
        )
        for i, r in enumerate(results)
    )
    documents = [r.as_dict(peers[str(i)]) for i, r in enumerate(results)]
    elapsed = time.perf_counter() - start
    assert len(documents) == firms
    return elapsed


def report_benchmarks(firms: int = 100) -> tuple[float, float]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekvep.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from dekvep.assessment.report_render import render_sector_standalone, render_standalone

    result = assess(EXAMPLE, current_year=2025)
    render_standalone(result, "pdf", "tr")  # warm up fonts and templates
    start = time.perf_counter()
    pdf = render_standalone(result, "pdf", "tr")
    one_pdf = time.perf_counter() - start
    assert pdf.startswith(b"%PDF")
    rng = random.Random(7)
    start = time.perf_counter()
    results = [assess(synthetic(i * 3, rng), current_year=2025) for i in range(firms)]
    page = render_sector_standalone([r.as_dict() for r in results], "textile", "html", "tr")
    pdf = render_sector_standalone([r.as_dict() for r in results], "textile", "pdf", "tr")
    sector = time.perf_counter() - start
    assert page and pdf.startswith(b"%PDF")
    return one_pdf, sector


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=10_000)
    parser.add_argument("--engine-only", action="store_true")
    args = parser.parse_args()
    elapsed = engine_benchmark(args.firms)
    print(
        f"indicators + benchmarks, {args.firms} firm-years: {elapsed:.2f} s "
        f"(target 10 s; {elapsed / args.firms * 1000:.2f} ms each)"
    )
    if args.engine_only:
        return
    one_pdf, sector = report_benchmarks()
    print(f"one firm's PDF report: {one_pdf:.2f} s (target 3 s)")
    print(f"sector report of 100 firms (assess + page + PDF): {sector:.2f} s (target 15 s)")


if __name__ == "__main__":
    main()
