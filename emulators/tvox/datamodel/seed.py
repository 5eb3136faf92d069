"""Seeding a tenant's Data Model: ``seed_tvox`` and the per-process template cache.

``seed_tvox(tenant, seed, months, progress=…)`` (re)generates the tenant's
database: the address book, the support tables, and for each month its
statistics tables. The same seed, months, size and directory give the same
rows in every process. The default dataset is May 2020 with the document's
example ids planted (:data:`PINNED`), so every example of the document
returns data.

Generation happens once per (seed, months, size, site) per process, into a
template; each tenant gets a copy (SQLite backup API, milliseconds), so the
hundreds of tenants a test run creates stay cheap.
"""
from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from typing import Callable, Iterable

from .gen_pipeline import INDEXED_AT_END, generate_month, pipelined
from .gen_people import build_people
from .gen_support import generate_support
from .site import Site, site_of
from .store import Store

DEFAULT_MONTHS: tuple[tuple[int, int], ...] = ((2020, 5),)
DEFAULT_STEPS = 6_000             # steps per month of the default dataset
EXAMPLE_ID = "1588581589.1320"    # the document's example interaction id
#: the document uses one id for its phone, outbound, video and chat examples: plant one of each
PINNED = (
    {"kind": "inbound", "channel": 0, "uniqueid": EXAMPLE_ID, "epoch": 1588581589, "steps": 3},
    {"kind": "inbound", "channel": 1001, "uniqueid": EXAMPLE_ID, "epoch": 1588581589, "steps": 1},
    {"kind": "inbound", "channel": 1004, "uniqueid": EXAMPLE_ID, "epoch": 1588581589, "steps": 2},
    {"kind": "outbound", "uniqueid": EXAMPLE_ID, "epoch": 1588581589},
)
TEMPLATES_KEPT = 4
GENERATION_CACHE_KIB = -262_144   # page cache while generating into a file (negative: KiB)
ON_DISK_STEPS = 300_000           # bigger datasets live in a temporary file (memdb stops at 1 GiB)

Progress = Callable[[int, int], None]
_templates: "OrderedDict[tuple, Store]" = OrderedDict()
_templates_lock = threading.Lock()
_building: dict[tuple, threading.Lock] = {}


def parse_months(months: Iterable | str | None) -> tuple[tuple[int, int], ...]:
    """Months from ``[(2020, 5)]``, ``["2020-05", "202006"]`` or ``"2020-05,2020-06"``."""
    if months is None:
        return DEFAULT_MONTHS
    if isinstance(months, str):
        months = [m for m in re.split(r"[,\s]+", months) if m]
    out = []
    for item in months:
        if isinstance(item, (tuple, list)) and len(item) == 2:
            year, month = int(item[0]), int(item[1])
        else:
            match = re.fullmatch(r"(\d{4})-?(\d{1,2})", str(item).strip())
            if not match:
                raise ValueError(f"month {item!r} must look like 2020-05")
            year, month = int(match[1]), int(match[2])
        if not (1 <= month <= 12 and 1970 <= year <= 2100):
            raise ValueError(f"month {year}-{month:02d} is out of range")
        out.append((year, month))
    return tuple(sorted(set(out)))


def _users(site: Site) -> list[dict]:
    return [{"uuid": a.uuid, "name": a.name, "surname": a.surname, "email": a.email} for a in site.agents]


def generate(store: Store, site: Site, seed: int, months: tuple[tuple[int, int], ...], steps: int,
             progress: Progress | None = None) -> dict:
    """Fill an empty store; returns counts."""
    started = time.perf_counter()
    people = build_people(seed, _users(site))
    conn = store.writer
    with store.lock:
        # a fresh database nobody reads yet: no journal, a page cache big enough for the month's indexes,
        # and pages freed while B-trees are rebalanced need not be zeroed (this SQLite is built with
        # SECURE_DELETE; measured: a month of a million steps builds 4% faster without it)
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute(f"PRAGMA cache_size={GENERATION_CACHE_KIB if store.path else cache}")
        conn.execute("PRAGMA secure_delete=OFF")
        store.create_static()
        conn.execute("BEGIN")
        for name, rows in (("t4you_global_addressbook", people.contacts),
                           ("t4you_multichannel_addressbook", people.multichannel)):
            for row in rows:
                cols = list(row)
                conn.execute(f'INSERT OR REPLACE INTO "{name}" (' + ", ".join(f'"{c}"' for c in cols)
                             + ") VALUES (" + ",".join("?" * len(cols)) + ")", [row[c] for c in cols])
        tickets = generate_support(conn, site, people, list(months), seed)
        conn.execute("COMMIT")
        total = steps * len(months)
        done = 0
        written = 0
        for year, month in months:
            # a pipelined month keeps most indexes up to date while the worker process draws (the two
            # overlap); otherwise indexing the finished tables is cheaper
            key = store.ensure_month(year, month, indexes=False)
            if pipelined(steps):
                store.index_month(key, skip=INDEXED_AT_END)
            pinned = [p for p in PINNED if _month_of(p["epoch"]) == (year, month)]

            def report(n: int, _base=done) -> None:
                if progress:
                    progress(min(_base + n, total), total)
            written += generate_month(conn, site, people, year, month, steps, seed, report, pinned)
            store.index_month(key)
            done += steps
            if progress:
                progress(done, total)
        conn.execute("ANALYZE")
        conn.execute(f"PRAGMA secure_delete={secure}")
        conn.execute(f"PRAGMA cache_size={cache}")
        conn.execute(f"PRAGMA journal_mode={journal}")
    return {"seed": seed, "months": [f"{y:04d}-{m:02d}" for y, m in months], "steps": written,
            "contacts": len(people.contacts), "tickets": tickets,
            "seconds": round(time.perf_counter() - started, 3)}


def _month_of(epoch: int) -> tuple[int, int]:
    from .sitetime import local_parts
    day = local_parts(epoch)[0]
    return int(day[:4]), int(day[5:7])


def template(site: Site, seed: int, months: tuple[tuple[int, int], ...], steps: int,
             progress: Progress | None = None) -> tuple[Store, dict]:
    """The generated template for these parameters (built once per process)."""
    key = (seed, months, steps, site.fingerprint())
    with _templates_lock:
        found = _templates.get(key)
        if found is not None:
            _templates.move_to_end(key)
            return found, found.summary
        lock = _building.setdefault(key, threading.Lock())
    with lock:
        with _templates_lock:
            found = _templates.get(key)
        if found is not None:
            return found, found.summary
        store = Store(f"template-{seed}")
        store.summary = generate(store, site, seed, months, steps, progress)
        with _templates_lock:
            _templates[key] = store
            while len(_templates) > TEMPLATES_KEPT:
                _, old = _templates.popitem(last=False)
                old.close()
            _building.pop(key, None)
        return store, store.summary


def build_store(directory, seed: int, months=None, steps: int | None = None, progress: Progress | None = None,
                label: str = "t", clock_now=None, cache: bool = True) -> tuple[Store, dict]:
    """A new store holding the seeded data (a copy of the cached template when ``cache``)."""
    site = site_of(directory)
    months = parse_months(months)
    steps = DEFAULT_STEPS if steps is None else int(steps)
    store = Store(label, clock_now, on_disk=steps * len(months) > ON_DISK_STEPS)
    if cache:
        source, summary = template(site, seed, months, steps, progress)
        store.load_from(source.writer)
        return store, summary
    summary = generate(store, site, seed, months, steps, progress)
    return store, summary


def seed_tvox(tenant, seed: int | None = None, months=None, progress: Progress | None = None,
              steps: int | None = None) -> dict:
    """(Re)generate ``tenant``'s Data Model database and return a summary.

    ``months``: e.g. ``["2020-05", "2020-06"]`` (default: May 2020);
    ``steps``: steps per month (default 6,000); ``progress(done, total)`` is
    called as steps are written. Big datasets are generated without caching.
    """
    from .state import datamodel_of
    seed = tenant.seed if seed is None else int(seed)
    steps_value = DEFAULT_STEPS if steps is None else int(steps)
    store, summary = build_store(tenant.directory, seed, months, steps_value, progress, label=tenant.id,
                                 clock_now=tenant.clock.now, cache=steps_value <= 50_000)
    datamodel_of(tenant).replace_store(store, seed)
    return summary


class progress_display:
    """A rich progress bar for long generations: ``with progress_display() as p: seed_tvox(..., progress=p)``."""

    def __init__(self, description: str = "Generating TVox statistics"):
        self.description = description
        self._bar = None
        self._task = None

    def __enter__(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn, TimeRemainingColumn
        self._bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), TimeRemainingColumn(), transient=False)
        self._bar.__enter__()
        self._task = self._bar.add_task(self.description, total=None)
        return self

    def __call__(self, done: int, total: int) -> None:
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        self._bar.__exit__(*exc)
