"""get_user_call_report: the calls of one user, one ``<call>`` per leg of theirs.

Rows come from the engine's ended calls (history) and its live calls, newest
first, with the fields in the guide's order (``spec.USER_CALL_REPORT_FIELDS``).
A user who took part twice in one call (e.g. picked up, then was called back
into it) has one row per leg; ``id`` and ``local_id`` are the leg's number
(the guide's "autoincrement" and "entity_call_id").
"""
from __future__ import annotations

import calendar
from datetime import datetime
from typing import Any, Iterable, Iterator

from . import views
from .services import USER_CALL_REPORT_FIELDS


def _epoch(moment: datetime) -> float:
    return float(calendar.timegm(moment.timetuple()))


def _leg_number(party_id: str) -> int | str:
    digits = party_id.lstrip("p")
    return int(digits) if digits.isdigit() else party_id


def user_legs(engine, tenant_id: str, user_id: int) -> Iterator[tuple[Any, Any]]:
    """Every (call, party) of this user, newest first, lazily: a report page stops
    reading as soon as it is full, whatever the length of the user's history.

    The engine lists a user's calls in the order they joined them and a call's
    parties in the order they were added, so walking both backwards is newest
    first without sorting."""
    for call in engine.user_calls_newest_first(tenant_id, user_id):
        for party in reversed(call.parties):
            if party.user_id == user_id:
                yield call, party


def _matches(call, party, params: dict, directory) -> bool:
    if "start_time" in params and party.created_at < _epoch(params["start_time"]):
        return False
    if "end_time" in params and party.created_at >= _epoch(params["end_time"]):
        return False
    if "direction" in params and views.direction(party, call) is not params["direction"]:
        return False
    if "outcome" in params and views.outcome(party) is not params["outcome"]:
        return False
    if "number" in params:
        wanted = params["number"].lstrip("+")
        if views.remote_number(call, party, directory).lstrip("+") != wanted:
            return False
    return True


def _group_name(call, directory) -> str:
    if call.ring_group_id is not None and call.ring_group_id in directory.ring_groups:
        return directory.ring_groups[call.ring_group_id].name
    if call.queue_id is not None and call.queue_id in directory.queues:
        return directory.queues[call.queue_id].name
    return ""


def row(call, party, user, directory, now: float, lookup=None) -> dict[str, Any]:
    remote = views.remote_party(call, party)
    remote_user = directory.users.get(remote.user_id) if remote is not None and remote.user_id else None
    remote_number = views.remote_number(call, party, directory)
    contact = lookup(remote_number) if lookup is not None and remote_user is None else None
    leg = _leg_number(party.id)
    values = {
        "id": leg,
        "callid": call.id,
        "start_time": views.timestamp(party.created_at),
        "answer_time": views.timestamp(party.answered_at),
        "duration": views.talk_seconds(party, now),
        "outcome": views.outcome(party),
        "direction": views.direction(party, call),
        "my_number": user.extension,
        "remote_number": remote_number,
        "local_id": leg,
        "group_name": _group_name(call, directory),
        "company": "",
        "surname": user.surname,
        "name": user.name,
        "remote_company": contact.values["company"] if contact else "",
        "remote_surname": remote_user.surname if remote_user else contact.values["surname"] if contact else "",
        "remote_name": remote_user.name if remote_user else contact.values["name"] if contact else "",
    }
    return {name: values[name] for name in USER_CALL_REPORT_FIELDS}


def user_call_report(engine, tenant, user, params: dict, lookup=None) -> Iterable[dict[str, Any]]:
    """The rows for ``params`` (already parsed by the catalogue), paged by offset/limit;
    ``lookup(number)`` finds the phonebook contact of an outside number."""
    directory = tenant.directory
    now = tenant.clock.now()
    offset, limit = params.get("offset", 0), params.get("limit", 100)
    rows: list[dict[str, Any]] = []
    skipped = 0
    for call, party in user_legs(engine, tenant.id, user.id):
        if not _matches(call, party, params, directory):
            continue
        if skipped < offset:
            skipped += 1
            continue
        rows.append(row(call, party, user, directory, now, lookup))
        if len(rows) >= limit:
            break
    return rows
