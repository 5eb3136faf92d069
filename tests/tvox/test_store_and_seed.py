"""The store holds the document's tables with their documented columns; seeding is deterministic,
lazy for new tenants, and covers May 2020 with the document's example ids."""
from __future__ import annotations

import re

import pytest

from emulators.tvox.datamodel import docschema, tabledef
from emulators.tvox.datamodel.seed import build_store, parse_months, seed_tvox
from emulators.tvox.datamodel.state import datamodel_of, find_datamodel
from fixtures.directory import build_directory


def documented_tables() -> dict[str, list[tuple[str, str]]]:
    """Table name -> [(column, type)] read from the document's "Advanced" section."""
    path = docschema.default_document()
    if path is None:
        pytest.skip("the TVox document (shared/specs) is not beside the project")
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Inbound Service Interactions"))
    end = lines.index("Schema Types")
    tables, current = {}, None
    for line in lines[start:end]:
        match = re.match(r"^Table: (\S+)", line)
        if match:
            current = match[1].lower().replace("_yyyymm", "_{yyyymm}")
            tables[current] = []
            continue
        row = re.match(r"^([A-Za-z0-9_]*) \| ([^|]+) \|", line)
        if current and row and not line.startswith("Field |"):
            tables[current].append((row[1], row[2].strip()))
        elif current == "users" and line.startswith("varchar(255) | ||||"):
            tables[current].append(("email", "varchar(255)"))    # the row whose name the document lost
    return tables


@pytest.fixture(scope="module")
def store():
    return build_store(build_directory(0), 0)[0]


def test_every_documented_table_with_its_columns_in_order(store):
    for name, columns in documented_tables().items():
        real = name.replace("{yyyymm}", "202005")
        info = store.query(f'PRAGMA table_info("{real}")')
        assert [r[1] for r in info] == [c for c, _ in columns], name


def test_documented_types_are_the_declared_types(store):
    for name, columns in documented_tables().items():
        info = store.query(f'PRAGMA table_info("{name.replace("{yyyymm}", "202005")}")')
        for (col, typ), row in zip(columns, info):
            expected = tabledef.sql_type(typ.replace("varchar(255", "varchar(255)").replace("))", ")"))
            assert expected.lower() == row[2].lower(), (name, col)


def test_documented_primary_keys(store):
    info = {r[1]: r[5] for r in store.query('PRAGMA table_info("ast_calls_202005")')}
    assert info["idlastcall"] == 1 and info["step"] == 2
    pd = {r[1]: r[5] for r in store.query('PRAGMA table_info("ast_pd_history_202005")')}
    assert [c for c, k in sorted(pd.items(), key=lambda x: x[1]) if k] == \
        ["id", "item_number", "campagna", "lista", "insert_time"]


def test_indexes_serve_the_documented_searches(store):
    plan = " ".join(r[3] for r in store.query(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM ast_calls_202005 WHERE pin = 'x' AND datainizio "
        "BETWEEN '2020-05-01' AND '2020-05-10' AND mc_id = 0"))
    assert "USING" in plan and "INDEX" in plan
    plan = " ".join(r[3] for r in store.query(
        "EXPLAIN QUERY PLAN SELECT * FROM ast_calls_202005 WHERE step = 0 AND mc_id = 0 ORDER BY uniqueid LIMIT 10"))
    assert "INDEX" in plan


def test_same_seed_gives_the_same_data_in_every_store():
    a = build_store(build_directory(3), 3, steps=800, cache=False)[0]
    b = build_store(build_directory(3), 3, steps=800, cache=False)[0]
    for table in ("ast_calls_202005", "ast_cdr_202005", "t4you_global_addressbook", "tickets", "ticket_articles"):
        assert a.query(f"SELECT * FROM {table} ORDER BY 1, 2") == b.query(f"SELECT * FROM {table} ORDER BY 1, 2")
    c = build_store(build_directory(4), 4, steps=800, cache=False)[0]
    assert a.query("SELECT uniqueid FROM ast_calls_202005") != c.query("SELECT uniqueid FROM ast_calls_202005")


def test_default_dataset_holds_the_documents_ids(store):
    assert store.query("SELECT DISTINCT mc_id FROM ast_calls_202005 WHERE uniqueid = '1588581589.1320' "
                       "ORDER BY mc_id") == [(0,), (1001,), (1004,)]
    assert store.query("SELECT COUNT(*) FROM ast_calls_outbound_202005 WHERE uniqueid = '1588581589.1320'")[0][0] == 1
    assert store.query("SELECT name, surname FROM t4you_global_addressbook "
                       "WHERE uuid = '0007418f-3d4a-4315-c3e2-b3bf3521a325'") == [("Mario", "Rossi")]


def test_idlastcall_is_uniqueid_at_site_and_steps_count_from_zero(store):
    bad = store.query("SELECT COUNT(*) FROM ast_calls_202005 WHERE idlastcall <> uniqueid || '@' || sito")
    assert bad == [(0,)]
    gaps = store.query("SELECT idlastcall, COUNT(*) AS n, MAX(step) AS top FROM ast_calls_202005 "
                       "GROUP BY idlastcall HAVING top <> n - 1")
    assert gaps == []


def test_realistic_mix_of_channels_outcomes_and_links(store):
    channels = dict(store.query("SELECT mc_id, COUNT(*) FROM ast_calls_202005 GROUP BY mc_id"))
    assert set(channels) == {0, 1001, 1004} and channels[0] > channels[1004] > 0
    statuses = {r[0] for r in store.query("SELECT DISTINCT statochiamata FROM ast_calls_202005")}
    assert {"RC", "RA", "RTB", "RTC", "H", "T"} <= statuses
    abandoned = store.query("SELECT COUNT(*) FROM ast_calls_202005 a JOIN ast_calls_abandoned_202005 b "
                            "ON a.abandoned_call_id = b.id")[0][0]
    callbacks = store.query("SELECT COUNT(*) FROM ast_calls_202005 a JOIN ast_calls_callback_202005 b "
                            "ON a.callback_call_id = b.id")[0][0]
    recordings = store.query("SELECT COUNT(*) FROM ast_calls_202005 a JOIN smartrec_202005 s "
                             "ON a.smartrec = s.filewave")[0][0]
    linked = store.query("SELECT COUNT(*) FROM ast_calls_202005 a JOIN t4you_global_addressbook c "
                         "ON a.contact_id = c.uuid")[0][0]
    chat_links = store.query("SELECT COUNT(*) FROM ast_calls_202005 a JOIN t4you_multichannel_addressbook m "
                             "ON a.contact_value = m.channel_data AND m.channel_id = 1004 WHERE a.mc_id = 1004")[0][0]
    articles = store.query("SELECT COUNT(*) FROM ticket_articles a JOIN tickets t ON a.ticket_id = t.id")[0][0]
    assert min(abandoned, callbacks, recordings, linked, chat_links, articles) > 0


def test_new_tenants_are_lazy(emu):
    tenant = emu.new_tenant(clock_mode="virtual")
    assert find_datamodel(tenant) is None or not find_datamodel(tenant).materialized
    datamodel_of(tenant).store()
    assert datamodel_of(tenant).materialized


def test_seed_tvox_regenerates_months_with_progress(emu):
    tenant = emu.new_tenant(clock_mode="virtual")
    seen = []
    summary = seed_tvox(tenant, seed=11, months=["2021-02", "2021-03"], steps=500,
                        progress=lambda done, total: seen.append((done, total)))
    assert summary["months"] == ["2021-02", "2021-03"] and summary["steps"] >= 900
    assert seen and seen[-1][0] == seen[-1][1] == 1000
    store = datamodel_of(tenant).store()
    assert store.query("SELECT COUNT(*) FROM ast_calls_202103")[0][0] > 0
    assert not store.has_table("ast_calls_202005")


def test_parse_months_forms():
    assert parse_months("2020-05,202006") == ((2020, 5), (2020, 6))
    assert parse_months([(2021, 1)]) == ((2021, 1),)
    with pytest.raises(ValueError):
        parse_months(["May"])


MONTHLY_202102 = ("ast_calls_202102", "ast_calls_outbound_202102", "ast_cdr_202102", "smartrec_202102",
                  "ast_ivr_records_bis_202102", "ast_calls_abandoned_202102", "ast_calls_callback_202102",
                  "ast_pd_history_202102")


def test_a_month_generated_by_a_worker_process_has_the_same_rows(monkeypatch):
    from emulators.tvox.datamodel import gen_pipeline
    whole = build_store(build_directory(5), 5, [(2021, 2)], steps=3000, cache=False)[0]
    monkeypatch.setattr(gen_pipeline, "PIPELINE_MIN_STEPS", 1000)
    monkeypatch.setattr(gen_pipeline, "CHUNK_STEPS", 400)      # a dozen chunks, staged in turn by the worker
    split = build_store(build_directory(5), 5, [(2021, 2)], steps=3000, cache=False)[0]
    for table in MONTHLY_202102:
        assert whole.query(f"SELECT * FROM {table} ORDER BY 1, 2") == split.query(f"SELECT * FROM {table} ORDER BY 1, 2")
    index = "ix_ast_calls_202102_pin_datainizio_mc_id_step_idlastcall"
    assert split.query("SELECT name FROM sqlite_master WHERE name = ?", (index,)) == [(index,)]


_DIGEST = """
import hashlib, sys
from emulators.tvox.datamodel.seed import build_store
from fixtures.directory import build_directory
store = build_store(build_directory(3), 3, [(2021, 2)], steps=800, cache=False)[0]
digest = hashlib.sha256()
for (table,) in store.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_stat1' "
                            "ORDER BY name"):
    digest.update(repr((table, sorted(store.query(f'SELECT * FROM "{table}"'), key=repr))).encode())
print(digest.hexdigest())
"""


def test_same_seed_gives_the_same_data_in_every_process():
    """String hashing differs between processes (PYTHONHASHSEED): the data must not depend on it."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)}
        done = subprocess.run([sys.executable, "-c", _DIGEST], cwd=root, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_big_datasets_live_in_a_temporary_file_removed_on_close(monkeypatch):
    import os

    from emulators.tvox.datamodel import seed
    monkeypatch.setattr(seed, "ON_DISK_STEPS", 100)
    store = build_store(build_directory(0), 0, [(2020, 5)], steps=500, cache=False)[0]
    assert store.path and os.path.exists(store.path)
    assert store.query("SELECT COUNT(*) FROM ast_calls_202005")[0][0] > 0
    store.close()
    assert not os.path.exists(store.path)
