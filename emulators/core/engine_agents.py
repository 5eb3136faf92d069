"""Agents, queues and callbacks: login, ready, not ready, after-call work,
logout; queue waiting, allocation to the longest-idle ready agent, overflow
and abandonment; callback requests; a user's call mode (normal, DND, away,
divert)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .calls import Call, Party
from .states import AgentState, IllegalOperation, InvalidArgument, NotFound, PartyState, check_agent_transition

if TYPE_CHECKING:
    from .engine_state import AgentStatus, TenantCalls

USER_MODES = ("normal", "dnd", "away", "divert")


class AgentOperations:
    # -- agent state -----------------------------------------------------------------
    def agent(self, tenant_id: str, user_id: int) -> "AgentStatus":
        from .engine_state import AgentStatus
        st = self.state(tenant_id)
        if user_id not in st.tenant.directory.users:
            raise NotFound(f"unknown agent {user_id}", user_id=user_id)
        status = st.agents.get(user_id)
        if status is None:
            status = st.agents[user_id] = AgentStatus(user_id, since=st.tenant.clock.now(),
                                                      queues=self._queues_of(st, user_id))
        return status

    def agent_login(self, tenant_id: str, user_id: int, queues: list[int] | None = None,
                    ready: bool = False) -> "AgentStatus":
        st = self.state(tenant_id)
        with st.tenant.lock:
            status = self.agent(tenant_id, user_id)
            if status.state != AgentState.LOGGED_OUT.value:
                raise IllegalOperation(f"agent {user_id} is already logged in")
            if queues is not None:
                unknown = [q for q in queues if q not in st.tenant.directory.queues]
                if unknown:
                    raise NotFound(f"unknown queue(s) {unknown}")
                status.queues = list(queues)
            self._agent_to(st, status, AgentState.READY if ready else AgentState.NOT_READY, "")
            return status

    def agent_ready(self, tenant_id: str, user_id: int) -> "AgentStatus":
        return self._agent_change(tenant_id, user_id, AgentState.READY, "")

    def agent_not_ready(self, tenant_id: str, user_id: int, reason: str = "") -> "AgentStatus":
        return self._agent_change(tenant_id, user_id, AgentState.NOT_READY, reason)

    def agent_after_call_work(self, tenant_id: str, user_id: int) -> "AgentStatus":
        return self._agent_change(tenant_id, user_id, AgentState.AFTER_CALL_WORK, "")

    def agent_logout(self, tenant_id: str, user_id: int) -> "AgentStatus":
        return self._agent_change(tenant_id, user_id, AgentState.LOGGED_OUT, "")

    def _agent_change(self, tenant_id: str, user_id: int, target: AgentState, reason: str) -> "AgentStatus":
        st = self.state(tenant_id)
        with st.tenant.lock:
            status = self.agent(tenant_id, user_id)
            if status.state == AgentState.LOGGED_OUT.value and target is not AgentState.LOGGED_OUT:
                raise IllegalOperation(f"agent {user_id} is not logged in", state=status.state)
            self._agent_to(st, status, target, reason)
            return status

    def _agent_to(self, st: "TenantCalls", status: "AgentStatus", target: AgentState, reason: str) -> None:
        check_agent_transition(AgentState(status.state), target, str(status.user_id))
        previous = status.state
        status.state, status.reason, status.since = target.value, reason, st.tenant.clock.now()
        self._emit(st, "agent.state", user_id=status.user_id, state=status.state, previous=previous,
                   reason=reason, queues=list(status.queues))
        if target is AgentState.READY:
            for queue_id in status.queues:
                self._allocate(st, queue_id)

    @staticmethod
    def _queues_of(st: "TenantCalls", user_id: int) -> list[int]:
        return [q.id for q in st.tenant.directory.queues.values() if user_id in q.agents]

    # -- user mode -------------------------------------------------------------------
    def set_user_mode(self, tenant_id: str, user_id: int, mode: str, divert_number: str = "") -> None:
        if mode not in USER_MODES:
            raise InvalidArgument(f"mode must be one of {USER_MODES}", parameter="mode")
        if mode == "divert" and not divert_number:
            raise InvalidArgument("divert mode needs a number", parameter="number")
        st = self.state(tenant_id)
        with st.tenant.lock:
            user = st.tenant.directory.users.get(user_id)
            if user is None:
                raise NotFound(f"unknown user {user_id}")
            user.mode, user.divert_number = mode, divert_number if mode == "divert" else ""
            self._emit(st, "user.mode", user_id=user.id, mode=mode, divert_number=user.divert_number)

    # -- queues ----------------------------------------------------------------------
    def _enqueue(self, st: "TenantCalls", call: Call, queue) -> None:
        party = self._add_party(st, call, "callee", "queue", queue.number, entity_id=queue.id)
        self._set_state(st, call, party, PartyState.RINGING)
        call.queue_id = queue.id
        call.entered_service_at = st.tenant.clock.now()
        self._connect(st, call, party)   # the caller hears the queue's music: the call is answered
        st.waiting.setdefault(queue.id, []).append(call.id)
        self._emit(st, "call.queued", call=call.snapshot(), queue_id=queue.id,
                   position=len(st.waiting[queue.id]))
        self._after(st, call, queue.max_wait, lambda: self._overflow(st, call, queue))
        self._allocate(st, queue.id)

    def _allocate(self, st: "TenantCalls", queue_id: int) -> None:
        """Offer waiting calls, oldest first, to ready idle agents, longest idle first."""
        waiting = st.waiting.get(queue_id, [])
        while waiting:
            call = st.calls.get(waiting[0])
            if call is None or call.ended:
                waiting.pop(0)
                continue
            if any(p.role == "callee" and p.kind == "user" and p.live for p in call.parties):
                return   # already offered to an agent
            agent = self._free_agent(st, queue_id)
            if agent is None:
                return
            user = st.tenant.directory.users[agent.user_id]
            party = self._deliver_user(st, call, user)
            if party is None or not party.live:
                return
            self._emit_party(st, "call.allocated", call, party, queue_id=queue_id, user_id=user.id)
            return

    def _free_agent(self, st: "TenantCalls", queue_id: int) -> "AgentStatus | None":
        ready = [a for a in st.agents.values()
                 if a.state == AgentState.READY.value and queue_id in a.queues and not self.user_busy(st, a.user_id)]
        return min(ready, key=lambda a: a.since, default=None)

    def _overflow(self, st: "TenantCalls", call: Call, queue) -> None:
        if call.queue_id != queue.id or call.ended or call.id not in st.waiting.get(queue.id, []):
            return
        st.waiting[queue.id].remove(call.id)
        self._leave_queue_party(st, call)
        self._emit(st, "call.overflowed", call=call.snapshot(), queue_id=queue.id,
                   target=queue.overflow_number)
        if queue.overflow_number:
            call.queue_id = None
            self._deliver(st, call, queue.overflow_number, st.tenant.directory.resolve_number(queue.overflow_number))
        else:
            call.outcome = "no_answer"
            self._end(st, call, None)

    def _leave_queue_party(self, st: "TenantCalls", call: Call) -> None:
        for party in call.parties:
            if party.kind == "queue" and party.live:
                self._release(st, call, party, "allocated", by="system", end=False)
            elif party.kind == "user" and party.state is PartyState.RINGING:
                self._release(st, call, party, "no_answer", by="system", end=False)
        if call.entered_service_at is not None:
            call.queue_seconds += st.tenant.clock.now() - call.entered_service_at
            call.entered_service_at = None

    # -- engine hooks ----------------------------------------------------------------
    def _on_answered(self, st: "TenantCalls", call: Call, party: Party) -> None:
        if call.queue_id is not None and party.kind == "user":
            waiting = st.waiting.get(call.queue_id, [])
            if call.id in waiting:
                waiting.remove(call.id)
            self._leave_queue_party(st, call)

    def _on_released(self, st: "TenantCalls", call: Call, party: Party) -> None:
        if call.queue_id is not None and party.kind == "user" and party.cause == "no_answer":
            status = st.agents.get(party.user_id)
            if status is not None and status.state == AgentState.READY.value:
                # an agent who lets an offered call ring out is made not ready, as ACDs do
                self._agent_to(st, status, AgentState.NOT_READY, "no answer")
            if not call.ended and call.id in st.waiting.get(call.queue_id, []):
                self._after(st, call, 0.0, lambda: self._allocate(st, call.queue_id))
        if call.queue_id is not None and party.role == "caller" and call.answered_at and \
                call.id in st.waiting.get(call.queue_id, []):
            st.waiting[call.queue_id].remove(call.id)
            call.outcome = "abandoned"
            self._emit(st, "call.abandoned", call=call.snapshot(), queue_id=call.queue_id)

    def _after_call(self, st: "TenantCalls", call: Call) -> None:
        """Queue agents go to after-call work when their queue asks for wrap-up."""
        queue = st.tenant.directory.queues.get(call.queue_id) if call.queue_id is not None else None
        for party in call.parties:
            status = st.agents.get(party.user_id) if party.user_id is not None else None
            if status is None or party.answered_at is None or queue is None:
                continue
            if queue.wrap_up > 0 and status.state == AgentState.READY.value:
                self._agent_to(st, status, AgentState.AFTER_CALL_WORK, "")

                def wrap_up_done(status=status) -> None:
                    if status.state == AgentState.AFTER_CALL_WORK.value:
                        self._agent_to(st, status, AgentState.READY, "")
                self._after(st, None, queue.wrap_up, wrap_up_done)
        for queue_id in {q for a in st.agents.values() for q in a.queues}:
            self._allocate(st, queue_id)

    # -- callbacks -------------------------------------------------------------------
    def request_callback(self, tenant_id: str, queue_id: int, number: str, note: str = "") -> dict:
        st = self.state(tenant_id)
        with st.tenant.lock:
            if queue_id not in st.tenant.directory.queues:
                raise NotFound(f"unknown queue {queue_id}")
            if not number:
                raise InvalidArgument("a callback needs a number", parameter="number")
            callback = {"id": f"cb{len(st.callbacks) + 1}", "queue_id": queue_id, "number": number,
                        "note": note, "state": "open", "created_at": st.tenant.clock.now(),
                        "assigned_to": None, "closed_at": None, "outcome": ""}
            st.callbacks[callback["id"]] = callback
            self._emit(st, "callback.created", callback=dict(callback))
            return callback

    def update_callback(self, tenant_id: str, callback_id: str, assigned_to: int | None = None,
                        note: str | None = None) -> dict:
        st = self.state(tenant_id)
        with st.tenant.lock:
            callback = self._open_callback(st, callback_id)
            if assigned_to is not None:
                if assigned_to not in st.tenant.directory.users:
                    raise NotFound(f"unknown user {assigned_to}")
                callback["assigned_to"] = assigned_to
            if note is not None:
                callback["note"] = note
            self._emit(st, "callback.updated", callback=dict(callback))
            return callback

    def close_callback(self, tenant_id: str, callback_id: str, outcome: str = "done") -> dict:
        st = self.state(tenant_id)
        with st.tenant.lock:
            callback = self._open_callback(st, callback_id)
            callback.update(state="closed", outcome=outcome, closed_at=st.tenant.clock.now())
            self._emit(st, "callback.closed", callback=dict(callback))
            return callback

    @staticmethod
    def _open_callback(st: "TenantCalls", callback_id: str) -> dict:
        callback = st.callbacks.get(callback_id)
        if callback is None:
            raise NotFound(f"unknown callback {callback_id}")
        if callback["state"] == "closed":
            raise IllegalOperation(f"callback {callback_id} is already closed")
        return callback
