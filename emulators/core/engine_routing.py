"""Placing calls and delivering them: to users, ring groups, queues, IVRs,
voicemail and external numbers, with far-end behaviour and ring timeouts."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .calls import Call, Party
from .directory import User, normalise_number
from .states import CallState, IllegalOperation, InvalidArgument, NotFound, PartyState

if TYPE_CHECKING:
    from .engine_state import TenantCalls

DEVICE_KINDS = ("sip", "mobile", "usb", "dect")


class RoutingOperations:
    # -- placing calls -------------------------------------------------------------
    def originate(self, tenant_id: str, *, to_number: str, from_user: int | None = None,
                  from_extension: str | None = None, device: str | None = None, extid: str = "",
                  origin: dict | None = None, data: dict | None = None) -> Call:
        """A user's terminal calls ``to_number`` (click-to-call: the terminal goes off-hook at once)."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            user = self._find_user(st, from_user, from_extension)
            number = normalise_number(to_number)
            if not number or number == "+":
                raise InvalidArgument("number is empty", parameter="number")
            terminal = self._terminal(user, device)
            target = st.tenant.directory.resolve_number(number)
            call = self._new_call(st, "internal" if target else "outbound", extid, origin, data)
            call.dialled = number
            caller = self._add_party(st, call, "caller", "user", user.extension, user_id=user.id,
                                     extension=user.extension, device_id=terminal.id if terminal else None)
            self._emit(st, "call.created", call=call.snapshot())
            self._set_state(st, call, caller, PartyState.DIALING, "party.dialing")
            self._deliver(st, call, number, target)
            return call

    def inbound(self, tenant_id: str, *, from_number: str, to_number: str, extid: str = "",
                origin: dict | None = None, data: dict | None = None) -> Call:
        """An outside caller dials one of the tenant's numbers through a gateway."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            caller_number = normalise_number(from_number)
            number = normalise_number(to_number)
            if not number:
                raise InvalidArgument("the called number is empty", parameter="to_number")
            gateway = st.tenant.directory.free_gateway(self._busy_lines(st))
            call = self._new_call(st, "inbound", extid, origin, data)
            call.gateway_id = gateway.id if gateway else None
            call.dialled = number
            caller = self._add_party(st, call, "caller", "external", caller_number or "anonymous")
            self._emit(st, "call.created", call=call.snapshot())
            self._set_state(st, call, caller, PartyState.DIALING, "party.dialing")
            target = st.tenant.directory.resolve_number(number)
            if target is None:
                callee = self._add_party(st, call, "callee", "external", number)
                self._release(st, call, callee, "unavailable", by="system")
            else:
                self._deliver(st, call, number, target)
            return call

    # -- delivery ------------------------------------------------------------------
    def _deliver(self, st: "TenantCalls", call: Call, number: str, target: tuple[str, Any] | None) -> None:
        if target is None:
            self._deliver_external(st, call, number)
            return
        kind, entity = target
        if kind == "user":
            self._deliver_user(st, call, entity)
        elif kind == "ring_group":
            self._deliver_group(st, call, entity)
        elif kind == "queue":
            self._enqueue(st, call, entity)
        elif kind == "ivr":
            self._enter_ivr(st, call, entity)
        elif kind == "voicemail_box":
            self._to_voicemail(st, call, entity.id, entity.owner_user_id)
        else:  # park lines and meeting rooms answer at once
            party = self._add_party(st, call, "callee", kind, number, entity_id=entity.id)
            self._set_state(st, call, party, PartyState.RINGING, "party.ringing")
            self._connect(st, call, party)

    def _deliver_user(self, st: "TenantCalls", call: Call, user: User, role: str = "callee") -> Party | None:
        mode = user.mode
        if mode == "divert" and user.divert_number:
            self._emit(st, "call.diverted", call=call.snapshot(), party=None, number=user.divert_number,
                       user_id=user.id, reason="user_mode")
            self._deliver(st, call, user.divert_number, st.tenant.directory.resolve_number(user.divert_number))
            return None
        party = self._add_party(st, call, role, "user", user.extension, user_id=user.id,
                                extension=user.extension,
                                device_id=user.devices[0].id if user.devices else None)
        if mode in ("dnd", "away"):
            self._release(st, call, party, mode, by="system")
            return party
        self._set_state(st, call, party, PartyState.RINGING, "party.ringing")
        self._apply_behaviour(st, call, party, internal=True)
        self._after(st, call, st.behaviour.ring_timeout, lambda: self._ring_timeout(st, call, party))
        return party

    def _deliver_group(self, st: "TenantCalls", call: Call, group) -> None:
        call.ring_group_id = group.id
        members = [st.tenant.directory.users[u] for u in group.members if u in st.tenant.directory.users]
        if group.ring_mode == "simultaneous":
            for user in members:
                self._deliver_user(st, call, user)
        elif members:
            self._ring_in_turn(st, call, group, members, 0)
        if not any(p.role == "callee" and p.live for p in call.parties):
            self._group_failed(st, call, group)

    def _ring_in_turn(self, st: "TenantCalls", call: Call, group, members: list[User], index: int) -> None:
        if index >= len(members) or call.state is not CallState.SETUP:
            if call.state is CallState.SETUP and not call.ended:
                self._group_failed(st, call, group)
            return
        party = self._deliver_user(st, call, members[index])

        def next_member() -> None:
            if party is not None and party.state is PartyState.RINGING:
                self._release(st, call, party, "no_answer", by="system", end=False)
            self._ring_in_turn(st, call, group, members, index + 1)
        self._after(st, call, group.ring_timeout, next_member)

    def _group_failed(self, st: "TenantCalls", call: Call, group) -> None:
        if group.overflow_number:
            self._deliver(st, call, group.overflow_number,
                          st.tenant.directory.resolve_number(group.overflow_number))
        elif not call.ended:
            self._end(st, call, None)

    def _deliver_external(self, st: "TenantCalls", call: Call, number: str, gateway_id: int | None = None) -> None:
        gateway = self._free_line(st, gateway_id)
        party = self._add_party(st, call, "callee", "external", number,
                                entity_id=gateway.id if gateway else None)
        if gateway is None:
            call.outcome = "no_lines"
            self._release(st, call, party, "no_lines", by="system")
            self.fail_command(st.tenant.id, call.origin, "no_lines",
                              "there are no lines available for connection to the number called", call)
            return
        call.gateway_id = call.gateway_id or gateway.id
        self._set_state(st, call, party, PartyState.RINGING, "party.ringing")
        self._apply_behaviour(st, call, party, internal=False)
        self._after(st, call, st.behaviour.ring_timeout, lambda: self._ring_timeout(st, call, party))

    def _free_line(self, st: "TenantCalls", gateway_id: int | None = None):
        """A gateway with a free line: any, or only ``gateway_id``'s."""
        directory = st.tenant.directory
        if gateway_id is None:
            return directory.free_gateway(self._busy_lines(st))
        gateway = directory.gateways.get(gateway_id)
        busy = self._busy_lines(st).get(gateway_id, 0)
        return gateway if gateway is not None and gateway.registered and busy < gateway.lines else None

    def _busy_lines(self, st: "TenantCalls") -> dict[int, int]:
        busy: dict[int, int] = {}
        for call in st.calls.values():
            for party in call.parties:
                if party.kind == "external" and party.live and party.entity_id is not None:
                    busy[party.entity_id] = busy.get(party.entity_id, 0) + 1
        return busy

    # -- far ends ------------------------------------------------------------------
    def _apply_behaviour(self, st: "TenantCalls", call: Call, party: Party, internal: bool) -> None:
        rule = st.behaviour.for_number(party.number, internal)
        if rule is None:
            return
        if rule.action == "answer":
            def answer() -> None:
                if party.state is PartyState.RINGING:
                    self._connect(st, call, party)
                    if rule.hangup_after is not None:
                        self._after(st, call, rule.hangup_after, lambda: self._far_end_hangup(st, call, party))
                    if rule.dtmf and call.ivr_id is not None:
                        self._ivr_digits(st, call, rule.dtmf)
            self._after(st, call, rule.after, answer)
        elif rule.action in ("busy", "reject", "unavailable"):
            cause = {"busy": "busy", "reject": "rejected", "unavailable": "unavailable"}[rule.action]
            delay = 0.0 if rule.action != "reject" else rule.after
            self._after(st, call, delay, lambda: party.state is PartyState.RINGING
                        and self._release(st, call, party, cause, by="self"))
        # no_answer: keep ringing until the ring timeout

    def _far_end_hangup(self, st: "TenantCalls", call: Call, party: Party) -> None:
        if party.live:
            cause = "normal" if party.state in (PartyState.TALKING, PartyState.HELD) else "cancelled"
            self._release(st, call, party, cause, by="self")

    def _ring_timeout(self, st: "TenantCalls", call: Call, party: Party) -> None:
        if party.state is not PartyState.RINGING:
            return
        self._release(st, call, party, "no_answer", by="system", end=False)
        self._after_no_answer(st, call, party)
        if not call.ended and self._should_end(call, party):
            self._end(st, call, party)

    def _after_no_answer(self, st: "TenantCalls", call: Call, party: Party) -> None:
        """A user who did not answer: their voicemail box takes the call, if they have one."""
        if party.user_id is None or call.queue_id is not None or call.ring_group_id is not None:
            return
        box = next((b for b in st.tenant.directory.voicemail_boxes.values()
                    if b.owner_user_id == party.user_id), None)
        if box is not None and any(p.role == "caller" and p.live for p in call.parties):
            self._to_voicemail(st, call, box.id, party.user_id)

    def _to_voicemail(self, st: "TenantCalls", call: Call, box_id: int, user_id: int | None) -> None:
        box = st.tenant.directory.voicemail_boxes.get(box_id)
        party = self._add_party(st, call, "callee", "voicemail", box.number if box else "", entity_id=box_id)
        self._set_state(st, call, party, PartyState.RINGING, "party.ringing")
        self._connect(st, call, party)
        caller = call.caller()
        rule = st.behaviour.for_number(caller.number, internal=caller.kind == "user")
        length = rule.hangup_after if rule and rule.hangup_after is not None else 5.0

        def message_left() -> None:
            message = {"id": f"vm{len(st.voicemails) + 1}", "box_id": box_id, "user_id": user_id,
                       "from_number": caller.number, "duration": length, "at": st.tenant.clock.now(),
                       "call_id": call.id}
            st.voicemails.append(message)
            self._emit(st, "voicemail.new", call=call.snapshot(), box_id=box_id, user_id=user_id, message=message)
            self._release(st, call, caller, "normal", by="self")
        self._after(st, call, length, message_left)

    # -- IVR -----------------------------------------------------------------------
    def _enter_ivr(self, st: "TenantCalls", call: Call, ivr) -> None:
        party = self._add_party(st, call, "callee", "ivr", ivr.number, entity_id=ivr.id)
        self._set_state(st, call, party, PartyState.RINGING, "party.ringing")
        call.ivr_id = ivr.id
        call.entered_service_at = st.tenant.clock.now()
        self._connect(st, call, party)
        root = ivr.root()
        if root is None:
            self._release(st, call, party, "normal", by="self")
            return
        self.run_ivr_node(st.tenant.id, call.id, root.id)
        caller = call.caller()
        rule = st.behaviour.for_number(caller.number, internal=False)
        if rule is not None and rule.dtmf:
            self._after(st, call, 1.0, lambda: call.ivr_id is not None and self._ivr_digits(st, call, rule.dtmf))

    def run_ivr_node(self, tenant_id: str, call_id: str, node_id: int, node=None) -> None:
        """Play a node and, when it expects no input, perform its action at once.

        ``node`` runs the node with other properties for this call only (an
        IVR script's "update and run the node"); the directory is not touched."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            call = self.live_call(tenant_id, call_id)
            ivr = st.tenant.directory.ivrs.get(call.ivr_id)
            configured = ivr.node(node_id) if ivr else None
            if configured is None:
                raise NotFound(f"IVR node {node_id} not found")
            node = node if node is not None and node.id == node_id else configured
            call.ivr_node_id, call.ivr_input = node.id, ""
            call.ivr_override = node if node is not configured else None
            call.ivr_run += 1
            call.ivr_collecting = node.input_type != 0
            self._emit(st, "ivr.node", call=call.snapshot(), ivr_id=ivr.id, node_id=node.id)
            if node.input_type == 0:
                self._ivr_act(st, call, node, "")
                return
            run = call.ivr_run
            if node.waiting_time > 0:
                self._after(st, call, node.waiting_time, lambda: self._ivr_input_timeout(st, call, run))
            if node.input_type == 3:
                self._after(st, call, node.input_timeout, lambda: self._ivr_input_timeout(st, call, run))

    def current_ivr_node(self, st: "TenantCalls", call: Call):
        """The node a call is at, with the properties it runs with (None outside an IVR)."""
        if call.ivr_id is None or call.ivr_node_id is None:
            return None
        if call.ivr_override is not None and call.ivr_override.id == call.ivr_node_id:
            return call.ivr_override
        ivr = st.tenant.directory.ivrs.get(call.ivr_id)
        return ivr.node(call.ivr_node_id) if ivr else None

    def _ivr_digits(self, st: "TenantCalls", call: Call, digits: str) -> None:
        node = self.current_ivr_node(st, call)
        if node is None or node.input_type == 0 or not call.ivr_collecting:
            return
        run = call.ivr_run
        for digit in digits:
            if call.ivr_run != run or not call.ivr_collecting:
                return
            if node.input_type == 2 and digit == (node.input_terminator or "#"):
                self._ivr_complete(st, call, node)
                return
            call.ivr_input += digit
            if node.input_type == 1 and len(call.ivr_input) >= max(1, node.input_length):
                self._ivr_complete(st, call, node)
                return
        if node.input_type == 3:
            self._after(st, call, node.input_timeout, lambda: self._ivr_input_timeout(st, call, run))

    def _ivr_input_timeout(self, st: "TenantCalls", call: Call, run: int) -> None:
        if call.ivr_run == run and call.ivr_collecting:
            node = self.current_ivr_node(st, call)
            if node is not None:
                self._ivr_complete(st, call, node)

    def _ivr_complete(self, st: "TenantCalls", call: Call, node) -> None:
        entered = call.ivr_input
        call.ivr_collecting = False
        self._emit(st, "ivr.input", call=call.snapshot(), ivr_id=call.ivr_id, node_id=node.id, input=entered)
        self._ivr_act(st, call, node, entered)

    def _ivr_act(self, st: "TenantCalls", call: Call, node, entered: str) -> None:
        ivr = st.tenant.directory.ivrs[call.ivr_id]
        if node.action == 0 and node.audio_loop:
            return          # the message loops: the caller stays (on hold) until moved or gone
        if node.action == 1:
            child = ivr.child(node.id, entered) or ivr.child(node.id, "")
            if child is not None:
                self.run_ivr_node(st.tenant.id, call.id, child.id)
                return
        elif node.action == 2:
            number = node.called_number or self._entity_number(st, node.called_type, node.called_id)
            if number:
                self.leave_ivr_to(st.tenant.id, call.id, number)
                return
        elif node.action == 3 and self.ivr_script_runner is not None:
            self.ivr_script_runner(st.tenant.id, call, node)
            return
        self.end_call(st.tenant.id, call.id, cause="normal")

    def leave_ivr_to(self, tenant_id: str, call_id: str, number: str) -> None:
        """The IVR hands the caller on to ``number`` (a user, group, queue or outside number)."""
        st = self.state(tenant_id)
        with st.tenant.lock:
            call = self.live_call(tenant_id, call_id)
            self._ivr_handover(st, call)
            number = normalise_number(number)
            self._deliver(st, call, number, st.tenant.directory.resolve_number(number))

    def _ivr_left(self, st: "TenantCalls", call: Call) -> None:
        """Book the time spent in the IVR and forget the node (its timers then do nothing)."""
        if call.ivr_id is None:
            return
        if call.entered_service_at is not None:
            call.ivr_seconds += st.tenant.clock.now() - call.entered_service_at
            call.entered_service_at = None
        call.ivr_id = call.ivr_node_id = call.ivr_override = None
        call.ivr_collecting = False

    def _ivr_handover(self, st: "TenantCalls", call: Call) -> None:
        """The IVR leaves the call, which rings again for its next destination."""
        ivr_party = next((p for p in call.parties if p.kind == "ivr" and p.live), None)
        self._ivr_left(st, call)
        call.state = CallState.SETUP
        if ivr_party is not None:
            self._release(st, call, ivr_party, "transferred", by="self", end=False)

    def end_call(self, tenant_id: str, call_id: str, cause: str = "normal") -> None:
        st = self.state(tenant_id)
        with st.tenant.lock:
            call = self.live_call(tenant_id, call_id)
            for party in call.live_parties():
                if party.role != "caller":
                    party.cause = cause
            self._end(st, call, None)

    def _entity_number(self, st: "TenantCalls", entity_type: int | None, entity_id: int | None) -> str:
        directory = st.tenant.directory
        kinds = {0: "users", 1: "ring_groups", 3: "ivrs", 8: "voicemail_boxes", 10: "meeting_rooms", 11: "park_lines"}
        entity = getattr(directory, kinds.get(entity_type, ""), {}).get(entity_id) if entity_type in kinds else None
        return getattr(entity, "extension", None) or getattr(entity, "number", "") if entity else ""

    # -- helpers -------------------------------------------------------------------
    @staticmethod
    def _find_user(st: "TenantCalls", user_id: int | None, extension: str | None) -> User:
        directory = st.tenant.directory
        user = directory.users.get(user_id) if user_id is not None else \
            directory.user_by_extension(extension or "")
        if user is None:
            raise NotFound(f"unknown extension {extension or user_id}", extension=extension, user_id=user_id)
        return user

    @staticmethod
    def _terminal(user: User, device: str | None):
        if not device:
            return next((d for d in user.devices if d.kind == "sip"), user.devices[0] if user.devices else None)
        if device not in DEVICE_KINDS:
            raise InvalidArgument(f"invalid device {device!r}; expected one of {DEVICE_KINDS}", parameter="device")
        terminal = next((d for d in user.devices if d.kind == device), None)
        if terminal is None:
            raise IllegalOperation(f"extension {user.extension} has no {device} terminal", parameter="device")
        return terminal
