"""The extended services: entities, call reports, live calls and extended call control.

Call control follows the user services' split (see :mod:`.handlers`): what
can be checked when the request arrives — the communication exists, an
entity with those coordinates and that entity call is on it, the calls are in
the state the service needs — is answered at once with outcome 1; an
accepted request gets outcome 0 and a ``request_id`` and is carried out by
the engine straight away. Only :func:`call_request_ext` has effects that come
later (the entities ringing, answering or not): they are reported by the
extended (SSN) events, whose ``call_response`` carries the Table 8 outcome.
"""
from __future__ import annotations

from typing import Callable

from emulators.core.states import EngineError, IllegalOperation, NotFound

from . import call_report, entities
from .entity_lists import CONTAINERS, entity_rows
from .errors import Errors, ServiceError
from .handlers import Request, execution_error
from .render import render_list, render_ok, render_parts, render_records
from .tables import AutoReply, EntityType

#: who may be rung first by call_request_ext (and then plays the 'calling' role)
CALLING_TYPES = (EntityType.USER, EntityType.GATEWAY)


def name_of(req: Request) -> Callable[[str], str]:
    """Phonebook resolution of a number: the contact's name, else ""."""
    phonebook = req.state.phonebook

    def lookup(number: str) -> str:
        contact = phonebook.lookup(number)
        return contact.display_name if contact is not None else ""
    return lookup


# -- listing ------------------------------------------------------------------------------

def get_entities(req: Request) -> str:
    params = req.params
    entity_type: EntityType = params["entity_type"]
    rows = entity_rows(req.engine, req.tenant, entity_type, params.get("entity_id"), params.get("owner_id"),
                       name_of(req))
    container, item = CONTAINERS[entity_type]
    return render_list(container, item, rows)


def _check_entity_filter(params: dict) -> None:
    if "entity_id" in params and "entity_type" not in params:
        raise ServiceError(Errors.MISSING_PARAMETER, name="entity_type")


def get_call_report(req: Request) -> str:
    _check_entity_filter(req.params)
    return render_parts(call_report.report(req.state.report, req.engine, req.tenant, req.params, req.state.refs))


def get_current_calls(req: Request) -> str:
    _check_entity_filter(req.params)
    return render_records("call", call_report.current_calls(req.engine, req.tenant, req.params, name_of(req)))


# -- call control -------------------------------------------------------------------------

def call_request_ext(req: Request) -> str:
    params, directory = req.params, req.tenant.directory
    if params["calling_type"] not in CALLING_TYPES:
        raise ServiceError(Errors.INVALID_PARAMETER, name="calling_type")
    auto: AutoReply = params["auto_answer"]
    first = entities.endpoint(params["calling_type"], params["calling_id"], params.get("calling_number", ""),
                              directory, "calling", auto_answer=auto is AutoReply.CALLER_ANSWERS)
    second = entities.endpoint(params["called_type"], params["called_id"], params.get("called_number", ""),
                               directory, "called", auto_answer=auto is AutoReply.CALLED_ANSWERS)
    extid = params.get("extid", "")
    request_id, origin = req.accept(extid=extid, number=params.get("called_number"))
    try:
        req.engine.connect(req.tenant.id, first, second, extid=extid, origin=origin)
    except EngineError as exc:
        error, text = execution_error(exc, req.service)
        req.fail_later(origin, error, text)
    return render_ok(request_id)


def _live_call(req: Request, call_id: int):
    try:
        return req.engine.live_call(req.tenant.id, str(call_id))
    except NotFound:
        raise ServiceError(Errors.CONNECTION_NOT_FOUND) from None


def _leg(call, entity_type: EntityType, entity_id: int, leg: int):
    party = entities.find_leg(call, entity_type, entity_id, leg)
    if party is None:
        raise ServiceError(Errors.ENTITY_NOT_FOUND)
    return party


def _carry_out(req: Request, operation: Callable[[], object], **details) -> str:
    """Run a validated engine operation; its refusal is the vendor's error, at once."""
    try:
        operation()
    except IllegalOperation:
        raise ServiceError(Errors.ACTION_NOT_ALLOWED) from None
    except NotFound:
        raise ServiceError(Errors.CONNECTION_NOT_FOUND) from None
    request_id, _ = req.accept(**details)
    return render_ok(request_id)


def call_transfer_ext(req: Request) -> str:
    p = req.params
    replace_call, recipient_call = _live_call(req, p["replace_com_id"]), _live_call(req, p["recipient_com_id"])
    if replace_call is recipient_call:
        raise ServiceError(Errors.ACTION_NOT_ALLOWED)
    replaced = _leg(replace_call, p["replace_type"], p["replace_id"], p["replace_local_id"])
    recipient = _leg(recipient_call, p["recipient_type"], p["recipient_id"], p["recipient_call_id"])
    return _carry_out(req, lambda: req.engine.join(req.tenant.id, replace_call.id, replaced.id,
                                                   recipient_call.id, recipient.id),
                      call_id=replace_call.id, extid=replace_call.extid)


def call_divert_ext(req: Request) -> str:
    p = req.params
    call = _live_call(req, p["call_id"])
    replaced = _leg(call, p["replace_type"], p["replace_id"], p["replace_local_id"])
    target = entities.endpoint(p["recipient_type"], p["recipient_id"], p.get("recipient_number", ""),
                               req.tenant.directory, "recipient")
    return _carry_out(req, lambda: req.engine.divert_to(req.tenant.id, replaced.id, target),
                      call_id=call.id, extid=call.extid)


def call_recording_ext(req: Request) -> str:
    call = _live_call(req, req.params["call_id"])
    on = req.params["recording"]

    def record() -> None:
        if call.recording != on:             # asking for the state it is in changes nothing
            req.engine.record(req.tenant.id, call.id, on)
    return _carry_out(req, record, call_id=call.id, extid=call.extid)


def call_terminate(req: Request) -> str:
    call = _live_call(req, req.params["call_id"])
    return _carry_out(req, lambda: req.engine.end_call(req.tenant.id, call.id), call_id=call.id, extid=call.extid)


EXTENDED_HANDLERS: dict[str, Callable[[Request], str]] = {
    "get_entities": get_entities,
    "get_call_report": get_call_report,
    "get_current_calls": get_current_calls,
    "call_request_ext": call_request_ext,
    "call_transfer_ext": call_transfer_ext,
    "call_divert_ext": call_divert_ext,
    "call_recording_ext": call_recording_ext,
    "call_terminate": call_terminate,
}
