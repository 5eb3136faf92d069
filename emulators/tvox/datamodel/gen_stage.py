"""A staging database: where a chunk of the month generator's narrow rows waits for SQLite.

The generator (:mod:`.gen_calls`) draws a chunk of days into staging rows;
:meth:`Stage.load` writes them into the staging tables of :mod:`.gen_sql`,
and the store's writer, which has the stage attached, builds the month's
rows from them (:mod:`.gen_pipeline`). A stage is in memory when one process
does everything, a file when the worker process (:mod:`.gen_worker`) fills it.
"""
from __future__ import annotations

import itertools
import os
import sqlite3

from . import sqlite_nulls  # noqa: F401 - fast NULL parameters in the worker process too
from .gen_sql import STAGE_TABLES, create_stage_sql, stage_insert_sql

STAGE_BUSY_SECONDS = 120.0    # how long a staging connection waits for the other process's lock
# big pages: a chunk's staging rows (tens of MB) are written once and read in full a few times, and
# fewer, larger pages cost both sides less than many small ones (measured: 64 KiB beat 4 KiB by ~8%)
STAGE_PAGE_SIZE = 65536
_names = itertools.count(1)



class Stage:
    """A staging database and the connection that fills it.

    In memory when this process generates alone; a file when a worker process fills it
    (``create`` in the parent, which removes the file on :meth:`close`).
    """

    def __init__(self, path: str | None = None, create: bool = True) -> None:
        self.path = path
        self.owner = create and path is not None
        self.statements: list[str] = []       # what builds the month's rows from this stage (set by the parent)
        if path is None:
            self.uri = f"file:/ccemu-tvox-stage-{os.getpid()}-{next(_names)}?vfs=memdb"
        else:   # name the platform's file VFS: a plain name would open in the memdb VFS of an in-memory store
            self.uri = f"file:{path}?vfs={'win32' if os.name == 'nt' else 'unix'}"
        # the other process's lock on a stage is brief, but a loaded machine can stall its writes
        self.conn = sqlite3.connect(self.uri, uri=True, isolation_level=None, timeout=STAGE_BUSY_SECONDS)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        # staging rows are scratch: freed pages need not be zeroed (this SQLite is built with SECURE_DELETE)
        self.conn.execute("PRAGMA secure_delete=OFF")
        if create:
            self.conn.execute(f"PRAGMA page_size={STAGE_PAGE_SIZE}")
            for sql in create_stage_sql():
                self.conn.execute(sql)
        self.sql = {name: stage_insert_sql(name) for name in STAGE_TABLES}

    def load(self, rows: dict[str, list]) -> None:
        """Replace the staged rows with ``rows`` (staging table name -> row tuples)."""
        conn = self.conn
        conn.execute("BEGIN")
        for name in STAGE_TABLES:
            conn.execute(f'DELETE FROM "{name}"')
            if rows.get(name):
                conn.executemany(self.sql[name], rows[name])
        conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()
        if self.owner:
            for suffix in ("", "-journal"):
                try:
                    os.unlink(self.path + suffix)
                except FileNotFoundError:
                    pass
