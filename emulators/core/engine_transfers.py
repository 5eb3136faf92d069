"""Moving calls between parties: divert (blind transfer), consultation followed by
transfer, conference or cancel, pick-up, and supervisor monitor/barge/intercept."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .calls import Call, Party
from .directory import normalise_number
from .states import IllegalOperation, InvalidArgument, NotFound, PartyState, check_party_operation

if TYPE_CHECKING:
    from .engine_state import TenantCalls

SUPERVISION_MODES = ("monitor", "barge", "intercept")


class TransferOperations:
    def divert(self, tenant_id: str, party_id: str, number: str) -> Call:
        """Blind transfer: ``party`` leaves and the call goes on to ``number``."""
        number = normalise_number(number)
        if not number:
            raise InvalidArgument("a number to divert to is required", parameter="number")
        st = self.state(tenant_id)
        with st.tenant.lock:
            call, party = self.find_party(tenant_id, party_id)
            check_party_operation("divert", party.state, party.id)
            target = st.tenant.directory.resolve_number(number)
            was_ringing = party.state is PartyState.RINGING
            self._release(st, call, party, "diverted", by="self", end=False)
            self._emit_party(st, "call.diverted", call, party, number=number)
            if not was_ringing:
                call.transferred_from = party.extension or party.number
            self._deliver(st, call, number, target)
            return call

    def consult(self, tenant_id: str, party_id: str, number: str, extid: str = "") -> Call:
        """Put ``party``'s call on hold and call ``number`` from the same user."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            call, party = self.find_party(tenant_id, party_id)
            check_party_operation("consult", party.state, party.id)
            if party.user_id is None:
                raise IllegalOperation("only a user can consult")
            if self._consultation_of(st, call) is not None:
                raise IllegalOperation(f"call {call.id} already has a consultation call")
            if party.state is PartyState.TALKING:
                self._set_state(st, call, party, PartyState.HELD, "party.held")
            consult = self.originate(tenant_id, to_number=number, from_user=party.user_id,
                                     extid=extid or call.extid, origin=call.origin)
            consult.consult_of = call.id
            self._emit(st, "call.consult", call=consult.snapshot(), original=call.snapshot())
            return consult

    def transfer(self, tenant_id: str, party_id: str) -> Call:
        """Complete a consultation: join the held party with the consulted one; the user leaves."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            original, consult, mine_a, mine_b = self._consult_pair(st, tenant_id, party_id)
            remote = self._remote(consult, mine_b)
            if remote.state not in (PartyState.RINGING, PartyState.TALKING):
                raise IllegalOperation("the consulted party is not reachable")
            self._move_party(consult, original, remote)
            self._release(st, original, mine_a, "transferred", by="self", end=False)
            self._release(st, consult, mine_b, "transferred", by="self", end=False)
            original.transferred_from = mine_a.extension
            if not consult.ended:
                consult.outcome = "transferred"
                self._end(st, consult, mine_b)
            for party in original.parties:
                if party.state is PartyState.HELD:
                    self._set_state(st, original, party, PartyState.TALKING, "party.retrieved")
            self._emit(st, "call.transferred", call=original.snapshot(), from_call=consult.snapshot(),
                       party=mine_a.snapshot(), moved=remote.snapshot())
            if self._should_end(original, mine_a):
                self._end(st, original, mine_a)
            return original

    def conference(self, tenant_id: str, party_id: str) -> Call:
        """Merge a consultation into its original call: everyone talks together."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            original, consult, mine_a, mine_b = self._consult_pair(st, tenant_id, party_id)
            remote = self._remote(consult, mine_b)
            if remote.state is not PartyState.TALKING:
                raise IllegalOperation("the consulted party has not answered yet")
            self._move_party(consult, original, remote)
            self._release(st, consult, mine_b, "conferenced", by="self", end=False)
            consult.outcome = "conferenced"
            self._end(st, consult, mine_b)
            if mine_a.state is PartyState.HELD:
                self._set_state(st, original, mine_a, PartyState.TALKING, "party.retrieved")
            original.conference = True
            self._emit(st, "call.conferenced", call=original.snapshot())
            return original

    def cancel_consult(self, tenant_id: str, party_id: str) -> Call:
        """Drop the consultation call and take the original call back."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            original, consult, mine_a, mine_b = self._consult_pair(st, tenant_id, party_id)
            self._release(st, consult, mine_b, "cancelled", by="self", end=False)
            if not consult.ended:
                self._end(st, consult, mine_b)
            if mine_a.state is PartyState.HELD:
                self._set_state(st, original, mine_a, PartyState.TALKING, "party.retrieved")
            return original

    def pickup(self, tenant_id: str, user_id: int, call_id: str | None = None) -> Call:
        """A user answers a call that rings for someone else (a colleague or their group)."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            picker = st.tenant.directory.users.get(user_id)
            if picker is None:
                raise NotFound(f"unknown user {user_id}")
            call, ringing = self._pickable(st, picker.id, call_id)
            party = self._add_party(st, call, ringing.role, "user", picker.extension, user_id=picker.id,
                                    extension=picker.extension,
                                    device_id=picker.devices[0].id if picker.devices else None)
            self._set_state(st, call, party, PartyState.RINGING)
            for other in call.parties:
                if other is not party and other.state is PartyState.RINGING and other.role == party.role:
                    self._release(st, call, other, "picked_up", by="system", end=False)
            self._emit_party(st, "call.picked_up", call, party)
            self._connect(st, call, party)
            return call

    def supervise(self, tenant_id: str, supervisor_id: int, party_id: str, mode: str) -> Call:
        """Monitor (listen), barge in (talk) or intercept (take over) an agent's call."""
        if mode not in SUPERVISION_MODES:
            raise InvalidArgument(f"mode must be one of {SUPERVISION_MODES}", parameter="mode")
        st = self.state(tenant_id)
        with st.tenant.lock:
            supervisor = st.tenant.directory.users.get(supervisor_id)
            if supervisor is None:
                raise NotFound(f"unknown user {supervisor_id}")
            call, target = self.find_party(tenant_id, party_id)
            check_party_operation(mode, target.state, target.id)
            if target.user_id == supervisor.id:
                raise IllegalOperation("a supervisor cannot supervise their own call")
            role = target.role if mode == "intercept" else "supervisor"
            party = self._add_party(st, call, role, "user", supervisor.extension, user_id=supervisor.id,
                                    extension=supervisor.extension, supervision=mode,
                                    muted=mode == "monitor")
            self._set_state(st, call, party, PartyState.TALKING)
            self._emit_party(st, "supervision.started", call, party, mode=mode)
            if mode == "intercept":
                was_ringing = target.state is PartyState.RINGING
                self._release(st, call, target, "intercepted", by="system", end=False)
                if was_ringing:
                    party.state = PartyState.RINGING
                    self._connect(st, call, party)
            return call

    # -- helpers -------------------------------------------------------------------
    @staticmethod
    def _consultation_of(st: "TenantCalls", call: Call) -> Call | None:
        return next((c for c in st.calls.values() if c.consult_of == call.id), None)

    def _consult_pair(self, st: "TenantCalls", tenant_id: str, party_id: str):
        call, party = self.find_party(tenant_id, party_id)
        if call.consult_of:
            consult, original = call, st.calls.get(call.consult_of)
        else:
            original, consult = call, self._consultation_of(st, call)
        if original is None or consult is None:
            raise IllegalOperation(f"call {call.id} has no consultation in progress")
        mine_a = original.user_party(party.user_id) if party.user_id is not None else None
        mine_b = consult.user_party(party.user_id) if party.user_id is not None else None
        if mine_a is None or mine_b is None or not mine_a.live or not mine_b.live:
            raise IllegalOperation("the consulting user is no longer on both calls")
        return original, consult, mine_a, mine_b

    @staticmethod
    def _remote(call: Call, mine: Party) -> Party:
        remote = next((p for p in call.parties if p is not mine and p.live and p.role != "supervisor"), None)
        if remote is None:
            raise IllegalOperation(f"call {call.id} has nobody to transfer to")
        return remote

    @staticmethod
    def _move_party(source: Call, target: Call, party: Party) -> None:
        source.parties.remove(party)
        party.call_id = target.id
        target.parties.append(party)

    def _pickable(self, st: "TenantCalls", user_id: int, call_id: str | None) -> tuple[Call, Party]:
        groups = [g for g in st.tenant.directory.ring_groups.values() if user_id in g.members]
        for call in ([st.calls.get(str(call_id))] if call_id else list(st.calls.values())):
            if call is None:
                break
            for party in call.parties:
                if party.state is PartyState.RINGING and party.user_id not in (None, user_id):
                    if call_id or any(party.user_id in g.members for g in groups) or call.ring_group_id is None:
                        return call, party
        raise NotFound(f"no ringing call to pick up{' with id ' + str(call_id) if call_id else ''}")
