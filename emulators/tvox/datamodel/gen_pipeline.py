"""One month of TVox statistics, chunk by chunk: who draws which days, who builds their rows, when.

Written for speed (a month of a million steps in about 20 s on two cores).
The work is split where each part is cheapest:

- Python draws the random numbers of each step (:mod:`.gen_calls`) and
  writes one *narrow* staging row per step into a staging database
  (:mod:`.gen_stage`);
- SQLite turns a chunk of staging rows into the documented wide rows with
  ``INSERT … SELECT`` (:mod:`.gen_sql`): the interactions and the tables
  derived from them (call detail records, recordings, IVR passages, campaign
  history), in C;
- for big months the two overlap: a worker process (:mod:`.gen_worker`)
  draws the next chunks of days into staging files while this process's
  SQLite builds the rows of an earlier one (processes, not threads: SQLite's
  allocator and the GIL would serialise two threads). The month's indexes are
  then kept up to date as rows arrive, which overlaps with the worker too
  (measured: building them at the end costs as much, with nothing to overlap
  it), but for :data:`INDEXED_AT_END`; small months are indexed once, at the
  end.

A chunk is whole days (each day has its own random generator), so the rows are
the same however the month is cut and whoever draws it.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from collections import deque
from concurrent.futures import wait as futures_wait
from typing import Callable

from .gen_calls import STEPS_PER_INTERACTION, Gen, day_plan
from .gen_rows import Month
from .gen_sql import build_params, build_statements
from .gen_stage import Stage
from .gen_worker import Worker
from .site import Site

CHUNK_STEPS = 20_000          # steps per chunk of whole days handed from the drawing process to SQLite
PIPELINE_MIN_STEPS = 150_000  # months this big are drawn by a worker process too while SQLite builds rows
STAGES = 4                    # staging files of such a month: the worker fills two, this process one, SQLite reads one
#: indexes (by columns) a pipelined month builds at the end: callers' numbers arrive in random order, and
#: inserting them one by one cost twice what sorting them once does (and this process is the busier one)
INDEXED_AT_END = frozenset({("cli",)})


def pipelined(steps: int) -> bool:
    """Whether a month of ``steps`` steps is drawn by a worker process too while this one builds rows."""
    return steps >= PIPELINE_MIN_STEPS


def chunks_of(plan, size: int | None = None) -> list[list[tuple[int, int, int]]]:
    """Consecutive days grouped into chunks of about ``size`` steps (default :data:`CHUNK_STEPS`)."""
    size = CHUNK_STEPS if size is None else size
    chunks, current, acc = [], [], 0.0
    for day in plan:
        current.append(day)
        acc += day[1] * STEPS_PER_INTERACTION + day[2] * 1.05
        if acc >= size:
            chunks.append(current)
            current, acc = [], 0.0
    if current:
        chunks.append(current)
    return chunks


def generate_month(conn, site: Site, people, year: int, month: int, steps: int, seed: int,
                   progress: Callable[[int], None] | None = None, pinned: list | None = None,
                   parallel: bool = True) -> int:
    """Write about ``steps`` steps of ``year``/``month`` into the month's tables; returns steps written.

    ``conn`` is the store's writer; the month's tables exist. With ``parallel`` (and a month
    of :data:`PIPELINE_MIN_STEPS` or more) a worker process draws chunks of days too while
    this process's SQLite builds rows; the rows are the same.
    """
    m = Month(year, month)
    jobs: list[tuple[str, list]] = [("days", c) for c in chunks_of(day_plan(m, steps))]
    if pinned:
        jobs.append(("pinned", pinned))
    if not jobs:
        return 0
    parallel = parallel and pipelined(steps) and len(jobs) > 2 and bool(sys.executable)
    # started first: the child's start-up overlaps with everything below
    worker = Worker(site, people.callers, people.chatters, year, month, seed) if parallel else None
    folder = stages = None
    written = 0
    try:
        gen = Gen(site, people, m, seed)
        params = build_params(m)
        # staging files shared with the worker process, or one staging database in memory
        folder = tempfile.mkdtemp(prefix="ccemu-tvox-stage-") if parallel else None
        stages = [Stage(os.path.join(folder, f"stage{i}.sqlite")) for i in range(STAGES)] if parallel else [Stage()]
        for i, stage in enumerate(stages):
            conn.execute("ATTACH DATABASE ? AS ?", (stage.uri, f"tvox_stage{i}"))
            stage.statements = build_statements(m.key, f"tvox_stage{i}")
            # read its schema now, before the worker writes: later statements then touch only their stage
            conn.execute(f"SELECT count(*) FROM tvox_stage{i}.sqlite_master").fetchall()
        if worker:
            staged = _pipeline(gen, jobs, stages, worker)
        else:
            staged = ((stages[0], gen.stage(stages[0], kind, job)) for kind, job in jobs)
        for stage, n in staged:
            _build(conn, stage.statements, params)
            written += n
            if progress:
                progress(written)
    finally:
        if worker:
            worker.close()
        for i in range(len(stages or ())):
            try:
                conn.execute("DETACH DATABASE ?", (f"tvox_stage{i}",))
            except sqlite3.OperationalError:
                pass            # never attached
        for stage in stages or ():
            stage.close()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    return written


def _pipeline(gen: Gen, jobs: list, stages: list[Stage], worker: Worker):
    """Stage the jobs, in order, with the worker process; yields ``(stage, steps)`` job by job.

    The worker is kept two jobs ahead; when the next job is not staged yet, this process stages
    a later one itself rather than wait (and it stages the first while the worker starts), so both
    processes stay busy whichever side is slower. A stage is reused once the caller asks for the
    next job (it has built the rows of the last one).
    """
    todo = deque(range(len(jobs)))
    free = deque(stages)
    ready: dict[int, tuple[Stage, int]] = {}
    running: deque = deque()             # (job, stage, future) given to the worker, in order

    def feed() -> None:
        while len(running) < 2 and todo and free:
            j, stage = todo.popleft(), free.popleft()
            running.append((j, stage, worker.submit(stage.path, *jobs[j])))

    def stage_here() -> None:
        j, stage = todo.popleft(), free.popleft()
        ready[j] = (stage, gen.stage(stage, *jobs[j]))

    first = todo.popleft()
    feed()
    todo.appendleft(first)
    stage_here()                         # the first job, while the worker process starts
    for i in range(len(jobs)):
        while i not in ready:
            while running and running[0][2].done():
                j, stage, future = running.popleft()
                ready[j] = (stage, future.result())
                feed()
            if i in ready:
                break
            if todo and free:            # the worker is busy: stage the next job here meanwhile
                stage_here()
                feed()
            else:
                futures_wait([running[0][2]])
        stage, n = ready.pop(i)
        yield stage, n
        free.append(stage)
        feed()


def _build(conn, statements: list[str], params: dict) -> None:
    """Build one staged chunk's rows in the month's tables (one transaction)."""
    conn.execute("BEGIN")
    try:
        for sql in statements:
            conn.execute(sql, params)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
