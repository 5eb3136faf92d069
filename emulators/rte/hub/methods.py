"""The RTE hub's methods: Subscribe, Unsubscribe, UnsubscribeAll, AvailableSubscriptions.

Method names and the keys of argument objects match case-insensitively, as
ASP.NET's dispatcher and System.Text.Json do. Surplus arguments are ignored
(the document's own examples pass one to ``UnsubscribeAll`` and
``AvailableSubscriptions``); a missing argument or one of the wrong shape
fails the invocation with ASP.NET's binding-failure text, and the
connection stays up.

Each item of ``Subscribe`` is validated in turn: a known event name, a GUID
entity id, an entity of the kind the event is about that the user may see
(see :meth:`~emulators.rte.org.Organization.may_see`). A refused item gets
``subscribed: false`` and a message; the names are echoed lower-cased and
the GUID normalised, as the document's examples show.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Callable

from .. import errors, spec
from ..org import Organization

MAX_SUBSCRIPTIONS = 10_000        # per connection

UNKNOWN_EVENT = "Unknown event name"
INVALID_ENTITY = "Invalid entity id"
UNAUTHORIZED = "Unauthorized"
TOO_MANY = "Subscription limit reached"


class BindingFailure(Exception):
    """Arguments that cannot be bound to the method's parameters."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


BINDING_TYPES = ("Error binding arguments. Make sure that the types of the provided values match "
                 "the types of the hub method being invoked.")


@dataclass(frozen=True, slots=True)
class Item:
    entity_id: str | None
    event_name: str | None


def _items(arguments: list[Any], expects: int = 1) -> list[Item]:
    """The one argument, an array of ``{EntityId, EventName}`` objects (keys in any case)."""
    if len(arguments) < expects:
        raise BindingFailure(f"Invocation provides {len(arguments)} argument(s) but target expects {expects}.")
    array = arguments[0]
    if not isinstance(array, list):
        raise BindingFailure(BINDING_TYPES)
    items = []
    for entry in array:
        if not isinstance(entry, dict):
            raise BindingFailure(BINDING_TYPES)
        values = {str(k).lower(): v for k, v in entry.items()}
        entity, event = values.get("entityid"), values.get("eventname")
        if entity is not None and not isinstance(entity, str) or event is not None and not isinstance(event, str):
            raise BindingFailure(BINDING_TYPES)
        items.append(Item(entity, event))
    return items


def _normalise_guid(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return None


def _result(subscribed: bool, message: str | None, entity: str | None, event: str | None) -> dict:
    return {"subscribed": subscribed, "message": message, "entityId": entity,
            "eventName": event.lower() if isinstance(event, str) else event}


def subscribe(conn, arguments: list[Any]) -> list[dict]:
    items = _items(arguments)
    organization = Organization(conn.tenant)
    visibility = conn.settings.visibility
    results = []
    for item in items:
        event = spec.event(item.event_name or "")
        guid = _normalise_guid(item.entity_id)
        if event is None:
            results.append(_result(False, UNKNOWN_EVENT, guid or item.entity_id, item.event_name))
        elif guid is None:
            results.append(_result(False, INVALID_ENTITY, item.entity_id, event.key))
        elif not organization.may_see(conn.user, event.entity, guid, visibility):
            results.append(_result(False, UNAUTHORIZED, guid, event.key))
        elif not conn.hub.subscribe(conn, guid, event.key, MAX_SUBSCRIPTIONS):
            results.append(_result(False, TOO_MANY, guid, event.key))
        else:
            results.append(_result(True, None, guid, event.key))
    return results


def unsubscribe(conn, arguments: list[Any]) -> list[dict]:
    results = []
    for item in _items(arguments):
        event = spec.event(item.event_name or "")
        guid = _normalise_guid(item.entity_id)
        if event is None:
            results.append(_result(False, UNKNOWN_EVENT, guid or item.entity_id, item.event_name))
        elif guid is None:
            results.append(_result(False, INVALID_ENTITY, item.entity_id, event.key))
        else:
            conn.hub.unsubscribe(conn, guid, event.key)
            results.append(_result(False, None, guid, event.key))
    return results


def unsubscribe_all(conn, arguments: list[Any]) -> bool:
    conn.hub.unsubscribe_all(conn)
    return True


def available_subscriptions(conn, arguments: list[Any]) -> list[str]:
    return list(spec.EVENT_NAMES)


#: lower-cased method name -> (the documented name, implementation)
METHODS: dict[str, tuple[str, Callable[[Any, list], Any]]] = {
    spec.SUBSCRIBE.lower(): (spec.SUBSCRIBE, subscribe),
    spec.UNSUBSCRIBE.lower(): (spec.UNSUBSCRIBE, unsubscribe),
    spec.UNSUBSCRIBE_ALL.lower(): (spec.UNSUBSCRIBE_ALL, unsubscribe_all),
    spec.AVAILABLE.lower(): (spec.AVAILABLE, available_subscriptions),
}


@dataclass(slots=True)
class Outcome:
    name: str | None          # the documented method name, None when unknown
    result: Any = None
    error: str | None = None


def invoke(conn, target: str, arguments: list[Any], detailed: bool) -> Outcome:
    """Run one invocation: its result, or the error text the client gets."""
    found = METHODS.get(target.lower())
    if found is None:
        return Outcome(None, error=errors.unknown_method(target, detailed))
    name, method = found
    try:
        return Outcome(name, result=method(conn, arguments))
    except BindingFailure as exc:
        return Outcome(name, error=errors.binding_failure(target, exc.detail, detailed))
