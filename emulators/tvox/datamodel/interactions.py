"""Reading interactions: by id, a page of a search, a count.

Every read goes through a read-only connection of the tenant's store. A
month whose tables do not exist holds no interactions (empty page, count 0).
"""
from __future__ import annotations

from functools import lru_cache

from . import search as searching
from .catalogue import yyyymm
from .rows import columns_for, step_builder
from .sitetime import local_parts
from .tables_tvox import AST_CALLS, AST_CALLS_OUTBOUND

KINDS = {
    "calls": ("ast_calls_", AST_CALLS, False),
    "video": ("ast_calls_", AST_CALLS, False),
    "chats": ("ast_calls_", AST_CALLS, False),
    "outbound": ("ast_calls_outbound_", AST_CALLS_OUTBOUND, True),
}


@lru_cache(maxsize=None)
def table_columns(kind: str) -> frozenset[str]:
    return frozenset(KINDS[kind][1].column_names)


def _exists(conn, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone() is not None


def _rows(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def by_id(store, kind: str, uid: str, fields) -> list | None:
    """The steps of interaction ``uid`` (step 0 first), or None when there is none."""
    prefix, _, outbound = KINDS[kind]
    wrap = step_builder(fields, outbound)
    cols = columns_for(fields, table_columns(kind))
    channels = searching.CHANNELS[kind]
    channel = "1" if channels is None else f"mc_id IN ({','.join(map(str, channels))})"
    with store.reader() as conn:
        for key in _months_for(conn, prefix, uid):
            table = f"{prefix}{key}"
            if not _exists(conn, table):
                continue
            cur = conn.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}" '
                               f"WHERE uniqueid = ? AND {channel} ORDER BY idlastcall, step", (uid,))
            rows = _rows(cur)
            if rows:
                first = rows[0]["idlastcall"]
                return [wrap(r) for r in rows if r["idlastcall"] == first]
    return None


def _months_for(conn, prefix: str, uid: str) -> list[str]:
    """The month tables that may hold ``uid``: its timestamp's month first, then every other month."""
    months = [r[0][len(prefix):] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE ? ESCAPE '\\'",
        (prefix.replace("_", "\\_") + "%",)).fetchall()]
    months = sorted(m for m in months if m.isdigit() and len(m) == 6)
    head = uid.split(".", 1)[0]
    if head.isdigit():
        day = local_parts(int(head))[0]
        guess = yyyymm(int(day[:4]), int(day[5:7]))
        if guess in months:
            months.remove(guess)
            months.insert(0, guess)
    return months


def page(store, kind: str, search, fields) -> list[list]:
    prefix, _, outbound = KINDS[kind]
    wrap = step_builder(fields, outbound)
    columns = table_columns(kind)
    p = searching.plan(search, kind, columns, prefix)
    if p.limit == 0:
        return []
    select = columns_for(fields, columns)
    with store.reader() as conn:
        if not _exists(conn, p.table):
            return []
        sql, params = searching.page_sql(p, select)
        if p.last_only:
            return [[wrap(r)] for r in _rows(conn.execute(sql, params))]
        ids = [r[0] for r in conn.execute(sql, params).fetchall()]
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        cols = ", ".join(f'"{c}"' for c in select)
        steps: dict[str, list] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cur = conn.execute(f'SELECT {cols} FROM "{p.table}" WHERE idlastcall IN ({",".join("?" * len(chunk))}) '
                               "ORDER BY idlastcall, step", chunk)
            for row in _rows(cur):
                steps[row["idlastcall"]].append(wrap(row))
        return [steps[i] for i in ids]


def count(store, kind: str, search) -> int:
    prefix = KINDS[kind][0]
    p = searching.plan(search, kind, table_columns(kind), prefix, paginate=False)
    with store.reader() as conn:
        if not _exists(conn, p.table):
            return 0
        sql, params = searching.count_sql(p)
        return int(conn.execute(sql, params).fetchone()[0])
