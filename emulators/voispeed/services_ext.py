"""The extended services and the contact sync service, with their parameters.

Only the service names, the guide's example URLs and result XML survived the
conversion of the guide; each :class:`~.services.Param` says whether it comes
from those (``guide``) or was reconstructed (``inferred``), and why.
"""
from __future__ import annotations

from .params import CONTACT_NUMBER, DATETIME, FLAG, ID, OPAQUE_ID, PHONE_NUMBER, ParamType, _integer, _text
from .services import _EXTID_PARAM, USER_SERVICES, Param, Service
from .tables import AutoReply, CallOutcome, EntityType, Origin

G, I = Origin.GUIDE, Origin.INFERRED
_P = Param

ENTITY_TYPE = ParamType("Table 1 value", lambda raw: EntityType(_integer(0).parse(raw)))
AUTO_REPLY = ParamType("Table 13 value", lambda raw: AutoReply(_integer(0).parse(raw)))

#: phonebook contact fields, named like phonebook_import_sync's contact attributes
CONTACT_TEXT_FIELDS = ("name", "surname", "company", "email")
CONTACT_NUMBER_FIELDS = ("numoffice", "numhome", "nummobile", "numsms", "nummobil2", "numfax", "numother")

_CONTACT_PARAMS: tuple[Param, ...] = tuple(
    _P(name, CONTACT_NUMBER if name.startswith("num") else _text(255), False, desc, I,
       "named like the contact attributes of phonebook_import_sync")
    for name, desc in (("name", "name"), ("surname", "surname"), ("company", "company"),
                       ("numoffice", "office number"), ("numhome", "home number"),
                       ("nummobile", "mobile number"), ("numsms", "SMS number"),
                       ("nummobil2", "second mobile number"), ("numfax", "fax number"),
                       ("numother", "other number"), ("email", "email address"))
) + (_P("is_favourite", FLAG, False, "1: a preferred contact (get_phonebook's <is_favourite>)", I),)

_PAGE = (
    _P("limit", _integer(1, 1000), False, "at most this many rows", I, default=100),
    _P("offset", _integer(0), False, "skip this many rows", I, default=0),
)
_ENTITY_FILTER = (
    _P("entity_type", ENTITY_TYPE, False, "only calls with an entity of this Table 1 type", I),
    _P("entity_id", ID, False, "with entity_type: only calls with this entity", I),
)


def _coordinates(prefix: str, what: str) -> tuple[Param, ...]:
    return (Param(f"{prefix}_type", ENTITY_TYPE, True, f"Table 1 type of {what}", Origin.GUIDE),
            Param(f"{prefix}_id", ID, True, f"id of {what}", Origin.GUIDE))


EXTENDED_SERVICES: dict[str, Service] = {s.name: s for s in (
    Service("get_entities", "list entity", (
        _P("entity_type", ENTITY_TYPE, True, "Table 1 type to list", G),
        _P("entity_id", ID, False, "only this entity", G),
        _P("owner_id", ID, False, "user whose terminals to list (entity_type=7; without it the list is empty)", G),
    ), "extended", emulated=True),
    Service("get_call_report", "call reports", (
        _P("start_time", DATETIME, False, "calls started at or after", I),
        _P("end_time", DATETIME, False, "calls started before", I),
        _P("outcome", ParamType("Table 8 value", lambda raw: CallOutcome(_integer(0).parse(raw))), False,
           "Table 8 outcome", I),
        _P("number", PHONE_NUMBER, False, "calling, called or connected number", I),
        *_ENTITY_FILTER,
        _P("extid", OPAQUE_ID, False, "external_id given to call_request_ext", I),
        *_PAGE,
    ), "extended", emulated=True),
    Service("get_current_calls", "list of ongoing calls", (
        _P("number", PHONE_NUMBER, False, "calling, called or connected number", I),
        *_ENTITY_FILTER, *_PAGE,
    ), "extended", emulated=True),
    Service("add_phonebook", "add a contact to the phonebook", _CONTACT_PARAMS, "extended", emulated=True,
            note="at least one of name, surname, company"),
    Service("update_phonebook", "update a contact in the phonebook",
            (_P("contact_id", ID, True, "contact to update", G),) + _CONTACT_PARAMS, "extended", emulated=True),
    Service("delete_phonebook", "delete a contact from the phonebook", (
        _P("contact_id", ID, False, "contact to delete (own contacts)", G),
        _P("app_name", _text(255), False, "with external_contact_id: a synchronised contact", G),
        _P("external_contact_id", _text(255), False, "the synchronising application's contact id", G),
    ), "extended", emulated=True),
    Service("get_phonebook", "list contacts from the phonebook", (
        _P("search", _text(255), False, "text searched in names, company, email and numbers", G),
        *_PAGE,
    ), "extended", emulated=True),
    Service("call_request_ext", "create a call between two entities", (
        *_coordinates("calling", "the entity called first (the 'calling' role): a user or a gateway")[::-1],
        _P("calling_number", PHONE_NUMBER, False, "number shown to (or, for a gateway, dialled for) "
           "the calling entity", G, "required when calling_type=2 (inferred)",
           required_when=("calling_type", EntityType.GATEWAY)),
        *_coordinates("called", "the entity then connected")[::-1],
        _P("called_number", PHONE_NUMBER, False, "number called", G, "required when called_type=2 (inferred)",
           required_when=("called_type", EntityType.GATEWAY)),
        _EXTID_PARAM,
        _P("auto_answer", AUTO_REPLY, False, "Table 13 automatic reply", G, default=AutoReply.NONE),
    ), "extended", emulated=True),
    Service("call_transfer_ext", "forwarding with extended supervision", tuple(
        _P(name, ENTITY_TYPE if name.endswith("_type") else ID, True, desc, G)
        for name, desc in (
            ("replace_com_id", "communication of the entity replaced"),
            ("replace_type", "type of the entity replaced"),
            ("replace_id", "id of the entity replaced"),
            ("replace_local_id", "entity_call_id of the entity replaced"),
            ("recipient_com_id", "communication of the replacing entity (ended afterwards)"),
            ("recipient_type", "type of the replacing entity"),
            ("recipient_id", "id of the replacing entity"),
            ("recipient_call_id", "entity_call_id of the replacing entity"))),
        "extended", emulated=True),
    Service("call_divert_ext", "call extended diversion", (
        _P("call_id", ID, True, "communication", I, "named like call_recording_ext's"),
        _P("replace_type", ENTITY_TYPE, True, "type of the entity replaced", I),
        _P("replace_id", ID, True, "id of the entity replaced", I),
        _P("replace_local_id", ID, True, "entity_call_id of the entity replaced", I),
        _P("recipient_type", ENTITY_TYPE, True, "type of the new entity", I),
        _P("recipient_id", ID, True, "id of the new entity", I),
        _P("recipient_number", PHONE_NUMBER, False, "number to call for the new entity", I,
           "required when recipient_type=2", required_when=("recipient_type", EntityType.GATEWAY)),
    ), "extended", emulated=True, note="parameter names follow call_transfer_ext's"),
    Service("call_recording_ext", "activate call recording", (
        _P("call_id", ID, True, "communication to record", G),
        _P("recording", FLAG, False, "1 start (default), 0 stop", I, "named like get_current_calls' <recording>",
           default=True),
    ), "extended", emulated=True),
    Service("call_terminate", "end call", (
        _P("call_id", ID, True, "communication to end", I, "named like call_recording_ext's"),
    ), "extended", emulated=True),
)}

CONTACT_SERVICES: dict[str, Service] = {s.name: s for s in (
    Service("phonebook_import_sync", "import / synchronise contacts", (
        _P("contacts", ParamType("JSON array of contacts", lambda raw: raw), True,
           "JSON array of contacts (multipart/form-data field)", G),
        _P("verbose_output", FLAG, False, "1: per-contact report in <contacts>", G, default=False),
    ), "contacts", method="POST", emulated=True),
)}

SERVICES: dict[str, Service] = {**USER_SERVICES, **EXTENDED_SERVICES, **CONTACT_SERVICES}

#: <call> fields of get_call_report, in the guide's order (its typo call_ref_if read as call_ref_id)
CALL_REPORT_FIELDS: tuple[str, ...] = (
    "id", "start_time", "duration", "outcome", "calling_id", "calling_type", "calling_number",
    "called_id", "called_type", "called_number", "connected_id", "connected_type", "connected_number",
    "ring_time", "hold_time", "ivr_time", "talk_time", "queue_time", "call_ref_id", "external_id",
    "gateway_in", "gateway_out", "internal",
)
#: <call> fields of get_current_calls, in the guide's order
CURRENT_CALL_FIELDS: tuple[str, ...] = (
    "id", "start_time", "calling_id", "calling_type", "calling_number", "calling_desc",
    "called_id", "called_type", "called_number", "called_desc", "connected_id", "connected_type",
    "connected_desc", "recording", "external_id", "p2p", "codec",
)
#: <contact> fields of get_phonebook, in the guide's order; contact_id is ours, last
PHONEBOOK_FIELDS: tuple[str, ...] = (
    "name", "surname", "company", "office", "home", "mobile", "fax", "other", "email", "is_favourite",
    "contact_id",
)

del G, I, _P
