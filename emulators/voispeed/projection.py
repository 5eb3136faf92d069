"""Domain events → VOIspeed user events, pushed as HTTP GET query strings.

Seen from each user's side (see :mod:`.views`):

==========================================  =====================================
domain event                                user event (for the user's extension)
==========================================  =====================================
``party.dialing`` of a user caller          9 ``outgoing_call`` (number = dialled)
``party.ringing`` of a user callee          8 ``incoming_call`` (number = caller)
``party.answered`` of a user party          14 ``call_answered`` (number = other side)
``party.released`` of a user who talked     16 ``call_disconnect_out`` if they hung up,
                                            17 ``call_disconnect_in`` otherwise
``party.released``, never talked, caller    15 ``call_rejected`` (busy, rejected, dnd…,
                                            Table 8 outcome) — or 16 with duration 0
                                            when the user cancelled their own call
``party.released``, never talked, callee    15 ``call_rejected`` when the user rejected
                                            or was in DND/away; else see lost_call
``call.missed``                             12 ``lost_call`` (not for a call the user
                                            rejected or diverted)
``voicemail.new`` for a user's box          10 ``new_voicemail``
``command.failed`` of a VOIspeed request    1 ``cmd_failed``, to the requesting module only
==========================================  =====================================

Event 18 (``call_transfer``) is never sent: the guide says it "has not yet been
implemented".

``outgoing_call`` waits for the call's next event: when the caller goes off-hook
the engine has not routed the call yet, so who was called is known one event
later (in the same engine operation, so nothing is delayed).

Each push goes to every module of the event's tenant that has a URL, selected
the event and selected the user, through :class:`~emulators.core.delivery.Delivery`
(retries, ordering per (module, call), journal).
"""
from __future__ import annotations

import logging
from typing import Any, Iterator

from emulators.core.bus import DomainEvent

from . import views
from .errors import Errors
from .events import USER_EVENT_COMMON, USER_EVENT_EXTRAS
from .settings import SURFACE_NAME, Module, VoispeedState
from .tables import EventFamily, UserEvent

log = logging.getLogger(__name__)

# what follows event_type/event/event_name/ext, in catalogue order, per event
_ORDER: dict[UserEvent, tuple[tuple[str, bool], ...]] = {
    event: tuple((p.name, p.always) for p in USER_EVENT_COMMON[4:] + USER_EVENT_EXTRAS[event])
    for event in UserEvent
}
_HEAD = {event: (str(EventFamily.USER.value), str(event.value), event.event_name) for event in UserEvent}

# engine failure codes (command.failed) -> the surface's error catalogue
ENGINE_FAILURES = {"no_lines": Errors.NO_LINES, "not_found": Errors.CONNECTION_NOT_FOUND,
                   "illegal_state": Errors.ACTION_NOT_ALLOWED}

KINDS = frozenset({"party.dialing", "party.ringing", "party.answered", "party.released",
                   "call.missed", "voicemail.new", "command.failed", "call.ended"})

# (ext, event, values, only this module key or None)
Push = tuple[str, UserEvent, dict[str, Any], str | None]


class Projection:
    def __init__(self, emulator) -> None:
        self.emulator = emulator
        # (tenant, call id) -> (caller party snapshot, at): outgoing_call waiting for its number
        self._dialing: dict[tuple[str, str], tuple[dict, float]] = {}
        self._handlers = {
            "party.dialing": self._dialing_started, "party.ringing": self._ringing,
            "party.answered": self._answered, "party.released": self._released,
            "call.missed": self._missed, "voicemail.new": self._voicemail,
            "command.failed": self._command_failed, "call.ended": _nothing,
        }

    def install(self) -> None:
        self.emulator.bus.subscribe(self.on_event, kinds=set(KINDS))
        self.emulator.tenants.on_change(self._tenant_changed)

    def _tenant_changed(self, action: str, tenant_id: str) -> None:
        if action != "created":
            for key in [k for k in self._dialing if k[0] == tenant_id]:
                self._dialing.pop(key, None)

    # -- dispatch --------------------------------------------------------------------
    def on_event(self, event: DomainEvent) -> None:
        tenant = self.emulator.tenants.find(event.tenant)
        state: VoispeedState | None = tenant.settings.get(SURFACE_NAME) if tenant is not None else None
        if state is None or not state.modules.pushing:
            if self._dialing and event.kind == "call.ended":   # the URL was removed mid-call
                self._dialing.pop((event.tenant, event["call"]["id"]), None)
            return      # nobody listens: the common case costs two dict look-ups
        call = event.data.get("call")
        if call is not None and self._dialing and event.kind != "party.dialing":
            waiting = self._dialing.pop((event.tenant, call["id"]), None)
            if waiting is not None:
                self._send(state, tenant, call, waiting[1], self._outgoing(tenant, call, waiting[0]))
        self._send(state, tenant, call, event.at, self._handlers[event.kind](tenant, event))

    def _send(self, state: VoispeedState, tenant, call: dict | None, at: float,
              pushes: Iterator[Push] | list[Push]) -> None:
        modules = state.modules
        for ext, user_event, values, only in pushes:
            code = user_event.value
            targets = [modules.by_key[only]] if only in modules.by_key else [] if only else modules.pushing
            for module in targets:
                if module.wants(code, ext):
                    self._push(tenant, module, ext, user_event, values, call, at)

    def _push(self, tenant, module: Module, ext: str, user_event: UserEvent, values: dict,
              call: dict | None, at: float) -> None:
        event_type, event_code, event_name = _HEAD[user_event]
        params = {"event_type": event_type, "event": event_code, "event_name": event_name, "ext": ext}
        values.setdefault("timestamp", views.timestamp(at))
        values.setdefault("domain", tenant.id)
        for name, always in _ORDER[user_event]:
            value = values.get(name)
            if value is None or value == "":
                if always:
                    params[name] = ""
                continue
            params[name] = str(value)
        lane = call["id"] if call is not None else values.get("request_id")
        try:
            self.emulator.delivery.push(tenant=tenant.id, surface=SURFACE_NAME, url=module.url, method="GET",
                                        params=params, order_key=(module.token, lane), timeout=module.timeout,
                                        retries=module.retries, backoff=module.backoff)
        except RuntimeError:     # delivery closed: the emulator is shutting down
            log.debug("voispeed push dropped: delivery closed")

    # -- one method per domain event kind ------------------------------------------------
    def _dialing_started(self, tenant, event: DomainEvent) -> list[Push]:
        party = event["party"]
        if views.is_user(party) and party["role"] == "caller":
            self._dialing[(event.tenant, event["call"]["id"])] = (party, event.at)
        return []

    def _outgoing(self, tenant, call: dict, party: dict) -> list[Push]:
        origin = call.get("origin") or {}
        from_request = origin.get("surface") == SURFACE_NAME
        return [(party["extension"], UserEvent.OUTGOING_CALL, {
            "number": views.dialled_number(call, tenant.directory), "call_id": call["id"],
            "extid": call.get("extid"), "request_id": origin.get("request_id") if from_request else None,
        }, None)]

    def _ringing(self, tenant, event: DomainEvent) -> list[Push]:
        party, call = event["party"], event["call"]
        if not views.is_user(party) or not views.is_called_leg(call, party):
            return []
        if party["role"] == "caller":       # call_request_ext rings its first entity "from called_number"
            number = call.get("dialled", "")
        else:
            caller = views.caller_of(call)
            number = caller["number"] if caller else ""
        return [(party["extension"], UserEvent.INCOMING_CALL, {
            "number": number, "call_id": call["id"],
            "called": views.dialled_number(call, tenant.directory) or party["extension"],
        }, None)]

    def _answered(self, tenant, event: DomainEvent) -> list[Push]:
        party, call = event["party"], event["call"]
        if not views.is_user(party):
            return []
        return [(party["extension"], UserEvent.CALL_ANSWERED, {
            "number": views.remote_number(call, party, tenant.directory), "call_id": call["id"],
            "extid": call.get("extid"),
        }, None)]

    def _released(self, tenant, event: DomainEvent) -> list[Push]:
        party, call = event["party"], event["call"]
        if not views.is_user(party) or party.get("role") == "supervisor":
            return []
        values = {"number": views.remote_number(call, party, tenant.directory), "call_id": call["id"],
                  "extid": call.get("extid")}
        cause, by = party.get("cause", ""), party.get("released_by", "")
        if party.get("answered_at") is not None:
            values["duration"] = views.talk_seconds(party, event.at)
            kind = UserEvent.CALL_DISCONNECT_OUT if by == "self" else UserEvent.CALL_DISCONNECT_IN
        elif not views.is_called_leg(call, party):
            if by == "self":
                values["duration"] = 0
                kind = UserEvent.CALL_DISCONNECT_OUT
            else:
                values["outcome"] = int(views.outcome(party))
                kind = UserEvent.CALL_REJECTED
        elif cause in views.REJECTING_CAUSES:
            values["outcome"] = int(views.outcome(party))
            kind = UserEvent.CALL_REJECTED
        else:
            return []        # rang out, answered elsewhere, diverted…: lost_call or nothing
        return [(party["extension"], kind, values, None)]

    def _missed(self, tenant, event: DomainEvent) -> list[Push]:
        party, call = event["party"], event["call"]
        if party.get("cause") in ("rejected", "diverted", "transferred", "intercepted") or not party.get("extension"):
            return []
        caller = views.caller_of(call)
        return [(party["extension"], UserEvent.LOST_CALL, {
            "number": caller["number"] if caller else "", "call_id": call["id"]}, None)]

    def _voicemail(self, tenant, event: DomainEvent) -> list[Push]:
        user = tenant.directory.users.get(event.get("user_id"))
        if user is None:
            return []
        message = event.get("message") or {}
        return [(user.extension, UserEvent.NEW_VOICEMAIL, {
            "number": message.get("from_number", ""), "duration": round(message.get("duration") or 0),
            "message_id": message.get("id", ""),
        }, None)]

    def _command_failed(self, tenant, event: DomainEvent) -> list[Push]:
        origin = event.get("origin") or {}
        if origin.get("surface") != SURFACE_NAME or not origin.get("module"):
            return []        # only the module that made the request hears of its failure
        code = event.get("code", "")
        error = Errors.all().get(code) or ENGINE_FAILURES.get(code) or Errors.INTERNAL_ERROR
        call = event.get("call") or {}
        return [(origin.get("ext", ""), UserEvent.CMD_FAILED, {
            "request_id": origin.get("request_id"), "service": origin.get("service"),
            "error_code": error.code, "error": event.get("reason") or error.text(),
            "number": origin.get("number"), "call_id": call.get("id") or origin.get("call_id"),
            "extid": origin.get("extid") or call.get("extid"),
        }, origin["module"])]


def _nothing(tenant, event: DomainEvent) -> list[Push]:
    return []
