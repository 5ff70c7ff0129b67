"""Demo targets of ``dekvep-2022``: the reference programme's figures (data/demo_targets.csv)."""

import csv
from pathlib import Path

from .demo_dates import date_records
from .models import Target

TARGETS = Path(__file__).parent / "data" / "demo_targets.csv"


def load(programme, stdout=None):
    with TARGETS.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            Target.objects.update_or_create(
                programme=programme, key=row["key"], defaults={"value": row["target"]}
            )
    date_records(programme)
    return []
