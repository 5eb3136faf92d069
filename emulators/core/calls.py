"""Calls and parties: the data the engine's state machines act on.

A :class:`Call` is one communication between parties (legs). A party is a
user's terminal, an external number, or a service the PBX puts on a call (an
IVR, a queue, a voicemail box). Durations needed by call reports (ring, hold,
IVR, queue, talk) are accumulated as the call moves, from the tenant's clock.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .states import CallState, PartyState


@dataclass(slots=True, eq=False)
class Party:
    id: str
    call_id: str
    role: str                       # caller | callee | supervisor
    kind: str                       # user | external | ivr | queue | ring_group | voicemail
    number: str
    user_id: int | None = None
    extension: str = ""
    device_id: int | None = None
    entity_id: int | None = None    # ivr/queue/ring group/voicemail id
    state: PartyState = PartyState.IDLE
    muted: bool = False
    created_at: float = 0.0
    answered_at: float | None = None
    ended_at: float | None = None
    held_since: float | None = None
    hold_seconds: float = 0.0
    cause: str = ""                 # why released: normal, busy, rejected, no_answer, …
    released_by: str = ""           # "self" | "remote" | "system"
    supervision: str = ""           # monitor | barge (supervisor parties)

    @property
    def live(self) -> bool:
        return self.state not in (PartyState.IDLE, PartyState.RELEASED)

    # snapshots are taken twice per domain event: ``_value_`` is the enum's value without
    # the descriptor call ``.value`` costs
    def snapshot(self) -> dict[str, Any]:
        return {
            "id": self.id, "call_id": self.call_id, "role": self.role, "kind": self.kind,
            "number": self.number, "user_id": self.user_id, "extension": self.extension,
            "device_id": self.device_id, "entity_id": self.entity_id, "state": self.state._value_,
            "muted": self.muted, "created_at": self.created_at, "answered_at": self.answered_at,
            "ended_at": self.ended_at, "hold_seconds": self.hold_seconds, "cause": self.cause,
            "released_by": self.released_by, "supervision": self.supervision,
        }


#: the timers of every ended call (it has none, and never gets one)
NO_TIMERS: tuple = ()


@dataclass(slots=True, eq=False)
class Call:
    id: str
    tenant: str
    direction: str                  # outbound | inbound | internal
    created_at: float
    parties: list[Party] = field(default_factory=list)
    state: CallState = CallState.SETUP
    answered_at: float | None = None
    ended_at: float | None = None
    outcome: str = ""               # answered | busy | rejected | no_answer | unavailable | no_lines | cancelled | abandoned | dnd | away
    dialled: str = ""               # the number the caller dialled, as routed
    extid: str = ""                 # the integrator's own id, echoed in every event
    origin: dict[str, Any] = field(default_factory=dict)   # surface, request_id, …
    recording: bool = False
    conference: bool = False
    gateway_id: int | None = None
    ivr_id: int | None = None
    ivr_node_id: int | None = None
    ivr_input: str = ""
    queue_id: int | None = None
    ring_group_id: int | None = None
    ivr_run: int = 0                # counts node runs, so timers of an earlier run of a node do nothing
    ivr_collecting: bool = False    # the current node still takes the caller's digits
    ivr_override: Any = None        # the current node with per-call properties (set by a script), or None
    bridge: dict[str, Any] | None = None   # connect(): {"first": party id, "first_endpoint", "second", "connecting"}
    consult_of: str | None = None   # the call this consultation was made from
    transferred_from: str | None = None
    ivr_seconds: float = 0.0
    queue_seconds: float = 0.0
    entered_service_at: float | None = None
    timers: list[Any] | tuple = field(default_factory=list)   # NO_TIMERS once ended
    data: dict[str, Any] = field(default_factory=dict)     # attached data (CTI), variables (TVox)

    @property
    def ended(self) -> bool:
        return self.state is CallState.ENDED

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def live_parties(self) -> list[Party]:
        return [p for p in self.parties if p.live]

    def caller(self) -> Party:
        return next(p for p in self.parties if p.role == "caller")

    def callees(self) -> list[Party]:
        return [p for p in self.parties if p.role == "callee"]

    def others(self, party: Party) -> list[Party]:
        return [p for p in self.parties if p is not party and p.live]

    def user_party(self, user_id: int) -> Party | None:
        """The live party of this user on this call, else the most recent one."""
        mine = [p for p in self.parties if p.user_id == user_id]
        live = [p for p in mine if p.live]
        return (live or mine or [None])[-1]

    def talk_seconds(self, now: float) -> float:
        if self.answered_at is None:
            return 0.0
        return max(0.0, (self.ended_at or now) - self.answered_at)

    def snapshot(self) -> dict[str, Any]:
        return {
            "id": self.id, "tenant": self.tenant, "direction": self.direction,
            "state": self.state._value_, "created_at": self.created_at,
            "answered_at": self.answered_at, "ended_at": self.ended_at, "outcome": self.outcome,
            "dialled": self.dialled, "extid": self.extid, "origin": dict(self.origin), "recording": self.recording,
            "conference": self.conference, "gateway_id": self.gateway_id, "ivr_id": self.ivr_id,
            "ivr_node_id": self.ivr_node_id, "queue_id": self.queue_id,
            "ring_group_id": self.ring_group_id, "consult_of": self.consult_of,
            "bridge": dict(self.bridge) if self.bridge is not None else None,
            "transferred_from": self.transferred_from, "ivr_seconds": self.ivr_seconds,
            "queue_seconds": self.queue_seconds, "data": dict(self.data),
            "parties": [p.snapshot() for p in self.parties],
        }

    def snapshot_with(self, party: Party) -> tuple[dict[str, Any], dict[str, Any]]:
        """The call's snapshot and ``party``'s, which is the one in the call's ``parties``
        (snapshots are read-only; most events carry both)."""
        call = self.snapshot()
        for index, mine in enumerate(self.parties):
            if mine is party:
                return call, call["parties"][index]
        return call, party.snapshot()
