"""The VOIspeed user services and their parameters, with the value vocabularies
(devices, call actions, user modes, directions) they take; :class:`Param` and
:class:`Service`, which the extended catalogue (:mod:`.services_ext`) uses too.

The guide's parameter tables were lost in conversion; each :class:`Param`
says whether it is the guide's, from the field notes, or inferred, and why.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Mapping

from .errors import Errors, ServiceError
from .params import (DATETIME, EXTENSION, ID, NOTE, OPAQUE_ID, PHONE_NUMBER, TOKEN, ParamType, _choice,
                     _integer, _text)
from .tables import AvStatus, CallOutcome, Origin, TerminalType, UserCallStatus

# --------------------------------------------------------------------------
# Value vocabularies of the user services (inferred unless noted)
# --------------------------------------------------------------------------

class Device(enum.StrEnum):
    """``device`` of call_request: which of the user's terminals places the call.
    ``mobile`` is the guide's example, ``sip`` is what real clients send; the
    others follow Table 5's terminal types."""
    SIP = "sip"
    MOBILE = "mobile"
    USB = "usb"
    DECT = "dect"

    @property
    def terminal_type(self) -> TerminalType:
        return TerminalType[self.name]


#: call_request without ``device``: the Hello world needs "at least one SIP terminal"
DEFAULT_DEVICE = Device.SIP


class CallAction(enum.StrEnum):
    """``action`` of call_action. divert and disconnect are the guide's examples;
    the others are what the guide's telephone-bar scenario ("create calls, put
    them on hold and retrieve them, break them down") and Table 7 imply."""
    ANSWER = "answer"
    REJECT = "reject"
    HOLD = "hold"
    RETRIEVE = "retrieve"
    DIVERT = "divert"
    DISCONNECT = "disconnect"


_S = UserCallStatus
#: the user-call states (Table 7) in which each action is allowed (inferred);
#: any other live state answers ACTION_NOT_ALLOWED, an ended or unknown call
#: answers the guide's "connection not found".
ACTION_ALLOWED_STATES: dict[CallAction, frozenset[UserCallStatus]] = {
    CallAction.ANSWER: frozenset({_S.INCOMING_CONNECTION}),
    CallAction.REJECT: frozenset({_S.INCOMING_CONNECTION}),
    CallAction.HOLD: frozenset({_S.ACTIVE}),
    CallAction.RETRIEVE: frozenset({_S.ON_HOLD}),
    CallAction.DIVERT: frozenset({_S.INCOMING_CONNECTION, _S.ACTIVE, _S.ON_HOLD}),
    CallAction.DISCONNECT: frozenset({_S.OUTGOING_CONNECTION, _S.INCOMING_CONNECTION,
                                      _S.ACTIVE, _S.ON_HOLD}),
}
del _S


class UserMode(enum.IntEnum):
    """``mode`` of set_user_mode, numbered in the guide's order ("normal, do not
    disturb, away and divert") from 1, so that its example ``mode=2`` is DND."""
    NORMAL = 1
    DND = 2
    AWAY = 3
    DIVERT = 4

    @property
    def av_status(self) -> AvStatus:
        """How the mode shows in get_entities' ``av_status`` (Table 2)."""
        return _MODE_AV_STATUS[self]


_MODE_AV_STATUS = {UserMode.NORMAL: AvStatus.AVAILABLE, UserMode.DND: AvStatus.DND,
                   UserMode.AWAY: AvStatus.ABSENT, UserMode.DIVERT: AvStatus.IN_DIVERSION}


class CallDirection(enum.StrEnum):
    """``direction`` of a user call report row and filter (inferred values)."""
    IN = "in"
    OUT = "out"


# --------------------------------------------------------------------------
# Services and their parameters
# --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: ParamType
    required: bool
    description: str
    origin: Origin = Origin.INFERRED
    note: str = ""                                   # why, when not the guide's
    required_when: tuple[str, Any] | None = None     # (other param, parsed value)
    default: Any = None

    @property
    def inferred(self) -> bool:
        return self.origin is Origin.INFERRED


G, F, I = Origin.GUIDE, Origin.FIELD_NOTES, Origin.INFERRED

#: in every service request ("must be included in all service requests")
COMMON_PARAMS: tuple[Param, ...] = (
    Param("service", _text(64), True, "name of the service to provide", G),
    Param("token", TOKEN, True, "integration module token: identifies and authenticates the sender", G),
)


@dataclass(frozen=True, slots=True)
class Service:
    name: str
    description: str                 # the guide's one-line description
    params: tuple[Param, ...]        # beyond COMMON_PARAMS, in documented order
    interface: str                   # "user" | "extended" | "contacts"
    emulated: bool = False
    method: str = "GET"
    note: str = ""

    @property
    def all_params(self) -> tuple[Param, ...]:
        return COMMON_PARAMS + self.params

    @property
    def inferred_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.origin is not Origin.GUIDE)

    def parse(self, query: Mapping[str, str]) -> dict[str, Any]:
        """Validate a request's parameters and return them parsed and normalised.

        Parameters not in the catalogue are ignored (real clients send
        ``domain`` and others); the first missing or invalid parameter, in
        catalogue order, raises :class:`ServiceError`.
        """
        parsed: dict[str, Any] = {}
        for p in self.all_params:
            raw = query.get(p.name)
            if raw is None or raw == "":
                needed = p.required or (p.required_when is not None
                                        and parsed.get(p.required_when[0]) == p.required_when[1])
                if needed:
                    raise ServiceError(Errors.MISSING_PARAMETER, name=p.name)
                if p.default is not None:
                    parsed[p.name] = p.default
                continue
            try:
                parsed[p.name] = p.type.parse(raw)
            except ValueError:
                raise ServiceError(Errors.INVALID_PARAMETER, name=p.name) from None
        return parsed


_P = Param
_EXTID = _P("extid", OPAQUE_ID, False,
            "the integrator's own id for the call, echoed in every push about it", G,
            "guide prose: 'an external identification which will then be inserted in all "
            "notifications'; the name is the one call_request_ext and real clients use")

USER_SERVICES: dict[str, Service] = {s.name: s for s in (
    Service("call_request", "make a call", (
        _P("ext", EXTENSION, True, "extension of the calling user", G),
        _P("number", PHONE_NUMBER, True, "number to call (normalised, see normalise_number)", G),
        _P("device", _choice(Device), False, "which of the user's terminals places the call", G,
           "guide example shows device=mobile, real clients send device=sip; usb and dect "
           "follow Table 5", default=DEFAULT_DEVICE),
        _EXTID,
        _P("domain", _text(255), False, "tenant domain sent by real clients; ignored", F),
    ), "user", emulated=True),
    Service("call_action", "performs an action on a call", (
        _P("ext", EXTENSION, True, "extension that owns the call", G),
        _P("call_id", ID, True, "the call's id, as read from the user events", G),
        _P("action", _choice(CallAction), True, "what to do with the call", G,
           "divert and disconnect are the guide's examples; answer, reject, hold, retrieve inferred"),
        _P("number", PHONE_NUMBER, False, "destination of a divert", G,
           "required only with action=divert (inferred)", required_when=("action", CallAction.DIVERT)),
        _P("note", NOTE, False, "free note attached to a divert", G),
    ), "user", emulated=True),
    Service("set_user_mode", "set user mode", (
        _P("ext", EXTENSION, True, "extension whose mode is set", G),
        _P("mode", _choice(UserMode), True, "1 normal, 2 do not disturb, 3 away, 4 divert", G,
           "numbering inferred from the guide's order and its example mode=2 (DND)"),
        _P("number", PHONE_NUMBER, False, "divert destination", I,
           "required only with mode=4; named like call_action's divert number",
           required_when=("mode", UserMode.DIVERT)),
    ), "user", emulated=True,
        note="the guide's example says service=call_action&...&mode=2 — a typo for set_user_mode"),
    Service("get_user_call_report", "requests the user call report", (
        _P("ext", EXTENSION, True, "extension whose calls are listed", I,
           "the report is 'relating to a user of the system'; ext names users everywhere else"),
        _P("start_time", DATETIME, False, "calls started at or after", I),
        _P("end_time", DATETIME, False, "calls started before", I),
        _P("direction", _choice(CallDirection), False, "in | out", I),
        _P("outcome", _choice(CallOutcome), False, "Table 8 outcome", I),
        _P("number", PHONE_NUMBER, False, "remote number", I),
        _P("limit", _integer(1, 1000), False, "at most this many calls, newest first", F,
           "real clients send limit=1 as a credentials probe", default=100),
        _P("offset", _integer(0), False, "skip this many calls", I, default=0),
    ), "user", emulated=True),
)}

#: <call> fields of get_user_call_report, in the guide's order (its "..." gaps are not filled)
USER_CALL_REPORT_FIELDS: tuple[str, ...] = (
    "id", "callid", "start_time", "answer_time", "duration", "outcome", "direction",
    "my_number", "remote_number", "local_id", "group_name", "company", "surname", "name",
    "remote_company", "remote_surname", "remote_name",
)

_EXTID_PARAM = _EXTID   # shared with the extended catalogue (services_ext)

del G, F, I, _P
