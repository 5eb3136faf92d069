"""Rows of the statistics tables as the API's objects.

A resolver fetches only the columns its selection needs and wraps each row
(a dict ``column -> value``) in :class:`InboundStep` / :class:`OutboundStep`;
strawberry reads the GraphQL fields as attributes, so a field costs work only
when it is selected. :data:`FIELD_COLUMNS` says which columns each field
reads, :data:`STATUS` and friends map TVox codes onto the document's enums.
"""
from __future__ import annotations

from .sitetime import column_time, timestamp_time

STATUS = {"H": "HANGUP", "T": "CLOSED_BY_SYSTEM", "TNS": "CLOSED_BY_SYSTEM_NO_SELECTION",
          "TMQ": "CLOSED_BY_SYSTEM_MAX_QUEUED_CALL_OVER", "TMC": "CLOSED_BY_SYSTEM_MAX_CALL_OVER",
          "TCB": "CLOSED_BY_SYSTEM_CALLBACK", "TT": "CLOSED_WITH_TRANSFER", "RC": "ANSWERED_CLOSED_BY_CALLER",
          "RA": "ANSWERED_CLOSED_BY_CALLED", "RTB": "ANSWERED_WITH_BLIND_TRANSFER",
          "RTC": "ANSWERED_WITH_CONSULTATION_TRANSFER", "E": "ERROR"}
STATUS_CODE = {v: k for k, v in STATUS.items()}
CONTEXT = {"AT": "ACTIVE", "OS": "OUT_OF_SERVICE", "FO": "OUT_OF_CALENDAR", "C1": "CUSTOM_1", "C2": "CUSTOM_2",
           "C3": "CUSTOM_3", "C4": "CUSTOM_4", "C5": "CUSTOM_5"}
CONTEXT_CODE = {v: k for k, v in CONTEXT.items()}
MULTICHANNEL = {0: "CALL", 1: "GENERIC_1", 2: "GENERIC_2", 3: "GENERIC_3", 1001: "VIDEO", 1002: "MAIL",
                1003: "LIVEHELP", 1004: "CHAT"}

_TIME = {"startTime": ("datainizio", "orainizio"), "distributionTime": ("datadistribuzione", "oradistribuzione"),
         "answerByUserTime": ("datarispostaag1", "orarispostaag1"),
         "endTime": ("datadisconnessione", "oradisconnessione"), "queueTime": ("data_coda", "ora_coda"),
         "wnrOnUserTime": ("data_wnr_ag1", "ora_wnr_ag1")}
_TEXT = {"id": "uniqueid", "user": "pin", "exten": "interno", "SIPChannel": "canale", "skillset": "skillset",
         "cli": "cli", "dnis": "dnis", "service": "servizio", "SIPCallId": "sipcallid", "customer": "cliente",
         "IVRLabel": "ivr_label", "interviewService": "interview_service", "smartrec": "smartrec",
         "data": "calldata", "censusResult": "census_result", "abandonedCall": "abandoned_call_id",
         "callbackCall": "callback_call_id", "channelDestination": "channel_destination"}
_INT = {"step": "step", "waitDurationOnUser": "attesaag1", "durationOnUser": "durataag1",
        "waitDuration": "durataattesa", "totalDuration": "duratacomplessiva", "servicePriority": "prior_serv",
        "queueDuration": "durata_coda", "wnrDurationOnUser": "durata_wnr_ag1", "holdDuration": "durata_hold",
        "sentiment": "sentiment"}
_NESTED = {
    "status": ("statochiamata",), "transferedTo": ("trasferita",), "context": ("contesto",),
    "popup": ("popuptype", "popupresult", "popupinfo"),
    "multiChannel": ("mc_id", "mc_session", "mc_text", "mc_description"),
    "callResult": ("callresult_result", "callresult_result_level_2", "callresult_note1", "callresult_note2"),
    "callTag": ("calltag_note1", "calltag_note2"),
    "contact": ("contact_id", "contact_username", "contact_value", "contact_type", "contact_lookup_type"),
    "generic": ("generico1", "generico2", "generico3", "generico4", "generico5"),
    "lastUpdateTime": ("update_time", "datainizio", "orainizio"),
}
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    **{k: (v,) for k, v in _TEXT.items()}, **{k: (v,) for k, v in _INT.items()}, **_TIME, **_NESTED}
ALWAYS = ("idlastcall", "uniqueid", "step")


def columns_for(fields, available: frozenset[str]) -> list[str]:
    """The table columns the selected GraphQL ``fields`` read (those the table has)."""
    cols = dict.fromkeys(ALWAYS)
    for name in fields:
        for col in FIELD_COLUMNS.get(name, ()):
            if col in available:
                cols[col] = None
    return list(cols)


def _any(r: dict, cols) -> bool:
    return any(r.get(c) not in (None, "") for c in cols)


def _text(col: str):
    return lambda r: r.get(col)


def _int(col: str):
    return lambda r: r.get(col) or 0


def _time(day: str, hms: str):
    return lambda r: column_time(r.get(day), r.get(hms))


def _transfer_in(r: dict):
    value = r.get("trasferita")
    if not value:
        return None
    return {"type": "NUMBER" if value.lstrip("+").isdigit() else "SERVICE", "value": value}


def _popup(r: dict):
    if not r.get("popuptype"):
        return None
    return {"type": r["popuptype"], "result": r.get("popupresult"), "info": r.get("popupinfo")}


def _multichannel(r: dict):
    return {"type": MULTICHANNEL.get(r.get("mc_id") or 0, "CALL"), "session": r.get("mc_session"),
            "text": r.get("mc_text"), "description": r.get("mc_description")}


def _call_result(r: dict):
    if not _any(r, _NESTED["callResult"]):
        return None
    return {"resultLevel1": r.get("callresult_result"), "resultLevel2": r.get("callresult_result_level_2"),
            "note1": r.get("callresult_note1"), "note2": r.get("callresult_note2")}


def _call_tag(r: dict):
    if not _any(r, _NESTED["callTag"]):
        return None
    return {"note1": r.get("calltag_note1"), "note2": r.get("calltag_note2")}


def _contact(r: dict):
    if not _any(r, _NESTED["contact"]):
        return None
    return {"id": r.get("contact_id"), "username": r.get("contact_username"), "value": r.get("contact_value"),
            "type": r.get("contact_type") or None, "lookupType": r.get("contact_lookup_type") or None}


def _generic(r: dict):
    if not _any(r, _NESTED["generic"]):
        return None
    return {f"generic{i}": r.get(f"generico{i}") for i in range(1, 6)}


def _last_update(r: dict):
    return timestamp_time(r.get("update_time")) or column_time(r.get("datainizio"), r.get("orainizio")) \
        or "1970-01-01T00:00:00Z"


#: how each GraphQL field of ``InboundInteraction`` is computed from a row
INBOUND_FIELDS = {
    **{name: _text(col) for name, col in _TEXT.items()}, **{name: _int(col) for name, col in _INT.items()},
    **{name: _time(*cols) for name, cols in _TIME.items()},
    "status": lambda r: STATUS.get(r.get("statochiamata") or ""),
    "context": lambda r: CONTEXT.get(r.get("contesto") or ""),
    "transferedTo": _transfer_in, "popup": _popup, "multiChannel": _multichannel, "callResult": _call_result,
    "callTag": _call_tag, "contact": _contact, "generic": _generic, "lastUpdateTime": _last_update,
}
#: ``OutboundInteraction``: the same, but ``transferedTo`` is plain text
OUTBOUND_FIELDS = {**INBOUND_FIELDS, "transferedTo": _text("trasferita")}


def step_builder(fields, outbound: bool = False):
    """A function turning a row into the dict of the selected GraphQL fields (only those are computed)."""
    table = OUTBOUND_FIELDS if outbound else INBOUND_FIELDS
    chosen = [(name, table[name]) for name in fields if name in table]

    def build(r: dict) -> dict:
        return {name: fn(r) for name, fn in chosen}
    return build
