"""A call seen from one user's side, as the user interface of VOIspeed reports it.

The engine's calls are vendor-neutral: parties with roles, states and release
causes. The user events and the user call report need the user's view: did
the user call or get called, who is "the number" on the other side, how did
it end (Table 8), how long did they talk. These helpers answer that for both
live objects (:class:`~emulators.core.calls.Call`) and the snapshots carried
by domain events (plain dicts), so the report and the projection agree.
"""
from __future__ import annotations

import time
from typing import Any

from .params import TIMESTAMP_FORMAT
from .services import CallDirection
from .tables import CallOutcome, UserCallStatus

#: engine release causes -> Table 8, for a leg that never talked
CAUSE_OUTCOMES: dict[str, CallOutcome] = {
    "busy": CallOutcome.BUSY,
    "rejected": CallOutcome.REJECTED,
    "unavailable": CallOutcome.UNAVAILABLE,
    "no_answer": CallOutcome.NO_ANSWER,
    "cancelled": CallOutcome.NO_ANSWER,      # the caller gave up: the called did not answer (in time)
    "abandoned": CallOutcome.NO_ANSWER,
    "no_lines": CallOutcome.NO_LINES,
    "dnd": CallOutcome.DND,
    "away": CallOutcome.ABSENT,
}

#: causes that end a user's unanswered leg as call_rejected (15) rather than lost_call (12)
REJECTING_CAUSES = frozenset({"busy", "rejected", "unavailable", "no_lines", "dnd", "away"})


def get(obj: Any, key: str) -> Any:
    """``obj[key]`` for a snapshot dict, ``obj.key`` for a live object."""
    return obj[key] if type(obj) is dict else getattr(obj, key)


def parties(call: Any) -> list:
    return get(call, "parties")


def is_user(party: Any) -> bool:
    return get(party, "kind") == "user" and get(party, "user_id") is not None


def is_called_leg(call: Any, party: Any) -> bool:
    """Was this leg called by the PBX? Callees are, and so is the first entity
    of an extended call_request_ext, which the PBX rings before anyone else."""
    if get(party, "role") != "caller":
        return True
    bridge = get(call, "bridge")
    return bool(bridge) and bridge.get("first") == get(party, "id")


def direction(party: Any, call: Any = None) -> CallDirection:
    if call is not None and is_called_leg(call, party):
        return CallDirection.IN
    return CallDirection.OUT if get(party, "role") == "caller" else CallDirection.IN


def caller_of(call: Any) -> Any | None:
    return next((p for p in parties(call) if get(p, "role") == "caller"), None)


def dialled_number(call: Any, directory=None) -> str:
    """What the caller dialled: the request's number, else the ring group's or
    queue's number, else the first party called."""
    origin = get(call, "origin") or {}
    if origin.get("surface") == "voispeed" and origin.get("number"):
        return origin["number"]
    if directory is not None:
        group = get(call, "ring_group_id")
        if group is not None and group in directory.ring_groups:
            return directory.ring_groups[group].number
    for party in parties(call):
        if get(party, "role") == "callee":
            return get(party, "number")
    return ""


def remote_number(call: Any, party: Any, directory=None) -> str:
    """The other side of ``party``: for the caller, whoever answered (else the
    number dialled); for anyone else, the caller."""
    if get(party, "role") != "caller":
        caller = caller_of(call)
        return get(caller, "number") if caller is not None else ""
    talking = [p for p in parties(call) if get(p, "role") == "callee"
               and get(p, "answered_at") is not None and get(p, "state") != "released"]
    if talking:
        return get(talking[-1], "number")
    return dialled_number(call, directory)


def remote_party(call: Any, party: Any) -> Any | None:
    if get(party, "role") != "caller":
        return caller_of(call)
    answered = [p for p in parties(call) if get(p, "role") == "callee" and get(p, "answered_at") is not None]
    return answered[-1] if answered else None


def outcome(party: Any) -> CallOutcome:
    """Table 8 outcome of a user's leg: OK once it talked, else from why it ended."""
    if get(party, "answered_at") is not None:
        return CallOutcome.OK
    if get(party, "state") != "released":
        return CallOutcome.UNKNOWN
    return CAUSE_OUTCOMES.get(get(party, "cause"), CallOutcome.UNKNOWN)


def talk_seconds(party: Any, now: float) -> int:
    answered = get(party, "answered_at")
    if answered is None:
        return 0
    ended = get(party, "ended_at")
    return max(0, round((ended if ended is not None else now) - answered))


def timestamp(epoch: float | None) -> str:
    """The guide's ``YYYY-MM-DD hh:mm:ss``, in UTC (the emulator has no PBX time zone)."""
    if epoch is None:
        return ""
    return time.strftime(TIMESTAMP_FORMAT, time.gmtime(epoch))


_STATUS_BY_STATE = {
    "dialing": UserCallStatus.OUTGOING_CONNECTION,
    "ringing": UserCallStatus.INCOMING_CONNECTION,
    "talking": UserCallStatus.ACTIVE,
    "held": UserCallStatus.ON_HOLD,
    "released": UserCallStatus.ENDED,
}


def user_call_status(party: Any) -> UserCallStatus:
    """Table 7 status of a user's leg, from its party state."""
    state = get(party, "state")
    return _STATUS_BY_STATE.get(getattr(state, "value", state), UserCallStatus.UNKNOWN)
