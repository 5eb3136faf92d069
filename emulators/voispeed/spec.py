"""The VOIspeed integration guide's catalogue as typed data: one import point.

Everything the VOIspeed surface needs to know about the vendor's vocabulary is
reachable from here: the fifteen appendix tables and the event code tables
(:mod:`.tables`), the error texts (:mod:`.errors`), the parameter types
(:mod:`.params`), the services with their parameters (:mod:`.services`) and
the event parameters (:mod:`.events`). Code (routes, projection, render) and
tests read these objects instead of repeating literals, so a drift from the
guide shows up in one place.

The guide's parameter tables were lost in conversion. Where a parameter, a
value or a rule had to be reconstructed, it carries ``Origin.INFERRED`` (or
``Origin.FIELD_NOTES`` when it comes from what real clients send) and a note
saying why; FIDELITY.md lists them for integrators.
"""
from __future__ import annotations

from .errors import ErrorSpec, Errors, ServiceError
from .events import (EXTENDED_EVENT_COMMON, EXTENDED_EVENT_EXTRAS, USER_EVENT_COMMON, USER_EVENT_EXTRAS,
                     EventParam)
from .params import (DATETIME, EXTENSION, FLAG, ID, MAX_QUERY_BYTES, NOTE, OPAQUE_ID, PHONE_NUMBER,
                     TIMESTAMP_FORMAT, TOKEN, ParamType, normalise_number)
from .services import (ACTION_ALLOWED_STATES, COMMON_PARAMS, DEFAULT_DEVICE, USER_CALL_REPORT_FIELDS,
                       USER_SERVICES, CallAction, CallDirection, Device, Param, Service, UserMode)
from .services_ext import (CALL_REPORT_FIELDS, CONTACT_SERVICES, CURRENT_CALL_FIELDS, EXTENDED_SERVICES,
                           PHONEBOOK_FIELDS, SERVICES)
from .tables import (APPENDIX_TABLES, DECOMMISSIONED_EXTENDED_EVENTS, EXTENDED_EVENT_NAMES,
                     NOT_IMPLEMENTED_USER_EVENTS, SENT_EXTENDED_EVENTS, SENT_USER_EVENTS, USER_EVENT_NAMES,
                     AutoReply, AvStatus, CallOutcome, CommunicationStatus, EntityType, EventFamily,
                     ExtendedEvent, ForwardingCode, GatewayStatus, GatewayType, IvrInputType, IvrNodeAction,
                     IvrScriptCommand, Origin, RingMode, TerminalType, UserCallStatus, UserEvent)

__all__ = [
    "ErrorSpec", "Errors", "ServiceError",
    "USER_EVENT_COMMON", "USER_EVENT_EXTRAS", "EXTENDED_EVENT_COMMON", "EXTENDED_EVENT_EXTRAS", "EventParam",
    "DATETIME", "EXTENSION", "FLAG", "ID", "MAX_QUERY_BYTES", "NOTE", "OPAQUE_ID", "PHONE_NUMBER",
    "TIMESTAMP_FORMAT", "TOKEN", "ParamType", "normalise_number",
    "ACTION_ALLOWED_STATES", "COMMON_PARAMS", "CONTACT_SERVICES", "DEFAULT_DEVICE", "EXTENDED_SERVICES",
    "SERVICES", "USER_CALL_REPORT_FIELDS", "USER_SERVICES", "CALL_REPORT_FIELDS", "CURRENT_CALL_FIELDS",
    "PHONEBOOK_FIELDS", "CallAction", "CallDirection", "Device",
    "Param", "Service", "UserMode",
    "APPENDIX_TABLES", "DECOMMISSIONED_EXTENDED_EVENTS", "EXTENDED_EVENT_NAMES",
    "NOT_IMPLEMENTED_USER_EVENTS", "SENT_EXTENDED_EVENTS", "SENT_USER_EVENTS", "USER_EVENT_NAMES",
    "AutoReply", "AvStatus", "CallOutcome", "CommunicationStatus", "EntityType", "EventFamily",
    "ExtendedEvent", "ForwardingCode", "GatewayStatus", "GatewayType", "IvrInputType", "IvrNodeAction",
    "IvrScriptCommand", "Origin", "RingMode", "TerminalType", "UserCallStatus", "UserEvent",
]
