"""The document's comparison inputs as SQL conditions.

Each function takes a column expression and the input object and returns a
``(sql, params)`` pair; a criterion the document does not allow (a missing
operator or value, a bad regular expression) raises :class:`DataModelError`.

Semantics (the document's words, read as an integrator would; FIDELITY.md):

- ``ComparisonString``: EQUAL / NOT_EQUAL against the list (exact);
  CONTAIN / START_WITH / END_WITH with any of the list, ignoring ASCII case
  as MySQL's default collation does; REGEXP against ``regexp``; NULL /
  NOT_NULL on SQL NULL; EMPTY = NULL or ''; NOT_EMPTY = neither.
- ``ComparisonNumber``: the same list operators; GREATER/LESSER_THAN strict,
  *_EQUAL_THAN inclusive, against the first value; BETWEEN the first two.
- ``ComparisonTime``: on the day (year, month, day) only, bounds included.
- ``ComparisonDuration``: seconds, bounds included.
"""
from __future__ import annotations

import re
from typing import Any

from .errors import DataModelError
from .schema_inputs import given
from .sitetime import site_day

Cond = tuple[str, list[Any]]


def _op(cmp, kind: str) -> str:
    if not given(cmp.operator):
        raise DataModelError(f"{kind}: operator is required")
    return cmp.operator.value


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _values(cmp, kind: str, op: str) -> list:
    values = cmp.value if given(cmp.value) else None
    if not values:
        raise DataModelError(f"{kind}: operator {op} needs at least one value in 'value'")
    return list(values)


def string(col: str, cmp) -> Cond:
    op = _op(cmp, "ComparisonString")
    if op == "NULL":
        return f"{col} IS NULL", []
    if op == "NOT_NULL":
        return f"{col} IS NOT NULL", []
    if op == "EMPTY":
        return f"({col} IS NULL OR {col} = '')", []
    if op == "NOT_EMPTY":
        return f"({col} IS NOT NULL AND {col} <> '')", []
    if op == "REGEXP":
        pattern = cmp.regexp if given(cmp.regexp) else None
        if not pattern:
            raise DataModelError("ComparisonString: operator REGEXP needs a regular expression in 'regexp'")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise DataModelError(f"ComparisonString: invalid regular expression {pattern!r}: {exc}") from None
        return f"regexp(?, {col})", [pattern]
    values = _values(cmp, "ComparisonString", op)
    if op == "EQUAL":
        return f"{col} IN ({','.join('?' * len(values))})", values
    if op == "NOT_EQUAL":
        return f"{col} NOT IN ({','.join('?' * len(values))})", values
    pattern = {"CONTAIN": "%{}%", "START_WITH": "{}%", "END_WITH": "%{}"}[op]
    parts = " OR ".join(f"{col} LIKE ? ESCAPE '\\'" for _ in values)
    return f"({parts})", [pattern.format(_like_escape(v)) for v in values]


def number(col: str, cmp) -> Cond:
    op = _op(cmp, "ComparisonNumber")
    if op in ("NULL", "EMPTY"):
        return f"{col} IS NULL", []
    if op in ("NOT_NULL", "NOT_EMPTY"):
        return f"{col} IS NOT NULL", []
    values = _values(cmp, "ComparisonNumber", op)
    if op in ("EQUAL", "CONTAIN"):
        return f"{col} IN ({','.join('?' * len(values))})", values
    if op == "NOT_EQUAL":
        return f"{col} NOT IN ({','.join('?' * len(values))})", values
    if op == "BETWEEN":
        if len(values) < 2:
            raise DataModelError("ComparisonNumber: operator BETWEEN needs two values in 'value'")
        return f"{col} BETWEEN ? AND ?", values[:2]
    sign = {"GREATER_THAN": ">", "LESSER_THAN": "<", "GREATER_EQUAL_THAN": ">=", "LESSER_EQUAL_THAN": "<="}[op]
    return f"{col} {sign} ?", values[:1]


def _bound(cmp, field: str, kind: str, op: str):
    value = getattr(cmp, field)
    if not given(value):
        raise DataModelError(f"{kind}: operator {op} needs '{field}'")
    return value


def time(day_col: str, cmp) -> Cond:
    """A ``ComparisonTime`` on a date column (``YYYY-MM-DD`` text), day granularity, bounds included."""
    op = _op(cmp, "ComparisonTime")
    if op == "BETWEEN":
        left = site_day(_bound(cmp, "valueLeft", "ComparisonTime", op))
        right = site_day(_bound(cmp, "valueRight", "ComparisonTime", op))
        return f"{day_col} BETWEEN ? AND ?", [left, right]
    day = site_day(_bound(cmp, "value", "ComparisonTime", op))
    return f"{day_col} {'>=' if op == 'GREATER_THAN' else '<='} ?", [day]


def duration(col: str, cmp) -> Cond:
    """A ``ComparisonDuration`` (seconds) on an integer column; NULL counts as 0."""
    op = _op(cmp, "ComparisonDuration")
    expr = f"COALESCE({col}, 0)"
    if op == "BETWEEN":
        return (f"{expr} BETWEEN ? AND ?", [_bound(cmp, "valueLeft", "ComparisonDuration", op),
                                            _bound(cmp, "valueRight", "ComparisonDuration", op)])
    value = _bound(cmp, "value", "ComparisonDuration", op)
    return f"{expr} {'>=' if op == 'GREATER_THAN' else '<='} ?", [value]


def one_of(col: str, values, mapping: dict | None = None) -> Cond:
    """A list filter on an enum or integer column: the value is one of ``values`` (empty list: no filter)."""
    items = [v.value if hasattr(v, "value") else v for v in values]
    if mapping:
        items = [mapping.get(v, v) for v in items]
    if not items:
        return "1", []
    return f"{col} IN ({','.join('?' * len(items))})", items


def present(col: str, wanted: bool) -> Cond:
    """``abandonedCall: true`` = has a linked id; ``false`` = has none."""
    if wanted:
        return f"({col} IS NOT NULL AND {col} <> '')", []
    return f"({col} IS NULL OR {col} = '')", []
