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
    note: str = ""


class FigureDetailOut(FigureOut):
    monthly: list[MonthOut]


class RecordOut(Schema):
    id: int
    cells: dict[str, str]
    url: str


class TargetOut(Schema):
    key: str
    label: str
    unit: str
    unit_label: str
    value: float
    target: float | None


class TargetIn(Schema):
    value: float | None = None
    note: str = ""


class StageOut(Schema):
    label: str
    start: str
    end: str
    state: str
    late: list[str]


class FunnelStepOut(Schema):
    label: str
    value: int


class FunnelOut(Schema):
    key: str
    title: str
    steps: list[FunnelStepOut]


class DashboardFigureOut(Schema):
    key: str
    label: str
    unit: str
    unit_label: str
    value: float
    target: float | None
    share: float | None


class DashboardOut(Schema):
    programme: str
    timeline: list[StageOut]
    funnels: list[FunnelOut]
    figures: list[DashboardFigureOut]
