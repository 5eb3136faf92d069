"""advancedQuery: SQL over the chosen type's tables through a read-only connection, on a time and
row budget, with the MySQL functions report writers use; results are ordered maps of strings."""
from __future__ import annotations

import pytest

from emulators.tvox.datamodel.state import datamodel_of


def fingerprint(dm) -> tuple:
    store = datamodel_of(dm.tenant).store()
    tables = store.query("SELECT name, sql FROM sqlite_master ORDER BY name")
    counts = tuple(store.query(f'SELECT COUNT(*) FROM "{name}"')[0][0] for name, sql in tables
                   if sql and sql.startswith("CREATE TABLE"))
    return tuple(tables), counts


def test_results_are_ordered_maps_of_strings(dm):
    rows = dm.sql("SELECT step AS s, uniqueid AS u, NULL AS n, 1.5 AS f, 2.0 AS i FROM ast_calls_202005 LIMIT 1")
    assert list(rows[0]) == ["s", "u", "n", "f", "i"]
    assert rows[0]["s"] == "0" or rows[0]["s"].isdigit()
    assert rows[0]["n"] is None and rows[0]["f"] == "1.5" and rows[0]["i"] == "2"


def test_type_defaults_to_tvox(dm):
    rows = dm.data('{ advancedQuery(query: "SELECT COUNT(*) AS n FROM ast_cdr_202005") }')["advancedQuery"]
    assert int(rows[0]["n"]) > 0


@pytest.mark.parametrize("type_, table", [("TVOX", "ast_calls_202005"), ("TVOX", "ast_calls_outbound_202005"),
                                          ("TVOX", "ast_cdr_202005"), ("TVOX", "ast_ivr_records_bis_202005"),
                                          ("TVOX", "smartrec_202005"), ("TVOX", "ast_calls_abandoned_202005"),
                                          ("TVOX", "ast_calls_callback_202005"), ("TVOX", "ast_pd_history_202005"),
                                          ("ADDRESSBOOK", "t4you_global_addressbook"),
                                          ("ADDRESSBOOK", "t4you_multichannel_addressbook"),
                                          ("SUPPORT", "tickets"), ("SUPPORT", "ticket_articles"),
                                          ("SUPPORT", "users"), ("SUPPORT", "groups"), ("SUPPORT", "groups_users"),
                                          ("SUPPORT", "ticket_time_accountings"), ("SUPPORT", "links"),
                                          ("SUPPORT", "link_objects")])
def test_each_type_reads_its_tables_and_they_hold_data(dm, type_, table):
    assert int(dm.sql(f"SELECT COUNT(*) AS n FROM {table}", type_)[0]["n"]) > 0


@pytest.mark.parametrize("type_, table", [("TVOX", "tickets"), ("SUPPORT", "ast_calls_202005"),
                                          ("ADDRESSBOOK", "users"), ("TVOX", "t4you_global_addressbook"),
                                          ("TVOX", "sqlite_master")])
def test_tables_of_another_type_are_refused(dm, type_, table):
    message = dm.error('{ advancedQuery(type: %s, query: "SELECT * FROM %s") }' % (type_, table))
    assert "refused" in message


@pytest.mark.parametrize("sql", [
    "DELETE FROM ast_calls_202005", "UPDATE ast_calls_202005 SET pin = 'x'",
    "INSERT INTO ast_calls_202005 (idlastcall, step) VALUES ('x', 0)", "DROP TABLE ast_calls_202005",
    "CREATE TABLE evil (x)", "CREATE INDEX ix ON ast_calls_202005 (pin)", "ALTER TABLE ast_calls_202005 ADD COLUMN z",
    "ATTACH DATABASE ':memory:' AS other", "ATTACH DATABASE 'file:/tmp/x.db' AS other", "DETACH DATABASE main",
    "PRAGMA query_only = OFF", "PRAGMA writable_schema = ON", "VACUUM", "REINDEX", "ANALYZE",
    "BEGIN", "COMMIT", "SAVEPOINT a", "CREATE TEMP TABLE t AS SELECT 1",
    "SELECT load_extension('/tmp/x')", "WITH x AS (SELECT 1) DELETE FROM ast_calls_202005",
    "SELECT 1; DELETE FROM ast_calls_202005", "REPLACE INTO ast_cdr_202005 (uniqueid, id_node) VALUES ('a', 1)",
])
def test_writes_ddl_attach_pragma_are_refused_and_nothing_changes(dm, sql):
    before = fingerprint(dm)
    reply = dm.post("query($q: String!) { advancedQuery(type: TVOX, query: $q) }", {"q": sql})
    assert reply.status == 200 and reply.body["data"] is None and reply.messages
    assert fingerprint(dm) == before


def test_runaway_sql_is_stopped_by_the_time_budget(dm):
    datamodel_of(dm.tenant).limits.query_seconds = 0.2
    message = dm.error('{ advancedQuery(query: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) '
                       'SELECT COUNT(*) FROM c") }')
    assert "longer than" in message
    assert dm.sql("SELECT COUNT(*) AS n FROM ast_cdr_202005")[0]["n"]      # the connection is fine after it


def test_huge_cross_join_is_stopped_too(dm):
    datamodel_of(dm.tenant).limits.query_seconds = 0.2
    message = dm.error('{ advancedQuery(query: "SELECT COUNT(*) FROM ast_cdr_202005 a, ast_cdr_202005 b, '
                       'ast_cdr_202005 c") }')
    assert "longer than" in message


def test_row_budget(dm):
    datamodel_of(dm.tenant).limits.max_rows = 10
    assert len(dm.sql("SELECT uniqueid FROM ast_calls_202005 LIMIT 10")) == 10
    assert "more than 10 rows" in dm.error('{ advancedQuery(query: "SELECT uniqueid FROM ast_calls_202005") }')


@pytest.mark.parametrize("sql, expected", [
    ("SELECT DATE_FORMAT('2020-05-04 10:39:49', '%Y-%m-%d %H:%i') AS v", "2020-05-04 10:39"),
    ("SELECT DATE_FORMAT('2020-05-04', '%d/%m/%y %W %M') AS v", "04/05/20 Monday May"),
    ("SELECT CONCAT('a', 1, 'b') AS v", "a1b"), ("SELECT CONCAT('a', NULL) AS v", None),
    ("SELECT CONCAT_WS('-', 'a', NULL, 'b') AS v", "a-b"), ("SELECT IFNULL(NULL, 'x') AS v", "x"),
    ("SELECT IF(1 > 2, 'yes', 'no') AS v", "no"), ("SELECT YEAR('2020-05-04') AS v", "2020"),
    ("SELECT MONTH('2020-05-04 10:00:00') AS v", "5"), ("SELECT DAY('2020-05-04') AS v", "4"),
    ("SELECT HOUR('2020-05-04 10:39:49') AS v", "10"), ("SELECT UNIX_TIMESTAMP('2020-05-04 10:39:49') AS v",
                                                         "1588581589"),
    ("SELECT FROM_UNIXTIME(1588581589) AS v", "2020-05-04 10:39:49"),
    ("SELECT FROM_UNIXTIME(1588581589, '%H:%i') AS v", "10:39"),
    ("SELECT DATEDIFF('2020-05-10', '2020-05-04') AS v", "6"), ("SELECT SEC_TO_TIME(3725) AS v", "01:02:05"),
    ("SELECT TIME_TO_SEC('10,3949') AS v", "38389"), ("SELECT LEFT('abcdef', 2) AS v", "ab"),
    ("SELECT RIGHT('abcdef', 2) AS v", "ef"), ("SELECT LPAD('7', 3, '0') AS v", "007"),
    ("SELECT SUBSTRING_INDEX('a|b|c', '|', 2) AS v", "a|b"), ("SELECT 'abc' REGEXP '^a' AS v", "1"),
    ("SELECT LAST_DAY('2020-02-10') AS v", "2020-02-29"), ("SELECT QUARTER('2020-05-04') AS v", "2"),
])
def test_mysql_functions(dm, sql, expected):
    assert dm.sql(sql + " FROM ast_calls_202005 LIMIT 1")[0]["v"] == expected


def test_now_and_curdate_follow_the_tenant_clock(dm):
    dm.tenant.clock.configure(now=1588581589)
    row = dm.sql("SELECT NOW() AS n, CURDATE() AS d, UNIX_TIMESTAMP() AS u FROM ast_calls_202005 LIMIT 1")[0]
    assert row == {"n": "2020-05-04 10:39:49", "d": "2020-05-04", "u": "1588581589"}


def test_report_writer_group_by(dm):
    rows = dm.sql("SELECT servizio, DATE_FORMAT(datainizio, '%Y-%m') AS month, COUNT(DISTINCT idlastcall) AS calls, "
                  "SUM(durataag1) AS talk FROM ast_calls_202005 WHERE mc_id = 0 GROUP BY servizio ORDER BY servizio")
    assert rows and all(r["month"] == "2020-05" for r in rows if r["month"] != "2020-04")
    total = dm.data("{ inboundCallsCount(search: { year: 2020, month: 5 }) }")["inboundCallsCount"]
    step0 = dm.sql("SELECT COUNT(*) AS n FROM ast_calls_202005 WHERE mc_id = 0 AND step = 0")[0]["n"]
    assert int(step0) == total


@pytest.mark.parametrize("sql, words", [("", "empty"), ("   ;  ", "empty"), ("SELEC 1", "syntax"),
                                        ("SELECT nope FROM ast_calls_202005", "no such column"),
                                        ("SELECT * FROM ast_calls_209912", "no such table")])
def test_bad_sql_is_a_graphql_error(dm, sql, words):
    reply = dm.post("query($q: String!) { advancedQuery(type: TVOX, query: $q) }", {"q": sql})
    assert reply.status == 200 and words in reply.messages[0]
