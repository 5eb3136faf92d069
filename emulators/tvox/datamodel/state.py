"""A tenant's Data Model: its store (made on first use), rate limit and settings.

The store is *lazy*: a tenant's database is made the first time the Data
Model is asked something (or a ``seed_tvox`` call makes it), so creating a
tenant costs nothing. Rows of calls that end in the engine before that are
kept in order and written when the store is made, so no call is lost.
"""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

from .ratelimit import RateLimiter
from .store import Store

STATE_KEY = "tvox.datamodel"
MAX_PENDING = 200_000          # projected rows kept for a tenant whose store is not made yet


@dataclass
class Limits:
    """Tunable per tenant on the control plane (defaults are the document's / the emulator's)."""

    rate_limit: int = 100              # requests per minute per API key (the document's)
    query_seconds: float = 5.0         # advancedQuery time budget
    max_rows: int = 10_000             # advancedQuery row budget

    def to_dict(self) -> dict[str, Any]:
        return {"rate_limit": self.rate_limit, "query_seconds": self.query_seconds, "max_rows": self.max_rows}


class DataModel:
    def __init__(self, tenant) -> None:
        self.tenant = tenant
        self.limits = Limits()
        self.limiter = RateLimiter(lambda: self.limits.rate_limit, tenant.clock.now)
        self._store: Store | None = None
        self._lock = threading.RLock()
        self.pending: deque = deque(maxlen=MAX_PENDING)
        self.seed = tenant.seed
        self.months = None            # None = the default dataset
        self.steps = None

    @property
    def materialized(self) -> bool:
        return self._store is not None

    def store(self) -> Store:
        """The tenant's database, generated (or copied from the template) on first use."""
        store = self._store
        if store is not None:
            return store
        with self._lock:
            if self._store is None:
                from .seed import build_store
                store, _ = build_store(self.tenant.directory, self.seed, self.months, self.steps,
                                       label=self.tenant.id, clock_now=self.tenant.clock.now)
                self._flush_pending(store)
                self._store = store
            return self._store

    def replace_store(self, store: Store, seed: int) -> None:
        with self._lock:
            old, self._store = self._store, store
            self.seed = seed
            self._flush_pending(store)
        if old is not None:
            old.close()

    def write(self, rows: list[tuple[str, str, tuple[str, ...], tuple]]) -> None:
        """Append projected rows ``(table prefix, yyyymm, columns, values)`` (kept until the store exists)."""
        with self._lock:
            if self._store is None:
                self.pending.extend(rows)
                return
            _write(self._store, rows)

    def _flush_pending(self, store: Store) -> None:
        if self.pending:
            rows = list(self.pending)
            self.pending.clear()
            _write(store, rows)

    def close(self) -> None:
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()


def _write(store: Store, rows) -> None:
    with store.transaction() as conn:
        for prefix, key, columns, values in rows:
            store.ensure_month(int(key[:4]), int(key[4:]))
            conn.execute(f'INSERT OR REPLACE INTO "{prefix}{key}" (' + ", ".join(f'"{c}"' for c in columns)
                         + ") VALUES (" + ",".join("?" * len(columns)) + ")", values)


def datamodel_of(tenant) -> DataModel:
    return tenant.surface_settings(STATE_KEY, lambda: DataModel(tenant))


def find_datamodel(tenant) -> DataModel | None:
    return tenant.settings.get(STATE_KEY)
