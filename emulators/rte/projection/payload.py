"""Build an event's ``data`` object from the catalogue: camelCase, .NET types, every property.

Projections hand over plain values keyed by the document's property names
(``{"CallerNumber": "+39…", "CallId": guid, "StartTime": epoch}``). Every
property of the event is written, in the document's order, converted by its
declared type: a missing non-nullable value gets .NET's default (``0``,
``false``, ``Guid.Empty``, ``DateTime.MinValue``), a nullable one ``null``.
Unknown keys are a programming error (caught by the tests), so the wire
carries exactly the catalogue.

Around the documented properties the object carries ``eventType`` (the
number real clients switch on) and the envelope of Enreach's event model
(``id``, ``timestamp``, ``rootEntityType``/``rootEntityId``,
``entityType``/``entityId``), as its webhooks show it.
"""
from __future__ import annotations

from typing import Any

from .. import ids
from ..dotnet import MAX_DATETIME, datetime_utc
from ..spec import HELPERS, EventSpec, Prop

EMPTY_GUID = "00000000-0000-0000-0000-000000000000"
MIN_DATETIME = "0001-01-01T00:00:00"
#: a DateTime value meaning "continuous" (.NET DateTime.MaxValue)
FOREVER = "forever"


def convert(prop: Prop, value: Any) -> Any:
    base, nullable = prop.base, prop.type.endswith("?")
    if base.startswith("List<"):
        helper = HELPERS[base[5:-1]]
        return [{p.wire: convert(p, (item or {}).get(p.name)) for p in helper} for item in (value or [])]
    if value is None:
        if nullable or base.lower() == "string":
            return None
        return {"Guid": EMPTY_GUID, "DateTime": MIN_DATETIME, "bool": False}.get(base, 0)
    if base == "Guid":
        return str(value).lower()
    if base == "DateTime":
        return MAX_DATETIME if value == FOREVER else datetime_utc(float(value))
    if base in ("int", "long", "short"):
        return int(value)
    if base == "bool":
        return bool(value)
    return str(value)


def build(event: EventSpec, values: dict[str, Any], *, tenant, entity_id: str, at: float) -> dict[str, Any]:
    """The ``data`` of one MessageReceived."""
    unknown = set(values) - {p.name for p in event.props}
    if unknown:
        raise KeyError(f"{event.name} has no properties {sorted(unknown)}")
    data: dict[str, Any] = {"eventType": event.event_type}
    for prop in event.props:
        data[prop.wire] = convert(prop, values.get(prop.name))
    data["id"] = ids.event_id()
    data["timestamp"] = datetime_utc(at)
    data["rootEntityType"] = "Organization"
    data["rootEntityId"] = ids.organization(tenant)
    data["entityType"] = event.group
    data["entityId"] = entity_id
    return data
