"""One month of TVox statistics: interactions with their steps, and the rows that go with them.

Written for speed (a month of a million steps in well under 30 s on two
cores). The work is split where each part is cheapest:

- Python draws the random numbers of each step (one :class:`random.Random`
  per day, so a day's rows are the same however the month is cut into
  chunks) and writes one *narrow* staging row per step, holding ints and the
  strings it already has (usernames, service codes, callers), into a small
  in-memory staging database (``executemany``);
- SQLite turns a chunk of staging rows into the documented wide rows with
  ``INSERT … SELECT`` (:mod:`.gen_sql`): the interactions and the tables
  derived from them, formatted in C;
- the two overlap: while SQLite builds one chunk of days in the caller's
  thread (the GIL is released while a statement runs), a worker thread
  generates the next chunk into a second staging database.

What a month holds (see FIDELITY.md for the proportions):

- inbound service interactions (``ast_calls_``): phone, video and chat, each
  of 1–3 steps (step 0 = the most recent), with transfers between services,
  answers, abandons, callbacks, exit codes, popups, tags, contacts;
- outbound service calls (``ast_calls_outbound_``) with their campaign
  history (``ast_pd_history_``);
- call detail records (``ast_cdr_``) for every phone step, IVR passages
  (``ast_ivr_records_bis_``), recordings (``smartrec_``), abandoned calls and
  callback requests.
"""
from __future__ import annotations

import calendar
import itertools
import os
import random
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Callable

from .gen_rows import Month
from .gen_sql import STAGE_TABLES, build_statements, create_stage_sql, stage_insert_sql
from .site import SITES, Site

CHUNK_STEPS = 40_000          # steps per chunk of whole days handed from the generating thread to SQLite
PIPELINE_MIN_STEPS = 20_000   # months this big generate in a worker thread while SQLite builds rows
WEEKDAY_WEIGHT = (1.0, 1.0, 1.0, 1.0, 1.0, 0.45, 0.2)   # Monday … Sunday
STEPS_PER_INTERACTION = 1.32   # average of the step distribution below (for sizing)
RESULTS = (("VENDITA", "NUOVO CONTRATTO"), ("VENDITA", "PREVENTIVO"), ("INFO", "ORARI"), ("INFO", None),
           ("RECLAMO", "FATTURAZIONE"), ("ASSISTENZA", "GUASTO"), ("ASSISTENZA", "CONFIGURAZIONE"))
NO_RESULT = (None, None)
FAIL_STATUSES = ("H", "H", "H", "H", "T", "T", "TNS", "TMQ", "TCB")
_stage_names = itertools.count(1)


def day_plan(m: Month, steps: int) -> list[tuple[int, int, int]]:
    """(day index, inbound interactions, outbound calls) per day: weekdays busy, weekends quiet."""
    if steps <= 0:
        return []
    weights = [WEEKDAY_WEIGHT[(m.first_day + d + 3) % 7] for d in range(m.days)]   # 1970-01-01 was a Thursday
    total = sum(weights)
    inbound = max(1, int(steps * 0.85 / STEPS_PER_INTERACTION))
    outbound = max(0, int(steps * 0.15 / 1.05))
    return [(d, round(inbound * w / total), round(outbound * w / total)) for d, w in enumerate(weights)]


def chunks_of(plan, size: int = CHUNK_STEPS) -> list[list[tuple[int, int, int]]]:
    """Consecutive days grouped into chunks of about ``size`` steps."""
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
    of :data:`PIPELINE_MIN_STEPS` or more) a worker thread generates the next chunk of days
    while this thread's SQLite builds the rows of the current one; the rows are the same.
    """
    m = Month(year, month)
    jobs: list[tuple[str, list]] = [("days", c) for c in chunks_of(day_plan(m, steps))]
    if pinned:
        jobs.append(("pinned", pinned))
    if not jobs:
        return 0
    gen = _Gen(site, people, m, seed)
    stages = [_Stage() for _ in range(2)]
    written = 0
    try:
        for i, stage in enumerate(stages):
            conn.execute("ATTACH DATABASE ? AS ?", (stage.uri, f"tvox_stage{i}"))
        statements = [build_statements(m.key, f"tvox_stage{i}") for i in range(2)]
        if parallel and steps >= PIPELINE_MIN_STEPS and len(jobs) > 1:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tvox-generate") as pool:
                future = pool.submit(gen.stage, stages[0], *jobs[0])
                for i in range(len(jobs)):
                    n = future.result()
                    if i + 1 < len(jobs):
                        future = pool.submit(gen.stage, stages[(i + 1) % 2], *jobs[i + 1])
                    _build(conn, statements[i % 2])
                    written += n
                    if progress:
                        progress(written)
        else:
            for kind, job in jobs:
                written += gen.stage(stages[0], kind, job)
                _build(conn, statements[0])
                if progress:
                    progress(written)
    finally:
        for i in range(len(stages)):
            try:
                conn.execute("DETACH DATABASE ?", (f"tvox_stage{i}",))
            except sqlite3.OperationalError:
                pass            # never attached
        for stage in stages:
            stage.close()
    return written


def _build(conn, statements: list[str]) -> None:
    """Build one staged chunk's rows in the month's tables (one transaction)."""
    conn.execute("BEGIN")
    try:
        for sql in statements:
            conn.execute(sql)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class _Stage:
    """A staging database (in memory, private to this generation) and the connection that fills it."""

    def __init__(self) -> None:
        self.uri = f"file:/ccemu-tvox-stage-{os.getpid()}-{next(_stage_names)}?vfs=memdb"
        self.conn = sqlite3.connect(self.uri, uri=True, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
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


class _Svc:
    """A service as the generator uses it: the strings it stages, its agents as (username, extension)."""

    __slots__ = ("service", "code", "did", "ivr", "agents")

    def __init__(self, service, agents) -> None:
        self.service = service
        self.code, self.did, self.ivr = service.code, service.did, 1 if service.ivr else 0
        self.agents = tuple((agents[i].username, agents[i].extension) for i in service.agents)


class _Gen:
    """Draws the interactions of a month, day by day, into staging rows."""

    def __init__(self, site: Site, people, m: Month, seed: int):
        self.m, self.seed = m, seed
        self.rng: random.Random | None = None
        self.agents = site.agents
        self.phone = [_Svc(s, site.agents) for s in site.phone]
        self.video = [_Svc(s, site.agents) for s in site.video]
        self.chat = [_Svc(s, site.agents) for s in site.chat]
        self.outbound_services = [_Svc(s, site.agents) for s in site.outbound]
        self.callers = people.callers or [("0612345678", None, None)]
        self.chatters = people.chatters or [("cliente@example.it", None)]

    def stage(self, stage: _Stage, kind: str, job: list) -> int:
        """Generate a chunk (a list of days, or the pinned interactions) into ``stage``; steps written."""
        rows: dict[str, list] = {name: [] for name in STAGE_TABLES}
        written = self.days(rows, job) if kind == "days" else self.pinned_all(rows, job)
        stage.load(rows)
        return written

    def days(self, rows: dict[str, list], plan) -> int:
        m, written = self.m, 0
        for day, inbound, outbound in plan:
            self.rng = rng = random.Random(f"tvox-month-{self.seed}-{m.key}-{day}")
            rnd = rng.random
            starts = m.day_starts(rng, day, inbound + outbound)
            kinds = [False] * inbound + [True] * outbound
            rng.shuffle(kinds)
            counter = 1000 + int(rnd() * 500)
            for start, is_outbound in zip(starts, kinds):
                counter += 1 + int(rnd() * 9)
                written += self.outbound(rows, start, counter) if is_outbound else self.inbound(rows, start, counter)
        return written

    def pinned_all(self, rows: dict[str, list], specs: list) -> int:
        """The document's example ids."""
        self.rng = random.Random(f"tvox-pinned-{self.seed}-{self.m.key}")
        written = 0
        for spec in specs:
            start = self.m.local(spec["epoch"])
            if spec["kind"] == "outbound":
                written += self.outbound(rows, start, 0, uniqueid=spec["uniqueid"])
            else:
                written += self.inbound(rows, start, 0, channel=spec["channel"], uniqueid=spec["uniqueid"],
                                        nsteps=spec.get("steps"))
        return written

    # -- inbound --------------------------------------------------------------------
    def inbound(self, rows: dict[str, list], start: int, counter: int, channel: int | None = None,
                uniqueid: str | None = None, nsteps: int | None = None) -> int:
        rnd = self.rng.random
        r = rnd()
        mc = channel if channel is not None else (0 if r < 0.80 else 1001 if r < 0.87 else 1004)
        services = self.phone if mc == 0 else self.video if mc == 1001 else self.chat
        if nsteps is None:
            r = rnd()
            nsteps = 1 if r < 0.75 else 2 if r < 0.93 else 3
        uid = uniqueid or f"{self.m.epoch(start)}.{counter}"
        sito = SITES[mc]
        # the caller
        contact_id = cli = customer = None
        ctype, lookup = "UNKNOWN", "NONE"
        if mc == 0:
            r = rnd()
            if r < 0.65:
                cli, contact_id, customer = self.callers[int(rnd() * len(self.callers))]
                ctype, lookup = "EXTERNAL_ITEM", "SUCCESS"
            elif r < 0.95:
                cli = "3" + str(200000000 + int(rnd() * 799999999))
            else:
                cli, ctype = "anonymous", "ANONYMOUS"
            contact_value = cli
        else:
            if rnd() < 0.8:
                contact_value, contact_id = self.chatters[int(rnd() * len(self.chatters))]
                ctype, lookup = "EXTERNAL_ITEM", "SUCCESS"
            else:
                contact_value = f"visitor{int(rnd() * 100000)}@web"
        r = rnd()
        context = "AT" if r < 0.93 else "FO" if r < 0.98 else "OS"
        session = f"{uid}-{int(rnd() * 1e9):09d}" if mc else None
        svc = services[int(rnd() * len(services))]
        t = start
        legs = []
        leg_services = []
        for k in range(nsteps):
            last = k == nsteps - 1
            next_svc = services[int(rnd() * len(services))] if not last else None
            leg = self._inbound_step(t, svc, next_svc, last, context, mc, k == 0)
            legs.append(leg)
            leg_services.append(svc)
            t = leg[15]                                  # end_
            svc = next_svc or svc
        crossed = legs[0][2] if nsteps == 1 else "|".join(dict.fromkeys(leg[2] for leg in legs))
        abandoned_id = callback_id = None
        final = legs[-1]
        if mc == 0 and final[16] == "H" and rnd() < 0.7:
            abandoned_id = self._recall(rows["s_abandoned"], uid, final, leg_services[-1], contact_id,
                                        contact_value, ctype, callback=False)
        elif mc == 0 and final[16] == "TCB":
            callback_id = self._recall(rows["s_callback"], uid, final, leg_services[-1], contact_id,
                                       contact_value, ctype, callback=True)
        digit = str(1 + int(rnd() * 2)) if mc == 0 and legs[0][4] else None
        out = rows["s_in"]
        for k, leg in enumerate(legs):
            step = nsteps - 1 - k
            out.append((uid, counter, mc, step, 99 if step == 0 else k + 1, sito) + leg
                       + (session, cli, contact_id, contact_value, ctype, lookup, customer, crossed,
                          abandoned_id if step == 0 else None, callback_id if step == 0 else None,
                          digit if k == 0 else None))
        return nsteps

    def _inbound_step(self, t: int, svc: _Svc, next_svc: _Svc | None, last: bool, context: str, mc: int,
                      first: bool) -> tuple:
        """One leg: the staging fields :data:`.gen_sql.LEG_FIELDS` (``user`` … ``popup``)."""
        rnd = self.rng.random
        ivr = int(rnd() * 40) if (first and mc == 0 and svc.ivr) else 0
        if context != "AT":
            return (None, None, svc.code, svc.did, svc.ivr, t, ivr, None, None, None, 0, 0, 0, 0, 0,
                    t + ivr + 5 + int(rnd() * 20), "T", None, None, context, 0, None, None, 0)
        queue_at = t + ivr
        answered = (not last) or rnd() < 0.80
        if answered and svc.agents:
            qdur = int(rnd() * rnd() * 240)
            ring = 2 + int(rnd() * 20)
            talk = 20 + int(rnd() * rnd() * 900)
            user, ext = svc.agents[int(rnd() * len(svc.agents))]
            hold = int(rnd() * 60) if rnd() < 0.15 else 0
            dist = queue_at + qdur
            answer = dist + ring
            wnr = int(rnd() * 45) if mc == 0 else 0
            rec = 1 if mc == 0 and rnd() < 0.3 else 0
            result = RESULTS[int(rnd() * len(RESULTS))] if rnd() < 0.5 else NO_RESULT
            popup = 1 if rnd() < 0.2 else 0
            if last:
                status, transfer, dest = "RC" if rnd() < 0.6 else "RA", None, None
            else:
                status, transfer, dest = "RTB" if rnd() < 0.6 else "RTC", next_svc.code, "INTERNAL"
            return (user, ext, svc.code, svc.did, svc.ivr, t, ivr, queue_at, dist, answer, ring, talk, hold, wnr,
                    qdur, answer + talk + hold, status, transfer, dest, context, rec, result[0], result[1], popup)
        qdur = int(rnd() * 180) + 5
        if last:
            status, transfer, dest = FAIL_STATUSES[int(rnd() * len(FAIL_STATUSES))], None, None
        else:
            status, transfer, dest = "TT", next_svc.code, "INTERNAL"
        return (None, None, svc.code, svc.did, svc.ivr, t, ivr, queue_at, None, None, 0, 0, 0, 0, qdur,
                queue_at + qdur, status, transfer, dest, context, 0, None, None, 0)

    def _recall(self, out: list, uid: str, leg: tuple, svc: _Svc, contact_id, value, ctype, callback: bool) -> str:
        """An abandoned-call or callback record for the interaction's last leg; its id."""
        m, rng = self.m, self.rng
        rid = m.uuid(rng)
        shape = {"svc": svc.service, "start": leg[5], "end": leg[15]}
        if callback:
            out.append(m.callback_row(rid, uid, shape, contact_id, value, ctype, rng, self.agents))
        else:
            out.append(m.abandoned_row(rid, uid, shape, contact_id, value, ctype, rng, self.agents))
        return rid

    # -- outbound ---------------------------------------------------------------------
    def outbound(self, rows: dict[str, list], start: int, counter: int, uniqueid: str | None = None) -> int:
        rnd = self.rng.random
        m = self.m
        epoch = m.epoch(start)
        uid = uniqueid or f"{epoch}.{counter}"
        svc = self.outbound_services[int(rnd() * len(self.outbound_services))]
        number, contact_id, _ = self.callers[int(rnd() * len(self.callers))]
        nsteps = 1 if rnd() < 0.95 else 2
        t = start
        campaign, lista = 1 + int(rnd() * 4), 1 + int(rnd() * 3)
        record_id = int(rnd() * 50000)
        out = rows["s_out"]
        for k in range(nsteps):
            step = nsteps - 1 - k
            answered = rnd() < 0.7
            user, ext = svc.agents[int(rnd() * len(svc.agents))] if svc.agents else (None, None)
            ring = 3 + int(rnd() * 25)
            status, transfer, dest, rec, result = "T", None, None, 0, NO_RESULT
            if answered:
                answer = t + ring
                talk = 15 + int(rnd() * rnd() * 600)
                status = "RA" if rnd() < 0.55 else "RC"
                rec = 1 if rnd() < 0.3 else 0
                if rnd() < 0.6:
                    result = RESULTS[int(rnd() * len(RESULTS))]
                if step > 0:
                    status, transfer, dest = "RTB", "0612345678", "EXTERNAL"
                end = answer + talk
            else:
                answer, talk, end = None, 0, t + ring
            out.append((uid, counter, step, 99 if step == 0 else k + 1, user, ext, svc.code, svc.did, t, answer, ring,
                        talk, end, status, transfer, dest, rec, result[0], result[1], number, contact_id, campaign,
                        lista, record_id, start if step == 0 else None, epoch if step == 0 else None))
            t = end
        return nsteps


def days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)
