"""The hub's shared state: negotiated ids, live connections, the subscription index, fan-out.

Subscriptions are indexed by (tenant, entity GUID, event key), so an event
reaches exactly the connections of its own tenant that subscribed to it.
The index holds immutable tuples replaced on change: the publisher reads it
without a lock. A published event is serialised once, as one WebSocket frame
shared by every subscriber, and appended to their outboxes.

Negotiated ids are single-use and expire after ``PENDING_TTL`` seconds, as
ASP.NET drops negotiated connections that never connect.
"""
from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass

from ..dotnet import dumps
from ..spec import MESSAGE_RECEIVED, EventSpec
from .protocol import RS
from .websocket import text_frame
from .writer import Writer

PENDING_TTL = 60.0
SURFACE = "rte"


@dataclass(slots=True)
class Pending:
    tenant_id: str
    user_id: str
    created: float
    connection_id: str
    in_use: bool = False


class Hub:
    def __init__(self, emulator) -> None:
        self.emulator = emulator
        self._writer: Writer | None = None
        self._lock = threading.Lock()
        self._pending: dict[str, Pending] = {}
        self._connections: dict[int, object] = {}
        self._index: dict[tuple[str, str, str], tuple] = {}
        self._keys_per_tenant: dict[str, int] = {}     # subscription keys in the index, per tenant
        emulator.tenants.on_change(self._tenant_changed)

    @property
    def writer(self) -> Writer:
        """The writer thread, started with the first connection (an unused hub costs no thread)."""
        if self._writer is None:
            with self._lock:
                if self._writer is None:
                    writer = Writer()
                    writer.add_ticker(self)
                    self._writer = writer
        return self._writer

    # -- negotiate ------------------------------------------------------------------------------
    def negotiate(self, tenant_id: str, user_id: str, version: int) -> dict:
        """A negotiate response body; the id the client will come back with is remembered."""
        connection_id = secrets.token_urlsafe(16)
        body: dict = {"negotiateVersion": version, "connectionId": connection_id}
        key = connection_id
        if version >= 1:
            key = body["connectionToken"] = secrets.token_urlsafe(16)
        body["availableTransports"] = [{"transport": "WebSockets", "transferFormats": ["Text"]}]
        with self._lock:
            if len(self._pending) >= 10_000:      # clients that negotiate and never connect
                self._forget_stale(time.monotonic(), keep=9_000)
            self._pending[key] = Pending(tenant_id, user_id, time.monotonic(), connection_id)
        return body

    def claim(self, key: str) -> Pending | str:
        """The negotiated connection behind ``id=…``, now in use; or "unknown" / "in use"."""
        with self._lock:
            pending = self._pending.get(key)
            if pending is None or time.monotonic() - pending.created > PENDING_TTL and not pending.in_use:
                self._pending.pop(key, None)
                return "unknown"
            if pending.in_use:
                return "in use"
            pending.in_use = True
            return pending

    def release(self, key: str | None) -> None:
        if key is not None:
            with self._lock:
                self._pending.pop(key, None)

    # -- connections ----------------------------------------------------------------------------
    def add(self, conn) -> None:
        with self._lock:
            self._connections[id(conn)] = conn
        self.writer.add_ticker(conn)

    def remove(self, conn) -> None:
        self.unsubscribe_all(conn)
        self.writer.remove_ticker(conn)
        with self._lock:
            self._connections.pop(id(conn), None)

    def connections(self, tenant_id: str | None = None) -> list:
        with self._lock:
            conns = list(self._connections.values())
        return [c for c in conns if tenant_id is None or c.tenant.id == tenant_id]

    def _tenant_changed(self, action: str, tenant_id: str) -> None:
        if action == "deleted":
            for conn in self.connections(tenant_id):
                conn.close(reason="tenant deleted")

    def tick(self, now: float) -> None:
        """Forget negotiated ids that were never used (the writer calls this once a second)."""
        with self._lock:
            self._forget_stale(now)

    def _forget_stale(self, now: float, keep: int = 10_000) -> None:
        """Drop unused ids past their time; beyond ``keep`` unused ones, the oldest go first."""
        unused = [k for k, p in self._pending.items() if not p.in_use]
        excess = len(unused) - keep
        for index, key in enumerate(unused):      # dicts keep insertion order: oldest first
            if index < excess or now - self._pending[key].created > PENDING_TTL:
                del self._pending[key]

    # -- subscriptions --------------------------------------------------------------------------
    def subscribe(self, conn, entity: str, event_key: str, limit: int) -> bool:
        key = (conn.tenant.id, entity, event_key)
        with self._lock:
            if (entity, event_key) in conn.subscriptions:
                return True
            if conn.closing or len(conn.subscriptions) >= limit:
                return False
            conn.subscriptions.add((entity, event_key))
            if key not in self._index:
                self._keys_per_tenant[key[0]] = self._keys_per_tenant.get(key[0], 0) + 1
            self._index[key] = self._index.get(key, ()) + (conn,)
        return True

    def unsubscribe(self, conn, entity: str, event_key: str) -> None:
        with self._lock:
            self._drop(conn, entity, event_key)

    def unsubscribe_all(self, conn) -> None:
        with self._lock:
            for entity, event_key in list(conn.subscriptions):
                self._drop(conn, entity, event_key)

    def _drop(self, conn, entity: str, event_key: str) -> None:
        if (entity, event_key) not in conn.subscriptions:
            return
        conn.subscriptions.discard((entity, event_key))
        key = (conn.tenant.id, entity, event_key)
        remaining = tuple(c for c in self._index.get(key, ()) if c is not conn)
        if remaining:
            self._index[key] = remaining
        elif self._index.pop(key, None) is not None:
            left = self._keys_per_tenant.get(key[0], 1) - 1
            if left:
                self._keys_per_tenant[key[0]] = left
            else:
                self._keys_per_tenant.pop(key[0], None)

    def subscribers(self, tenant_id: str, entity: str, event_key: str) -> tuple:
        return self._index.get((tenant_id, entity, event_key), ())

    def listening(self, tenant_id: str) -> bool:
        """Has any connection of the tenant subscribed to anything?"""
        return tenant_id in self._keys_per_tenant

    def wanted(self, tenant_id: str, entity: str | None, event_key: str) -> bool:
        """Does anyone listen? Projections skip building messages nobody receives."""
        return entity is not None and (tenant_id, entity, event_key) in self._index

    # -- fan-out --------------------------------------------------------------------------------
    def publish(self, tenant_id: str, entity: str, event: EventSpec, data: dict) -> int:
        """Push ``MessageReceived`` to every subscriber of (entity, event); returns how many."""
        subscribers = self._index.get((tenant_id, entity, event.key))
        if not subscribers:
            return 0
        message = {"type": 1, "target": MESSAGE_RECEIVED, "arguments": [
            {"subscription": {"entityId": entity, "eventName": event.key}, "data": data}]}
        text = dumps(message) + RS
        frame = text_frame(text.encode("utf-8"))
        delivered = 0
        for conn in subscribers:
            if conn.outbox.put(frame, wake=False):
                delivered += 1
        self.writer.wake()
        self.emulator.journal.record(tenant=tenant_id, surface=SURFACE, direction="out", method="PUSH",
                                     target=MESSAGE_RECEIVED,
                                     params={"eventName": event.name, "entityId": entity,
                                             "eventType": str(event.event_type),
                                             "recipients": str(delivered)},
                                     outcome="ok" if delivered == len(subscribers) else "dropped",
                                     response=text[:512])
        return delivered

    # -- the journal ----------------------------------------------------------------------------
    def journal_invocation(self, conn, message, outcome, duration_ms: float) -> None:
        params = {"connectionId": conn.connection_id, "user": conn.user.username}
        if message.invocation_id is not None:
            params["invocationId"] = message.invocation_id
        self.emulator.journal.record(tenant=conn.tenant.id, surface=SURFACE, direction="in", method="INVOKE",
                                     target=message.target, params=params, duration_ms=duration_ms,
                                     outcome="ok" if outcome.error is None else "error",
                                     detail=outcome.error or "")

    def journal_connection(self, conn, what: str, outcome: str = "ok", detail: str = "") -> None:
        self.emulator.journal.record(tenant=conn.tenant.id, surface=SURFACE, direction="in", method="WS",
                                     target=what, params={"connectionId": conn.connection_id,
                                                          "user": conn.user.username},
                                     outcome=outcome, detail=detail)

    def stop(self) -> None:
        for conn in self.connections():
            conn.close(reason="emulator stopping")
        if self._writer is not None:
            self._writer.stop()
