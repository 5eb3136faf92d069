"""Interaction searches: ``SearchInteraction`` / ``SearchOutboundInteraction`` as SQL.

An interaction is the set of rows sharing ``idlastcall``; step 0 is its most
recent step. The document's semantics, as built here (FIDELITY.md):

- ``year``/``month`` are required and choose the monthly table;
- criteria select steps; ``step: LAST`` looks at step 0 only, ``ALL`` (the
  default) keeps an interaction when any of its steps matches, and returns
  all its steps;
- sorting orders interactions by their step-0 value (then by id), pagination
  counts interactions, not steps: ``limit`` ≤ 1000 (default 1000), ``offset`` ≥ 0;
- counts count interactions with the same criteria.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import compare
from .catalogue import yyyymm
from .errors import DataModelError
from .rows import CONTEXT_CODE, STATUS_CODE
from .schema_inputs import given

MAX_LIMIT = 1000
CHANNELS = {"calls": (0,), "video": (1001,), "chats": (1003, 1004), "outbound": None}

_STRINGS = {"id": "uniqueid", "user": "pin", "exten": "interno", "SIPChannel": "canale", "skillset": "skillset",
            "cli": "cli", "dnis": "dnis", "service": "servizio", "SIPCallId": "sipcallid", "customer": "cliente",
            "IVRLabel": "ivr_label", "interviewService": "interview_service", "smartrec": "smartrec",
            "data": "calldata", "censusResult": "census_result"}
_TIMES = {"startTime": "datainizio", "distributionTime": "datadistribuzione", "answerByUserTime": "datarispostaag1",
          "endTime": "datadisconnessione", "queueTime": "data_coda", "wnrOnUserTime": "data_wnr_ag1",
          "lastUpdateTime": "substr(update_time, 1, 10)"}
_DURATIONS = {"waitDurationOnUser": "attesaag1", "durationOnUser": "durataag1", "waitDuration": "durataattesa",
              "totalDuration": "duratacomplessiva", "queueDuration": "durata_coda",
              "wnrDurationOnUser": "durata_wnr_ag1", "holdDuration": "durata_hold"}
_NESTED_STRINGS = {
    "popup": {"result": "popupresult", "info": "popupinfo"},
    "multiChannel": {"session": "mc_session", "text": "mc_text", "description": "mc_description"},
    "callResult": {"resultLevel1": "callresult_result", "resultLevel2": "callresult_result_level_2",
                   "note1": "callresult_note1", "note2": "callresult_note2"},
    "callTag": {"note1": "calltag_note1", "note2": "calltag_note2"},
    "contact": {"id": "contact_id", "username": "contact_username", "value": "contact_value"},
    "generic": {f"generic{i}": f"generico{i}" for i in range(1, 6)},
}
SORT_KEYS = {
    "ID": ("uniqueid",), "USER": ("pin",), "EXTEN": ("interno",), "SIP_CHANNEL": ("canale",),
    "SKILLSET": ("skillset",), "CLI": ("cli",), "DNIS": ("dnis",), "START_TIME": ("datainizio", "orainizio"),
    "DISTRIBUTION_TIME": ("datadistribuzione", "oradistribuzione"),
    "ANSWER_BY_USER_TIME": ("datarispostaag1", "orarispostaag1"), "WAIT_DURATION_ON_USER": ("attesaag1",),
    "DURATION_ON_USER": ("durataag1",), "END_TIME": ("datadisconnessione", "oradisconnessione"),
    "WAIT_DURATION": ("durataattesa",), "TOTAL_DURATION": ("duratacomplessiva",), "SERVICE": ("servizio",),
    "POPUP_TYPE": ("popuptype",), "CONTEXT": ("contesto",), "SIP_CALL_ID": ("sipcallid",),
    "CUSTOMER": ("cliente",), "SERVICE_PRIORITY": ("prior_serv",), "MULTICHANNEL_SESSION": ("mc_session",),
    "IVR_LABEL": ("ivr_label",), "INTERVIEW_SERVICE": ("interview_service",), "SMARTREC": ("smartrec",),
    "DATA": ("calldata",), "QUEUE_TIME": ("data_coda", "ora_coda"), "QUEUE_DURATION": ("durata_coda",),
    "WNR_ON_USER_TIME": ("data_wnr_ag1", "ora_wnr_ag1"), "WNR_DURATION_ON_USER": ("durata_wnr_ag1",),
    "CALL_RESULT_LEVEL_1": ("callresult_result",), "CALL_RESULT_LEVEL_2": ("callresult_result_level_2",),
    "HOLD_DURATION": ("durata_hold",), "CALL_TAG_NOTE_1": ("calltag_note1",), "CALL_TAG_NOTE_2": ("calltag_note2",),
    "CHANNEL_DESTINATION": ("channel_destination",), "SENTIMENT": ("sentiment",), "CONTACT_ID": ("contact_id",),
    "CONTACT_USERNAME": ("contact_username",), "CONTACT_VALUE": ("contact_value",),
    "CONTACT_TYPE": ("contact_type",), "CONTACT_LOOKUP_TYPE": ("contact_lookup_type",),
    "CENSUS_RESULT": ("census_result",), "ABANDONED_CALL": ("abandoned_call_id",),
    "CALLBACK_CALL": ("callback_call_id",), "GENERIC_1": ("generico1",), "GENERIC_2": ("generico2",),
    "GENERIC_3": ("generico3",), "GENERIC_4": ("generico4",), "GENERIC_5": ("generico5",),
    "LAST_UPDATE_TIME": ("update_time",),
}


@dataclass
class Plan:
    """A search compiled for one monthly table."""

    table: str
    channel: str              # SQL condition selecting the channel's rows ("1" for outbound)
    where: str                # the criteria ("1" when none)
    params: list
    last_only: bool
    order: str                # ORDER BY body over step-0 rows
    limit: int
    offset: int


def window(search) -> str:
    year = search.year if given(search.year) else None
    month = search.month if given(search.month) else None
    if year is None or month is None:
        raise DataModelError("search: year and month are required (time window)")
    if not (1 <= month <= 12):
        raise DataModelError(f"search: month must be between 1 and 12, got {month}")
    if not (1970 <= year <= 9999):
        raise DataModelError(f"search: year {year} is out of range")
    return yyyymm(year, month)


def paging(pagination) -> tuple[int, int]:
    if not given(pagination):
        return MAX_LIMIT, 0
    limit = pagination.limit if given(pagination.limit) else MAX_LIMIT
    offset = pagination.offset if given(pagination.offset) else 0
    if limit < 0:
        raise DataModelError(f"pagination: limit must not be negative, got {limit}")
    if limit > MAX_LIMIT:
        raise DataModelError(f"pagination: limit must be at most {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise DataModelError(f"pagination: offset must not be negative, got {offset}")
    return limit, offset


def ordering(sorting, columns: frozenset[str]) -> str:
    key, direction = "ID", "ASC"
    if given(sorting):
        if given(sorting.key):
            key = sorting.key.value
        if given(sorting.direction):
            direction = sorting.direction.value
    exprs = [f'"{c}"' if c in columns else "NULL" for c in SORT_KEYS[key]]
    return ", ".join(f"{e} {direction}" for e in exprs + ["idlastcall"])


def criteria(search, columns: frozenset[str], outbound: bool) -> tuple[list[str], list]:
    """WHERE conditions for every criterion given in ``search``."""
    conds: list[str] = []
    params: list = []

    def add(cond) -> None:
        conds.append(cond[0])
        params.extend(cond[1])

    def col(name: str) -> str:
        if name in columns or "(" in name:
            return name if "(" in name else f'"{name}"'
        return "NULL"

    for field, name in _STRINGS.items():
        value = getattr(search, field, None)
        if given(value):
            add(compare.string(col(name), value))
    for field, name in _TIMES.items():
        value = getattr(search, field, None)
        if given(value):
            add(compare.time(col(name), value))
    for field, name in _DURATIONS.items():
        value = getattr(search, field, None)
        if given(value):
            add(compare.duration(col(name), value))
    for field, mapping in _NESTED_STRINGS.items():
        nested = getattr(search, field, None)
        if given(nested):
            for sub, name in mapping.items():
                value = getattr(nested, sub, None)
                if given(value):
                    add(compare.string(col(name), value))
    if given(search.status):
        add(compare.one_of('"statochiamata"', search.status, STATUS_CODE))
    if given(search.context):
        add(compare.one_of('"contesto"', search.context, CONTEXT_CODE))
    if given(search.servicePriority):
        add(compare.one_of('"prior_serv"', search.servicePriority))
    if given(search.sentiment):
        add(compare.one_of('"sentiment"', search.sentiment))
    if given(search.channelDestination):
        add(compare.one_of('"channel_destination"', search.channelDestination))
    if given(search.popup) and given(search.popup.type):
        add(compare.one_of('"popuptype"', search.popup.type))
    if given(search.contact):
        if given(search.contact.type):
            add(compare.one_of('"contact_type"', search.contact.type))
        if given(search.contact.lookupType):
            add(compare.one_of('"contact_lookup_type"', search.contact.lookupType))
    if given(search.abandonedCall):
        add(compare.present('"abandoned_call_id"', search.abandonedCall))
    if given(search.callbackCall):
        add(compare.present('"callback_call_id"', search.callbackCall))
    transfer = search.transferedTo
    if given(transfer):
        if outbound:
            add(compare.string('"trasferita"', transfer))
        else:
            if given(transfer.value):
                add(compare.string('"trasferita"', transfer.value))
            if given(transfer.type) and transfer.type:
                kinds = {t.value for t in transfer.type}
                parts = []
                if "NUMBER" in kinds:
                    parts.append("(trasferita <> '' AND trasferita NOT GLOB '*[^0-9+]*')")
                if "SERVICE" in kinds:
                    parts.append("(trasferita GLOB '*[^0-9+]*')")
                conds.append("(" + " OR ".join(parts) + ")")
    return conds, params


def plan(search, kind: str, columns: frozenset[str], table_prefix: str, paginate: bool = True) -> Plan:
    key = window(search)
    limit, offset = paging(search.pagination) if paginate else (0, 0)
    channels = CHANNELS[kind]
    channel = "1" if channels is None else (
        f"mc_id = {channels[0]}" if len(channels) == 1 else f"mc_id IN ({','.join(map(str, channels))})")
    conds, params = criteria(search, columns, outbound=kind == "outbound")
    last_only = given(search.step) and search.step.value == "LAST"
    return Plan(f"{table_prefix}{key}", channel, " AND ".join(conds) or "1", params, last_only,
                ordering(search.sorting, columns), limit, offset)


def page_sql(p: Plan, select: list[str]) -> tuple[str, list]:
    """Rows of the page: for LAST the step-0 rows themselves; for ALL the ids of the page's interactions."""
    if p.last_only:
        cols = ", ".join(f'"{c}"' for c in select)
        return (f'SELECT {cols} FROM "{p.table}" WHERE step = 0 AND {p.channel} AND {p.where} '
                f"ORDER BY {p.order} LIMIT ? OFFSET ?", p.params + [p.limit, p.offset])
    if p.where == "1":
        return (f'SELECT idlastcall FROM "{p.table}" WHERE step = 0 AND {p.channel} '
                f"ORDER BY {p.order} LIMIT ? OFFSET ?", [p.limit, p.offset])
    return (f'SELECT idlastcall FROM "{p.table}" WHERE step = 0 AND {p.channel} AND idlastcall IN '
            f'(SELECT idlastcall FROM "{p.table}" WHERE {p.channel} AND {p.where}) '
            f"ORDER BY {p.order} LIMIT ? OFFSET ?", p.params + [p.limit, p.offset])


def count_sql(p: Plan) -> tuple[str, list]:
    if p.last_only:
        return f'SELECT COUNT(*) FROM "{p.table}" WHERE step = 0 AND {p.channel} AND {p.where}', p.params
    if p.where == "1":
        return f'SELECT COUNT(*) FROM "{p.table}" WHERE step = 0 AND {p.channel}', []
    return (f'SELECT COUNT(DISTINCT idlastcall) FROM "{p.table}" WHERE {p.channel} AND {p.where}', p.params)
