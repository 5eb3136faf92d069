"""Domain events → RTE events, pushed to the hub's subscribers.

The engine publishes vendor-neutral events on the bus (``party.ringing``,
``call.queued``, ``agent.state``…); each is turned into the RTE events of the
document that describe it from the point of view of a user, a queue or a
callback list (:mod:`.calls`, :mod:`.queues`, :mod:`.users`,
:mod:`.callbacks`). An event's message is only built when some connection
subscribed to its (entity, event name). A tenant nobody listens to at all is
projected *silently*: the handlers still keep what they remember of each call
(a client that subscribes mid-call gets that call's later events right), but
no message values and no counters are computed.

Counters (``QueueStatus``, ``UserStatus``, ``CallbackListStatus``) are
recomputed from the engine's live state after every domain event that may
change them, and pushed when they differ from what was last pushed.

Runs synchronously in the publishing engine thread, in publication order, so
a subscriber sees a call's events in the order they happened; the socket
work is the hub writer's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from emulators.core.bus import DomainEvent

from .. import ids
from ..org import Organization
from ..spec import EVENTS
from . import callbacks, calls, queues, users
from .payload import build


@dataclass(slots=True)
class CallTrack:
    """What the projection remembers about one live call between domain events."""

    queue_id: int | None = None                 # the queue the call was last queued in
    outgoing_pending: dict | None = None        # a user caller whose UserCallOutGoing waits for its target
    outgoing: bool = False                      # UserCallOutGoing was sent
    direct: set[str] = field(default_factory=set)      # party ids offered as direct user calls
    allocated: set[str] = field(default_factory=set)   # party ids offered by the queue
    transfer: dict | None = None                # a transfer started and not yet connected
    no_answer_user: int | None = None           # the direct callee who last let it ring out


#: what a call nobody tracked yet looks like to handlers that only read (never stored)
UNTRACKED = CallTrack(direct=frozenset(), allocated=frozenset())


class Context:
    """One domain event being projected: the tenant's view, helpers, and what became dirty."""

    def __init__(self, projection: "Projection", tenant, event: DomainEvent) -> None:
        self.projection = projection
        self.hub = projection.hub
        self.engine = projection.emulator.engine
        self.tenant = tenant
        self.event = event
        self.at = event.at
        # no connection of the tenant subscribed to anything: keep state, build no messages
        self.silent = not projection.hub.listening(tenant.id)
        self.dirty_queues: set[int] = set()
        self.dirty_users: set[int] = set()
        self.dirty_lists: set[int] = set()

    @cached_property
    def org(self) -> Organization:
        return Organization(self.tenant)

    # -- ids -----------------------------------------------------------------------------
    def user_guid(self, user_id: int | None) -> str | None:
        return ids.user(self.tenant, user_id) if user_id is not None else None

    def queue_guid(self, queue_id: int | None) -> str | None:
        return ids.queue(self.tenant, queue_id) if queue_id is not None else None

    def call_guid(self, call: dict) -> str:
        return ids.call(self.tenant, call)

    # -- state ---------------------------------------------------------------------------
    def track(self, call: dict) -> CallTrack:
        key = (self.tenant.id, call["id"])
        found = self.projection.tracks.get(key)
        if found is None:
            found = self.projection.tracks[key] = CallTrack()
        return found

    def known(self, call: dict) -> CallTrack:
        """The call's track to read, without starting one (:data:`UNTRACKED` if none)."""
        return self.projection.tracks.get((self.tenant.id, call["id"]), UNTRACKED)

    def wanted(self, name: str, entity: str | None) -> bool:
        return self.hub.wanted(self.tenant.id, entity, EVENTS[name.lower()].key)

    def emit(self, name: str, entity: str | None, values: dict[str, Any]) -> None:
        """Push event ``name`` on ``entity`` if anyone subscribed to it."""
        if self.silent:
            return
        event = EVENTS[name.lower()]
        if entity is None or not self.hub.wanted(self.tenant.id, entity, event.key):
            return
        data = build(event, values, tenant=self.tenant, entity_id=entity, at=self.at)
        self.hub.publish(self.tenant.id, entity, event, data)

    def dirty_user(self, user_id: int | None) -> None:
        """A user's status and the status of their queues may have changed."""
        if user_id is None or self.silent:
            return
        self.dirty_users.add(user_id)
        for queue in self.org.queues_of(user_id):
            self.dirty_queues.add(queue.id)


# domain event kind -> handlers, in order
HANDLERS = {
    "party.dialing": [calls.on_dialing],
    "party.ringing": [calls.on_ringing],
    "party.answered": [calls.on_answered, queues.on_answered],
    "party.released": [calls.on_released, queues.on_released],
    "party.held": [calls.on_party_change],
    "party.retrieved": [calls.on_party_change],
    "call.connected": [],
    "call.diverted": [calls.on_diverted, queues.on_diverted],
    "call.transferred": [calls.on_transferred],
    "call.missed": [calls.on_missed],
    "call.queued": [queues.on_queued],
    "call.allocated": [queues.on_allocated],
    "call.overflowed": [queues.on_overflowed],
    "call.abandoned": [queues.on_abandoned],
    "call.ended": [calls.on_ended, queues.on_ended],
    "voicemail.new": [calls.on_voicemail],
    "agent.state": [users.on_agent_state, queues.on_agent_state],
    "user.mode": [users.on_user_mode],
    "callback.created": [callbacks.on_callback],
    "callback.updated": [callbacks.on_callback],
    "callback.closed": [callbacks.on_callback],
}


class Projection:
    def __init__(self, emulator, hub) -> None:
        self.emulator = emulator
        self.hub = hub
        self.tracks: dict[tuple[str, str], CallTrack] = {}
        self.last_queue_status: dict[tuple[str, int], tuple] = {}
        self.last_user_status: dict[tuple[str, int], tuple] = {}
        self.last_list_status: dict[tuple[str, int], tuple] = {}
        # (tenant, user) -> (wrap-up seconds, queue id, call snapshot, end time once started)
        self.wrap_up: dict[tuple[str, int], tuple] = {}
        self.counted: set[str] = set()      # tenants with entries in the last_*_status tables

    def install(self) -> None:
        self.emulator.bus.subscribe(self.on_event, kinds=set(HANDLERS))
        self.emulator.tenants.on_change(self._tenant_changed)

    def _tenant_changed(self, action: str, tenant_id: str) -> None:
        if action == "deleted":
            self._forget_counters(tenant_id)
            for table in (self.tracks, self.wrap_up):
                for key in [k for k in table if k[0] == tenant_id]:
                    table.pop(key, None)

    def _forget_counters(self, tenant_id: str) -> None:
        """Forget the counters last pushed for a tenant: whoever subscribes next gets them anew."""
        self.counted.discard(tenant_id)
        for table in (self.last_queue_status, self.last_user_status, self.last_list_status):
            for key in [k for k in table if k[0] == tenant_id]:
                table.pop(key, None)

    def on_event(self, event: DomainEvent) -> None:
        tenant = self.emulator.tenants.find(event.tenant)
        if tenant is None:
            return
        ctx = Context(self, tenant, event)
        call = event.data.get("call")
        if call is not None and event.kind != "party.dialing":
            calls.flush_outgoing(ctx, call)
        for handler in HANDLERS[event.kind]:
            handler(ctx, event)
        if ctx.silent:
            if tenant.id in self.counted:       # its listeners left since: their counters are stale
                self._forget_counters(tenant.id)
        else:
            self.counted.add(tenant.id)
            queues.push_status(ctx)
            users.push_status(ctx)
            callbacks.push_status(ctx)
        if event.kind == "call.ended":
            self.tracks.pop((tenant.id, call["id"]), None)
