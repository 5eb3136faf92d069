"""Callback requests: the CallList group, and the user side of callbacks.

Each queue has one callback list (``CallListId``); the engine's callback
requests belong to a queue.

=========================  ==========================================================================
domain event               RTE events
=========================  ==========================================================================
``callback.created``       CallbackCreated, CallbackChanged, CallbackRequestNotification,
                           CallbackRequestReceivedNotification, CallListNotification (the list)
``callback.updated``       CallbackUpdated, CallbackChanged (the list); UserCallbackChanged (the
                           assigned user)
``callback.closed``        CallbackClosed, CallbackChanged (the list); UserCallbackChanged
any of them                CallbackListStatus (the list), when its totals changed
the assigned user calls    UserAssistedCallbackRequest (CallEvent "init", CallType "userout")
the callback's number
=========================  ==========================================================================
"""
from __future__ import annotations

from typing import Any

from emulators.core.states import AgentState

from .. import ids

EXPLICIT_REQUEST = 1          # TypeId: "Explicit callback request"
CLOSED_ATTEMPT = 1            # CallbackAttemptTypeId of the attempt that closed a request


def _guid(ctx, callback: dict) -> str:
    return ids.callback(ctx.tenant, callback["id"], callback["created_at"])


def callback_values(ctx, callback: dict) -> dict[str, Any]:
    """The generic callback model (CallbackChanged and its kin)."""
    queue = ctx.org.directory.queues.get(callback["queue_id"])
    assigned = ctx.user_guid(callback.get("assigned_to"))
    closed = callback.get("state") == "closed"
    attempts = []
    if closed:
        attempts.append({"CallbackAttemptTypeId": CLOSED_ATTEMPT, "Id": ids.guid(ctx.tenant.id, ctx.tenant.seed,
                                                                                   "attempt", _guid(ctx, callback)),
                         "Note": callback.get("outcome") or "", "Timestamp": callback.get("closed_at"),
                         "UserId": assigned})
    last = attempts[-1] if attempts else {}
    return {"AssignedUserId": assigned, "CalculatedPriority": "Normal", "CallbackAttempts": attempts,
            "CallbackExtras": [], "CallBackId": _guid(ctx, callback), "CallbackRelatedItems": [],
            "CallId": None, "CallListId": ids.call_list(ctx.tenant, callback["queue_id"]),
            "ChannelIn": queue.number if queue else "", "ClassificationId": None,
            "ContactMessage": callback.get("note") or "", "ContactName": "",
            "ContactNumber": callback.get("number") or "", "CreationTime": callback["created_at"],
            "DueDate": None, "ExpiryDate": None, "LastAttemptNote": last.get("Note"),
            "LastAttemptTimestamp": last.get("Timestamp"), "LastAttemptTypeId": last.get("CallbackAttemptTypeId"),
            "LastAttemptUserId": last.get("UserId"), "LastModifiedUserId": None, "Modified": ctx.at,
            "NotBefore": None, "Note": callback.get("note") or "", "OrganizationId": ctx.org.id,
            "RecordingId": None, "TranscriptId": None, "TypeId": EXPLICIT_REQUEST}


def on_callback(ctx, event) -> None:
    callback = event["callback"]
    kind = event.kind.split(".")[1]            # created | updated | closed
    queue_id = callback["queue_id"]
    ctx.dirty_lists.add(queue_id)
    list_guid = ids.call_list(ctx.tenant, queue_id)
    values = callback_values(ctx, callback)
    ctx.emit({"created": "CallbackCreated", "updated": "CallbackUpdated", "closed": "CallbackClosed"}[kind],
             list_guid, values)
    ctx.emit("CallbackChanged", list_guid, values)
    assigned = callback.get("assigned_to")
    if assigned is not None:
        ctx.emit("UserCallbackChanged", ctx.user_guid(assigned), {**values, "TargetUser": ctx.user_guid(assigned)})
    if kind != "created":
        return
    queue = ctx.org.directory.queues.get(queue_id)
    called = queue.number if queue else ""
    cbr = values["CallBackId"]
    ctx.emit("CallbackRequestNotification", list_guid, {
        "CalledNumber": called, "CallerNumber": callback.get("number") or "", "CallId": None, "CBRId": cbr,
        "ContactMessage": callback.get("note") or "", "EmailAttach": None, "EmailTo": "",
        "EmailTranscript": False, "ListId": list_guid, "RecordingId": None, "RUser": None, "SMSTo": ""})
    ctx.emit("CallbackRequestReceivedNotification", list_guid, {
        "CalledNumber": called, "CallerNumber": callback.get("number") or "", "CallId": None, "CBRId": cbr,
        "ListId": list_guid, "RUser": None})
    ctx.emit("CallListNotification", list_guid, {
        "AssignedUserId": ctx.user_guid(assigned), "CBRId": cbr, "ContactMessage": callback.get("note") or "",
        "ContactName": "", "ContactNumber": callback.get("number") or "", "ListId": list_guid})


def assisted_call(ctx, call: dict, user_id: int) -> None:
    """A user calls the number of an open callback assigned to them: the callback is being handled."""
    if ctx.silent:          # only ever a message: nobody would receive it
        return
    from .calls import dialled
    number = dialled(call)
    if not number:
        return
    st = ctx.engine.state(ctx.tenant.id)
    for callback in st.callbacks.values():
        if callback["state"] == "open" and callback.get("assigned_to") == user_id and \
                callback.get("number") == number:
            guid = ctx.user_guid(user_id)
            ctx.emit("UserAssistedCallbackRequest", guid, {
                "CallBackId": _guid(ctx, callback), "CallbackRelatedItems": [], "CallEvent": "init",
                "CallId": ctx.call_guid(call), "CallListId": ids.call_list(ctx.tenant, callback["queue_id"]),
                "CallType": "userout", "ContactNumber": callback["number"], "OrganizationId": ctx.org.id,
                "TargetUser": guid})


def list_status(ctx, queue_id: int) -> dict[str, Any]:
    st = ctx.engine.state(ctx.tenant.id)
    open_requests = [c for c in st.callbacks.values() if c["queue_id"] == queue_id and c["state"] == "open"]
    assigned = sum(1 for c in open_requests if c.get("assigned_to") is not None)
    agents = [a for a in st.agents.values() if queue_id in a.queues and a.state != AgentState.LOGGED_OUT.value]
    serving = sum(1 for a in agents if a.state != AgentState.NOT_READY.value)
    return {"CallListId": ids.call_list(ctx.tenant, queue_id), "ExpiresIn24h": 0, "IsAutoAllocate": False,
            "NextHourOverDueDate": 0, "NextHourRevealedNotBefore": 0, "OrganizationId": ctx.org.id,
            "TotalActiveAgents": len(agents), "TotalAssigned": assigned, "TotalAutoAllocateAgents": 0,
            "TotalFreeForAllocation": len(open_requests) - assigned, "TotalHidingNotBefore": 0,
            "TotalOpenRequests": len(open_requests), "TotalOverDueDate": 0, "TotalServingAgents": serving,
            "TotalServingAutoAllocateAgents": 0}


def push_status(ctx) -> None:
    """CallbackListStatus for lists whose requests or agents changed, when the totals changed."""
    lists = set(ctx.dirty_lists)
    if ctx.event.kind == "agent.state":
        lists.update(ctx.dirty_queues)
    last = ctx.projection.last_list_status
    for queue_id in sorted(lists):
        key = (ctx.tenant.id, queue_id)
        guid = ids.call_list(ctx.tenant, queue_id)
        if queue_id not in ctx.org.directory.queues or not ctx.wanted("CallbackListStatus", guid):
            last.pop(key, None)
            continue
        values = list_status(ctx, queue_id)
        snapshot = tuple(values.values())
        if last.get(key) != snapshot:
            last[key] = snapshot
            ctx.emit("CallbackListStatus", guid, values)
