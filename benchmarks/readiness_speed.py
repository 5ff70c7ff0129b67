"""Speed of the readiness decisions: prints measured figures against the targets.

- applicability of every catalogue requirement for 10,000 firms (target ≤ 2 s), the pure engine
  a national programme view would run;
- product footprints of 10,000 firm-years with three product lines each (target ≤ 1 s).

Run: .venv/bin/python benchmarks/readiness_speed.py [--firms 10000]
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dekvep.readiness.engine import Facts, decide, product_footprints  # noqa: E402

CATALOGUE = json.loads(
    (ROOT / "src" / "dekvep" / "readiness" / "data" / "rules.json").read_text(encoding="utf-8")
)
PROFILES = {
    "textile": (["13.30", "14.13"], ["6109", "6302"], ["apparel"]),
    "plastics": (["22.22"], ["3923"], ["plastic_packaging"]),
    "white_goods": (["27.51"], ["8418", "8450"], ["refrigerators"]),
}


def _facts(rng: random.Random) -> Facts:
    sector = rng.choice(list(PROFILES))
    nace, cn, types = PROFILES[sector]
    return Facts(
        sector=sector,
        nace_codes=nace,
        cn_codes=cn,
        product_types=types,
        exports_to_eu=rng.choice([True, False, None]),
        customer_requests=rng.choice([True, False, None]),
        fgas_equipment=rng.random() < 0.8,
        fgas_products=sector == "white_goods",
        packaging_placed=rng.random() < 0.9,
        size=rng.choice(["micro", "small", "medium", "large", None]),
        cbam_inputs=["7209"] if sector == "white_goods" else [],
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(7)
    firms = [_facts(rng) for _ in range(args.firms)]
    today = datetime.date(2026, 12, 5)
    start = time.perf_counter()
    decided = sum(len(decide(CATALOGUE, facts, today)) for facts in firms)
    seconds = time.perf_counter() - start
    print(
        f"decisions: {decided:,} ({args.firms:,} firms × {len(CATALOGUE['rules'])} rules) "
        f"in {seconds:.2f} s (target ≤ 2 s)"
    )
    ghg = {
        "scope1_tco2e": 900.0,
        "scope2_location_tco2e": 1400.0,
        "by_source": {"purchased_materials": 5000.0, "upstream_transport": 80.0},
    }
    lines = [
        {"product": "A", "quantity": 1200, "unit": "t", "revenue_try": 4e8},
        {
            "product": "B",
            "quantity": 300000,
            "unit": "pcs",
            "unit_mass_kg": 1.5,
            "revenue_try": 2e8,
        },
        {"product": "C", "quantity": 80, "unit": "t", "revenue_try": 5e7},
    ]
    start = time.perf_counter()
    for index in range(args.firms):
        product_footprints(lines, ghg, ("mass", "revenue", "pieces")[index % 3])
    seconds = time.perf_counter() - start
    print(f"product footprints: {args.firms:,} firm-years in {seconds:.2f} s (target ≤ 1 s)")


if __name__ == "__main__":
    main()
