"""A tenant's Data Model: its store (made on first use), rate limit and settings.

The store is *lazy*: a tenant's database is made the first time the Data
Model is asked something (or a ``seed_tvox`` call makes it), so creating a
tenant costs nothing. Nothing is kept for calls that end before that: the
engine keeps its ended calls anyway (its history), so when the store is made
their rows are built from that history (:attr:`DataModel.ended_before`) and
no call is lost, without a second copy of every call for a tenant whose Data
Model nobody opens.

Rows of ended calls are written *behind* the engine: the projection runs
inside the engine's bus dispatch, on the path of every VOIspeed request, so
it only queues the call (:meth:`DataModel.write_later`); a background thread
builds and inserts the rows a moment later, in batches (one transaction,
one ``executemany`` per run of rows of a table), and every read of the store
(:meth:`DataModel.store`) writes what is still queued first, so a query
always sees every call that has ended.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .ratelimit import RateLimiter
from .store import Store

log = logging.getLogger(__name__)
STATE_KEY = "tvox.datamodel"
MAX_PENDING = 200_000          # queued rows (or calls) not written yet
BACKLOG_BATCH = 2_000          # calls of the engine's history written per transaction when the store is made
FLUSH_DELAY = 0.05             # seconds the background writer waits to batch rows of ended calls
FLUSH_NOW = 5_000              # queued entries that a writing caller inserts itself (keeps memory bounded)


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
        self._flushing = False        # queued rows are being written (set under _lock)
        # Set by the projection when a call ends before the store is made: called under the
        # tenant's lock, it gives the row builders of every call that ended so far.
        self.ended_before: Callable[[], Iterable[Callable[[], list]]] | None = None
        self.live = False             # ended calls are queued as they end (the store is made or being made)
        self.seed = tenant.seed
        self.months = None            # None = the default dataset
        self.steps = None

    @property
    def materialized(self) -> bool:
        return self._store is not None

    def store(self) -> Store:
        """The tenant's database, generated (or copied from the template) on first use.

        Rows of ended calls still queued are written first, so the caller reads every call.
        """
        store = self._store
        if store is not None:
            if self.pending or self._flushing:     # queued, or being written by the background writer
                self.flush()
            return store
        with self._lock:
            if self._store is None:
                from .seed import build_store
                store, _ = build_store(self.tenant.directory, self.seed, self.months, self.steps,
                                       label=self.tenant.id, clock_now=self.tenant.clock.now)
                self._catch_up(store)
                self._store = store
            elif self.pending:
                self._flush_pending(self._store)
            return self._store

    def replace_store(self, store: Store, seed: int) -> None:
        with self._lock:
            old = self._store
            if old is not None:
                self._flush_pending(old)     # calls that ended before belong to the old data
            else:
                self._catch_up(store)
            self._store = store
            self.seed = seed
            self._flush_pending(store)
        if old is not None:
            old.close()

    def _catch_up(self, store: Store) -> None:
        """Write the rows of the calls that ended before the store was made, then go live."""
        with self.tenant.lock:       # no call ends meanwhile: each is in the backlog or queued after
            backlog = list(self.ended_before()) if self.ended_before is not None else []
            self.live = True
        self.ended_before = None
        for start in range(0, len(backlog), BACKLOG_BATCH):
            _write(store, _built(backlog[start:start + BACKLOG_BATCH]))
        self._flush_pending(store)

    def write(self, rows: list[tuple[str, str, tuple[str, ...], tuple]]) -> None:
        """Queue projected rows ``(table prefix, yyyymm, columns, values)``.

        Cheap: called from the engine's bus dispatch. The rows are inserted by the background
        writer, by the next read, or here once many are queued; without a store they wait for it.
        """
        self.pending.extend(rows)        # deque.extend is atomic under the GIL
        self._queued()

    def write_later(self, build: Callable[[], list]) -> None:
        """Queue a call whose rows ``build()`` makes when they are written (in queue order)."""
        self.pending.append(build)
        self._queued()

    def _queued(self) -> None:
        if self._store is None:
            return
        if len(self.pending) >= FLUSH_NOW:
            self.flush()
        else:
            _writer.schedule(self)

    def flush(self) -> None:
        """Insert the queued rows now (when the store exists)."""
        with self._lock:
            if self._store is not None:
                self._flush_pending(self._store)

    def _flush_pending(self, store: Store) -> None:
        pending = self.pending
        if not pending:
            return
        self._flushing = True
        try:
            # only what is queued now; writers may append meanwhile
            _write(store, _built(pending.popleft() for _ in range(len(pending))))
        finally:
            self._flushing = False

    def close(self) -> None:
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()


def _built(items: Iterable) -> list:
    """Rows from queued items: rows as they are, and calls whose rows a builder makes."""
    rows: list = []
    for item in items:
        if callable(item):
            try:
                rows.extend(item())
            except Exception:         # one odd call must not lose the others (nor fail a read)
                log.exception("projecting an ended call into the Data Model failed")
        else:
            rows.append(item)
    return rows


_INSERTS: dict[tuple[str, tuple[str, ...]], str] = {}


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    sql = _INSERTS.get((table, columns))
    if sql is None:
        sql = (f'INSERT OR REPLACE INTO "{table}" (' + ", ".join(f'"{c}"' for c in columns) + ") VALUES ("
               + ",".join("?" * len(columns)) + ")")
        if len(_INSERTS) < 4096:
            _INSERTS[(table, columns)] = sql
    return sql


def _write(store: Store, rows) -> None:
    """Insert rows in their order, consecutive rows of one table with one ``executemany``."""
    if not rows:
        return
    with store.transaction() as conn:
        batch: list = []
        current = None
        for prefix, key, columns, values in rows:
            target = (prefix, key, columns)
            if target != current:
                if batch:
                    conn.executemany(_insert_sql(current[0] + current[1], current[2]), batch)
                    batch = []
                current = target
                if key not in store.months:
                    store.ensure_month(int(key[:4]), int(key[4:]))
            batch.append(values)
        conn.executemany(_insert_sql(current[0] + current[1], current[2]), batch)


class _BackgroundWriter:
    """One daemon thread that inserts the queued rows of ended calls, a moment after they end."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._due: dict[int, DataModel] = {}
        self._wake = threading.Condition(threading.Lock())
        self._thread: threading.Thread | None = None

    def schedule(self, dm: DataModel) -> None:
        if id(dm) in self._due:           # already due: nothing to do (the common case, lock-free)
            return
        with self._wake:
            self._due[id(dm)] = dm
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="tvox-datamodel-writer", daemon=True)
                self._thread.start()
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._due:
                    self._wake.wait()
            time.sleep(self.delay)            # let a burst of calls queue up: one transaction for all
            with self._wake:
                due, self._due = self._due, {}
            for dm in due.values():
                try:
                    dm.flush()
                except Exception:             # a closed or broken store must not stop the writer
                    log.exception("writing queued Data Model rows failed")


_writer = _BackgroundWriter(FLUSH_DELAY)


def datamodel_of(tenant) -> DataModel:
    return tenant.surface_settings(STATE_KEY, lambda: DataModel(tenant))


def find_datamodel(tenant) -> DataModel | None:
    return tenant.settings.get(STATE_KEY)
