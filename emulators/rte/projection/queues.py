"""Service queues: a queue call's life, the queue's counters, its attached agents.

=================================================  ==================================================
domain event                                       RTE events (entity: the queue, unless said)
=================================================  ==================================================
``call.queued``                                    QueueCallInComing, QueueCallInArrived;
                                                   UserQueueAlert to the queue's logged-in agents
                                                   (entity: each agent) when none is free
``call.allocated``                                 QueueCallInUserAllocated
``party.answered`` of the offered agent            QueueCallInUserConnected; UserWrapUpEnabled
                                                   (entity: the agent) when the queue has wrap-up
``party.released`` of the offered agent, unanswered QueueCallInUserCancelled
``call.overflowed``                                QueueCallInOverflow, then QueueCallInTransferStarted
                                                   when the queue overflows to a number
``call.diverted`` by the talking agent             QueueCallInTransferStarted
a transfer target answers                          QueueCallInTransferConnected
the call ends before that                          QueueCallInTransferCancelled
``call.ended`` of a call that was queued           QueueCallInDisconnected
``agent.state`` login / logout                     QueueAttachedUsers
anything that changes the counters                 QueueStatus (when they changed)
=================================================  ==================================================
"""
from __future__ import annotations

from typing import Any

from emulators.core.states import AgentState, PartyState

from .calls import call_values

OPEN = 5       # the document's OpenStatus "Open: Queue is open"


def _queue_values(ctx, call: dict, party: dict | None, queue_id: int) -> dict[str, Any]:
    if ctx.silent:          # nobody listens: the values would be dropped
        return {}
    queue = ctx.org.directory.queues.get(queue_id)
    values = call_values(ctx, call, party)
    values.update(QueueId=ctx.queue_guid(queue_id), QueueName=queue.name if queue else "",
                  QueueNumber=queue.number if queue else "")
    return values


def _without(values: dict, *names: str) -> dict:
    for name in names:
        values.pop(name, None)
    return values


def _agent(values: dict, ctx, party: dict) -> dict:
    values.update(UserId=ctx.user_guid(party["user_id"]), UserName=ctx.org.username(party["user_id"]))
    return values


def on_queued(ctx, event) -> None:
    call, queue_id = event["call"], event["queue_id"]
    ctx.track(call).queue_id = queue_id
    ctx.dirty_queues.add(queue_id)
    guid = ctx.queue_guid(queue_id)
    ctx.emit("QueueCallInComing", guid, _queue_values(ctx, call, None, queue_id))
    ctx.emit("QueueCallInArrived", guid, _queue_values(ctx, call, None, queue_id))
    st = ctx.engine.state(ctx.tenant.id)
    agents = [a for a in st.agents.values() if queue_id in a.queues and a.state != AgentState.LOGGED_OUT.value]
    if not any(_free(ctx, st, a) for a in agents):
        queue = ctx.org.directory.queues.get(queue_id)
        for agent in agents:
            ctx.emit("UserQueueAlert", ctx.user_guid(agent.user_id),
                     {"QueueId": guid, "QueueName": queue.name if queue else ""})


def on_allocated(ctx, event) -> None:
    call, party, queue_id = event["call"], event["party"], event["queue_id"]
    ctx.track(call).allocated.add(party["id"])
    ctx.dirty_queues.add(queue_id)
    values = _agent(_queue_values(ctx, call, party, queue_id), ctx, party)
    values["DetailedReason"] = ""
    ctx.emit("QueueCallInUserAllocated", ctx.queue_guid(queue_id), values)


def on_answered(ctx, event) -> None:
    call, party = event["call"], event["party"]
    track = ctx.known(call)
    if track.queue_id is not None:
        ctx.dirty_queues.add(track.queue_id)
    if party["id"] not in track.allocated or call["queue_id"] is None:
        return
    queue_id = call["queue_id"]
    values = _agent(_queue_values(ctx, call, party, queue_id), ctx, party)
    values["UserNumber"] = party["number"]
    ctx.emit("QueueCallInUserConnected", ctx.queue_guid(queue_id), values)
    queue = ctx.org.directory.queues.get(queue_id)
    if queue is not None and queue.wrap_up > 0:
        ctx.emit("UserWrapUpEnabled", ctx.user_guid(party["user_id"]),
                 {"CallId": ctx.call_guid(call), "OrganizationId": ctx.org.id, "QueueId": ctx.queue_guid(queue_id),
                  "UserId": ctx.user_guid(party["user_id"]), "WrapUpEnd": None, "WrapUpTime": int(queue.wrap_up)})


def on_released(ctx, event) -> None:
    call, party = event["call"], event["party"]
    track = ctx.known(call)
    if track.queue_id is not None:
        ctx.dirty_queues.add(track.queue_id)
    if party["id"] not in track.allocated or party["answered_at"] is not None or track.queue_id is None:
        return
    values = _agent(_queue_values(ctx, call, party, track.queue_id), ctx, party)
    caller_gave_up = party["released_by"] == "remote"
    values.update(Reason="remote" if caller_gave_up else "local", DetailedReason=party["cause"])
    ctx.emit("QueueCallInUserCancelled", ctx.queue_guid(track.queue_id), values)


# -- overflow and transfers --------------------------------------------------------------------
def _tech(ctx, queue_id: int) -> dict[str, Any]:
    queue = ctx.org.directory.queues.get(queue_id)
    return {"TechQueueId": ctx.queue_guid(queue_id), "TechQueueName": queue.name if queue else ""}


def transfer_started(ctx, call: dict, party: dict | None, queue_id: int, target: str, source: str) -> dict:
    transfer = {"queue": queue_id, "target": target, "user": party["user_id"] if party else None,
                "source": source}
    ctx.track(call).transfer = transfer
    values = _without(_queue_values(ctx, call, party, queue_id), "QueueNumber")
    values.update(_tech(ctx, queue_id), TechType=source, TransferApplet="Overflow" if source == "queue" else "",
                  TransferSource=source, TransferTarget=target)
    ctx.emit("QueueCallInTransferStarted", ctx.queue_guid(queue_id), values)
    return transfer


def transfer_connected(ctx, call: dict, transfer: dict, party: dict) -> None:
    queue_id = transfer["queue"]
    values = _without(_queue_values(ctx, call, party, queue_id), "QueueNumber")
    values.update(_tech(ctx, queue_id), ConnectedTarget=party["number"], TechSource=transfer["source"],
                  TransferApplet="Overflow" if transfer["source"] == "queue" else "")
    ctx.emit("QueueCallInTransferConnected", ctx.queue_guid(queue_id), values)


def on_overflowed(ctx, event) -> None:
    call, queue_id, target = event["call"], event["queue_id"], event.get("target") or ""
    ctx.dirty_queues.add(queue_id)
    values = _without(_queue_values(ctx, call, None, queue_id), "QueueNumber")
    values.update(_tech(ctx, queue_id), OverflowApplet="QueueTimeout", TechEvent="MaxWaitTimeExceeded",
                  TechNumber=target, TechSource="queue")
    ctx.emit("QueueCallInOverflow", ctx.queue_guid(queue_id), values)
    if target:
        transfer_started(ctx, call, None, queue_id, target, source="queue")


def on_diverted(ctx, event) -> None:
    """The agent talking on a queue call transfers it blind."""
    call, party = event["call"], event.get("party")
    if call["queue_id"] is None or party is None or party.get("answered_at") is None:
        return
    transfer_started(ctx, call, party, call["queue_id"], event["number"], source="user")


def on_abandoned(ctx, event) -> None:
    ctx.dirty_queues.add(event["queue_id"])


def on_ended(ctx, event) -> None:
    call = event["call"]
    track = ctx.known(call)     # written below only when a transfer is pending (so tracked)
    queue_id = track.queue_id
    if queue_id is None:
        return
    ctx.dirty_queues.add(queue_id)
    guid = ctx.queue_guid(queue_id)
    transfer = track.transfer
    if transfer is not None and transfer.get("queue") is not None:
        track.transfer = None
        values = _without(_queue_values(ctx, call, None, queue_id), "QueueNumber")
        values.update(_tech(ctx, queue_id), Reason="remote", DetailedReason=call["outcome"] or "ended",
                      TechSource=transfer["source"],
                      TransferApplet="Overflow" if transfer["source"] == "queue" else "")
        ctx.emit("QueueCallInTransferCancelled", guid, values)
    caller = next((p for p in call["parties"] if p["role"] == "caller"), None)
    values = _without(_queue_values(ctx, call, None, queue_id), "QueueNumber")
    values.update(Reason="remote" if caller is not None and caller["released_by"] == "self" else "local",
                  TechReason=call["outcome"])
    ctx.emit("QueueCallInDisconnected", guid, values)
    _remember_wrap_up(ctx, call, queue_id)


def _remember_wrap_up(ctx, call: dict, queue_id: int) -> None:
    queue = ctx.org.directory.queues.get(queue_id)
    if queue is None or queue.wrap_up <= 0:
        return
    for party in call["parties"]:
        if party["kind"] == "user" and party["answered_at"] is not None:
            ctx.projection.wrap_up[(ctx.tenant.id, party["user_id"])] = (queue.wrap_up, queue_id, call, None)


# -- agents and counters -----------------------------------------------------------------------
def on_agent_state(ctx, event) -> None:
    queues = set(event.get("queues") or []) | {q.id for q in ctx.org.queues_of(event["user_id"])}
    ctx.dirty_queues.update(queues)
    was_in, is_in = event["previous"] != AgentState.LOGGED_OUT.value, event["state"] != AgentState.LOGGED_OUT.value
    if was_in == is_in:
        return
    st = ctx.engine.state(ctx.tenant.id)
    for queue_id in queues:
        queue = ctx.org.directory.queues.get(queue_id)
        if queue is None:
            continue
        attached = []
        for priority, user_id in enumerate(queue.agents, start=1):
            agent = st.agents.get(user_id)
            attached.append({"Active": bool(agent and queue_id in agent.queues
                                            and agent.state != AgentState.LOGGED_OUT.value),
                             "Priority": priority, "UserId": ctx.user_guid(user_id)})
        ctx.emit("QueueAttachedUsers", ctx.queue_guid(queue_id),
                 {"AttachedUsers": attached, "OrganizationId": ctx.org.id, "QueueId": ctx.queue_guid(queue_id)})


def _busy(st, user_id: int) -> bool:
    return any(p.user_id == user_id and p.live and p.role != "supervisor"
               for c in st.calls.values() for p in c.parties)


def _free(ctx, st, agent) -> bool:
    user = ctx.org.directory.users.get(agent.user_id)
    return agent.state == AgentState.READY.value and not _busy(st, agent.user_id) and \
        (user is None or user.mode == "normal")


def queue_status(ctx, queue_id: int) -> dict[str, Any]:
    """The document's QueueStatus counters, from the engine's live state."""
    st = ctx.engine.state(ctx.tenant.id)
    queue = ctx.org.directory.queues.get(queue_id)
    now = ctx.tenant.clock.now()
    in_queue = [c for c in st.calls.values() if c.queue_id == queue_id and not c.ended]
    allocated = connected = 0
    waits = [0.0]
    for call in in_queue:
        users = [p for p in call.parties if p.kind == "user" and p.role == "callee" and p.live]
        if any(p.state in (PartyState.TALKING, PartyState.HELD) for p in users):
            connected += 1
        elif any(p.state is PartyState.RINGING for p in users):
            allocated += 1
        if call.entered_service_at is not None:
            waits.append(now - call.entered_service_at)
    agents = [a for a in st.agents.values() if queue_id in a.queues and a.state != AgentState.LOGGED_OUT.value]
    free = sum(1 for a in agents if _free(ctx, st, a))
    wrap = sum(1 for a in agents if a.state == AgentState.AFTER_CALL_WORK.value)
    long_away = sum(1 for a in agents if a.state == AgentState.NOT_READY.value or
                    getattr(ctx.org.directory.users.get(a.user_id), "mode", "normal") in ("dnd", "away"))
    short_away = max(0, len(agents) - free - wrap - long_away)
    return {"MaxWaitTime": int(max(waits)), "NbrOfAgentsCheckedInQueue": len(agents),
            "NbrOfAgentsImmediatelyFree": free, "NbrOfAgentsLongTermAway": long_away,
            "NbrOfAgentsOnWrapUp": wrap, "NbrOfAgentsShortTermAway": short_away,
            "NbrOfAllocated": allocated, "NbrOfConnected": connected,
            "NbrOfNotServedRequesters": len(in_queue) - connected, "NbrOfProviders": len(agents),
            "NbrOfQueuingRequesters": len(in_queue) - connected - allocated, "NbrOfRequesters": len(in_queue),
            "NbrOfServingAgentsEstimate": len(agents) - long_away, "OpenStatus": OPEN,
            "OrganizationId": ctx.org.id, "QueueId": ctx.queue_guid(queue_id),
            "QueueName": queue.name if queue else ""}


def push_status(ctx) -> None:
    """QueueStatus for every queue this event touched, when its counters changed."""
    last = ctx.projection.last_queue_status
    for queue_id in sorted(ctx.dirty_queues):
        key = (ctx.tenant.id, queue_id)
        guid = ctx.queue_guid(queue_id)
        if queue_id not in ctx.org.directory.queues or not ctx.wanted("QueueStatus", guid):
            last.pop(key, None)
            continue
        values = queue_status(ctx, queue_id)
        snapshot = tuple(values.values())
        if last.get(key) != snapshot:
            last[key] = snapshot
            ctx.emit("QueueStatus", guid, values)
