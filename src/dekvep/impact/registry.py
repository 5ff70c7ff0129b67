"""The figure registry: what a programme figure is and how the impact app finds them.

Each figure is computed from another app's records, never from typed-in numbers. A figure
without a way to compute it answers 0 and says so (``wired`` is False), so that the summary
and the dashboard never break.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dekvep.core.batch import rows, scalars
from dekvep.core.memo import in_reading, is_kept, once, programme_key

Number = int | float | Decimal


class Visibility(StrEnum):
    """Who may list the records behind a figure (everyone allowed may see the number)."""

    PUBLIC = "public"  # programme staff and funder viewers: activities, not firms' data
    STAFF = "staff"  # programme staff only: personal data and applications
    # Which firms take part: programme staff, and funders once the programme publishes its
    # participant list (``Programme.publishes_participants``).
    PARTICIPANTS = "participants"
    FIRM = "firm"  # programme manager, and analysts for the firms assigned to them


class Unit(StrEnum):
    COUNT = "count"
    TONNES_PER_YEAR = "t/year"
    TCO2E_PER_YEAR = "tCO2e/year"
    MWH_PER_YEAR = "MWh/year"
    M3_PER_YEAR = "m3/year"
    TRY_PER_YEAR = "TRY/year"
    EUR_PER_YEAR = "EUR/year"


UNIT_LABELS = {
    Unit.COUNT: _("number"),
    Unit.TONNES_PER_YEAR: _("tonnes per year"),
    Unit.TCO2E_PER_YEAR: _("tCO2e per year"),
    Unit.MWH_PER_YEAR: _("MWh per year"),
    Unit.M3_PER_YEAR: _("m³ per year"),
    Unit.TRY_PER_YEAR: _("TRY per year"),
    Unit.EUR_PER_YEAR: _("EUR per year"),
}


@dataclass(frozen=True)
class Column:
    """One column of a drill-down table: a label and a dotted attribute path on the record."""

    label: Any
    path: str


@dataclass(frozen=True)
class Grouped:
    """A breakdown read from one ``values()`` queryset (``query``) and shaped into its labelled
    numbers (``shape`` of the rows), so that a page reads every such breakdown in one statement
    (``prefetch_breakdowns``). Called with a programme, it reads its own rows."""

    query: Callable[[Any], QuerySet]
    shape: Callable[[list[dict]], list[tuple[str, Any]]]

    def __call__(self, programme) -> list[tuple[str, Any]]:
        return self.shape(list(self.query(programme)))


@dataclass(frozen=True)
class Figure:
    key: str
    label: Any  # lazy translation: the label follows the active language
    source: str  # the app whose records the figure counts
    definition: Any = ""
    unit: Unit = Unit.COUNT
    records: Callable[[Any], QuerySet] | None = None
    value: Callable[[Any], Number] | None = None
    # ``(queryset, aggregate expression)`` whose aggregate is the figure (None: count the rows):
    # a page reads every such figure together in one statement.
    scalar: Callable[[Any], tuple[QuerySet, Any]] | None = None
    date_field: str | None = None
    columns: tuple[Column, ...] = ()
    visibility: Visibility = Visibility.STAFF
    organisation_fields: tuple[str, ...] = ()
    breakdown: Callable[[Any], list[tuple[str, Number]]] | None = None
    breakdown_label: Any = ""
    sum_field: Any = None  # a field name or expression summed per month instead of counting
    decimals: int = 0
    extra: dict = field(default_factory=dict)
    # a remark computed with the figure, e.g. how many records the sum had to leave out
    note: Callable[[Any], str] | None = None

    @property
    def wired(self) -> bool:
        return self.records is not None or self.value is not None or self.scalar is not None

    @property
    def unit_label(self):
        return UNIT_LABELS[self.unit]

    def note_for(self, programme) -> str:
        return str(self.note(programme) or "") if self.note is not None else ""

    def compute(self, programme) -> Number:
        """The figure's number for a programme: one aggregate query, 0 while pending (read once
        per request when a page shows it twice)."""
        return once(
            ("figure", self.key, programme_key(programme)), lambda: self._compute(programme)
        )

    def _compute(self, programme) -> Number:
        if self.scalar is not None:
            queryset, expression = self.scalar(programme)
            if expression is None:
                result = queryset.count()
            else:
                result = queryset.aggregate(value=expression)["value"]
        elif self.value is not None:
            result = self.value(programme)
        elif self.records is not None:
            result = self.records(programme).count()
        else:
            result = 0
        return _rounded(result or 0, self.decimals)


def _batched(figure: Figure, programme) -> tuple[QuerySet, Any] | None:
    """The figure as ``(queryset, aggregate or None)`` when it can be read with others."""
    if figure.scalar is not None:
        return figure.scalar(programme)
    if figure.value is None and figure.records is not None:
        return figure.records(programme), None
    return None


def prefetch(figures, programme, extra: dict | None = None) -> dict:
    """Within a request (``core.memo``), read every figure that is a count or an aggregate of
    one queryset in one statement, so a page of many figures does not send one query each.

    ``extra`` (``{key: (queryset, aggregate or None)}``, as ``core.batch.scalars`` takes) is read
    in the same statement; its values are returned."""
    extra = dict(extra or {})
    queries = {}
    if in_reading():
        pending = [f for f in figures if not is_kept(("figure", f.key, programme_key(programme)))]
        queries = {f.key: q for f in pending if (q := _batched(f, programme)) is not None}
    if len(queries) + len(extra) < 2 and not extra:
        return {}
    found = scalars({**{f"extra:{k}": q for k, q in extra.items()}, **queries})
    for key in queries:
        figure = next(f for f in figures if f.key == key)
        value = _rounded(found[key] or 0, figure.decimals)
        once(("figure", key, programme_key(programme)), lambda value=value: value)
    return {key: found[f"extra:{key}"] for key in extra}


def breakdown_key(figure: Figure, programme) -> tuple:
    """The memo key of a figure's breakdown for a programme."""
    return ("breakdown", figure.key, programme_key(programme))


def prefetch_breakdowns(figures, programme) -> None:
    """Within a request, read every ``Grouped`` breakdown of ``figures`` in one statement."""
    if not in_reading():
        return
    pending = [
        f
        for f in figures
        if isinstance(f.breakdown, Grouped) and not is_kept(breakdown_key(f, programme))
    ]
    if len(pending) < 2:
        return
    found = rows({f.key: f.breakdown.query(programme) for f in pending})
    for figure in pending:
        shaped = list(figure.breakdown.shape(found[figure.key]))
        once(breakdown_key(figure, programme), lambda shaped=shaped: shaped)


def _rounded(value: Number, decimals: int) -> Number:
    if decimals == 0:
        return int(value)
    return round(float(value), decimals)


_REGISTRY: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    """Add or replace a figure (a wired definition replaces the pending one)."""
    _REGISTRY[figure.key] = figure
    return figure


def registered() -> dict[str, Figure]:
    return dict(_REGISTRY)
