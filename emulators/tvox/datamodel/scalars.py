"""The document's two custom scalars: ``Time`` and ``OrderedMap``.

``Time`` is RFC 3339 at UTC (``2020-05-04T08:39:49Z``): inputs accept any
RFC 3339 offset and become aware datetimes; outputs are the text the rows
already carry. ``OrderedMap`` is a JSON object whose keys keep the order of
the selected columns and whose values are strings (advancedQuery results).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, NewType

import strawberry

from .sitetime import UTC, parse_rfc3339


def parse_time(value: Any) -> datetime:
    return parse_rfc3339(value)


def serialize_time(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)


def serialize_ordered_map(value: Any) -> Any:
    return value


def parse_ordered_map(value: Any) -> dict:
    if not isinstance(value, dict):
        raise ValueError("OrderedMap must be an object")
    return value


Time = NewType("Time", str)
OrderedMap = NewType("OrderedMap", dict)

#: for ``StrawberryConfig(scalar_map=...)``
SCALAR_MAP = {
    Time: strawberry.scalar(
        name="Time", description="The `Time` scalar type represents date/time (RFC 3339) as string at UTC.",
        serialize=serialize_time, parse_value=parse_time),
    OrderedMap: strawberry.scalar(
        name="OrderedMap",
        description="The `OrderedMap` scalar type represents a map where keys keeps an order and values are strings.",
        serialize=serialize_ordered_map, parse_value=parse_ordered_map),
}
