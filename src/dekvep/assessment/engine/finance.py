"""Money over a measure's life: price indexing with the TÜFE series, NPV and IRR.

Cash flows are in constant prices of the *price year* (the latest TÜFE year at or before the
year asked for), so the discount rate is a real rate; the programme sets it
(``data/finance.json`` holds the default).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def finance_data() -> dict[str, Any]:
    """The finance data file: default discount rate and the TÜFE series."""
    return json.loads((DATA_DIR / "finance.json").read_text(encoding="utf-8"))


def default_discount_rate() -> float:
    return float(finance_data()["discount_rate"]["value"])


def tufe_year(year: int) -> int:
    """The TÜFE year used for ``year``: itself, the latest earlier one, or the first one."""
    years = sorted(int(y) for y in finance_data()["tufe"]["values"])
    earlier = [y for y in years if y <= year]
    return earlier[-1] if earlier else years[0]


def price_index(from_year: int, to_year: int) -> float:
    """Factor that turns TRY of ``from_year`` into TRY of ``to_year`` (December TÜFE)."""
    values = finance_data()["tufe"]["values"]
    return float(values[str(tufe_year(to_year))]) / float(values[str(tufe_year(from_year))])


def npv(investment: float, yearly: float, life_years: int, rate: float) -> float:
    """Net present value (TRY): −investment now, ``yearly`` at the end of each year of life."""
    if rate == 0:
        return yearly * life_years - investment
    annuity = (1 - (1 + rate) ** -life_years) / rate
    return yearly * annuity - investment


def irr(investment: float, yearly: float, life_years: int) -> float | None:
    """Internal rate of return (0.12 = 12 %/yr), None when nothing is saved or invested.

    Found by bisection on the annuity: NPV falls as the rate rises.
    """
    if yearly <= 0 or investment <= 0 or life_years <= 0:
        return None
    low, high = -0.99, 100.0
    if npv(investment, yearly, life_years, high) > 0:
        return high
    for _ in range(80):
        mid = (low + high) / 2
        if npv(investment, yearly, life_years, mid) > 0:
            low = mid
        else:
            high = mid
    return (low + high) / 2
