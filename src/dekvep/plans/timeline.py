"""Geometry of the action timeline, drawn as server-side SVG (no inline styles under the CSP)."""

import datetime
from dataclasses import dataclass

from dekvep.core.formatting import format_month

WIDTH = 960
LABEL_WIDTH = 280
ROW = 26


@dataclass
class Bar:
    action: object
    y: int
    x: float
    width: float
    text_y: int
    overdue: bool


def _month_starts(first: datetime.date, last: datetime.date):
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def build(actions, today: datetime.date) -> dict:
    """Bars for actions with a due date; an action without a start begins on its due date."""
    dated = [a for a in actions if a.due_date]
    if not dated:
        return {"bars": [], "ticks": [], "height": 0, "width": WIDTH + LABEL_WIDTH}
    starts = [a.start_date or a.due_date for a in dated]
    first = min(min(starts), today).replace(day=1)
    last = max(max(a.due_date for a in dated), today)
    span = max((last - first).days + 1, 1)
    scale = WIDTH / span

    def x_of(day):
        return LABEL_WIDTH + (day - first).days * scale

    bars = []
    for index, action in enumerate(dated):
        start = action.start_date or action.due_date
        y = 30 + index * ROW
        width = max((action.due_date - start).days * scale, 4)
        bars.append(
            Bar(action, y, round(x_of(start), 1), round(width, 1), y + 14, action.is_overdue)
        )
    ticks = [
        {"x": round(x_of(month), 1), "label": format_month(month)}
        for month in _month_starts(first, last)
    ]
    height = 40 + len(bars) * ROW
    return {
        "bars": bars,
        "ticks": ticks,
        "today_x": round(x_of(today), 1),
        "height": height,
        "width": WIDTH + LABEL_WIDTH,
        "label_width": LABEL_WIDTH,
    }
