"""Every request served and every delivery attempted, queryable.

The journal is how tests and people see what the emulator did: each request a
surface served ("in") and each outbound delivery attempt ("out") is one
:class:`Entry`. It is a bounded ring (oldest entries dropped first) so memory
stays flat under sustained load, and :meth:`Journal.record` does no copying
or formatting because it sits on the hot path of every request.

Tests poll with ``since`` (ids are monotonic) or block on :meth:`Journal.wait_for`.
"""
from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

IN = "in"
OUT = "out"
OUTCOMES = ("ok", "error", "retrying", "gave_up", "dropped")
RESPONSE_SNIPPET = 512


@dataclass(slots=True)
class Entry:
    id: int
    at: float                       # wall-clock epoch seconds
    tenant: str | None = None
    surface: str = ""
    direction: str = IN             # "in" (request served) | "out" (delivery attempt)
    method: str = ""
    target: str = ""                # path for "in", full URL for "out"
    params: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    attempt: int = 1
    duration_ms: float = 0.0
    outcome: str = "ok"             # ok | error | retrying | gave_up | dropped
    detail: str = ""
    delivery_id: str | None = None
    response: str = ""              # response body snippet (<= 512 chars)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "at": self.at, "tenant": self.tenant, "surface": self.surface,
            "direction": self.direction, "method": self.method, "target": self.target,
            "params": dict(self.params), "status": self.status, "attempt": self.attempt,
            "duration_ms": round(self.duration_ms, 3), "outcome": self.outcome,
            "detail": self.detail, "delivery_id": self.delivery_id, "response": self.response,
        }


def _matcher(tenant=None, surface=None, direction=None, target=None, method=None,
             status=None, outcome=None, params=None) -> Callable[[Entry], bool]:
    """A predicate for the given filters; None means "any"."""
    method = method.upper() if method else None
    wanted = {k: str(v) for k, v in params.items()} if params else None

    def match(e: Entry) -> bool:
        if tenant is not None and e.tenant != tenant:
            return False
        if surface is not None and e.surface != surface:
            return False
        if direction is not None and e.direction != direction:
            return False
        if method is not None and e.method.upper() != method:
            return False
        if status is not None and e.status != int(status):
            return False
        if outcome is not None and e.outcome != outcome:
            return False
        if target is not None and target not in e.target:
            return False
        if wanted:
            got = e.params
            for k, v in wanted.items():
                if k not in got or str(got[k]) != v:
                    return False
        return True
    return match


class Journal:
    def __init__(self, maxlen: int = 20_000):
        if maxlen < 1:
            raise ValueError("journal maxlen must be at least 1")
        self.maxlen = maxlen
        self._entries: deque[Entry] = deque(maxlen=maxlen)
        self._ids = itertools.count(1)
        self._cond = threading.Condition(threading.Lock())
        self._waiters = 0

    def record(self, **fields) -> Entry:
        """Append an entry; ``id`` is always assigned here, ``at`` unless given."""
        if "at" not in fields:
            fields["at"] = time.time()
        response = fields.get("response")
        if response and len(response) > RESPONSE_SNIPPET:
            fields["response"] = response[:RESPONSE_SNIPPET]
        with self._cond:
            # the id is taken under the lock so deque order is id order
            entry = Entry(id=next(self._ids), **fields)
            self._entries.append(entry)
            if self._waiters:
                self._cond.notify_all()
        return entry

    def _after(self, since: int | None) -> list[Entry]:
        """Entries with id > since, oldest first (caller holds the lock)."""
        if since is None:
            return list(self._entries)
        newer = []
        for e in reversed(self._entries):  # ids ascend, so stop at the first old one
            if e.id <= since:
                break
            newer.append(e)
        newer.reverse()
        return newer

    def query(self, *, tenant=None, surface=None, direction=None, target=None, method=None,
              status=None, outcome=None, params: dict[str, str] | None = None,
              since: int | None = None, limit: int | None = None) -> list[Entry]:
        """Matching entries, newest last.

        With ``limit`` and ``since`` the *oldest* ``limit`` matches after ``since``
        are returned, so paging with ``since=<last id seen>`` never skips any;
        with ``limit`` alone the *newest* ``limit`` matches are returned.
        """
        match = _matcher(tenant, surface, direction, target, method, status, outcome, params)
        with self._cond:
            candidates = self._after(since)
        found = [e for e in candidates if match(e)]
        if limit is not None:
            limit = max(0, int(limit))
            if since is not None:
                found = found[:limit]
            else:
                found = found[len(found) - limit:] if limit else []
        return found

    def wait_for(self, timeout: float, **filters) -> Entry | None:
        """The oldest matching entry (after ``since``), waiting up to ``timeout`` s for one."""
        seen = filters.pop("since", None)
        match = _matcher(**filters)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for e in self._after(seen):
                    if match(e):
                        return e
                if self._entries:
                    seen = self._entries[-1].id
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._waiters += 1
                try:
                    self._cond.wait(remaining)
                finally:
                    self._waiters -= 1

    def clear(self, tenant: str | None = None) -> None:
        """Forget every entry, or only those of one tenant. Ids keep ascending."""
        with self._cond:
            if tenant is None:
                self._entries.clear()
            else:
                kept = [e for e in self._entries if e.tenant != tenant]
                self._entries = deque(kept, maxlen=self.maxlen)

    def last_id(self) -> int:
        """The id of the newest entry (0 when empty): a ``since`` marker for later queries."""
        with self._cond:
            return self._entries[-1].id if self._entries else 0

    def __len__(self) -> int:
        return len(self._entries)
