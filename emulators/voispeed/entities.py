"""Entity coordinates: how the engine's calls and parties look to the extended interface.

Every entity of the extended interface is named by its coordinates, a Table 1
``type`` and an ``id`` unique within the type; each of its calls (an engine
*party*) has an ``entity_call_id``, the number of the party (``p123`` → 123),
which the guide calls ``local_id`` / ``replace_local_id`` / ``recipient_call_id``.
A *communication* is an engine call; its id is the ``call_id`` of the events.

Mapping (inferred, see FIDELITY.md):

==============================  ==========================================
engine party / entity           Table 1 coordinates
==============================  ==========================================
user party                      0 User, the user's id
ring group                      1 Ring Group, the group's id
queue                           1 Ring Group in ring mode 7 (automatic
                                queuing), id ``QUEUE_GROUP_BASE + queue id``
outside party                   2 Gateway, the id of the gateway it uses
IVR party                       3 IVR, the IVR's id
voicemail party                 8 Company Voicemail, the box's id
meeting room / park line party  10 / 11, the entity's id
==============================  ==========================================

The helpers read live :class:`~emulators.core.calls.Call` objects and the
snapshots of domain events alike (through :func:`.views.get`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulators.core.engine_bridge import ENTITY_KINDS, Endpoint

from .errors import Errors, ServiceError
from .tables import CallOutcome, EntityType
from .views import CAUSE_OUTCOMES, get, parties

QUEUE_GROUP_BASE = 1000

_PARTY_TYPES: dict[str, EntityType] = {
    "user": EntityType.USER, "external": EntityType.GATEWAY, "ivr": EntityType.IVR,
    "voicemail": EntityType.COMPANY_VOICEMAIL, "park_line": EntityType.PARK_LINE,
    "meeting_room": EntityType.MEETING_ROOM, "queue": EntityType.RING_GROUP,
}
_ENDPOINT_TYPES: dict[str, EntityType] = {
    "user": EntityType.USER, "ring_group": EntityType.RING_GROUP, "queue": EntityType.RING_GROUP,
    "voicemail": EntityType.COMPANY_VOICEMAIL,
    "ivr": EntityType.IVR, "voicemail_box": EntityType.COMPANY_VOICEMAIL, "park_line": EntityType.PARK_LINE,
    "meeting_room": EntityType.MEETING_ROOM, "external": EntityType.GATEWAY,
}
#: Table 1 types a call can be placed to, as engine endpoint kinds
CALLABLE: dict[EntityType, str] = {
    EntityType.USER: "user", EntityType.RING_GROUP: "ring_group", EntityType.GATEWAY: "external",
    EntityType.IVR: "ivr", EntityType.COMPANY_VOICEMAIL: "voicemail_box",
    EntityType.MEETING_ROOM: "meeting_room", EntityType.PARK_LINE: "park_line",
}
#: a first entity of call_request_ext that never took the call: Table 8's calling-side codes
CALLING_OUTCOMES: dict[str, CallOutcome] = {
    "no_answer": CallOutcome.CALLING_NO_ANSWER, "cancelled": CallOutcome.CALLING_NO_ANSWER,
    "busy": CallOutcome.CALLING_BUSY, "rejected": CallOutcome.REJECTED_BY_CALLING,
    "dnd": CallOutcome.REJECTED_BY_CALLING, "away": CallOutcome.CALLING_UNAVAILABLE,
    "unavailable": CallOutcome.CALLING_UNAVAILABLE, "no_lines": CallOutcome.CALLING_NO_LINES,
}
#: engine call outcomes -> Table 8, for a call nobody answered
CALL_OUTCOMES: dict[str, CallOutcome] = {**CAUSE_OUTCOMES, "answered": CallOutcome.OK}


@dataclass(frozen=True, slots=True)
class Coords:
    """An entity's coordinates, the number it is reached at and its entity call."""
    type: EntityType | None = None
    id: int | None = None
    number: str = ""
    local_id: int | None = None

    def values(self, prefix: str) -> dict[str, Any]:
        return {f"{prefix}_id": self.id, f"{prefix}_type": self.type, f"{prefix}_number": self.number}


NOBODY = Coords()


def local_id(party: Any) -> int | None:
    digits = get(party, "id").lstrip("p")
    return int(digits) if digits.isdigit() else None


def endpoint_coords(kind: str, entity_id: int | None, number: str = "") -> Coords:
    """Coordinates of an engine endpoint kind (or a routing target kind) and id."""
    if kind == "queue" and entity_id is not None:
        return Coords(EntityType.RING_GROUP, QUEUE_GROUP_BASE + entity_id, number)
    return Coords(_ENDPOINT_TYPES.get(kind), entity_id, number)


def party_coords(party: Any, call: Any) -> Coords:
    kind = get(party, "kind")
    entity_type = _PARTY_TYPES.get(kind)
    if kind == "user":
        entity_id = get(party, "user_id")
    elif kind == "external":
        entity_id = get(party, "entity_id")
        entity_id = get(call, "gateway_id") if entity_id is None else entity_id
    elif kind == "queue":
        entity_id = QUEUE_GROUP_BASE + get(party, "entity_id")
    else:
        entity_id = get(party, "entity_id")
    return Coords(entity_type, entity_id, get(party, "number") or "", local_id(party))


def is_first_of_bridge(call: Any, party: Any) -> bool:
    bridge = get(call, "bridge")
    return bool(bridge) and bridge.get("first") == get(party, "id")


def calling(call: Any) -> Coords:
    """The entity that called: the caller party, or call_request_ext's first entity
    once call_transfer_ext has moved it to another communication."""
    caller = next((p for p in parties(call) if get(p, "role") == "caller"), None)
    if caller is not None:
        return party_coords(caller, call)
    first = (get(call, "bridge") or {}).get("first_endpoint")
    if first:
        return endpoint_coords(first["kind"], first["entity_id"], first["number"])
    return NOBODY


def called(call: Any, directory=None) -> Coords:
    """The entity the call was for: call_request_ext's second entity, else the ring
    group or the first entity called."""
    bridge = get(call, "bridge")
    if bridge:
        second = bridge["second"]
        if second["kind"] in _ENDPOINT_TYPES and second["entity_id"] is not None:
            return endpoint_coords(second["kind"], second["entity_id"], get(call, "dialled"))
    first = next((p for p in parties(call) if get(p, "role") == "callee"), None)
    group = get(call, "ring_group_id")
    if first is not None and get(first, "kind") == "user" and group is not None:
        number = directory.ring_groups[group].number if directory and group in directory.ring_groups else ""
        return Coords(EntityType.RING_GROUP, group, number or get(call, "dialled"))
    if first is None:
        return Coords(number=get(call, "dialled") or "")
    return party_coords(first, call)


def connected(call: Any) -> Coords:
    """The last entity that took the call on the called side."""
    answered = [p for p in parties(call) if get(p, "role") == "callee" and get(p, "answered_at") is not None]
    live = [p for p in answered if get(p, "state") != "released"]
    chosen = (live or answered)[-1:]
    return party_coords(chosen[0], call) if chosen else NOBODY


def call_outcome(call: Any) -> CallOutcome:
    """Table 8 outcome of a communication (0 while it is live)."""
    if get(call, "answered_at") is not None:
        return CallOutcome.OK
    if get(call, "state") != "ended":
        return CallOutcome.UNKNOWN
    first = _bridge_first(call)
    if first is not None and get(first, "answered_at") is None:
        return CALLING_OUTCOMES.get(get(first, "cause"), CallOutcome.UNKNOWN)
    return CALL_OUTCOMES.get(get(call, "outcome"), CallOutcome.UNKNOWN)


def leg_outcome(call: Any, party: Any) -> CallOutcome:
    """Table 8 outcome of one entity call that ended before it was answered."""
    table = CALLING_OUTCOMES if is_first_of_bridge(call, party) else CAUSE_OUTCOMES
    return table.get(get(party, "cause"), CallOutcome.UNKNOWN)


def _bridge_first(call: Any) -> Any | None:
    bridge = get(call, "bridge")
    if not bridge or not bridge.get("first"):
        return None
    return next((p for p in parties(call) if get(p, "id") == bridge["first"]), None)


def endpoint(entity_type: EntityType, entity_id: int, number: str, directory, role: str,
             auto_answer: bool = False) -> Endpoint:
    """The engine endpoint for Table 1 coordinates, or the vendor's error."""
    kind = CALLABLE.get(entity_type)
    if kind is None:
        raise ServiceError(Errors.INVALID_PARAMETER, name=f"{role}_type")
    if kind == "ring_group" and entity_id >= QUEUE_GROUP_BASE:
        kind, entity_id = "queue", entity_id - QUEUE_GROUP_BASE
    if kind == "external":
        if entity_id not in directory.gateways:
            raise ServiceError(Errors.ENTITY_NOT_FOUND)
        return Endpoint("external", entity_id, number)
    if entity_id not in getattr(directory, ENTITY_KINDS[kind]):
        raise ServiceError(Errors.ENTITY_NOT_FOUND)
    return Endpoint(kind, entity_id, number, auto_answer)


def find_leg(call: Any, entity_type: EntityType, entity_id: int, leg: int) -> Any | None:
    """The live party of ``call`` with entity_call_id ``leg`` and these coordinates."""
    for party in parties(call):
        coords = party_coords(party, call)
        if coords.local_id == leg and coords.type == entity_type and coords.id == entity_id \
                and get(party, "state") != "released":
            return party
    return None
