"""Many aggregates of unrelated querysets read in one SQL statement.

A dashboard that shows twenty counts would otherwise send twenty queries; here each queryset
becomes a scalar subquery of one ``SELECT``, so the page's query count stays the same however
many figures it shows. The answers are those of ``queryset.count()`` and
``queryset.aggregate(...)``, read at the same moment.
"""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet, Value


def _compiled(queryset: QuerySet):
    """``(sql, params, compiler)`` of the queryset, or None when it can match no row."""
    compiler = queryset.query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    return sql, tuple(params), compiler


def _converted(value, compiler):
    """A raw database value as the ORM would answer it (dates, decimals ...)."""
    if value is None:
        return None
    converters = compiler.get_converters([column for column, _, _ in compiler.select])
    if not converters:
        return value
    return next(iter(compiler.apply_converters([[value]], converters)))[0]


def _read(parts: list[tuple[str, tuple] | None], using: str) -> list:
    """One ``SELECT`` of scalar subqueries; a part that is None answers None."""
    present = [part for part in parts if part is not None]
    if not present:
        return [None] * len(parts)
    sql = "SELECT " + ", ".join(f"({part[0]})" for part in present)
    params = tuple(param for part in present for param in part[1])
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = iter(cursor.fetchone())
    return [None if part is None else next(row) for part in parts]


def _count_part(queryset: QuerySet):
    rows = _compiled(queryset.select_related(None).order_by())
    if rows is None:
        return None
    return f"SELECT COUNT(*) FROM ({rows[0]}) _rows", rows[1], None


def _aggregate_part(queryset: QuerySet, expression):
    # Grouping by a constant keeps one row: the aggregate over every matching row.
    single = (
        queryset.select_related(None)
        .order_by()
        .annotate(_all=Value(1))
        .values("_all")
        .annotate(_v=expression)
        .values("_v")
    )
    return _compiled(single)


def scalars(queries: dict[str, tuple[QuerySet, object]]) -> dict:
    """``{key: value}`` for ``(queryset, expression)`` pairs, read in one statement: the value
    is ``queryset.aggregate(v=expression)["v"]`` (None where no row matches), or
    ``queryset.count()`` when the expression is None."""
    if not queries:
        return {}
    compiled = [
        _count_part(queryset) if expression is None else _aggregate_part(queryset, expression)
        for queryset, expression in queries.values()
    ]
    using = next(iter(queries.values()))[0].db
    values = _read([None if c is None else c[:2] for c in compiled], using)
    found = {}
    for (key, (_queryset, expression)), value, c in zip(
        queries.items(), values, compiled, strict=True
    ):
        if expression is None:
            found[key] = value or 0
        else:
            found[key] = None if c is None else _converted(value, c[2])
    return found


def counts(querysets: dict[str, QuerySet]) -> dict[str, int]:
    """``{key: queryset.count()}``, read in one statement."""
    return scalars({key: (queryset, None) for key, queryset in querysets.items()})


def aggregates(queries: dict[str, tuple[QuerySet, object]]) -> dict:
    """``{key: queryset.aggregate(v=expression)["v"]}`` for ``(queryset, expression)`` pairs,
    read in one statement (None where no row matches, as ``aggregate`` answers)."""
    return scalars(queries)


def _rows_part(queryset: QuerySet):
    """A ``values()`` queryset as one scalar subquery answering its rows as a JSON array of
    arrays, in the queryset's order; None when it can match no row."""
    query = queryset.query
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    compiled = _compiled(queryset)
    if compiled is None:
        return None
    connection = connections[queryset.db]
    columns = ", ".join(f"_rows.{connection.ops.quote_name(name)}" for name in names)
    if connection.vendor == "postgresql":
        outer = f"SELECT json_agg(json_build_array({columns})) FROM ({compiled[0]}) _rows"
    else:
        outer = f"SELECT json_group_array(json_array({columns})) FROM ({compiled[0]}) _rows"
    return (outer, compiled[1]), names


def rows(querysets: dict[str, QuerySet]) -> dict[str, list[dict]]:
    """``{key: list(queryset)}`` for ``values()`` querysets (grouped counts, labels), read in
    one statement. Values come back as JSON gives them: text, whole numbers and floats keep
    their value, but dates and decimals do not (count and label with it, not money or days)."""
    if not querysets:
        return {}
    parts = [_rows_part(queryset) for queryset in querysets.values()]
    using = next(iter(querysets.values())).db
    values = _read([None if part is None else part[0] for part in parts], using)
    found = {}
    for key, value, part in zip(querysets, values, parts, strict=True):
        if isinstance(value, str):
            value = json.loads(value)
        names = part[1] if part is not None else []
        found[key] = [dict(zip(names, row, strict=True)) for row in value or []]
    return found
