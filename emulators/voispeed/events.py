"""The parameters of VOIspeed user and extended (SSN) event pushes, in push order."""
from __future__ import annotations

from dataclasses import dataclass

from .tables import ExtendedEvent, Origin, UserEvent

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


# --------------------------------------------------------------------------
# Extended (SSN) event parameters — all inferred: the guide's tables are lost
# --------------------------------------------------------------------------

#: carried by every SSN event, in this order ("All System Events (SSN) will
#: always contain the following parameters:" — the list did not survive)
EXTENDED_EVENT_COMMON: tuple[EventParam, ...] = (
    EventParam("event_type", "1: an extended (SSN) event"),
    EventParam("event", "code of the extended events table", Origin.GUIDE),
    EventParam("event_name", "wire name, e.g. call_out", Origin.GUIDE),
    EventParam("call_id", "the communication (call_id / *_com_id of the extended services)", Origin.GUIDE),
    EventParam("timestamp", "when it happened, YYYY-MM-DD hh:mm:ss (tenant clock)", Origin.FIELD_NOTES),
    EventParam("domain", "the tenant's PBX domain, as in IVR script queries"),
    EventParam("extid", "extid of call_request_ext, in every SSN event of its call (empty if none)",
               Origin.GUIDE),
    EventParam("request_id", "request_id of the service request that made the call", Origin.FIELD_NOTES,
               always=False),
)


def _coords(prefix: str, what: str, always: bool = True) -> tuple[EventParam, ...]:
    return (EventParam(f"{prefix}_id", f"id of {what}", Origin.GUIDE, always),
            EventParam(f"{prefix}_type", f"Table 1 type of {what}", Origin.GUIDE, always))


_LOCAL_ID = EventParam("local_id", "entity_call_id of the entity's call (replace_local_id / recipient_call_id)")
_CALLING_NUMBER = EventParam("calling", "calling number", Origin.GUIDE)
_CALLED_NUMBER = EventParam("called", "called number", Origin.GUIDE)
_OK_ONLY = tuple(p for prefix, what in (("calling", "the calling entity"), ("called", "the called entity"),
                                        ("connected", "the connected entity"))
                 for p in (*_coords(prefix, what, always=False),
                           EventParam(f"{prefix}_number", f"number of {what}", Origin.GUIDE, always=False)))

#: per-event parameters after EXTENDED_EVENT_COMMON, in push order
EXTENDED_EVENT_EXTRAS: dict[ExtendedEvent, tuple[EventParam, ...]] = {
    ExtendedEvent.CALL_IN: (*_coords("calling", "the entity calling"), _CALLING_NUMBER, _CALLED_NUMBER, _LOCAL_ID),
    ExtendedEvent.CALL_PROGRESS: (*_coords("sender", "the entity signalling"), _LOCAL_ID,
                                  EventParam("progress", "Table 14 code (180 ringing)")),
    ExtendedEvent.CALL_OUT: (*_coords("called", "the entity called"), _CALLING_NUMBER, _CALLED_NUMBER, _LOCAL_ID),
    ExtendedEvent.CALL_RESPONSE: (*_coords("sender", "the entity answering"), _LOCAL_ID,
                                  EventParam("outcome", "Table 8 outcome", Origin.GUIDE), *_OK_ONLY),
    ExtendedEvent.DISCONNECT_IN: (*_coords("sender", "the entity that ended its call"), _LOCAL_ID),
    ExtendedEvent.DISCONNECT_OUT: (*_coords("recipient", "the entity whose call the PBX ended"), _LOCAL_ID),
    ExtendedEvent.CALL_TRANSFER: (*_coords("sender", "the entity replaced"), _LOCAL_ID,
                                  *_coords("recipient", "the entity that took its place"),
                                  EventParam("recipient_local_id", "entity_call_id of the recipient"),
                                  EventParam("refer_id", "the recipient's former communication, now ended",
                                             Origin.GUIDE)),
    ExtendedEvent.DTMF_OUT: (),
    ExtendedEvent.CALL_DIVERT: (*_coords("sender", "the entity diverted away"), _LOCAL_ID,
                                *_coords("recipient", "the entity diverted to"),
                                EventParam("recipient_number", "the number diverted to")),
    ExtendedEvent.CALL_TERMINATED: (EventParam("outcome", "Table 8 outcome of the communication", Origin.GUIDE),
                                    EventParam("duration", "talk time in seconds")),
    ExtendedEvent.CALL_HELD: (EventParam("user_id", "the user who put the call on hold", Origin.GUIDE), _LOCAL_ID),
    ExtendedEvent.CALL_RETRIEVED: (EventParam("user_id", "the user who took the call back", Origin.GUIDE),
                                   _LOCAL_ID),
}
