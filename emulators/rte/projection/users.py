"""A user's presence: availability, status, and after-call work.

==============================  ==================================================================
domain event                    RTE events (entity: the user)
==============================  ==================================================================
``user.mode``                   UserAvailability (normal → Available, dnd → DoNotDisturb,
                                away → OffWork, divert → Busy), continuous: EndTime = MaxValue
``agent.state`` → ACW           UserWrapUpStarted (with its end)
``agent.state`` ACW → other     UserWrapUpRequestTerminate when it ends before its time, then
                                UserWrapUpTerminated
anything that changes it        UserStatus (talking, serving, can be allocated to, wrap-up end…)
==============================  ==================================================================
"""
from __future__ import annotations

from typing import Any

from emulators.core.states import AgentState, PartyState

from .. import ids
from .payload import FOREVER

AVAILABILITY = {"normal": "Available", "dnd": "DoNotDisturb", "away": "OffWork", "divert": "Busy"}
EVENT_SOURCE = "User"


def on_user_mode(ctx, event) -> None:
    user_id, mode = event["user_id"], event["mode"]
    ctx.dirty_user(user_id)
    availability = AVAILABILITY.get(mode, "Available")
    ctx.emit("UserAvailability", ctx.user_guid(user_id), {
        "Availability": availability, "EndTime": FOREVER, "EventSource": EVENT_SOURCE,
        "Note": event.get("divert_number") or "", "OrganizationId": ctx.org.id,
        "ProfileId": ids.profile(ctx.tenant, availability), "StartTime": ctx.at,
        "UserId": ctx.user_guid(user_id), "UserName": ctx.org.username(user_id)})


def _wrap_up_values(ctx, user_id: int, end: float | None, seconds: float, queue_id, call) -> dict[str, Any]:
    return {"CallId": ctx.call_guid(call) if call else None, "OrganizationId": ctx.org.id,
            "QueueId": ctx.queue_guid(queue_id), "UserId": ctx.user_guid(user_id), "WrapUpEnd": end,
            "WrapUpTime": int(seconds)}


def on_agent_state(ctx, event) -> None:
    user_id, state, previous = event["user_id"], event["state"], event["previous"]
    ctx.dirty_user(user_id)
    key = (ctx.tenant.id, user_id)
    acw = AgentState.AFTER_CALL_WORK.value
    if state == acw and previous != acw:
        seconds, queue_id, call, _ = ctx.projection.wrap_up.get(key) or \
            (_longest_wrap_up(ctx, user_id), None, None, None)
        end = ctx.at + seconds
        ctx.projection.wrap_up[key] = (seconds, queue_id, call, end)
        ctx.emit("UserWrapUpStarted", ctx.user_guid(user_id), _wrap_up_values(ctx, user_id, end, seconds,
                                                                               queue_id, call))
    elif previous == acw and state != acw:
        seconds, queue_id, call, end = ctx.projection.wrap_up.pop(key, None) or (0.0, None, None, None)
        guid = ctx.user_guid(user_id)
        if end is not None and ctx.at < end - 1e-6:
            ctx.emit("UserWrapUpRequestTerminate", guid, {"OrganizationId": ctx.org.id, "UserId": guid})
        ctx.emit("UserWrapUpTerminated", guid, _wrap_up_values(ctx, user_id, ctx.at, seconds, queue_id, call))


def _longest_wrap_up(ctx, user_id: int) -> float:
    return max((q.wrap_up for q in ctx.org.queues_of(user_id)), default=0.0)


def user_status(ctx, user_id: int) -> dict[str, Any]:
    """The document's UserStatus, from the directory and the engine's live state."""
    st = ctx.engine.state(ctx.tenant.id)
    user = ctx.org.directory.users[user_id]
    agent = st.agents.get(user_id)
    state = agent.state if agent else AgentState.LOGGED_OUT.value
    live = [p for c in st.calls.values() for p in c.parties
            if p.user_id == user_id and p.live and p.role != "supervisor"]
    talking = any(p.state in (PartyState.TALKING, PartyState.HELD) for p in live)
    serving = state in (AgentState.READY.value, AgentState.AFTER_CALL_WORK.value)
    wrap_end = None
    if state == AgentState.AFTER_CALL_WORK.value:
        entry = ctx.projection.wrap_up.get((ctx.tenant.id, user_id))
        wrap_end = entry[3] if entry is not None else None
    return {"ActiveQueues": len(agent.queues) if agent and state != AgentState.LOGGED_OUT.value else 0,
            "Available": user.mode == "normal",
            "CanBeAllocatedTo": state == AgentState.READY.value and not live and user.mode == "normal",
            "OrganizationId": ctx.org.id, "ParkedCalls": 0, "Schedule": user.mode != "away",
            "ServiceTerminals": len(user.devices), "Serving": serving, "ServingCallback": serving,
            "Talking": talking, "UserId": ctx.user_guid(user_id), "WrapUpEnd": wrap_end}


def push_status(ctx) -> None:
    """UserStatus for every user this event touched, when it changed."""
    last = ctx.projection.last_user_status
    for user_id in sorted(ctx.dirty_users):
        key = (ctx.tenant.id, user_id)
        guid = ctx.user_guid(user_id)
        if user_id not in ctx.org.directory.users or not ctx.wanted("UserStatus", guid):
            last.pop(key, None)
            continue
        values = user_status(ctx, user_id)
        snapshot = tuple(values.values())
        if last.get(key) != snapshot:
            last[key] = snapshot
            ctx.emit("UserStatus", guid, values)
