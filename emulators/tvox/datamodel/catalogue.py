"""The document's tables as data, and the SQL that creates them.

Each :class:`Table` is one table of the document's "Advanced" section, with
its documented name, columns (documented MySQL types kept verbatim as the
declared SQLite types, so ``PRAGMA table_info`` reads like the document) and
primary key. Monthly tables are named ``<table>_{yyyymm}``; :func:`month_name`
fills the month in.

The tables are grouped by the ``advancedQuery`` type that may read them
(TVOX, ADDRESSBOOK, SUPPORT): :data:`AREAS`.
"""
from __future__ import annotations

import re

from .tabledef import Table


YYYYMM = re.compile(r"^(\d{4})(0[1-9]|1[0-2])$")


def yyyymm(year: int, month: int) -> str:
    return f"{year:04d}{month:02d}"


def month_name(table_: Table, year: int, month: int) -> str:
    return table_.named(yyyymm(year, month))


def _areas():
    from .tables_addressbook import ADDRESSBOOK_TABLES
    from .tables_support import SUPPORT_TABLES
    from .tables_tvox import MONTHLY_TABLES
    return {"TVOX": MONTHLY_TABLES, "ADDRESSBOOK": ADDRESSBOOK_TABLES, "SUPPORT": SUPPORT_TABLES}


AREAS: dict[str, tuple[Table, ...]] = _areas()
ALL_STATIC: tuple[Table, ...] = AREAS["ADDRESSBOOK"] + AREAS["SUPPORT"]
MONTHLY_PREFIXES: tuple[str, ...] = tuple(t.name.replace("{yyyymm}", "") for t in AREAS["TVOX"])


def area_of_table(name: str) -> str | None:
    """Which advancedQuery type may read the table called ``name`` (case-insensitive)."""
    lower = name.lower()
    for prefix in MONTHLY_PREFIXES:
        if lower.startswith(prefix) and YYYYMM.match(lower[len(prefix):]):
            return "TVOX"
    for area in ("ADDRESSBOOK", "SUPPORT"):
        if any(t.name == lower for t in AREAS[area]):
            return area
    return None


def by_name(name: str) -> Table:
    for tables in AREAS.values():
        for t in tables:
            if t.name == name:
                return t
    raise KeyError(name)
