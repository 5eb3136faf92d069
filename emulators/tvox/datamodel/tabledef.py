"""How a documented table is described: :class:`Table`, built from the document's column list."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    name: str                                   # "ast_calls_{yyyymm}" or "tickets"
    keys: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]        # (name, documented type)
    indexes: tuple[tuple[str, ...], ...] = ()   # secondary indexes, for the documented searches
    column_names: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c for c, _ in self.columns))

    @property
    def monthly(self) -> bool:
        return "{yyyymm}" in self.name

    def named(self, yyyymm: str | None = None) -> str:
        return self.name.replace("{yyyymm}", yyyymm) if self.monthly else self.name

    def create_sql(self, yyyymm: str | None = None) -> str:
        cols = [f'"{name}" {sql_type(typ)}' for name, typ in self.columns]
        if self.keys:
            cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in self.keys) + ")")
        return f'CREATE TABLE IF NOT EXISTS "{self.named(yyyymm)}" (\n  ' + ",\n  ".join(cols) + "\n)"

    def index_sql(self, yyyymm: str | None = None) -> list[str]:
        name = self.named(yyyymm)
        return [f'CREATE INDEX IF NOT EXISTS "ix_{name}_{"_".join(cols)}" ON "{name}" ('
                + ", ".join(f'"{c}"' for c in cols) + ")" for cols in self.indexes]


def table(name: str, keys: tuple[str, ...], columns: str, indexes: tuple[tuple[str, ...], ...] = (),
          extra: tuple[tuple[str, str], ...] = ()) -> Table:
    """A table from the document's column list: one ``name type`` per line."""
    parsed = []
    for line in columns.strip().splitlines():
        col, typ = line.split(" ", 1)
        parsed.append((col, typ.strip()))
    return Table(name, tuple(keys), tuple(parsed) + tuple(extra), tuple(indexes))


def numbered(prefix: str, first: int, last: int, typ: str, width: int = 2) -> tuple[tuple[str, str], ...]:
    """``t_custom_01 … t_custom_99``-style column runs of the support tables."""
    return tuple((f"{prefix}{n:0{width}d}", typ) for n in range(first, last + 1))


_ENUM = re.compile(r"^enum\b", re.I)
_UNSIGNED = re.compile(r"^(\w+)\(([\d,]+)\) unsigned$", re.I)


def sql_type(documented: str) -> str:
    """The declared SQLite type: the documented one, with ``enum`` spelled so SQLite keeps text."""
    if _ENUM.match(documented):
        return "enum"   # NUMERIC affinity would still keep 'EXE'; 'enum' documents the origin
    moved = _UNSIGNED.match(documented)
    if moved:           # SQLite wants the size last: int(11) unsigned -> int unsigned(11)
        return f"{moved[1]} unsigned({moved[2]})"
    return documented
