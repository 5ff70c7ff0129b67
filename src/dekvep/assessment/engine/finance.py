"""Money over a measure's life: price indexing with the TÜFE series, NPV and IRR.

Cash flows are in constant prices of the *price year* (the latest TÜFE year at or before the
year asked for), so the discount rate is a real rate; the programme sets it
(``data/finance.json`` holds the default).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def finance_data() -> dict[str, Any]:
    """The finance data file: default discount rate and the TÜFE series."""
    return json.loads((DATA_DIR / "finance.json").read_text(encoding="utf-8"))


def default_discount_rate() -> float:
    return float(finance_data()["discount_rate"]["value"])


@cache
def tufe_year(year: int) -> int:
    """The TÜFE year used for ``year``: itself, the latest earlier one, or the first one."""
    years = sorted(int(y) for y in finance_data()["tufe"]["values"])
    earlier = [y for y in years if y <= year]
    return earlier[-1] if earlier else years[0]


@cache
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

    The rate r at which the annuity factor (1 − (1 + r)^−n) / r equals the simple payback
    investment / yearly: Newton steps from the perpetuity guess, bisection if they stray.
    """
    if yearly <= 0 or investment <= 0 or life_years <= 0:
        return None
    return irr_of_payback(investment / yearly, life_years)


# Firms with the same prices share paybacks for per-unit investments: remember the answers.
@lru_cache(maxsize=65536)
def irr_of_payback(payback: float, n: int) -> float:
    """The IRR of an investment paid back in ``payback`` years over a life of ``n`` > 0 years."""
    if abs(payback - n) < 1e-12:
        return 0.0
    rate = 1 / payback if payback < n else -0.5 * (1 - n / payback)
    minus_n = -n
    for _ in range(50):
        # _annuity(rate, n) written out, abs and max too (the same comparisons, NaN included):
        # this loop is the hot spot of a programme's assessment
        if -1e-9 < rate < 1e-9:
            f, slope = float(n), -n * (n + 1) / 2
        else:
            base = 1 + rate
            growth = base**minus_n
            f = (1 - growth) / rate
            slope = (n * growth / base - f) / rate
        step = (f - payback) / slope
        rate -= step
        if rate <= -0.99 or rate > 1e3:
            return _bisect(payback, n)
        # abs(step) < 1e-12 * max(1.0, abs(rate))
        size = rate if rate > 1.0 else -rate if rate < -1.0 else 1.0
        if (step if step >= 0 else -step) < 1e-12 * size:
            return rate
    return _bisect(payback, n)


def _annuity(rate: float, n: int) -> tuple[float, float]:
    """Annuity factor and its derivative with respect to the rate."""
    if abs(rate) < 1e-9:
        return float(n), -n * (n + 1) / 2
    growth = (1 + rate) ** -n
    value = (1 - growth) / rate
    slope = (n * growth / (1 + rate) - value) / rate
    return value, slope


def _bisect(payback: float, n: int) -> float:
    low, high = -0.99, 1e3
    for _ in range(200):
        mid = (low + high) / 2
        if _annuity(mid, n)[0] > payback:
            low = mid
        else:
            high = mid
    return (low + high) / 2
