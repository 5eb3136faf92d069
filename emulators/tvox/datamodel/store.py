"""One tenant's Data Model database: the document's tables in an embedded SQLite.

Each tenant's database lives in memory, shared between connections through
SQLite's ``memdb`` VFS (``file:/name?vfs=memdb``): one writer connection,
used under :attr:`Store.lock` to append rows, and a pool of connections opened
read-only (``mode=ro`` plus ``PRAGMA query_only``) for every query the API
runs. The memory is released when the last connection closes, so a deleted
tenant leaves nothing behind.

A store is cheap to make from a *template*: the seeded months for one seed are
generated once per process and copied with SQLite's backup API (a few
milliseconds), so hundreds of test tenants do not each generate data.
"""
from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
import threading
from contextlib import contextmanager
from typing import Collection, Iterable, Iterator, Sequence

from . import mysqlfuncs, sqlite_nulls  # noqa: F401 - sqlite_nulls: imported for its effect
from .catalogue import ALL_STATIC, AREAS, yyyymm

BUSY_TIMEOUT_MS = 10_000
# pages of the big stores (files): a month of a million steps is over a gigabyte, appended to its
# tables and indexes; 32 KiB pages build it 15% faster than SQLite's default 4 KiB (fewer pages to
# split, write and commit) and serve the documented queries as fast
DISK_PAGE_SIZE = 32768

_names = itertools.count(1)


def _connect(uri: str, readonly: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(uri + ("&mode=ro" if readonly else ""), uri=True,
                           check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if readonly:
        conn.execute("PRAGMA query_only=ON")
    return conn


class Store:
    """The tables of one tenant, and the connections that read and write them.

    In memory by default. ``on_disk=True`` keeps the database in a temporary file
    instead (WAL journal, deleted on close): SQLite's memdb VFS stops at 1 GiB,
    which a month of a million steps passes.
    """

    def __init__(self, label: str = "t", clock_now=None, on_disk: bool = False) -> None:
        safe = "".join(c if c.isalnum() else "-" for c in label)[:40]
        self.path: str | None = None
        if on_disk:
            handle, self.path = tempfile.mkstemp(prefix=f"ccemu-tvox-{safe}-", suffix=".sqlite")
            os.close(handle)
            self.uri = f"file:{self.path}?cache=private"
        else:
            self.uri = f"file:/ccemu-tvox-{os.getpid()}-{next(_names)}-{safe}?vfs=memdb"
        self.lock = threading.RLock()
        self.writer = _connect(self.uri, readonly=False)
        if on_disk:     # before WAL, which fixes the page size of the (still empty) file
            self.writer.execute(f"PRAGMA page_size={DISK_PAGE_SIZE}")
        self.writer.execute("PRAGMA journal_mode=WAL" if on_disk else "PRAGMA journal_mode=MEMORY")
        self._clock_now = clock_now
        self._pool: list[sqlite3.Connection] = []
        self._pool_lock = threading.Lock()
        self._closed = False
        self.months: set[str] = set()
        self.summary: dict = {}

    # -- schema ------------------------------------------------------------------
    def create_static(self) -> None:
        with self.lock:
            for t in ALL_STATIC:
                self.writer.execute(t.create_sql())
                for sql in t.index_sql():
                    self.writer.execute(sql)

    def ensure_month(self, year: int, month: int, indexes: bool = True) -> str:
        """Create the monthly tables of ``year``/``month`` if missing; returns ``yyyymm``."""
        key = yyyymm(year, month)
        if key in self.months:
            return key
        with self.lock:
            if key not in self.months:
                for t in AREAS["TVOX"]:
                    self.writer.execute(t.create_sql(key))
                    if indexes:
                        for sql in t.index_sql(key):
                            self.writer.execute(sql)
                self.months.add(key)
        return key

    def index_month(self, key: str, skip: Collection[tuple[str, ...]] = ()) -> None:
        """Create the month's missing indexes, but those on the column lists in ``skip``."""
        with self.lock:
            for t in AREAS["TVOX"]:
                for columns, sql in zip(t.indexes, t.index_sql(key)):
                    if columns not in skip:
                        self.writer.execute(sql)

    def has_table(self, name: str) -> bool:
        with self.reader() as conn:
            return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                                (name,)).fetchone() is not None

    def known_months(self) -> list[str]:
        with self.reader() as conn:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                "AND name LIKE 'ast\\_calls\\_______' ESCAPE '\\'").fetchall()
        return sorted(r[0][-6:] for r in rows if r[0][-6:].isdigit())

    # -- writing -------------------------------------------------------------------
    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
        sql = (f'INSERT INTO "{table}" (' + ", ".join(f'"{c}"' for c in columns) + ") VALUES ("
               + ", ".join("?" * len(columns)) + ")")
        with self.lock:
            self.writer.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The writer inside one transaction (rolled back if the block fails)."""
        with self.lock:
            self.writer.execute("BEGIN")
            try:
                yield self.writer
            except BaseException:
                self.writer.execute("ROLLBACK")
                raise
            self.writer.execute("COMMIT")

    def load_from(self, template: sqlite3.Connection) -> None:
        """Replace this store's content with a copy of ``template`` (backup API)."""
        with self.lock:
            template.backup(self.writer)
            self.months = {r[0][-6:] for r in self.writer.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'ast_cdr_%'")}

    # -- reading -------------------------------------------------------------------
    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection from the pool (MySQL-style functions registered)."""
        with self._pool_lock:
            conn = self._pool.pop() if self._pool else None
        if conn is None:
            if self._closed:
                raise RuntimeError("the Data Model store is closed")
            conn = _connect(self.uri, readonly=True)
            mysqlfuncs.register(conn, self._clock_now)
        try:
            yield conn
        finally:
            conn.set_authorizer(None)
            conn.set_progress_handler(None, 0)
            with self._pool_lock:
                if self._closed or len(self._pool) >= 8:
                    conn.close()
                else:
                    self._pool.append(conn)

    def query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self.reader() as conn:
            return conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._pool_lock:
            self._closed = True
            pool, self._pool = self._pool, []
        for conn in pool:
            conn.close()
        with self.lock:
            self.writer.close()
        if self.path:
            for suffix in ("", "-wal", "-shm", "-journal"):
                try:
                    os.unlink(self.path + suffix)
                except FileNotFoundError:
                    pass


def new_template() -> sqlite3.Connection:
    """A private in-memory database to generate a template into."""
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    return conn
