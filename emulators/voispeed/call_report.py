"""get_call_report and get_current_calls: communications seen by the extended interface.

get_call_report lists the engine's ended calls, newest first. A tenant may
have hundreds of thousands of them, so :class:`ReportIndex` keeps, per call,
only what the filters need (start time, Table 8 outcome, the calling / called
/ connected numbers and coordinates, extid) and extends itself with the calls
that ended since the last request; rows are built only for the page returned.

get_current_calls lists the live calls, oldest first.
"""
from __future__ import annotations

import calendar
import threading
from collections import deque
from datetime import datetime
from itertools import islice
from typing import Any, Callable, Iterable

from . import entities, views
from .entities import Coords
from .render import render_record
from .services_ext import CALL_REPORT_FIELDS, CURRENT_CALL_FIELDS
from .tables import EntityType

#: codec of every live call (G.711 A-law, RTP payload type 8; the guide gives no table)
CODEC = 8


def _epoch(moment: datetime) -> float:
    return float(calendar.timegm(moment.timetuple()))


class Indexed:
    """What the filters of get_call_report read, for one ended call (and its row, once built)."""

    __slots__ = ("call", "seq", "start", "outcome", "numbers", "coords", "extid", "row")

    def __init__(self, call, directory, seq: int) -> None:
        self.call = call
        self.seq = seq
        self.start = call.created_at
        self.outcome = int(entities.call_outcome(call))
        ends = (entities.calling(call), entities.called(call, directory), entities.connected(call))
        self.numbers = tuple({c.number.lstrip("+") for c in ends if c.number})
        self.coords = tuple((c.type, c.id) for c in ends if c.type is not None)
        self.extid = call.extid
        self.row: str | None = None               # its <call> element, rendered once


class ReportIndex:
    """The filter keys of a tenant's ended calls, in the engine's history order,
    with the calls of each number and each extid at hand.

    The engine's history is a bounded deque, appended under the tenant lock
    and dropping its oldest calls when full; the index mirrors it (same
    bound) and on each request catches up with the calls that ended since,
    found by walking back from the newest to the last call it indexed. The
    per-number and per-extid lists keep dropped calls until next read
    (``seq`` below the oldest kept)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._history: Any = None
        self._last: Any = None
        self._seq = 0
        self._rows: deque[Indexed] = deque()
        self._by_number: dict[str, list[Indexed]] = {}
        self._by_extid: dict[str, list[Indexed]] = {}

    def _refresh(self, engine, tenant) -> None:
        history = engine.state(tenant.id).history
        if history is not self._history:              # a new tenant state: start over
            self._history, self._last = history, None
            self._rows = deque(maxlen=history.maxlen)
            self._by_number, self._by_extid = {}, {}
        with tenant.lock:                             # the engine appends under it
            new = []
            for call in reversed(history):
                if call is self._last:
                    break
                new.append(call)
            else:
                self._rows.clear()                    # the last call indexed fell out: all is new
                self._by_number, self._by_extid = {}, {}
            self._last = history[-1] if history else None
        directory = tenant.directory
        for call in reversed(new):
            self._seq += 1
            row = Indexed(call, directory, self._seq)
            self._rows.append(row)
            for number in row.numbers:
                self._by_number.setdefault(number, []).append(row)
            if row.extid:
                self._by_extid.setdefault(row.extid, []).append(row)

    def _indexed(self, table: dict[str, list[Indexed]], key: str) -> list[Indexed]:
        rows = table.get(key, [])
        oldest = self._rows[0].seq if self._rows else self._seq + 1
        if rows and rows[0].seq < oldest:
            rows = table[key] = [r for r in rows if r.seq >= oldest]
        return rows

    def select(self, engine, tenant, params: dict) -> list[Indexed]:
        """The page of ended calls matching ``params``, newest first."""
        offset, limit = params.get("offset", 0), params.get("limit", 100)
        tests = _predicates(params)
        with self._lock:
            self._refresh(engine, tenant)
            if not tests:
                return list(islice(reversed(self._rows), offset, offset + limit))
            if "extid" in params:
                candidates = reversed(self._indexed(self._by_extid, params["extid"]))
            elif "number" in params:
                candidates = reversed(self._indexed(self._by_number, params["number"].lstrip("+")))
            else:
                candidates = reversed(self._rows)
            match = tests[0] if len(tests) == 1 else (lambda r: all(test(r) for test in tests))
            return list(islice(filter(match, candidates), offset, offset + limit))


def _predicates(params: dict) -> list[Callable[[Indexed], bool]]:
    tests: list[Callable[[Indexed], bool]] = []
    if "start_time" in params:
        since = _epoch(params["start_time"])
        tests.append(lambda r: r.start >= since)
    if "end_time" in params:
        until = _epoch(params["end_time"])
        tests.append(lambda r: r.start < until)
    if "outcome" in params:
        wanted = int(params["outcome"])
        tests.append(lambda r: r.outcome == wanted)
    if "number" in params:
        number = params["number"].lstrip("+")
        tests.append(lambda r: number in r.numbers)
    if "entity_type" in params:
        kind, entity_id = params["entity_type"], params.get("entity_id")
        if entity_id is None:
            tests.append(lambda r: any(t == kind for t, _ in r.coords))
        else:
            tests.append(lambda r: (kind, entity_id) in r.coords)
    if "extid" in params:
        extid = params["extid"]
        tests.append(lambda r: r.extid == extid)
    return tests


def report(index: ReportIndex, engine, tenant, params: dict, refs: dict[str, str]) -> list[str]:
    """get_call_report's ``<call>`` elements for ``params`` (already parsed by the
    catalogue). An ended call does not change, so its element is rendered once."""
    page = index.select(engine, tenant, params)
    directory = tenant.directory
    for row in page:
        if row.row is None:
            row.row = render_record("call", report_row(row.call, directory, refs))
    return [row.row for row in page]


def _seconds(value: float) -> int:
    return max(0, round(value))


def _time_in(call, kind: str, end: float) -> float:
    """Seconds the call spent answered by parties of ``kind`` (IVRs, queues)."""
    return sum((p.ended_at if p.ended_at is not None else end) - p.answered_at
               for p in call.parties if p.kind == kind and p.answered_at is not None)


def report_row(call, directory, refs: dict[str, str]) -> dict[str, Any]:
    end = call.ended_at if call.ended_at is not None else call.created_at
    calling, called, connected = (entities.calling(call), entities.called(call, directory),
                                  entities.connected(call))
    hold = sum(p.hold_seconds for p in call.parties)
    ivr, queue = _time_in(call, "ivr", end), _time_in(call, "queue", end)
    talk = end - call.answered_at - ivr - queue if call.answered_at is not None else 0.0
    values = {
        "id": call.id, "start_time": views.timestamp(call.created_at), "duration": _seconds(end - call.created_at),
        "outcome": entities.call_outcome(call),
        **calling.values("calling"), **called.values("called"), **connected.values("connected"),
        "ring_time": _seconds((call.answered_at or end) - call.created_at), "hold_time": _seconds(hold),
        "ivr_time": _seconds(ivr), "talk_time": _seconds(talk - hold), "queue_time": _seconds(queue),
        "call_ref_id": refs.get(call.id) or call.consult_of or "", "external_id": call.extid,
        "gateway_in": call.gateway_id if call.direction == "inbound" and call.gateway_id is not None else "",
        "gateway_out": call.gateway_id if call.direction == "outbound" and call.gateway_id is not None else "",
        "internal": 1 if call.direction == "internal" else 0,
    }
    return {name: values[name] for name in CALL_REPORT_FIELDS}


# -- get_current_calls ----------------------------------------------------------------

def describe(coords: Coords, directory, name_of: Callable[[str], str]) -> str:
    """The identity of an entity: a user's or contact's name, a group's or IVR's name."""
    kind = coords.type
    if kind is None:
        return name_of(coords.number) if coords.number else ""
    if kind is EntityType.USER:
        user = directory.users.get(coords.id)
        return user.full_name if user else ""
    if kind is EntityType.GATEWAY:
        return name_of(coords.number)
    if kind is EntityType.RING_GROUP:
        if coords.id is not None and coords.id >= entities.QUEUE_GROUP_BASE:
            queue = directory.queues.get(coords.id - entities.QUEUE_GROUP_BASE)
            return queue.name if queue else ""
        group = directory.ring_groups.get(coords.id)
        return group.name if group else ""
    collection = {EntityType.IVR: directory.ivrs, EntityType.COMPANY_VOICEMAIL: directory.voicemail_boxes,
                  EntityType.PARK_LINE: directory.park_lines, EntityType.MEETING_ROOM: directory.meeting_rooms}
    entity = collection.get(kind, {}).get(coords.id)
    return entity.name if entity else ""


def current_calls(engine, tenant, params: dict, name_of: Callable[[str], str]) -> list[dict[str, Any]]:
    directory = tenant.directory
    calls: Iterable = sorted(engine.calls(tenant.id), key=lambda c: (c.created_at, int(c.id)))
    rows = []
    for call in calls:
        calling, called, connected = (entities.calling(call), entities.called(call, directory),
                                      entities.connected(call))
        ends = (calling, called, connected)
        if "number" in params and params["number"].lstrip("+") not in {c.number.lstrip("+") for c in ends}:
            continue
        if "entity_type" in params:
            kind, entity_id = params["entity_type"], params.get("entity_id")
            if not any(c.type == kind and (entity_id is None or c.id == entity_id) for c in ends):
                continue
        values = {
            "id": call.id, "start_time": views.timestamp(call.created_at),
            **calling.values("calling"), "calling_desc": describe(calling, directory, name_of),
            **called.values("called"), "called_desc": describe(called, directory, name_of),
            "connected_id": connected.id, "connected_type": connected.type,
            "connected_desc": describe(connected, directory, name_of),
            "recording": 1 if call.recording else 0, "external_id": call.extid, "p2p": 0, "codec": CODEC,
        }
        rows.append({name: values[name] for name in CURRENT_CALL_FIELDS})
    offset, limit = params.get("offset", 0), params.get("limit", 100)
    return rows[offset:offset + limit]
