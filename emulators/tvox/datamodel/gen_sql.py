"""The month generator's rows, built by SQLite from narrow staging rows.

The generator (:mod:`.gen_calls`) draws each step in Python and writes one
*staging* row per step: ints (the step's instants in local seconds among
them), the strings it already has (usernames, service codes, callers) and
the step's timestamps (``YYYY-MM-DD HH:MM:SS``).
The statements here turn a chunk of staging rows into the documented wide
rows with ``INSERT … SELECT``: the inbound and outbound service
interactions, and the tables derived from them (call detail records,
recordings, IVR passages, campaign history). Constants, copies and the few
computed columns cost SQLite little; binding each of the 65 columns of a row
from Python cost more than building the row did.

The date and ``hh,mmss`` texts of an instant are cut here from tables of
every day of the month and every second of the day, bound once per
statement as BLOBs (:func:`build_params`; ``substr`` of a BLOB is a
constant-time slice, of a TEXT a scan). Measured per text: about 0.1 µs of
SQLite, against 0.2 µs to look it up in Python and bind it into the staging
row (and 0.8 µs for SQLite's ``datetime``). Timestamps are the other way
round: gluing a date and a time costs SQLite more than Python's f-string and
binding, so Python stages those but for the few rows that need one more.

The rows are the ones :class:`.gen_rows.Month`'s ``*_row`` methods make from
a leg (the engine projection uses those): ``tests/tvox/test_generator_rows.py``
checks both give the same rows, column for column.
"""
from __future__ import annotations

from .gen_rows import (ABANDONED_COLS, CALLBACK_COLS, CDR_COLS, INBOUND_COLS, IVR_COLS, OUTBOUND_COLS, PD_COLS,
                       SMARTREC_COLS, Month)
from .site import PHONE_SITE
from .sitetime import clock_table, hhmmss_table

#: one inbound step (ast_calls_): who, what, when (local seconds; the timestamps of the call detail record
#: for phone steps, and of the last update), how it went, the caller
STAGE_IN = (
    "uid", "counter", "mc", "step", "node", "sito",
    "user", "ext", "code", "did", "ivrsvc", "start", "ivr", "answer", "ring", "talk", "hold", "wnr", "qdur",
    "end_", "status", "transfer", "dest", "context", "rec", "res1", "res2", "popup",
    "ts_start", "ts_answer", "ts_update",
    "session", "cli", "contact_id", "contact_value", "ctype", "lookup", "customer", "crossed",
    "abandoned_id", "callback_id", "digit", "trunk", "sipcallid")
#: the part of an inbound staging row one leg of the interaction decides (``user`` … ``ts_update``)
LEG_FIELDS = STAGE_IN[6:31]

#: one outbound step (ast_calls_outbound_); ``istart``/``iepoch`` (the interaction's start) on step 0 only
STAGE_OUT = (
    "uid", "counter", "step", "node", "user", "ext", "code", "did", "start", "answer", "ring", "talk", "end_",
    "status", "transfer", "dest", "rec", "res1", "res2", "ts_start", "ts_answer", "ts_end", "trunk", "sipcallid",
    "number", "contact_id", "campaign", "lista", "record_id", "istart", "iepoch")

STAGE_TABLES = {"s_in": STAGE_IN, "s_out": STAGE_OUT, "s_abandoned": ABANDONED_COLS, "s_callback": CALLBACK_COLS}

#: instants an inbound step's columns show, besides its staged ones: queued (after the IVR, for calls that
#: reach the queue), distributed to the agent (before ringing)
_QUEUE = "CASE WHEN context = 'AT' THEN start + ivr END"
_DIST = "answer - ring"


def build_params(m: Month) -> dict[str, object]:
    """The tables the statements cut texts from (named parameters of every statement).

    ``days``: ``YYYY-MM-DD`` of the month's days and the weeks after; ``hms``: ``hh,mmss`` of every second
    of the day; ``clock``: `` HH:MM:SS`` of every second (with the space that follows a timestamp's date).
    """
    return {"days": "".join(m.day_text).encode(), "day0": m.first_day * 10 - 1,
            "hms": "".join(hhmmss_table()).encode(), "clock": "".join(" " + c for c in clock_table()).encode()}


def _d(x: str) -> str:
    """``YYYY-MM-DD`` of local seconds ``x`` (NULL stays NULL)."""
    return f"CAST(substr(:days, ({x}) / 86400 * 10 - :day0, 10) AS TEXT)"


def _h(x: str) -> str:
    """TVox's ``hh,mmss`` of local seconds ``x`` (NULL stays NULL)."""
    return f"CAST(substr(:hms, ({x}) % 86400 * 7 + 1, 7) AS TEXT)"


def _ts(x: str) -> str:
    """``YYYY-MM-DD HH:MM:SS`` of local seconds ``x`` (NULL stays NULL; ``||`` makes text of the BLOBs)."""
    return f"substr(:days, ({x}) / 86400 * 10 - :day0, 10) || substr(:clock, ({x}) % 86400 * 9 + 1, 9)"


INBOUND_SELECT = (
    "CAST(counter AS TEXT)", "sito", "user", "CASE WHEN user IS NOT NULL THEN 1 END", "ext", "'I'",
    "trunk", "CASE WHEN user IS NOT NULL THEN 'it' END", "cli",
    "CASE WHEN mc = 0 THEN did END", _d("start"), _h("start"), _d(_DIST), _h(_DIST),
    "status", "transfer", _d("answer"), _h("answer"), "CASE WHEN answer THEN ring ELSE 0 END", "talk",
    _d("end_"), _h("end_"), "ivr", "end_ - start", "code", "crossed",
    "CASE WHEN popup THEN 'WEB' END", "CASE WHEN popup THEN 'OK' END",
    "CASE WHEN popup THEN 'codice_cliente=' || ifnull(customer, '') || '|lingua=it' END",
    "uid || '@' || sito", "sito", "uid", "0", "context",
    "sipcallid", "customer", "1", "step", "0", "counter",
    "mc", "session", "CASE mc WHEN 1001 THEN 'Videochiamata' WHEN 1004 THEN 'Chat web' END",
    "CASE WHEN ivrsvc AND ivr THEN 'Menu' END", "CASE WHEN rec THEN 'in-' || uid || '-' || step || '.wav' END",
    _d(_QUEUE), _h(_QUEUE), f"CASE WHEN wnr THEN {_d('end_')} END", f"CASE WHEN wnr THEN {_h('end_')} END",
    "wnr", "qdur", "res1", "res2", "hold", "CASE WHEN res1 IS NOT NULL AND popup THEN 'da richiamare' END",
    "dest", "0", "contact_id", "contact_value", "ctype", "lookup", "abandoned_id", "callback_id", "customer",
    "ts_update")

OUTBOUND_SELECT = (
    "CAST(counter AS TEXT)", f"'{PHONE_SITE}'", "user", "CASE WHEN user IS NOT NULL THEN 1 END", "ext", "'O'",
    "trunk", "did", "number", _d("start"), _h("start"), _d("start"), _h("start"), "status", "transfer",
    _d("answer"), _h("answer"), "CASE WHEN answer THEN ring ELSE 0 END", "talk", _d("end_"), _h("end_"), "0",
    "end_ - start", "code", "code", f"uid || '@{PHONE_SITE}'", f"'{PHONE_SITE}'", "uid", "0", "'AT'",
    "sipcallid", "1", "step", "0", "campaign", "lista", "record_id", "1", "1",
    "counter", "0", "CASE WHEN rec THEN 'out-' || uid || '-' || step || '.wav' END", "NULL", "NULL", "0", "0",
    "res1", "res2", "0", "dest", "0", "contact_id", "number",
    "CASE WHEN contact_id IS NOT NULL THEN 'EXTERNAL_ITEM' ELSE 'UNKNOWN' END",
    "CASE WHEN contact_id IS NOT NULL THEN 'SUCCESS' ELSE 'NONE' END", "ts_end")

_ANSWERED_USER = "CASE WHEN answer IS NOT NULL THEN user END"
_STATO = "CASE WHEN answer IS NOT NULL THEN 'ANSWER' ELSE 'NOANSWER' END"
_DSTCHANNEL = "CASE WHEN answer IS NOT NULL AND user IS NOT NULL THEN 'SIP/' || ext || substr(trunk, 10) END"

CDR_INBOUND_SELECT = (
    "uid", "node", "trunk", _DSTCHANNEL, "ts_start", "ts_answer", "cli", "NULL", "'EXTERNAL'", "did",
    _ANSWERED_USER, "'SIP'", "'trunk1'", "end_ - start", "talk", "1", "transfer", "'2'", _STATO, "counter")

CDR_OUTBOUND_SELECT = (
    "uid", "node", "trunk", _DSTCHANNEL, "ts_start", "ts_answer", "did", "user", "'SIP'", "number", "NULL",
    "'EXTERNAL'", "'trunk1'", "end_ - start", "talk", "1", "transfer", "'1'", _STATO, "counter")

SMARTREC_INBOUND_SELECT = (
    _d("answer"), _h("answer"), "1", "user", f"'{PHONE_SITE}'", "did", "cli", "ext",
    "'in-' || uid || '-' || step || '.wav'", "talk", "'I'", "uid", "code", f"'{PHONE_SITE}'", "0", "0", "'SERVICE'")

SMARTREC_OUTBOUND_SELECT = (
    _d("answer"), _h("answer"), "1", "user", f"'{PHONE_SITE}'", "number", "did", "ext",
    "'out-' || uid || '-' || step || '.wav'", "talk", "'O'", "uid", "code", f"'{PHONE_SITE}'", "0", "0", "'SERVICE'")

# the two IVR passages of an interaction's first leg: the menu, then the branch its digit chose
_FIRST = "max(1, ivr / 2)"
IVR_MENU_SELECT = ("uid", "ts_start", "1", "1", _FIRST, "code", "NULL", "0", "0", "0", "'Menu'", "'MENU'")
IVR_BRANCH_SELECT = (
    "uid", _ts(f"start + {_FIRST}"), "CASE WHEN digit = '1' THEN 2 ELSE 3 END", "1", f"ivr - {_FIRST}", "code",
    "digit", "0", "0", "0", "CASE WHEN digit = '1' THEN 'Vendite' ELSE 'Assistenza' END", "'QUEUE'")

PD_SELECT = (
    _ts("istart"), "record_id", "1", "campaign", "lista", "number", "CASE WHEN answer IS NOT NULL THEN 6 ELSE 7 END",
    _STATO, "1", "iepoch", "iepoch", "printf('SIP/trunk-%08x', record_id)", "1", "0", "contact_id",
    "CASE WHEN answer IS NOT NULL THEN 0 ELSE 1 END", "0", "0", "0", "0", "0")


def _insert(table: str, columns: tuple[str, ...], select: tuple[str, ...], source: str, where: str = "") -> str:
    assert len(columns) == len(select), (table, len(columns), len(select))
    return (f'INSERT OR REPLACE INTO main."{table}" (' + ", ".join(f'"{c}"' for c in columns) + ")\nSELECT "
            + ",\n  ".join(select) + f"\nFROM {source}" + (f"\nWHERE {where}" if where else "") + "\nORDER BY rowid")


def build_statements(key: str, stage: str) -> list[str]:
    """The statements that turn the staging rows in schema ``stage`` into month ``key``'s rows, in order."""
    s_in, s_out = f"{stage}.s_in", f"{stage}.s_out"
    return [
        _insert(f"ast_calls_{key}", INBOUND_COLS, INBOUND_SELECT, s_in),
        _insert(f"ast_cdr_{key}", CDR_COLS, CDR_INBOUND_SELECT, s_in, "mc = 0"),
        _insert(f"smartrec_{key}", SMARTREC_COLS, SMARTREC_INBOUND_SELECT, s_in, "rec AND user IS NOT NULL"),
        _insert(f"ast_ivr_records_bis_{key}", IVR_COLS, IVR_MENU_SELECT, s_in, "digit IS NOT NULL"),
        _insert(f"ast_ivr_records_bis_{key}", IVR_COLS, IVR_BRANCH_SELECT, s_in, "digit IS NOT NULL"),
        _insert(f"ast_calls_outbound_{key}", OUTBOUND_COLS, OUTBOUND_SELECT, s_out),
        _insert(f"ast_cdr_{key}", CDR_COLS, CDR_OUTBOUND_SELECT, s_out),
        _insert(f"smartrec_{key}", SMARTREC_COLS, SMARTREC_OUTBOUND_SELECT, s_out, "rec AND user IS NOT NULL"),
        _insert(f"ast_pd_history_{key}", PD_COLS, PD_SELECT, s_out, "step = 0"),
        _insert(f"ast_calls_abandoned_{key}", ABANDONED_COLS, tuple(f'"{c}"' for c in ABANDONED_COLS),
                f"{stage}.s_abandoned"),
        _insert(f"ast_calls_callback_{key}", CALLBACK_COLS, tuple(f'"{c}"' for c in CALLBACK_COLS),
                f"{stage}.s_callback"),
    ]


#: columns the derived tables' statements filter on: stored first, so a scan skipping a row reads little of it
_FILTERED_FIRST = ("mc", "digit", "rec", "user", "step")


def create_stage_sql() -> list[str]:
    """The staging tables (no types, no keys: rows are appended and read a few times, in order)."""
    def ordered(cols):
        return [c for c in _FILTERED_FIRST if c in cols] + [c for c in cols if c not in _FILTERED_FIRST]
    return [f'CREATE TABLE IF NOT EXISTS "{name}" (' + ", ".join(f'"{c}"' for c in ordered(cols)) + ")"
            for name, cols in STAGE_TABLES.items()]


def stage_insert_sql(name: str) -> str:
    """Rows as the generator makes them (in the order of :data:`STAGE_TABLES`' columns)."""
    cols = STAGE_TABLES[name]
    return (f'INSERT INTO "{name}" (' + ", ".join(f'"{c}"' for c in cols) + ") VALUES ("
            + ",".join("?" * len(cols)) + ")")
