"""The vendor-neutral telephony engine.

Operations act on calls, parties and agents through the state tables in
:mod:`states`; each change is published on the bus as a timestamped domain
event that every vendor projection turns into its own wire traffic. An
illegal operation raises an :class:`~states.EngineError`, never anything else.

Event kinds (``data`` keys in brackets; ``call`` and ``party`` are snapshots):

- ``call.created`` [call] · ``call.connected`` [call] · ``call.ended`` [call]
- ``party.dialing`` / ``party.ringing`` / ``party.answered`` / ``party.held`` /
  ``party.retrieved`` / ``party.muted`` / ``party.unmuted`` [call, party]
- ``party.released`` [call, party] (``party.cause`` says why)
- ``call.missed`` [call, user_id] · ``call.dtmf`` [call, party, digits]
- ``call.diverted`` [call, party, number, target?] · ``call.consult`` [call, original]
- ``call.transferred`` [call, from_call, party, moved] (``party`` left ``call``, ``moved``
  came over from ``from_call``, which ended) · ``call.conferenced`` [call]
- ``call.recording`` [call, on] · ``call.picked_up`` [call, party]
- ``supervision.started`` [call, party, mode]
- ``call.queued`` / ``call.allocated`` / ``call.overflowed`` / ``call.abandoned`` [call, queue_id, …]
- ``ivr.node`` [call, ivr_id, node_id] · ``ivr.input`` [call, ivr_id, node_id, input]
- ``voicemail.new`` [call, box_id, user_id, message]
- ``callback.created`` / ``callback.updated`` / ``callback.closed`` [callback]
- ``agent.state`` [user_id, state, previous, reason, queues]
- ``user.mode`` [user_id, mode, divert_number]
- ``command.failed`` [origin, code, reason, call]
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any, Callable

from .bus import Bus
from .calls import NO_TIMERS, Call, Party
from .engine_agents import AgentOperations
from .engine_bridge import BridgeOperations
from .engine_routing import RoutingOperations
from .engine_state import USER_HISTORY_LIMIT, TenantCalls
from .engine_transfers import TransferOperations
from .states import (CallState, IllegalOperation, InvalidArgument, NotFound, PartyState,
                     check_party_operation, check_party_transition)
from .tenants import TenantStore

log = logging.getLogger(__name__)

class Engine(RoutingOperations, TransferOperations, AgentOperations, BridgeOperations):
    def __init__(self, tenants: TenantStore, bus: Bus):
        self.tenants = tenants
        self.bus = bus
        self._states: dict[str, TenantCalls] = {}
        self._lock = threading.Lock()
        # runs an IVR node whose action is "run external script"; set by a surface
        self.ivr_script_runner: Callable[[str, Call, Any], None] | None = None

    # -- tenant state ----------------------------------------------------------
    def state(self, tenant_id: str) -> TenantCalls:
        state = self._states.get(tenant_id)
        if state is None:
            with self._lock:
                state = self._states.get(tenant_id)
                if state is None:
                    state = TenantCalls(self.tenants.get(tenant_id))
                    self._states[tenant_id] = state
        return state

    def forget(self, tenant_id: str) -> None:
        with self._lock:
            state = self._states.pop(tenant_id, None)
        if state:
            for call in state.calls.values():
                self._cancel_timers(call)

    def now(self, tenant_id: str) -> float:
        return self.tenants.get(tenant_id).clock.now()

    def _emit(self, st: TenantCalls, kind: str, **data: Any) -> None:
        self.bus.publish(kind, st.tenant.id, st.tenant.clock.now(), **data)

    def _emit_party(self, st: TenantCalls, kind: str, call: Call, party: Party, **data: Any) -> None:
        """An event about one party of ``call``: both snapshots, the party's shared with the call's."""
        data["call"], data["party"] = call.snapshot_with(party)
        self._emit(st, kind, **data)

    def _after(self, st: TenantCalls, call: Call | None, delay: float, action: Callable[[], None]) -> None:
        """Run ``action`` after ``delay`` seconds of the tenant's clock, under the tenant lock."""
        def fire() -> None:
            with st.tenant.lock:
                if call is not None and call.ended:
                    return
                try:
                    action()
                except Exception:  # a timer must never take the clock thread down
                    log.exception("engine timer failed")
        timer = st.tenant.clock.call_later(delay, fire)
        if call is not None and not call.ended:     # an ended call's timers do nothing (see fire)
            call.timers.append(timer)

    @staticmethod
    def _cancel_timers(call: Call, ended: bool = False) -> None:
        for timer in call.timers:
            timer.cancel()
        # an ended call is kept in the history: without its own empty list, 72 bytes less each
        call.timers = NO_TIMERS if ended else []

    # -- queries -----------------------------------------------------------------
    def call(self, tenant_id: str, call_id: str) -> Call:
        st = self.state(tenant_id)
        call = st.calls.get(str(call_id))
        if call is None:
            call = st.ended.get(str(call_id))
        if call is None:
            raise NotFound(f"connection not found: {call_id}", call_id=call_id)
        return call

    def live_call(self, tenant_id: str, call_id: str) -> Call:
        call = self.state(tenant_id).calls.get(str(call_id))
        if call is None:
            raise NotFound(f"connection not found: {call_id}", call_id=call_id)
        return call

    def calls(self, tenant_id: str) -> list[Call]:
        return list(self.state(tenant_id).calls.values())

    def history(self, tenant_id: str) -> list[Call]:
        return list(self.state(tenant_id).history)

    def user_calls_newest_first(self, tenant_id: str, user_id: int):
        """The same calls, newest first, without copying: a page of a report
        reads only as far as it needs (indexing a deque near its end is cheap)."""
        calls = self.state(tenant_id).by_user.get(user_id)
        index = len(calls) - 1 if calls else -1
        while index >= 0:
            try:
                yield calls[index]
            except IndexError:      # trimmed meanwhile by the history bound
                return
            index -= 1

    def user_calls(self, tenant_id: str, user_id: int) -> list[Call]:
        """Calls (live and ended) a user took part in, oldest first; cheap for one user."""
        return list(self.state(tenant_id).by_user.get(user_id, ()))

    def find_party(self, tenant_id: str, party_id: str) -> tuple[Call, Party]:
        for call in self.state(tenant_id).calls.values():
            party = call.party(party_id)
            if party is not None:
                return call, party
        raise NotFound(f"no live party {party_id}", party_id=party_id)

    def user_party(self, tenant_id: str, call_id: str, user_id: int) -> tuple[Call, Party]:
        """The party a user holds on a live call (for user-level APIs that name a call and a user)."""
        call = self.live_call(tenant_id, call_id)
        party = call.user_party(user_id)
        if party is None or not party.live:
            raise NotFound(f"connection not found: {call_id}", call_id=call_id)
        return call, party

    def user_busy(self, st: TenantCalls, user_id: int) -> bool:
        return any(p.user_id == user_id and p.live and p.role != "supervisor"
                   for c in st.calls.values() for p in c.parties)

    # -- building blocks ---------------------------------------------------------
    def _new_call(self, st: TenantCalls, direction: str, extid: str, origin: dict | None,
                  data: dict | None = None) -> Call:
        call = Call(st.new_call_id(), st.tenant.id, direction, st.tenant.clock.now(),
                    extid=extid or "", origin=dict(origin or {}), data=dict(data or {}))
        st.calls[call.id] = call
        return call

    def _add_party(self, st: TenantCalls, call: Call, role: str, kind: str, number: str, **attrs) -> Party:
        party = Party(st.new_party_id(), call.id, role, kind, number,
                      created_at=st.tenant.clock.now(), **attrs)
        call.parties.append(party)
        if party.user_id is not None:
            calls = st.by_user.get(party.user_id)
            if calls is None:
                calls = st.by_user[party.user_id] = deque(maxlen=USER_HISTORY_LIMIT)
            if not calls or calls[-1] is not call:
                calls.append(call)
        return party

    def _set_state(self, st: TenantCalls, call: Call, party: Party, target: PartyState,
                   kind: str | None = None) -> None:
        check_party_transition(party.state, target, party.id)
        now = st.tenant.clock.now()
        if party.state is PartyState.HELD and party.held_since is not None:
            party.hold_seconds += now - party.held_since
            party.held_since = None
        party.state = target
        if target is PartyState.TALKING and party.answered_at is None:
            party.answered_at = now
        if target is PartyState.HELD:
            party.held_since = now
        if target is PartyState.RELEASED:
            party.ended_at = now
        if kind:
            self._emit_party(st, kind, call, party)

    # -- operations on one party ------------------------------------------------
    def answer(self, tenant_id: str, party_id: str) -> Call:
        st = self.state(tenant_id)
        with st.tenant.lock:
            call, party = self.find_party(tenant_id, party_id)
            check_party_operation("answer", party.state, party.id)
            self._connect(st, call, party)
            return call

    def reject(self, tenant_id: str, party_id: str) -> Call:
        st = self.state(tenant_id)
        with st.tenant.lock:
            call, party = self.find_party(tenant_id, party_id)
            check_party_operation("reject", party.state, party.id)
            self._release(st, call, party, "rejected", by="self")
            return call

    def hangup(self, tenant_id: str, party_id: str) -> Call:
        st = self.state(tenant_id)
        with st.tenant.lock:
            call, party = self.find_party(tenant_id, party_id)
            check_party_operation("hangup", party.state, party.id)
            cause = "normal" if party.state in (PartyState.TALKING, PartyState.HELD) else "cancelled"
            self._release(st, call, party, cause, by="self")
            return call

    def hold(self, tenant_id: str, party_id: str) -> Call:
        return self._toggle(tenant_id, party_id, "hold", PartyState.HELD, "party.held")

    def retrieve(self, tenant_id: str, party_id: str) -> Call:
        return self._toggle(tenant_id, party_id, "retrieve", PartyState.TALKING, "party.retrieved")

    def _toggle(self, tenant_id: str, party_id: str, op: str, target: PartyState, kind: str) -> Call:
        st = self.state(tenant_id)
        with st.tenant.lock:
            call, party = self.find_party(tenant_id, party_id)
            check_party_operation(op, party.state, party.id)
            self._set_state(st, call, party, target, kind)
            return call

    def mute(self, tenant_id: str, party_id: str, on: bool = True) -> Call:
        st = self.state(tenant_id)
        with st.tenant.lock:
            call, party = self.find_party(tenant_id, party_id)
            check_party_operation("mute" if on else "unmute", party.state, party.id)
            if party.muted == on:
                raise IllegalOperation(f"party {party.id} is already {'muted' if on else 'unmuted'}")
            party.muted = on
            self._emit_party(st, "party.muted" if on else "party.unmuted", call, party)
            return call

    def dtmf(self, tenant_id: str, party_id: str, digits: str) -> Call:
        if not digits or any(d not in "0123456789*#ABCD" for d in digits.upper()):
            raise InvalidArgument("digits must be 0-9, *, #, A-D")
        st = self.state(tenant_id)
        with st.tenant.lock:
            call, party = self.find_party(tenant_id, party_id)
            check_party_operation("dtmf", party.state, party.id)
            self._emit_party(st, "call.dtmf", call, party, digits=digits)
            if call.ivr_id is not None and party.role == "caller":
                self._ivr_digits(st, call, digits)
            return call

    def record(self, tenant_id: str, call_id: str, on: bool) -> Call:
        st = self.state(tenant_id)
        with st.tenant.lock:
            call = self.live_call(tenant_id, call_id)
            if call.state is not CallState.CONNECTED:
                raise IllegalOperation(f"call {call.id} is not connected: nothing to record")
            if call.recording == on:
                raise IllegalOperation(f"recording of call {call.id} is already {'on' if on else 'off'}")
            call.recording = on
            self._emit(st, "call.recording", call=call.snapshot(), on=on)
            return call

    def fail_command(self, tenant_id: str, origin: dict, code: str, reason: str,
                     call: Call | None = None) -> None:
        """Tell the surfaces that an accepted asynchronous command could not be carried out."""
        st = self.state(tenant_id)
        self._emit(st, "command.failed", origin=dict(origin), code=code, reason=reason,
                   call=call.snapshot() if call else None)

    # -- connecting and releasing --------------------------------------------------
    def _connect(self, st: TenantCalls, call: Call, party: Party) -> None:
        """``party`` answers: it talks, rivals stop ringing, the caller is connected."""
        if call.bridge is not None and call.bridge.get("first") == party.id and not call.bridge.get("connecting"):
            self._first_answered(st, call, party)     # connect(): now ring the second entity
            return
        self._set_state(st, call, party, PartyState.TALKING, "party.answered")
        for rival in call.parties:
            if rival is not party and rival.role == party.role and rival.state is PartyState.RINGING:
                self._release(st, call, rival, "answered_elsewhere", by="system", end=False)
        for other in call.parties:
            if other is not party and other.state is PartyState.DIALING:
                self._set_state(st, call, other, PartyState.TALKING, "party.answered")
        if call.state is CallState.SETUP:
            call.state = CallState.CONNECTED
            call.answered_at = st.tenant.clock.now()
            self._emit_party(st, "call.connected", call, party)
            self._outside_caller_patience(st, call, party)
        self._on_answered(st, call, party)

    def _outside_caller_patience(self, st: TenantCalls, call: Call, answered_by: Party) -> None:
        """An outside caller whose rule says ``hangup_after`` hangs up that long after being answered."""
        caller = call.caller()
        if caller.kind != "external" or answered_by.kind == "voicemail":
            return
        rule = st.behaviour.for_number(caller.number, internal=False)
        if rule is not None and rule.hangup_after is not None:
            self._after(st, call, rule.hangup_after, lambda: self._far_end_hangup(st, call, caller))

    def _release(self, st: TenantCalls, call: Call, party: Party, cause: str, by: str,
                 end: bool = True) -> None:
        if party.state is PartyState.RELEASED:
            return
        was_ringing = party.state is PartyState.RINGING
        party.cause, party.released_by = cause, by
        self._set_state(st, call, party, PartyState.RELEASED, "party.released")
        if was_ringing and party.user_id is not None and cause not in ("answered_elsewhere", "picked_up"):
            self._emit_party(st, "call.missed", call, party, user_id=party.user_id)
        self._on_released(st, call, party)
        if end and not call.ended and self._should_end(call, party):
            self._end(st, call, party)

    @staticmethod
    def _should_end(call: Call, released: Party) -> bool:
        talkers = [p for p in call.parties if p.live and p.role != "supervisor"]
        if call.state is CallState.SETUP:
            # before an answer the call lives while its caller waits and someone still rings
            return released.role == "caller" or not any(p.role == "callee" for p in talkers) \
                or not any(p.role == "caller" for p in talkers)
        return len(talkers) < 2

    def _end(self, st: TenantCalls, call: Call, last: Party | None) -> None:
        self._cancel_timers(call)
        now = st.tenant.clock.now()
        for party in call.parties:
            if party.live:
                was_ringing = party.state is PartyState.RINGING
                party.cause = party.cause or ("normal" if call.answered_at else last.cause if last else "normal")
                party.released_by = "remote"
                self._set_state(st, call, party, PartyState.RELEASED, "party.released")
                if was_ringing and party.user_id is not None:   # e.g. the caller gave up: a missed call too
                    self._emit_party(st, "call.missed", call, party, user_id=party.user_id)
                self._on_released(st, call, party)
        if not call.outcome:
            call.outcome = "answered" if call.answered_at else self._failure_outcome(call, last)
        call.state = CallState.ENDED
        call.ended_at = now
        self._cancel_timers(call, ended=True)   # any set while its parties were released
        st.calls.pop(call.id, None)
        if len(st.history) == st.history.maxlen:
            st.ended.pop(st.history[0].id, None)
        st.history.append(call)
        st.ended[call.id] = call
        self._emit(st, "call.ended", call=call.snapshot())
        self._after_call(st, call)

    @staticmethod
    def _failure_outcome(call: Call, last: Party | None) -> str:
        if last is not None and last.role == "caller":
            if call.bridge is not None and last.answered_at is None and last.cause:
                return last.cause          # connect(): the first entity called never took the call
            return "abandoned" if call.queue_id is not None else "cancelled"
        causes = [p.cause for p in call.callees() if p.cause]
        for cause in ("busy", "rejected", "dnd", "away", "unavailable", "no_lines", "no_answer"):
            if cause in causes:
                return cause
        return causes[-1] if causes else "cancelled"
