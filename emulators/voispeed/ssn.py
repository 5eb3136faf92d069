"""Domain events → extended (SSN) events, seen from the PBX, pushed as HTTP GET query strings.

"Extended events ... have as their point of view the PBX": ``call_in`` = a
call request reached the PBX from an entity, ``call_out`` = the PBX started
calling an entity. Each entity's call in a communication (an engine party)
gives its own events, carrying the entity's coordinates and ``local_id``, its
entity_call_id:

=========================================  ==========================================
domain event                               extended event
=========================================  ==========================================
``party.dialing`` (an entity calls)        1 ``call_in`` (calling coordinates)
``party.ringing`` (the PBX calls it)       3 ``call_out``, then 2 ``call_progress``
                                           (180) when a user or outside number rings
``party.answered`` (it took the call)      4 ``call_response`` outcome 1 with the
                                           calling / called / connected entities
``party.released`` before answering        4 ``call_response`` with the Table 8
                                           outcome (busy, no answer, DND…), or, when
                                           the PBX withdrew the call (answered
                                           elsewhere, caller gone), 6 ``disconnect_out``
``party.released`` after talking          5 ``disconnect_in`` if the entity ended its
                                           call, 6 ``disconnect_out`` if the PBX did
``party.held`` / ``party.retrieved``       11 ``call_held`` / 12 ``call_retrieved`` (users)
``call.diverted``                          9 ``call_divert``
``call.transferred``                       7 ``call_transfer`` (``refer_id`` = the
                                           communication that ended)
``call.ended``                             10 ``call_terminated`` (Table 8 outcome)
=========================================  ==========================================

8 ``dtmf_out`` is decommissioned and never sent. Each push goes to every
module of the tenant with a URL that selected the event (``ssn_events``),
through the same delivery as user events: same retries, and one lane per
(module, communication), shared with the user events of that call.
"""
from __future__ import annotations

import logging
from typing import Any

from emulators.core.bus import DomainEvent

from . import entities, views
from .entities import Coords
from .events import EXTENDED_EVENT_COMMON, EXTENDED_EVENT_EXTRAS
from .settings import SURFACE_NAME, VoispeedState
from .tables import EntityType, EventFamily, ExtendedEvent, ForwardingCode

log = logging.getLogger(__name__)

KINDS = frozenset({"party.dialing", "party.ringing", "party.answered", "party.released", "party.held",
                   "party.retrieved", "call.diverted", "call.transferred", "call.ended"})
#: a leg that ended unanswered for one of these answered the PBX: call_response
RESPONSE_CAUSES = frozenset({"busy", "rejected", "unavailable", "no_answer", "dnd", "away", "no_lines"})
#: the entities whose ringing the PBX hears as a call_progress
RINGING_KINDS = frozenset({"user", "external"})

_ORDER: dict[ExtendedEvent, tuple[tuple[str, bool], ...]] = {
    event: tuple((p.name, p.always) for p in EXTENDED_EVENT_COMMON[3:] + EXTENDED_EVENT_EXTRAS[event])
    for event in ExtendedEvent
}
_HEAD = {event: (str(EventFamily.EXTENDED.value), str(event.value), event.event_name) for event in ExtendedEvent}

Push = tuple[ExtendedEvent, dict[str, Any]]


def _sender(prefix: str, coords: Coords) -> dict[str, Any]:
    return {f"{prefix}_id": coords.id, f"{prefix}_type": coords.type, "local_id": coords.local_id}


def _called_side(call: dict, party: dict) -> bool:
    return party["role"] == "callee" or entities.is_first_of_bridge(call, party)


class SsnProjection:
    def __init__(self, emulator) -> None:
        self.emulator = emulator
        self._called_out: dict[tuple[str, str], set[str]] = {}   # (tenant, call) -> parties called out
        self._handlers = {
            "party.dialing": self._dialing, "party.ringing": self._ringing, "party.answered": self._answered,
            "party.released": self._released, "party.held": self._held, "party.retrieved": self._retrieved,
            "call.diverted": self._diverted, "call.transferred": self._transferred, "call.ended": self._ended,
        }

    def install(self) -> None:
        self.emulator.bus.subscribe(self.on_event, kinds=set(KINDS))
        self.emulator.tenants.on_change(self._tenant_changed)

    def _tenant_changed(self, action: str, tenant_id: str) -> None:
        if action != "created":
            for key in [k for k in self._called_out if k[0] == tenant_id]:
                self._called_out.pop(key, None)

    # -- dispatch --------------------------------------------------------------------
    def on_event(self, event: DomainEvent) -> None:
        tenant = self.emulator.tenants.find(event.tenant)
        state: VoispeedState | None = tenant.settings.get(SURFACE_NAME) if tenant is not None else None
        if state is None:
            return
        if event.kind == "call.transferred":      # for get_call_report's call_ref_id, listening or not
            state.refs[event["call"]["id"]] = event["from_call"]["id"]
            state.refs[event["from_call"]["id"]] = event["call"]["id"]
        modules = [m for m in state.modules.pushing if m.ssn_events]
        call = event.data.get("call") or {}
        if not modules:
            if event.kind == "call.ended":
                self._called_out.pop((event.tenant, call.get("id")), None)
            return
        for ssn, values in self._handlers[event.kind](tenant, event):
            for module in modules:
                if module.wants_ssn(ssn.value):
                    self._push(tenant, module, ssn, dict(values), call, event.at)

    def _push(self, tenant, module, ssn: ExtendedEvent, values: dict, call: dict, at: float) -> None:
        event_type, code, name = _HEAD[ssn]
        origin = call.get("origin") or {}
        values.setdefault("call_id", call.get("id", ""))
        values.setdefault("timestamp", views.timestamp(at))
        values.setdefault("domain", tenant.id)
        values.setdefault("extid", call.get("extid", ""))
        if origin.get("surface") == SURFACE_NAME:
            values.setdefault("request_id", origin.get("request_id"))
        params = {"event_type": event_type, "event": code, "event_name": name}
        for key, always in _ORDER[ssn]:
            value = values.get(key)
            if value is None or value == "":
                if always:
                    params[key] = ""
                continue
            params[key] = str(getattr(value, "value", value))
        try:
            self.emulator.delivery.push(tenant=tenant.id, surface=SURFACE_NAME, url=module.url, method="GET",
                                        params=params, order_key=(module.token, call.get("id")),
                                        timeout=module.timeout, retries=module.retries, backoff=module.backoff)
        except RuntimeError:
            log.debug("voispeed SSN push dropped: delivery closed")

    # -- one method per domain event kind ------------------------------------------------
    def _dialing(self, tenant, event: DomainEvent) -> list[Push]:
        call, party = event["call"], event["party"]
        if party["role"] != "caller" or entities.is_first_of_bridge(call, party):
            return []
        coords = entities.party_coords(party, call)
        return [(ExtendedEvent.CALL_IN, {**_sender("calling", coords), "calling": party["number"],
                                         "called": call.get("dialled", "")})]

    def _call_out(self, tenant_id: str, call: dict, party: dict) -> Push:
        self._called_out.setdefault((tenant_id, call["id"]), set()).add(party["id"])
        coords = entities.party_coords(party, call)
        caller = views.caller_of(call)
        if entities.is_first_of_bridge(call, party):
            calling, called = call.get("dialled", ""), party["number"]
        else:
            calling, called = (caller["number"] if caller else ""), party["number"]
        return ExtendedEvent.CALL_OUT, {**_sender("called", coords), "calling": calling, "called": called}

    def _ringing(self, tenant, event: DomainEvent) -> list[Push]:
        call, party = event["call"], event["party"]
        if not _called_side(call, party):
            return []
        pushes = [self._call_out(tenant.id, call, party)]
        if party["kind"] in RINGING_KINDS:
            pushes.append((ExtendedEvent.CALL_PROGRESS, {**_sender("sender", entities.party_coords(party, call)),
                                                         "progress": ForwardingCode.RINGING}))
        return pushes

    def _answered(self, tenant, event: DomainEvent) -> list[Push]:
        call, party = event["call"], event["party"]
        if not _called_side(call, party):
            return []
        pushes = []
        if party["id"] not in self._called_out.get((tenant.id, call["id"]), ()):
            pushes.append(self._call_out(tenant.id, call, party))    # e.g. a queue takes the call at once
        values = {**_sender("sender", entities.party_coords(party, call)), "outcome": 1,
                  **entities.calling(call).values("calling"),
                  **entities.called(call, tenant.directory).values("called"),
                  **entities.connected(call).values("connected")}
        pushes.append((ExtendedEvent.CALL_RESPONSE, values))
        return pushes

    def _released(self, tenant, event: DomainEvent) -> list[Push]:
        call, party = event["call"], event["party"]
        if party["role"] == "supervisor":
            return []
        coords = entities.party_coords(party, call)
        if party.get("answered_at") is None and _called_side(call, party) and party.get("cause") in RESPONSE_CAUSES:
            return [(ExtendedEvent.CALL_RESPONSE, {**_sender("sender", coords),
                                                   "outcome": entities.leg_outcome(call, party)})]
        if party.get("released_by") == "self":
            return [(ExtendedEvent.DISCONNECT_IN, _sender("sender", coords))]
        return [(ExtendedEvent.DISCONNECT_OUT, _sender("recipient", coords))]

    def _held(self, tenant, event: DomainEvent) -> list[Push]:
        return self._hold_change(event, ExtendedEvent.CALL_HELD)

    def _retrieved(self, tenant, event: DomainEvent) -> list[Push]:
        return self._hold_change(event, ExtendedEvent.CALL_RETRIEVED)

    @staticmethod
    def _hold_change(event: DomainEvent, ssn: ExtendedEvent) -> list[Push]:
        party = event["party"]
        if party["kind"] != "user" or party.get("user_id") is None:
            return []
        return [(ssn, {"user_id": party["user_id"], "local_id": entities.local_id(party)})]

    def _diverted(self, tenant, event: DomainEvent) -> list[Push]:
        call, party, number = event["call"], event.get("party"), event.get("number", "")
        if party is not None:
            sender = entities.party_coords(party, call)
        else:                                        # a user in divert mode: the call never rang them
            sender = Coords(EntityType.USER, event.get("user_id"))
        target = event.get("target")
        if target is not None:
            recipient = entities.endpoint_coords(target["kind"], target.get("entity_id"), number)
        else:
            found = tenant.directory.resolve_number(number) if number else None
            recipient = entities.endpoint_coords(found[0], found[1].id, number) if found else \
                Coords(EntityType.GATEWAY, None, number)
        return [(ExtendedEvent.CALL_DIVERT, {**_sender("sender", sender), "recipient_id": recipient.id,
                                             "recipient_type": recipient.type, "recipient_number": number})]

    def _transferred(self, tenant, event: DomainEvent) -> list[Push]:
        call, party, moved = event["call"], event["party"], event.get("moved")
        values = _sender("sender", entities.party_coords(party, call))
        if moved is not None:
            recipient = entities.party_coords(moved, call)
            values.update(recipient_id=recipient.id, recipient_type=recipient.type,
                          recipient_local_id=recipient.local_id)
        values["refer_id"] = event["from_call"]["id"]
        return [(ExtendedEvent.CALL_TRANSFER, values)]

    def _ended(self, tenant, event: DomainEvent) -> list[Push]:
        call = event["call"]
        self._called_out.pop((tenant.id, call["id"]), None)
        talk = views.talk_seconds({"answered_at": call.get("answered_at"), "ended_at": call.get("ended_at")},
                                  event.at)
        return [(ExtendedEvent.CALL_TERMINATED, {"outcome": entities.call_outcome(call), "duration": talk})]
