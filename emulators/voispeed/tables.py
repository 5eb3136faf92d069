"""The VOIspeed guide's appendix tables and event code tables as enums.

Each member carries the guide's own description verbatim (typos included), so
the tests can compare the enums with the document value for value. Also here:
:class:`Origin`, which every catalogue item uses to say where it comes from.
"""
from __future__ import annotations

import enum



# --------------------------------------------------------------------------
# Appendix tables. Each member carries the guide's own description, verbatim
# (typos included), so the tests can compare the enums with the document.
# --------------------------------------------------------------------------

class _GuideTable(enum.IntEnum):
    """An IntEnum whose members are ``NAME = value, "description from the guide"``."""

    description: str

    def __new__(cls, value: int, description: str = ""):
        member = int.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member


class EntityType(_GuideTable):
    """Table 1 — system entity types (the TYPE of an entity's coordinates)."""
    USER = 0, "User"
    RING_GROUP = 1, "Ring Group"
    GATEWAY = 2, "Gateway"
    IVR = 3, "IVR automatic responder"
    TERMINAL = 7, "Terminal"
    COMPANY_VOICEMAIL = 8, "Company Voicemail"
    MEETING_ROOM = 10, "Meeting Room"
    PARK_LINE = 11, "Parked lines"
    DEPARTMENT = 13, "Department"


class AvStatus(_GuideTable):
    """Table 2 — audio/video (and chat) status of a user or park line."""
    UNKNOWN = 0, "Unknown"
    UNAVAILABLE = 1, "Unavailable"
    AVAILABLE = 2, "Available"
    RINGING = 3, "Ringing"
    BUSY = 4, "Busy"
    DND = 5, "Do not Disturb DND"
    RESERVED = 6, "Reserved"
    ABSENT = 7, "Absent"
    IN_DIVERSION = 8, "In diversion"


class GatewayType(_GuideTable):
    """Table 3 — gateway types."""
    VOIP_CARRIER = 0, "VoIP Carrrier"
    ISDN_LINE = 1, "ISDN Line"
    GSM_NETWORK = 2, "GSM network"
    ANALOGUE_LINE = 3, "Analogue Line"


class GatewayStatus(_GuideTable):
    """Table 4 — gateway registration status ("Recording" is the guide's
    translation of the Italian *registrazione*: registration)."""
    NOT_REGISTERED = 1, "Not registered"
    REGISTERED = 2, "Registered"
    REGISTRATION_ATTEMPT = 7, "Recording attempt"


class TerminalType(_GuideTable):
    """Table 5 — terminal (device) types."""
    UNKNOWN = 0, "Unknown"
    RESERVED = 1, "Reserved"
    SIP = 2, "SIP terminal"
    USB = 3, "USB terminal"
    DECT = 4, "DECT terminal"
    MOBILE = 5, "Mobile terminal"


class UserEvent(_GuideTable):
    """Table 6 — user events; the member name lower-cased is the wire ``event_name``."""
    CMD_FAILED = 1, "Command failed"
    INCOMING_CALL = 8, "Incoming call to the User"
    OUTGOING_CALL = 9, "Call made by the User"
    NEW_VOICEMAIL = 10, "New voice message for the User"
    LOST_CALL = 12, "New missed call for the User"
    CALL_ANSWERED = 14, "Call in conversation"
    CALL_REJECTED = 15, "Call rejected"
    CALL_DISCONNECT_OUT = 16, "Call ended by the user"
    CALL_DISCONNECT_IN = 17, "Termination call received"
    CALL_TRANSFER = 18, "Call transferred"   # guide: "has not yet been implemented"

    @property
    def event_name(self) -> str:
        return self.name.lower()


class UserCallStatus(_GuideTable):
    """Table 7 — state of a user's call."""
    UNKNOWN = 0, "Unknown"
    OUTGOING_CONNECTION = 1, "Outgoing connection"
    ACTIVE = 2, "Active"
    ON_HOLD = 3, "In Attesa"
    ENDED = 4, "Ended"
    INCOMING_CONNECTION = 5, "Inbound connection"


class CallOutcome(_GuideTable):
    """Table 8 — call outcomes. 9..13 mirror 2..6 for the calling side; the
    guide's text for 12 repeats "Number called unavailable", the mirror of 4,
    so the member is named for the calling side."""
    UNKNOWN = 0, "Unknown"
    OK = 1, "OK"
    BUSY = 2, "Number called Busy"
    REJECTED = 3, "Rejected by number called"
    UNAVAILABLE = 4, "Number called unavailable"
    NO_ANSWER = 5, "Number called does not answer"
    NO_LINES = 6, "There are no lines available for connection to the number called"
    DND = 7, "Number called in do not disturb (only if extension)"
    ABSENT = 8, "Number called Absent (only if extension)"
    CALLING_NO_ANSWER = 9, "Calling number does not answer"
    CALLING_BUSY = 10, "Calling number busy"
    REJECTED_BY_CALLING = 11, "Rejected by calling number"
    CALLING_UNAVAILABLE = 12, "Number called unavailable"
    CALLING_NO_LINES = 13, "There are no lines available to connect to the calling number"


class CommunicationStatus(_GuideTable):
    """Table 9 — state of a communication (the switch between caller and called)."""
    INACTIVE = 0, "Inactive"
    INCOMING = 1, "Incoming call from calling entity"
    CONNECTING = 2, "In connection with called entity"
    ACTIVE = 3, "Active"
    DIVERTING = 4, "In diversion to another entity or number"
    PICKING = 5, "Being taken by a User"
    CALLED_UNAVAILABLE = 6, "Called extension not available"
    FINISHING = 7, "Finishing"
    ENDED = 8, "Ended"


class RingMode(_GuideTable):
    """Table 10 — ring group ring modes."""
    SIMULTANEOUS = 1, "Simultaneous ring"
    CYCLIC = 2, "Cyclic ring"
    CYCLIC_WITH_FORWARDING = 3, "Cyclic ring with forwarding"
    PROGRESSIVE = 4, "Progressive ring"
    PROGRESSIVE_WITH_FORWARDING = 5, "Progressive ring with forwarding"
    NOT_USED = 6, "Not used"
    AUTOMATIC_QUEUING = 7, "Automatic queuing"


class IvrInputType(_GuideTable):
    """Table 11 — what input an IVR node waits for."""
    NONE = 0, "No input expected"
    FIXED_LENGTH = 1, "Input a fixed length"
    TERMINATED = 2, "Character terminated input"
    TIMEOUT_AFTER_LAST_DIGIT = 3, "Input with timeout from last received digit"


class IvrNodeAction(_GuideTable):
    """Table 12 — what an IVR node does after its input."""
    NO_ACTION = 0, "No Action"
    NEXT_NODE = 1, "Transition to the next node"
    MAKE_CALL = 2, "Make call"
    RUN_SCRIPT = 3, "Run external script"


class AutoReply(_GuideTable):
    """Table 13 — automatic answer (``auto_answer`` of call_request_ext)."""
    NONE = 0, "No automatic reply"
    CALLER_ANSWERS = 1, "The caller answers automatically"
    CALLED_ANSWERS = 2, "The called party answers automatically"


class ForwardingCode(_GuideTable):
    """Table 14 — call progress / forwarding codes (SIP-like provisional codes)."""
    RINGING = 180, "Called Ringing"
    FORWARDED = 181, "Call forwarded"
    GENERIC_FORWARDING = 183, "Generic call forwarding"


class IvrScriptCommand(_GuideTable):
    """Table 15 — the ``command=N`` an IVR script returns."""
    END_CALL = 0, "End call"
    NEXT_NODE = 1, "Transit to the next node"
    TRANSFER_TO_NUMBER = 2, "Transfer call to number"
    TRANSFER_TO_ENTITY = 3, "Transfer call to an entity"
    RERUN_NODE = 4, "Rerun the node with the new properties"


APPENDIX_TABLES: dict[int, type[_GuideTable]] = {
    1: EntityType, 2: AvStatus, 3: GatewayType, 4: GatewayStatus,
    5: TerminalType, 6: UserEvent, 7: UserCallStatus, 8: CallOutcome,
    9: CommunicationStatus, 10: RingMode, 11: IvrInputType, 12: IvrNodeAction,
    13: AutoReply, 14: ForwardingCode, 15: IvrScriptCommand,
}


class ExtendedEvent(_GuideTable):
    """System (SSN) events of the extended interface, seen from the PBX:
    ``call_in`` = a call reached the PBX, ``call_out`` = the PBX calls an entity.
    The guide's heading for disconnect_out says "Code: 5"; its table says 6."""
    CALL_IN = 1, "Incoming call from entity"
    CALL_PROGRESS = 2, "Incoming call from entity"
    CALL_OUT = 3, "Call to entity"
    CALL_RESPONSE = 4, "Call response (positive \\ negative) from entity"
    DISCONNECT_IN = 5, "call termination sent to entity"
    DISCONNECT_OUT = 6, "call termination received from entity"
    CALL_TRANSFER = 7, "Call Transferred (Supervised Forwarding)"
    DTMF_OUT = 8, "Event obsolete - decommissioned"
    CALL_DIVERT = 9, "Call diverted (blind forwarding)"
    CALL_TERMINATED = 10, "Call ended"
    CALL_HELD = 11, "Call put on hold by entity"
    CALL_RETRIEVED = 12, "Call activated (after waiting) from entity"

    @property
    def event_name(self) -> str:
        return self.name.lower()


USER_EVENT_NAMES: dict[int, str] = {e.value: e.event_name for e in UserEvent}
EXTENDED_EVENT_NAMES: dict[int, str] = {e.value: e.event_name for e in ExtendedEvent}

#: user events the emulator pushes; 18 is listed but "has not yet been implemented"
SENT_USER_EVENTS: frozenset[UserEvent] = frozenset(UserEvent) - {UserEvent.CALL_TRANSFER}
NOT_IMPLEMENTED_USER_EVENTS: frozenset[UserEvent] = frozenset({UserEvent.CALL_TRANSFER})
DECOMMISSIONED_EXTENDED_EVENTS: frozenset[ExtendedEvent] = frozenset({ExtendedEvent.DTMF_OUT})
SENT_EXTENDED_EVENTS: frozenset[ExtendedEvent] = frozenset(ExtendedEvent) - DECOMMISSIONED_EXTENDED_EVENTS


class EventFamily(enum.IntEnum):
    """The ``event_type`` of a push. USER = 2 is the guide's (Hello world
    logger); EXTENDED = 1 is inferred — the guide never shows an SSN query string."""
    EXTENDED = 1
    USER = 2


# --------------------------------------------------------------------------
# Where each catalogue item comes from
# --------------------------------------------------------------------------

class Origin(enum.Enum):
    GUIDE = "guide"               # shown in the guide (example URL, prose, result XML)
    FIELD_NOTES = "field-notes"   # sent or expected by real clients (FIELD-NOTES.md)
    INFERRED = "inferred"         # reconstructed: the guide's table is lost
