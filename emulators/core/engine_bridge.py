"""Calls the PBX places between two of its entities, and moving entities between calls.

* :meth:`connect`: "click to connect" — ring a first entity (a user, or an
  outside number through a gateway); when it answers, ring the second entity
  (a user, group, queue, IVR, voicemail box, park line, meeting room or an
  outside number) and connect the two. The first entity takes the caller's
  role of the call, the second the callee's.
* :meth:`join`: a party of one call takes the place of a party of another
  call; the replaced party is released and the other call ends (the joining of
  two calls' remote parties, e.g. a predictive dialer's customer and operator,
  each parked on an IVR until then).
* :meth:`divert_to`: a callee is released and the call goes on to an entity.
* :meth:`leave_ivr_for`: an IVR hands its caller on to an entity.

Entities are named by an :class:`Endpoint`, in the directory's own kinds.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from .calls import Call, Party
from .directory import normalise_number
from .states import CallState, IllegalOperation, InvalidArgument, NotFound, PartyState, check_party_operation

if TYPE_CHECKING:
    from .engine_state import TenantCalls

#: endpoint kind -> the directory collection holding its entities
ENTITY_KINDS: dict[str, str] = {
    "user": "users", "ring_group": "ring_groups", "queue": "queues", "ivr": "ivrs",
    "voicemail_box": "voicemail_boxes", "park_line": "park_lines", "meeting_room": "meeting_rooms",
}
#: kinds that can be rung first by connect() and then act as the caller
FIRST_KINDS = ("user", "external")
#: terminals that can be made to answer on their own (a mobile phone cannot)
AUTO_ANSWER_TERMINALS = ("sip", "usb", "dect")


@dataclass(frozen=True)
class Endpoint:
    """An entity to call: ``kind`` is a key of :data:`ENTITY_KINDS`, ``external``
    (``number`` through the gateway ``entity_id``, or any gateway with a free
    line) or ``number`` (``number`` as routing resolves it)."""

    kind: str
    entity_id: int | None = None
    number: str = ""
    auto_answer: bool = False

    @classmethod
    def of(cls, data: dict[str, Any]) -> "Endpoint":
        return cls(**data)


class BridgeOperations:
    # -- connect -------------------------------------------------------------------
    def connect(self, tenant_id: str, first: Endpoint, second: Endpoint, *, extid: str = "",
                origin: dict | None = None, data: dict | None = None) -> Call:
        """Ring ``first``; when it answers, ring ``second`` and connect them."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            if first.kind not in FIRST_KINDS:
                raise InvalidArgument(f"the first entity must be one of {FIRST_KINDS}", parameter="first")
            first = self._checked(st, first, "first")
            second = self._checked(st, second, "second")
            outside = "external" in (first.kind, second.kind) or second.kind == "number" \
                and st.tenant.directory.resolve_number(second.number) is None
            call = self._new_call(st, "outbound" if outside else "internal", extid, origin, data)
            call.dialled = second.number or self.endpoint_number(st, second)
            call.bridge = {"first": None, "first_endpoint": asdict(first), "second": asdict(second),
                           "connecting": False}
            self._emit(st, "call.created", call=call.snapshot())
            self._ring_first(st, call, first)
            return call

    def _ring_first(self, st: "TenantCalls", call: Call, first: Endpoint) -> None:
        directory = st.tenant.directory
        if first.kind == "user":
            user = directory.users[first.entity_id]
            terminal = next((d for d in user.devices if d.kind == "sip"), user.devices[0] if user.devices else None)
            party = self._add_party(st, call, "caller", "user", user.extension, user_id=user.id,
                                    extension=user.extension, device_id=terminal.id if terminal else None)
            call.bridge["first"] = party.id
            call.bridge["first_endpoint"]["number"] = party.number
            if user.mode in ("dnd", "away"):
                self._release(st, call, party, user.mode, by="system")
                return
            self._set_state(st, call, party, PartyState.RINGING, "party.ringing")
            if first.auto_answer and terminal is not None and terminal.kind in AUTO_ANSWER_TERMINALS:
                self._connect(st, call, party)
                return
            self._apply_behaviour(st, call, party, internal=True)
        else:
            gateway = self._free_line(st, first.entity_id)
            party = self._add_party(st, call, "caller", "external", first.number,
                                    entity_id=gateway.id if gateway else first.entity_id)
            call.bridge["first"] = party.id
            if gateway is None:
                self._release(st, call, party, "no_lines", by="system")
                return
            call.gateway_id = gateway.id
            self._set_state(st, call, party, PartyState.RINGING, "party.ringing")
            self._apply_behaviour(st, call, party, internal=False)
        self._after(st, call, st.behaviour.ring_timeout, lambda: self._ring_timeout(st, call, party))

    def _first_answered(self, st: "TenantCalls", call: Call, party: Party) -> None:
        """The first entity took the call: ring the second one."""
        call.bridge["connecting"] = True
        self._set_state(st, call, party, PartyState.TALKING, "party.answered")
        second = Endpoint.of(call.bridge["second"])
        before = len(call.parties)
        self._deliver_endpoint(st, call, second)
        if second.auto_answer:
            for callee in call.parties[before:]:
                terminal = st.tenant.directory.device(callee.device_id) if callee.device_id else None
                if callee.kind == "user" and callee.state is PartyState.RINGING and terminal is not None \
                        and terminal.kind in AUTO_ANSWER_TERMINALS:
                    self._connect(st, call, callee)
                    break

    # -- join and divert -------------------------------------------------------------
    def join(self, tenant_id: str, call_id: str, party_id: str, other_call_id: str, other_party_id: str) -> Call:
        """``other_party_id`` leaves ``other_call_id`` (which then ends) and takes the place
        of ``party_id`` in ``call_id``; ``party_id`` is released. Both calls must be
        connected and both parties talking (or held)."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            if str(call_id) == str(other_call_id):
                raise IllegalOperation("a call cannot be joined with itself")
            call, other = self.live_call(tenant_id, call_id), self.live_call(tenant_id, other_call_id)
            replaced, moved = call.party(party_id), other.party(other_party_id)
            if replaced is None or not replaced.live:
                raise NotFound(f"call {call.id} has no live party {party_id}", party_id=party_id)
            if moved is None or not moved.live:
                raise NotFound(f"call {other.id} has no live party {other_party_id}", party_id=other_party_id)
            for c, p in ((call, replaced), (other, moved)):
                if c.state is not CallState.CONNECTED or p.state not in (PartyState.TALKING, PartyState.HELD):
                    raise IllegalOperation(f"party {p.id} of call {c.id} is not connected",
                                           state=p.state.value, call_state=c.state.value)
            if replaced.kind == "ivr":
                self._ivr_left(st, call)
            self._release(st, call, replaced, "transferred", by="system", end=False)
            self._move_party(other, call, moved)
            moved.role = replaced.role
            mine = st.by_user.get(moved.user_id) if moved.user_id is not None else None
            if mine is not None and call not in mine:
                mine.append(call)             # the user's calls now include this one
            other.outcome = "transferred"
            self._end(st, other, None)
            self._emit(st, "call.transferred", call=call.snapshot(), from_call=other.snapshot(),
                       party=replaced.snapshot(), moved=moved.snapshot())
            if not call.ended and self._should_end(call, replaced):
                self._end(st, call, replaced)
            return call

    def divert_to(self, tenant_id: str, party_id: str, target: Endpoint) -> Call:
        """The PBX releases callee ``party_id`` and rings ``target`` in its place."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            call, party = self.find_party(tenant_id, party_id)
            check_party_operation("divert", party.state, party.id)
            if party.role != "callee":
                raise IllegalOperation(f"party {party.id} is not a called party", role=party.role)
            target = self._checked(st, target, "target")
            if party.kind == "ivr":
                self._ivr_left(st, call)
            was_ringing = party.state is PartyState.RINGING
            self._release(st, call, party, "diverted", by="system", end=False)
            number = target.number or self.endpoint_number(st, target)
            self._emit_party(st, "call.diverted", call, party, number=number,
                       target=asdict(target))
            if not was_ringing:
                call.transferred_from = party.extension or party.number
                call.state = CallState.SETUP     # ringing again, for the entity diverted to
            self._deliver_endpoint(st, call, target)
            return call

    def leave_ivr_for(self, tenant_id: str, call_id: str, target: Endpoint) -> None:
        """The IVR hands the caller on to an entity (``target.number`` is the number called)."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            call = self.live_call(tenant_id, call_id)
            target = self._checked(st, target, "target")
            if target.number:
                call.dialled = target.number
            self._ivr_handover(st, call)
            self._deliver_endpoint(st, call, target)

    # -- helpers -------------------------------------------------------------------
    def _checked(self, st: "TenantCalls", endpoint: Endpoint, role: str) -> Endpoint:
        """The endpoint with a normalised number, or NotFound / InvalidArgument."""
        number = normalise_number(endpoint.number) if endpoint.number else ""
        endpoint = Endpoint(endpoint.kind, endpoint.entity_id, number, endpoint.auto_answer)
        if endpoint.kind in ("external", "number"):
            if not number or number == "+":
                raise InvalidArgument(f"the {role} entity needs a number to call", parameter=role)
            if endpoint.kind == "external" and endpoint.entity_id is not None \
                    and endpoint.entity_id not in st.tenant.directory.gateways:
                raise NotFound(f"no gateway {endpoint.entity_id}", parameter=role)
            return endpoint
        collection = ENTITY_KINDS.get(endpoint.kind)
        if collection is None:
            raise InvalidArgument(f"cannot call an entity of kind {endpoint.kind!r}", parameter=role)
        if endpoint.entity_id not in getattr(st.tenant.directory, collection):
            raise NotFound(f"no {endpoint.kind} {endpoint.entity_id}", parameter=role)
        return endpoint

    def endpoint_number(self, st: "TenantCalls", endpoint: Endpoint) -> str:
        if endpoint.kind in ("external", "number"):
            return endpoint.number
        entity = getattr(st.tenant.directory, ENTITY_KINDS[endpoint.kind]).get(endpoint.entity_id)
        return (getattr(entity, "extension", "") or getattr(entity, "number", "")) if entity else ""

    def _deliver_endpoint(self, st: "TenantCalls", call: Call, endpoint: Endpoint) -> None:
        if endpoint.kind == "external":
            self._deliver_external(st, call, endpoint.number, endpoint.entity_id)
        elif endpoint.kind == "number":
            self._deliver(st, call, endpoint.number, st.tenant.directory.resolve_number(endpoint.number))
        else:
            entity = getattr(st.tenant.directory, ENTITY_KINDS[endpoint.kind])[endpoint.entity_id]
            self._deliver(st, call, endpoint.number or self.endpoint_number(st, endpoint), (endpoint.kind, entity))
