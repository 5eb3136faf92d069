"""In-process publish/subscribe of domain events.

Delivery is synchronous, in the publisher's thread and in publication order,
so every projection sees the events of a call in the order the engine made
them. Subscribers must be quick: anything slow (HTTP pushes, socket writes)
belongs on the subscriber's own queue.
"""
from __future__ import annotations

import itertools
import logging
import threading
from typing import Any, Callable

log = logging.getLogger(__name__)


class DomainEvent:
    """Something that happened in the engine, in vendor-neutral terms.

    Read-only by convention, like the snapshots in its ``data``: every subscriber sees the
    same object. (Not a frozen dataclass: its ``__init__`` took 1.3 µs, and the engine makes
    several events per request.)
    """

    __slots__ = ("kind", "tenant", "at", "data", "seq")

    def __init__(self, kind: str, tenant: str, at: float, data: dict[str, Any] | None = None,
                 seq: int = 0) -> None:
        self.kind = kind          # e.g. "party.answered", "agent.state"
        self.tenant = tenant
        self.at = at              # seconds since the epoch, from the tenant's clock
        self.data = {} if data is None else data
        self.seq = seq

    def __repr__(self) -> str:
        return f"DomainEvent({self.kind!r}, tenant={self.tenant!r}, at={self.at!r}, seq={self.seq})"

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


Handler = Callable[[DomainEvent], None]


class Bus:
    def __init__(self) -> None:
        self._subscribers: list[tuple[Handler, frozenset[str] | None]] = []
        self._lock = threading.Lock()
        self._seq = itertools.count(1)

    def subscribe(self, handler: Handler, kinds: set[str] | None = None) -> Callable[[], None]:
        """Call ``handler`` for every event (or only those of ``kinds``); returns an unsubscribe."""
        entry = (handler, frozenset(kinds) if kinds else None)
        with self._lock:
            self._subscribers = [*self._subscribers, entry]

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers = [s for s in self._subscribers if s is not entry]
        return unsubscribe

    def publish(self, kind: str, tenant: str, at: float, **data: Any) -> DomainEvent:
        event = DomainEvent(kind, tenant, at, data, next(self._seq))
        for handler, kinds in self._subscribers:
            if kinds is None or kind in kinds:
                try:
                    handler(event)
                except Exception:  # one broken projection must not break the engine
                    log.exception("subscriber %r failed on %s", handler, kind)
        return event
