"""``advancedQuery``: the caller's SQL over the tables of one area, read-only and on a budget.

Defences, each on its own enough to keep the database unchanged:

1. the connection is opened read-only (``mode=ro``) with ``PRAGMA query_only``;
2. an authorizer admits only SELECT, reading the tables of the chosen type
   (TVOX: the monthly tables; ADDRESSBOOK: the address book; SUPPORT: the
   ticket tables), recursive CTEs and known functions; everything else (DML,
   DDL, ATTACH, PRAGMA, transactions, other tables, ``load_extension``) is
   refused;
3. one statement only;
4. a time budget (a progress handler interrupts the statement) and a row
   budget (more rows is an error, not a silent truncation).

Results are ordered maps: the selected names in order, values as strings
(NULL stays null), as the document says.
"""
from __future__ import annotations

import sqlite3
import time
from typing import Any

from . import mysqlfuncs
from .catalogue import area_of_table
from .errors import DataModelError

DENIED_FUNCTIONS = frozenset({"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer",
                              "sqlite_compileoption_get", "sqlite_compileoption_used", "sqlite_source_id"})
PROGRESS_STEPS = 5_000     # VM instructions between two budget checks
_ACTIONS = ("CREATE_INDEX", "CREATE_TABLE", "CREATE_TEMP_INDEX", "CREATE_TEMP_TABLE", "CREATE_TEMP_TRIGGER",
            "CREATE_TEMP_VIEW", "CREATE_TRIGGER", "CREATE_VIEW", "DELETE", "DROP_INDEX", "DROP_TABLE",
            "DROP_TEMP_INDEX", "DROP_TEMP_TABLE", "DROP_TEMP_TRIGGER", "DROP_TEMP_VIEW", "DROP_TRIGGER", "DROP_VIEW",
            "INSERT", "PRAGMA", "READ", "SELECT", "TRANSACTION", "UPDATE", "ATTACH", "DETACH", "ALTER_TABLE",
            "REINDEX", "ANALYZE", "CREATE_VTABLE", "DROP_VTABLE", "FUNCTION", "SAVEPOINT", "RECURSIVE")
_ACTION_NAMES = {getattr(sqlite3, f"SQLITE_{name}"): name for name in _ACTIONS if hasattr(sqlite3, f"SQLITE_{name}")}


class _Guard:
    """The authorizer for one query; remembers why it refused."""

    def __init__(self, area: str):
        self.area = area
        self.refused: str | None = None

    def __call__(self, action: int, arg1: Any, arg2: Any, dbname: Any, source: Any) -> int:
        if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_RECURSIVE):
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_READ:
            if dbname is None:          # a common table expression or subquery, not a stored table
                return sqlite3.SQLITE_OK
            if dbname != "main":
                return self._refuse(f"database {dbname!r} is not available")
            table = str(arg1 or "")
            if area_of_table(table) == self.area:
                return sqlite3.SQLITE_OK
            if source and area_of_table(str(source)) == self.area:
                return sqlite3.SQLITE_OK
            owner = area_of_table(table)
            if owner:
                return self._refuse(f"table {table} belongs to type {owner}, not {self.area}")
            return self._refuse(f"table {table} is not available to advanced queries")
        if action == sqlite3.SQLITE_FUNCTION:
            name = str(arg2 or "").lower()
            if name in DENIED_FUNCTIONS:
                return self._refuse(f"function {name} is not allowed")
            return sqlite3.SQLITE_OK
        return self._refuse(f"{_ACTION_NAMES.get(action, action)} is not allowed: "
                            "update, insert, delete and schema actions are not allowed, only SELECT")

    def _refuse(self, reason: str) -> int:
        if self.refused is None:
            self.refused = reason
        return sqlite3.SQLITE_DENY


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def run(store, area: str, sql: str, seconds: float, max_rows: int) -> list[dict[str, str | None]]:
    if not isinstance(sql, str) or not sql.strip().rstrip(";").strip():
        raise DataModelError("advancedQuery: the query is empty")
    text = mysqlfuncs.rewrite(sql)
    guard = _Guard(area)
    deadline = time.perf_counter() + seconds
    timed_out = []

    def progress() -> int:
        if time.perf_counter() > deadline:
            timed_out.append(True)
            return 1
        return 0

    with store.reader() as conn:
        conn.set_authorizer(guard)
        conn.set_progress_handler(progress, PROGRESS_STEPS)
        try:
            cursor = conn.execute(text)
            if cursor.description is None:
                raise DataModelError("advancedQuery: only SELECT queries are allowed")
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchmany(max_rows + 1)
            cursor.close()
        except sqlite3.ProgrammingError as exc:
            if "one statement" in str(exc):
                raise DataModelError("advancedQuery: only one statement is allowed") from None
            raise DataModelError(f"advancedQuery: {exc}") from None
        except (sqlite3.DatabaseError, sqlite3.Warning) as exc:
            if timed_out:
                raise DataModelError(f"advancedQuery: the query ran longer than the {seconds:g} s allowed "
                                     "and was stopped") from None
            if guard.refused:
                raise DataModelError(f"advancedQuery: refused: {guard.refused}") from None
            raise DataModelError(f"advancedQuery: {exc}") from None
        finally:
            if conn.in_transaction:
                conn.rollback()
    if len(rows) > max_rows:
        raise DataModelError(f"advancedQuery: the result has more than {max_rows} rows; "
                             "narrow the query (WHERE, GROUP BY or LIMIT)")
    return [{name: _text(value) for name, value in zip(names, row)} for row in rows]
