"""API shapes of the impact figures."""

from ninja import Schema


class BreakdownOut(Schema):
    label: str
    value: float


class MonthOut(Schema):
    month: str
    value: float


class FigureOut(Schema):
    key: str
    label: str
    unit: str
    source: str
    definition: str
    wired: bool
    value: float
    records_visible: bool
    breakdown: list[BreakdownOut]


class FigureDetailOut(FigureOut):
    monthly: list[MonthOut]


class RecordOut(Schema):
    id: int
    cells: dict[str, str]
    url: str
