"""One month of TVox statistics: interactions with their steps, and the rows that go with them.

Written for speed (a million steps in seconds): times are integers of local
seconds turned into text through lookup tables, random draws come from one
:class:`random.Random` per month (so months are independent and identical
for the same seed), and rows are tuples flushed in chunks with
``executemany``. Only the columns an interaction fills are inserted; the
others stay NULL.

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
import os
import random
import sqlite3
import tempfile
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from multiprocessing import get_context
from typing import Callable

from .gen_rows import (ABANDONED_COLS, CALLBACK_COLS, CDR_COLS, INBOUND_COLS, IVR_COLS, OUTBOUND_COLS,
                       PD_COLS, SMARTREC_COLS, Month)
from .site import SITES, Site

CHUNK = 20_000          # interactions per executemany batch
PARALLEL_MIN_STEPS = 200_000    # months this big are generated in two processes
WEEKDAY_WEIGHT = (1.0, 1.0, 1.0, 1.0, 1.0, 0.45, 0.2)   # Monday … Sunday
STEPS_PER_INTERACTION = 1.32   # average of the step distribution below (for sizing)
RESULTS = (("VENDITA", "NUOVO CONTRATTO"), ("VENDITA", "PREVENTIVO"), ("INFO", "ORARI"), ("INFO", None),
           ("RECLAMO", "FATTURAZIONE"), ("ASSISTENZA", "GUASTO"), ("ASSISTENZA", "CONFIGURAZIONE"))
FAIL_STATUSES = ("H", "H", "H", "H", "T", "T", "TNS", "TMQ", "TCB")


def day_plan(m: Month, steps: int) -> list[tuple[int, int, int]]:
    """(day index, inbound interactions, outbound calls) per day: weekdays busy, weekends quiet."""
    if steps <= 0:
        return []
    weights = [WEEKDAY_WEIGHT[(m.first_day + d + 3) % 7] for d in range(m.days)]   # 1970-01-01 was a Thursday
    total = sum(weights)
    inbound = max(1, int(steps * 0.85 / STEPS_PER_INTERACTION))
    outbound = max(0, int(steps * 0.15 / 1.05))
    return [(d, round(inbound * w / total), round(outbound * w / total)) for d, w in enumerate(weights)]


def generate_month(conn, site: Site, people, year: int, month: int, steps: int, seed: int,
                   progress: Callable[[int], None] | None = None, pinned: list | None = None,
                   parallel: bool = True) -> int:
    """Write about ``steps`` steps of ``year``/``month`` into the month's tables; returns steps written.

    Each day has its own random generator, so a day's rows are the same however the
    month is split: big months are generated half in this process and half in a
    worker process (two cores), then merged.
    """
    m = Month(year, month)
    plan = day_plan(m, steps)
    written = 0
    if parallel and steps >= PARALLEL_MIN_STEPS and len(plan) > 1:
        half = _split(plan)
        handle, part = tempfile.mkstemp(prefix="ccemu-tvox-part-", suffix=".sqlite")
        os.close(handle)
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
                future = pool.submit(generate_part, part, site, people, year, month, seed, plan[half:])
                written += generate_days(conn, site, people, m, seed, plan[:half], progress)
                written += future.result()
            merge_part(conn, part, m.key)
        finally:
            for suffix in ("", "-journal"):
                if os.path.exists(part + suffix):
                    os.unlink(part + suffix)
    else:
        written += generate_days(conn, site, people, m, seed, plan, progress)
    if pinned:
        gen = _Gen(random.Random(f"tvox-pinned-{seed}-{m.key}"), site, people, m)
        writer = _Writer(conn, m.key)
        for spec in pinned:
            written += gen.pinned(writer, spec)
        writer.flush()
    if progress:
        progress(written)
    return written


def _split(plan) -> int:
    total = sum(i + o for _, i, o in plan)
    acc = 0
    for index, (_, i, o) in enumerate(plan):
        acc += i + o
        if acc >= total / 2:
            return index + 1
    return len(plan)


def generate_days(conn, site: Site, people, m: Month, seed: int, plan, progress=None) -> int:
    written = 0
    writer = _Writer(conn, m.key)
    gen = _Gen(None, site, people, m)
    pending = 0
    for day, inbound, outbound in plan:
        rng = random.Random(f"tvox-month-{seed}-{m.key}-{day}")
        gen.rng = rng
        rnd = rng.random
        starts = m.day_starts(rng, day, inbound + outbound)
        kinds = [False] * inbound + [True] * outbound
        rng.shuffle(kinds)
        counter = 1000 + int(rnd() * 500)
        for start, is_outbound in zip(starts, kinds):
            counter += 1 + int(rnd() * 9)
            written += gen.outbound(writer, start, counter) if is_outbound else gen.inbound(writer, start, counter)
        pending += inbound + outbound
        if pending >= CHUNK:
            writer.flush()
            pending = 0
            if progress:
                progress(written)
    writer.flush()
    return written


def generate_part(path: str, site: Site, people, year: int, month: int, seed: int, plan) -> int:
    """Worker process: generate some days of a month into the database file ``path``; the steps written."""
    from .catalogue import AREAS
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    m = Month(year, month)
    for table in AREAS["TVOX"]:
        conn.execute(table.create_sql(m.key))
    steps = generate_days(conn, site, people, m, seed, plan)
    conn.close()
    return steps


def merge_part(conn, path: str, key: str) -> None:
    """Append a worker's rows (its database file) to the month's tables of ``conn``."""
    from .catalogue import AREAS
    # a URI naming the platform's file VFS: a plain name would open in the in-memory VFS of ``conn``
    vfs = "win32" if os.name == "nt" else "unix"
    conn.execute("ATTACH DATABASE ? AS part", (f"file:{path}?vfs={vfs}",))
    try:
        conn.execute("BEGIN")
        for table in AREAS["TVOX"]:
            real = table.named(key)
            conn.execute(f'INSERT OR REPLACE INTO main."{real}" SELECT * FROM part."{real}"')
        conn.execute("COMMIT")
    finally:
        conn.execute("DETACH DATABASE part")


class _Writer:
    """Buffers rows per table and inserts them in batches."""

    def __init__(self, conn, key: str):
        self.conn = conn
        self.tables = {
            "inbound": (f"ast_calls_{key}", INBOUND_COLS), "outbound": (f"ast_calls_outbound_{key}", OUTBOUND_COLS),
            "cdr": (f"ast_cdr_{key}", CDR_COLS), "ivr": (f"ast_ivr_records_bis_{key}", IVR_COLS),
            "smartrec": (f"smartrec_{key}", SMARTREC_COLS), "abandoned": (f"ast_calls_abandoned_{key}", ABANDONED_COLS),
            "callback": (f"ast_calls_callback_{key}", CALLBACK_COLS), "pd": (f"ast_pd_history_{key}", PD_COLS),
        }
        self.rows: dict[str, list] = {k: [] for k in self.tables}
        self.sql = {k: f'INSERT OR REPLACE INTO "{t}" (' + ", ".join(f'"{c}"' for c in cols) + ") VALUES ("
                    + ",".join("?" * len(cols)) + ")" for k, (t, cols) in self.tables.items()}

    def flush(self) -> None:
        self.conn.execute("BEGIN")
        for kind, rows in self.rows.items():
            if rows:
                self.conn.executemany(self.sql[kind], rows)
                rows.clear()
        self.conn.execute("COMMIT")


class _Gen:
    def __init__(self, rng: random.Random, site: Site, people, m: Month):
        self.rng, self.site, self.people, self.m = rng, site, people, m
        self.agents = site.agents
        self.callers = people.callers or [("0612345678", None, None)]
        self.chatters = people.chatters or [("cliente@example.it", None)]

    # -- inbound --------------------------------------------------------------------
    def inbound(self, w: _Writer, start: int, counter: int, channel: int | None = None,
                uniqueid: str | None = None, nsteps: int | None = None) -> int:
        rnd = self.rng.random
        r = rnd()
        mc = channel if channel is not None else (0 if r < 0.80 else 1001 if r < 0.87 else 1004)
        services = self.site.phone if mc == 0 else self.site.video if mc == 1001 else self.site.chat
        if nsteps is None:
            r = rnd()
            nsteps = 1 if r < 0.75 else 2 if r < 0.93 else 3
        m = self.m
        epoch = m.epoch(start)
        uid = uniqueid or f"{epoch}.{counter}"
        sito = SITES[mc]
        idlast = f"{uid}@{sito}"
        # the caller
        contact_id = contact_value = cli = customer = None
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
        for k in range(nsteps):
            last = k == nsteps - 1
            next_svc = services[int(rnd() * len(services))] if not last else None
            legs.append(self._inbound_step(t, svc, next_svc, last, context, mc, k == 0))
            t = legs[-1]["end"]
            svc = next_svc or svc
        rows = w.rows["inbound"]
        crossed = "|".join(dict.fromkeys(leg["svc"].code for leg in legs))
        abandoned_id = callback_id = None
        final = legs[-1]
        if mc == 0 and final["status"] == "H" and rnd() < 0.7:
            abandoned_id = self._abandoned(w, uid, final, contact_id, contact_value, ctype)
        elif mc == 0 and final["status"] == "TCB":
            callback_id = self._callback(w, uid, final, contact_id, contact_value, ctype)
        for k, leg in enumerate(legs):
            step = nsteps - 1 - k
            rows.append(m.inbound_row(leg, idlast, sito, uid, step, counter, mc, session, cli, contact_id,
                                      contact_value, ctype, lookup, customer, crossed,
                                      abandoned_id if step == 0 else None, callback_id if step == 0 else None,
                                      self.agents))
            if mc == 0:
                w.rows["cdr"].append(m.cdr_row(leg, uid, 99 if step == 0 else k + 1, cli, "2", counter,
                                               self.agents))
                if leg["rec"]:
                    w.rows["smartrec"].append(m.smartrec_row(leg, uid, step, cli, "I", self.agents))
        if mc == 0 and legs[0]["svc"].ivr:
            w.rows["ivr"].extend(m.ivr_rows(legs[0], uid, rnd))
        return nsteps

    def _inbound_step(self, t: int, svc, next_svc, last: bool, context: str, mc: int, first: bool) -> dict:
        rnd = self.rng.random
        ivr = int(rnd() * 40) if (first and mc == 0 and svc.ivr) else 0
        leg = {"svc": svc, "start": t, "ivr": ivr, "context": context, "rec": False, "agent": None,
               "answer": None, "ring": 0, "talk": 0, "hold": 0, "wnr": 0, "result": None, "popup": False,
               "transfer": None, "dest": None, "queue": None, "qdur": 0, "dist": None}
        if context != "AT":
            leg["status"] = "T"
            leg["end"] = t + ivr + 5 + int(rnd() * 20)
            return leg
        queue_at = t + ivr
        leg["queue"] = queue_at
        answered = (not last) or rnd() < 0.80
        if answered and svc.agents:
            qdur = int(rnd() * rnd() * 240)
            ring = 2 + int(rnd() * 20)
            talk = 20 + int(rnd() * rnd() * 900)
            leg.update(qdur=qdur, dist=queue_at + qdur, ring=ring, answer=queue_at + qdur + ring, talk=talk,
                       agent=svc.agents[int(rnd() * len(svc.agents))])
            leg["hold"] = int(rnd() * 60) if rnd() < 0.15 else 0
            leg["end"] = leg["answer"] + talk + leg["hold"]
            leg["wnr"] = int(rnd() * 45) if mc == 0 else 0
            leg["rec"] = mc == 0 and rnd() < 0.3
            if rnd() < 0.5:
                leg["result"] = RESULTS[int(rnd() * len(RESULTS))]
            leg["popup"] = rnd() < 0.2
            if last:
                leg["status"] = "RC" if rnd() < 0.6 else "RA"
            else:
                r = rnd()
                leg["status"] = "RTB" if r < 0.6 else "RTC"
                leg["transfer"], leg["dest"] = next_svc.code, "INTERNAL"
        else:
            qdur = int(rnd() * 180) + 5
            leg.update(qdur=qdur, end=queue_at + qdur)
            if last:
                leg["status"] = FAIL_STATUSES[int(rnd() * len(FAIL_STATUSES))]
            else:
                leg["status"] = "TT"
                leg["transfer"], leg["dest"] = next_svc.code, "INTERNAL"
        return leg

    def _abandoned(self, w, uid, leg, contact_id, value, ctype) -> str:
        rid = self.m.uuid(self.rng)
        w.rows["abandoned"].append(self.m.abandoned_row(rid, uid, leg, contact_id, value, ctype, self.rng,
                                                        self.agents))
        return rid

    def _callback(self, w, uid, leg, contact_id, value, ctype) -> str:
        rid = self.m.uuid(self.rng)
        w.rows["callback"].append(self.m.callback_row(rid, uid, leg, contact_id, value, ctype, self.rng,
                                                      self.agents))
        return rid

    # -- outbound ---------------------------------------------------------------------
    def outbound(self, w: _Writer, start: int, counter: int, uniqueid: str | None = None) -> int:
        rnd = self.rng.random
        m = self.m
        uid = uniqueid or f"{m.epoch(start)}.{counter}"
        svc = self.site.outbound[int(rnd() * len(self.site.outbound))]
        number, contact_id, _ = self.callers[int(rnd() * len(self.callers))]
        nsteps = 1 if rnd() < 0.95 else 2
        t = start
        campaign, lista = 1 + int(rnd() * 4), 1 + int(rnd() * 3)
        record_id = int(rnd() * 50000)
        for k in range(nsteps):
            step = nsteps - 1 - k
            answered = rnd() < 0.7
            leg = {"svc": svc, "start": t, "agent": svc.agents[int(rnd() * len(svc.agents))] if svc.agents else None,
                   "ring": 3 + int(rnd() * 25), "talk": 0, "answer": None, "hold": 0, "wnr": 0, "rec": False,
                   "result": None, "status": "T", "transfer": None, "dest": None, "context": "AT", "ivr": 0,
                   "queue": None, "qdur": 0, "dist": t, "popup": False}
            if answered:
                leg.update(answer=t + leg["ring"], talk=15 + int(rnd() * rnd() * 600),
                           status="RA" if rnd() < 0.55 else "RC", rec=rnd() < 0.3)
                if rnd() < 0.6:
                    leg["result"] = RESULTS[int(rnd() * len(RESULTS))]
                if step > 0:
                    leg["status"], leg["transfer"], leg["dest"] = "RTB", "0612345678", "EXTERNAL"
            leg["end"] = (leg["answer"] or t) + leg["ring"] * (0 if answered else 1) + leg["talk"]
            w.rows["outbound"].append(m.outbound_row(leg, uid, step, counter, number, contact_id, campaign, lista,
                                                     record_id, self.agents))
            w.rows["cdr"].append(m.cdr_row(leg, uid, 99 if step == 0 else k + 1, number, "1", counter,
                                           self.agents, outbound=True))
            if leg["rec"]:
                w.rows["smartrec"].append(m.smartrec_row(leg, uid, step, number, "O", self.agents))
            t = leg["end"]
        w.rows["pd"].append(m.pd_row(uid, start, campaign, lista, record_id, number, contact_id, leg))
        return nsteps

    # -- the document's example ids -------------------------------------------------------
    def pinned(self, w: _Writer, spec: dict) -> int:
        start = self.m.local(spec["epoch"])
        if spec["kind"] == "outbound":
            return self.outbound(w, start, 0, uniqueid=spec["uniqueid"])
        return self.inbound(w, start, 0, channel=spec["channel"], uniqueid=spec["uniqueid"],
                            nsteps=spec.get("steps"))


def days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)
