"""The parameters of VOIspeed user event pushes, in push order."""
from __future__ import annotations

from dataclasses import dataclass

from .tables import Origin, UserEvent

# --------------------------------------------------------------------------
# User event parameters
# --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventParam:
    name: str
    description: str
    origin: Origin = Origin.INFERRED
    always: bool = True              # False: present only when known (e.g. extid)

    @property
    def inferred(self) -> bool:
        return self.origin is Origin.INFERRED


#: carried by every user event, in this order (the first four are the guide's)
USER_EVENT_COMMON: tuple[EventParam, ...] = (
    EventParam("event_type", "2: a user event", Origin.GUIDE),
    EventParam("event", "Table 6 code", Origin.GUIDE),
    EventParam("event_name", "wire name, e.g. outgoing_call", Origin.GUIDE),
    EventParam("ext", "the user's extension", Origin.GUIDE),
    EventParam("timestamp", "when it happened, YYYY-MM-DD hh:mm:ss (tenant clock)", Origin.FIELD_NOTES),
    EventParam("domain", "the tenant's PBX domain, as in IVR script queries"),
)

_NUMBER = EventParam("number", "the other party's number", Origin.GUIDE)
_CALL_ID = EventParam("call_id", "the user's call; the call_id that call_action takes", Origin.FIELD_NOTES)
_EXTID_EV = EventParam("extid", "extid of the call_request that made the call", Origin.FIELD_NOTES, always=False)
_REQUEST_ID = EventParam("request_id", "request_id of the service request behind it", Origin.FIELD_NOTES,
                         always=False)
_DURATION = EventParam("duration", "talk time in seconds", Origin.FIELD_NOTES)

#: per-event parameters after USER_EVENT_COMMON, in push order
USER_EVENT_EXTRAS: dict[UserEvent, tuple[EventParam, ...]] = {
    UserEvent.CMD_FAILED: (
        EventParam("request_id", "request_id returned when the request was accepted", Origin.GUIDE),
        EventParam("service", "the service that failed"),
        EventParam("error_code", "numeric code, see Errors", Origin.FIELD_NOTES),
        EventParam("error", "error text, as in <error>", Origin.FIELD_NOTES),
        EventParam("number", "number of the failed request", always=False),
        EventParam("call_id", "call the failed request was about", always=False),
        _EXTID_EV,
    ),
    UserEvent.INCOMING_CALL: (_NUMBER, _CALL_ID, EventParam("called", "number dialled to reach the user")),
    UserEvent.OUTGOING_CALL: (_NUMBER, _CALL_ID, _EXTID_EV, _REQUEST_ID),
    UserEvent.NEW_VOICEMAIL: (_NUMBER, EventParam("duration", "message length in seconds"),
                              EventParam("message_id", "voicemail message id")),
    UserEvent.LOST_CALL: (_NUMBER, _CALL_ID),
    UserEvent.CALL_ANSWERED: (_NUMBER, _CALL_ID, _EXTID_EV),
    UserEvent.CALL_REJECTED: (_NUMBER, _CALL_ID, EventParam("outcome", "Table 8 outcome"), _EXTID_EV),
    UserEvent.CALL_DISCONNECT_OUT: (_NUMBER, _CALL_ID, _DURATION, _EXTID_EV),
    UserEvent.CALL_DISCONNECT_IN: (_NUMBER, _CALL_ID, _DURATION, _EXTID_EV),
    UserEvent.CALL_TRANSFER: (),
}
