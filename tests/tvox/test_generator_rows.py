"""The month generator builds its rows in SQLite from narrow staging rows (gen_sql); the engine
projection builds the same documented shapes in Python (gen_rows.Month.*_row). Both must agree,
column for column, so seeded statistics and rows of engine calls look alike."""
from __future__ import annotations

import sqlite3

import pytest

from emulators.tvox.datamodel import gen_calls, gen_pipeline, gen_sql
from emulators.tvox.datamodel.catalogue import AREAS
from emulators.tvox.datamodel.gen_people import build_people
from emulators.tvox.datamodel.gen_rows import (ABANDONED_COLS, CALLBACK_COLS, CDR_COLS, INBOUND_COLS, IVR_COLS,
                                               OUTBOUND_COLS, PD_COLS, SMARTREC_COLS, Month)
from emulators.tvox.datamodel.seed import PINNED, _users
from emulators.tvox.datamodel.site import Service, site_of
from fixtures.directory import build_directory

KEY = "202005"


@pytest.fixture(scope="module")
def generated():
    """A few days of May 2020 plus the pinned example ids: their staging rows, and the rows SQLite built."""
    site = site_of(build_directory(0))
    people = build_people(0, _users(site))
    m = Month(2020, 5)
    gen = gen_calls.Gen(site, people, m, 0)
    rows = {name: [] for name in gen_sql.STAGE_TABLES}
    gen.days(rows, gen_calls.day_plan(m, 6000)[:6])
    gen.pinned_all(rows, list(PINNED))
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for table in AREAS["TVOX"]:
        conn.execute(table.create_sql(KEY))
        conn.execute(table.create_sql("py" + KEY))       # the same table, filled from the Python rows
    conn.execute("ATTACH ':memory:' AS stage")
    for sql in gen_sql.create_stage_sql():
        conn.execute(sql.replace('EXISTS "', 'EXISTS stage."'))
    for name, staged in rows.items():
        conn.executemany(gen_sql.stage_insert_sql(name).replace('INTO "', 'INTO stage."'), staged)
    for sql in gen_sql.build_statements(KEY, "stage"):
        conn.execute(sql, gen_sql.build_params(m))
    return site, m, rows, conn


def _agent_index(site, user):
    return None if user is None else next(i for i, a in enumerate(site.agents) if a.username == user)


def _inbound_leg(site, r: dict) -> dict:
    # the instants gen_sql derives: distributed before ringing, queued after the IVR (calls that reach the queue)
    dist = None if r["answer"] is None else r["answer"] - r["ring"]
    queue = r["start"] + r["ivr"] if r["context"] == "AT" else None
    return {"svc": Service(r["code"], r["did"], ivr=bool(r["ivrsvc"])), "start": r["start"], "end": r["end_"],
            "answer": r["answer"], "dist": dist, "queue": queue,
            "ivr": r["ivr"], "ring": r["ring"], "talk": r["talk"], "hold": r["hold"], "wnr": r["wnr"],
            "qdur": r["qdur"], "status": r["status"], "transfer": r["transfer"], "dest": r["dest"],
            "context": r["context"], "rec": bool(r["rec"]), "popup": bool(r["popup"]),
            "result": (r["res1"], r["res2"]) if r["res1"] is not None else None,
            "agent": _agent_index(site, r["user"])}


def _outbound_leg(site, r: dict) -> dict:
    return {"svc": Service(r["code"], r["did"]), "start": r["start"], "end": r["end_"], "answer": r["answer"],
            "ring": r["ring"], "talk": r["talk"], "status": r["status"], "transfer": r["transfer"], "dest": r["dest"],
            "rec": bool(r["rec"]), "result": (r["res1"], r["res2"]) if r["res1"] is not None else None,
            "agent": _agent_index(site, r["user"])}


def _python_rows(site, m: Month, rows: dict) -> dict[str, list[tuple]]:
    """The rows Month.*_row make from the same legs (what the engine projection uses)."""
    out: dict[str, list[tuple]] = {name: [] for name in ("ast_calls_", "ast_cdr_", "smartrec_", "ast_ivr_records_bis_",
                                                         "ast_calls_outbound_", "ast_pd_history_")}
    for values in rows["s_in"]:
        r = dict(zip(gen_sql.STAGE_IN, values))
        leg = _inbound_leg(site, r)
        out["ast_calls_"].append(m.inbound_row(
            leg, f"{r['uid']}@{r['sito']}", r["sito"], r["uid"], r["step"], r["counter"], r["mc"], r["session"],
            r["cli"], r["contact_id"], r["contact_value"], r["ctype"], r["lookup"], r["customer"], r["crossed"],
            r["abandoned_id"], r["callback_id"], site.agents))
        if r["mc"] == 0:
            out["ast_cdr_"].append(m.cdr_row(leg, r["uid"], r["node"], r["cli"], "2", r["counter"], site.agents))
            if leg["rec"]:
                out["smartrec_"].append(m.smartrec_row(leg, r["uid"], r["step"], r["cli"], "I", site.agents))
        if r["digit"] is not None:
            out["ast_ivr_records_bis_"].extend(m.ivr_rows(leg, r["uid"], lambda d=r["digit"]: 0.0 if d == "1" else 0.5))
    for values in rows["s_out"]:
        r = dict(zip(gen_sql.STAGE_OUT, values))
        leg = _outbound_leg(site, r)
        out["ast_calls_outbound_"].append(m.outbound_row(
            leg, r["uid"], r["step"], r["counter"], r["number"], r["contact_id"], r["campaign"], r["lista"],
            r["record_id"], site.agents))
        out["ast_cdr_"].append(m.cdr_row(leg, r["uid"], r["node"], r["number"], "1", r["counter"], site.agents,
                                         outbound=True))
        if leg["rec"]:
            out["smartrec_"].append(m.smartrec_row(leg, r["uid"], r["step"], r["number"], "O", site.agents))
        if r["step"] == 0:
            out["ast_pd_history_"].append(m.pd_row(r["uid"], r["istart"], r["campaign"], r["lista"], r["record_id"],
                                                   r["number"], r["contact_id"], leg))
    return out


COLUMNS = {"ast_calls_": INBOUND_COLS, "ast_cdr_": CDR_COLS, "smartrec_": SMARTREC_COLS,
           "ast_ivr_records_bis_": IVR_COLS, "ast_calls_outbound_": OUTBOUND_COLS, "ast_pd_history_": PD_COLS}


@pytest.mark.parametrize("prefix", list(COLUMNS))
def test_sql_built_rows_equal_the_python_row_shapes(generated, prefix):
    site, m, rows, conn = generated
    cols = COLUMNS[prefix]
    conn.executemany(f'INSERT OR REPLACE INTO "{prefix}py{KEY}" (' + ", ".join(f'"{c}"' for c in cols)
                     + ") VALUES (" + ",".join("?" * len(cols)) + ")", _python_rows(site, m, rows)[prefix])
    select = "SELECT * FROM \"{}\" ORDER BY " + ", ".join(f'"{c}"' for c in cols)
    built = conn.execute(select.format(f"{prefix}{KEY}")).fetchall()
    python = conn.execute(select.format(f"{prefix}py{KEY}")).fetchall()
    assert built and built == python


def test_the_sample_covers_every_kind_of_step(generated):
    site, m, rows, conn = generated
    staged = [dict(zip(gen_sql.STAGE_IN, v)) for v in rows["s_in"]]
    assert {r["mc"] for r in staged} == {0, 1001, 1004}
    assert {r["context"] for r in staged} >= {"AT", "FO"}
    assert any(r["answer"] is None for r in staged) and any(r["rec"] for r in staged)
    assert any(r["popup"] and r["res1"] for r in staged) and any(r["wnr"] for r in staged)
    assert any(r["digit"] == "1" for r in staged) and any(r["digit"] == "2" for r in staged)
    assert any(r["transfer"] for r in staged) and any(r["abandoned_id"] for r in staged)
    outbound = [dict(zip(gen_sql.STAGE_OUT, v)) for v in rows["s_out"]]
    assert any(r["answer"] is None for r in outbound) and any(r["rec"] for r in outbound)


def test_abandoned_and_callback_rows_are_copied_as_staged(generated):
    site, m, rows, conn = generated
    for prefix, name, cols in (("ast_calls_abandoned_", "s_abandoned", ABANDONED_COLS),
                               ("ast_calls_callback_", "s_callback", CALLBACK_COLS)):
        select = ", ".join(f'"{c}"' for c in cols)
        got = conn.execute(f'SELECT {select} FROM "{prefix}{KEY}" ORDER BY id').fetchall()
        assert got and got == sorted(rows[name], key=lambda r: r[0])


def test_chunks_are_whole_days_in_order():
    m = Month(2021, 3)
    plan = gen_calls.day_plan(m, 100_000)
    chunks = gen_pipeline.chunks_of(plan, 9_000)
    assert [d for chunk in chunks for d in chunk] == plan and len(chunks) > 5
    assert gen_pipeline.chunks_of(plan, 10**9) == [plan]


def test_a_day_draws_the_same_rows_whatever_the_chunks():
    site = site_of(build_directory(1))
    people = build_people(1, _users(site))
    m = Month(2021, 3)
    plan = gen_calls.day_plan(m, 3000)
    whole = {name: [] for name in gen_sql.STAGE_TABLES}
    gen_calls.Gen(site, people, m, 1).days(whole, plan)
    split = {name: [] for name in gen_sql.STAGE_TABLES}
    gen = gen_calls.Gen(site, people, m, 1)
    for chunk in gen_pipeline.chunks_of(plan, 200):
        gen.days(split, chunk)
    assert whole == split
