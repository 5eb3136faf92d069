"""A user's own calls: ``UserCallIn*`` for calls to the user, ``UserCallOut*`` for theirs.

=====================================================  ===========================================
domain event                                           RTE events (entity: the user)
=====================================================  ===========================================
``party.ringing`` of a user callee (no queue offer)    UserCallInComing, UserCallInArrived,
                                                       UserCallInUserAllocated
``party.answered`` of that callee                      UserCallInUserConnected
``party.released`` of that callee after talking        UserCallInDisconnected
``party.released`` of that callee before answering     UserCallInUserCancelled (no answer, rejected,
                                                       answered elsewhere, caller gave up)
``party.released``, user in DND / away                 UserCallInComing, UserCallInArrived,
                                                       UserCallInUserOverflow (DND / OffWork)
``call.diverted`` by the user's divert mode            … UserCallInUserOverflow (TransferAll)
``call.diverted`` of a ringing callee                  UserCallInUserOverflow (BlindTransfer)
``call.diverted`` of a talking callee                  UserCallInTransferStarted, then Connected
``call.transferred`` (attended)                        or Cancelled when the call ends first
no answer, then the user's voicemail                   UserCallInUserOverflow (NoAnswer)
``party.dialing`` of a user caller                     UserCallOutGoing
``party.answered`` of that caller                      UserCallOutConnected
``party.released`` of that caller                      UserCallOutDisconnected
``call.missed`` (not a queue offer)                    UserMissedCallNotification
``voicemail.new`` for a user's box                     UserVoiceMailNotification
=====================================================  ===========================================

Reasons: ``local`` when the user's side ended it (they hung up, did not answer,
rejected), ``remote`` when the other side did; the engine's cause goes into
``TechReason`` / ``DetailedReason``.
"""
from __future__ import annotations

from typing import Any

from . import callbacks

TALKED = ("talking", "held")


def first_callee(call: dict) -> dict | None:
    return next((p for p in call["parties"] if p["role"] == "callee"), None)


def caller_of(call: dict) -> dict:
    return next((p for p in call["parties"] if p["role"] == "caller"), call["parties"][0])


def dialled(call: dict) -> str:
    """The original called number: what the caller dialled (else whom the call reached first)."""
    if call.get("dialled"):
        return call["dialled"]
    callee = first_callee(call)
    return callee["number"] if callee else ""


def call_values(ctx, call: dict, party: dict | None) -> dict[str, Any]:
    """The properties every call event shares (none when nobody listens: they would be dropped)."""
    if ctx.silent:
        return {}
    from .. import ids
    return {"CallerNumber": caller_of(call)["number"], "CallId": ctx.call_guid(call),
            "LegId": ids.leg(ctx.tenant, call, (party or caller_of(call))["id"]),
            "OrganizationId": ctx.org.id, "TargetNumber": dialled(call)}


def _user_values(ctx, call: dict, party: dict | None, user_id: int, name_key: str) -> dict[str, Any]:
    values = call_values(ctx, call, party)
    if values:
        values["UserId"] = ctx.user_guid(user_id)
        values[name_key] = ctx.org.username(user_id)
    return values


def _reason(party: dict) -> str:
    return "local" if party["released_by"] in ("self", "system") else "remote"


# -- outgoing ------------------------------------------------------------------------------------
def on_dialing(ctx, event) -> None:
    party, call = event["party"], event["call"]
    if party["kind"] == "user" and party["role"] == "caller":
        ctx.dirty_user(party["user_id"])
        ctx.track(call).outgoing_pending = party
        if call.get("dialled"):
            flush_outgoing(ctx, call)


def flush_outgoing(ctx, call: dict) -> None:
    """UserCallOutGoing, once whom the user called is known: from the dialled number, or
    from the call's next event (when the engine has routed it)."""
    track = ctx.projection.tracks.get((ctx.tenant.id, call["id"]))
    if track is None or track.outgoing_pending is None:
        return
    party, track.outgoing_pending = track.outgoing_pending, None
    track.outgoing = True
    user_id = party["user_id"]
    ctx.emit("UserCallOutGoing", ctx.user_guid(user_id), _user_values(ctx, call, party, user_id, "UserName"))
    callbacks.assisted_call(ctx, call, user_id)


# -- incoming --------------------------------------------------------------------------------------
def _offer(ctx, call: dict, party: dict, user_id: int) -> None:
    guid = ctx.user_guid(user_id)
    ctx.emit("UserCallInComing", guid, _user_values(ctx, call, party, user_id, "Username"))
    ctx.emit("UserCallInArrived", guid, _user_values(ctx, call, party, user_id, "UserName"))


def on_ringing(ctx, event) -> None:
    call, party = event["call"], event["party"]
    kind = party["kind"]
    if kind == "voicemail" and ctx.known(call).no_answer_user is not None:
        track = ctx.track(call)
        user_id, track.no_answer_user = track.no_answer_user, None
        values = _user_values(ctx, call, party, user_id, "Username")
        values.update(Reason="NoAnswer", Target=party["number"])
        ctx.emit("UserCallInUserOverflow", ctx.user_guid(user_id), values)
        return
    if kind != "user" or party["role"] != "callee":
        return
    ctx.dirty_user(party["user_id"])
    track = ctx.track(call)
    if call["queue_id"] is not None and track.transfer is None:
        return      # the queue offers it to an agent: QueueCallInUserAllocated (see queues)
    track.direct.add(party["id"])
    user_id = party["user_id"]
    _offer(ctx, call, party, user_id)
    values = _user_values(ctx, call, party, user_id, "UserName")
    values.update(DetailedReason="", UserNumber=party["number"])
    ctx.emit("UserCallInUserAllocated", ctx.user_guid(user_id), values)


def on_answered(ctx, event) -> None:
    call, party = event["call"], event["party"]
    track = ctx.known(call)     # written below only where it holds something (so is tracked)
    if party["kind"] == "user":
        ctx.dirty_user(party["user_id"])
    if party["role"] == "caller" and party["kind"] == "user" and track.outgoing:
        user_id = party["user_id"]
        ctx.emit("UserCallOutConnected", ctx.user_guid(user_id), _user_values(ctx, call, party, user_id, "UserName"))
        return
    if party["role"] != "callee":
        return
    if track.transfer is not None and party["user_id"] != track.transfer.get("user"):
        _transfer_connected(ctx, call, track, party)
    if party["kind"] == "user" and party["id"] in track.direct:
        user_id = party["user_id"]
        values = _user_values(ctx, call, party, user_id, "UserName")
        values["UserNumber"] = party["number"]
        ctx.emit("UserCallInUserConnected", ctx.user_guid(user_id), values)


def on_released(ctx, event) -> None:
    call, party = event["call"], event["party"]
    if party["kind"] != "user" or party["role"] == "supervisor":
        return
    ctx.dirty_user(party["user_id"])
    track = ctx.known(call)     # written below only for a direct callee (so tracked)
    user_id, cause = party["user_id"], party["cause"]
    if party["role"] == "caller":
        if track.outgoing:
            values = _user_values(ctx, call, party, user_id, "UserName")
            values.update(Reason=_reason(party), TechReason=cause)
            ctx.emit("UserCallOutDisconnected", ctx.user_guid(user_id), values)
        return
    guid = ctx.user_guid(user_id)
    if cause in ("dnd", "away") and party["answered_at"] is None and call["queue_id"] is None:
        _offer(ctx, call, party, user_id)
        values = _user_values(ctx, call, party, user_id, "Username")
        values.update(Reason="DND" if cause == "dnd" else "OffWork", Target="")
        ctx.emit("UserCallInUserOverflow", guid, values)
        return
    if party["id"] not in track.direct or cause in ("diverted", "transferred"):
        return      # queue offers: see queues; transfers: see on_diverted / on_transferred
    if party["answered_at"] is not None:
        values = _user_values(ctx, call, party, user_id, "Username")
        values.update(Reason=_reason(party), TechReason=cause)
        ctx.emit("UserCallInDisconnected", guid, values)
        return
    if cause == "no_answer":
        track.no_answer_user = user_id
    values = _user_values(ctx, call, party, user_id, "UserName")
    caller_gave_up = cause in ("cancelled", "normal") and party["released_by"] == "remote"
    values.update(Reason="remote" if caller_gave_up else "local", DetailedReason=cause)
    ctx.emit("UserCallInUserCancelled", guid, values)


def on_party_change(ctx, event) -> None:
    party = event["party"]
    if party["kind"] == "user":
        ctx.dirty_user(party["user_id"])


# -- moving calls -----------------------------------------------------------------------------------
def _transfer_values(ctx, call: dict, party: dict | None, user_id: int) -> dict[str, Any]:
    values = _user_values(ctx, call, party, user_id, "Username")
    values.update(TechQueueId=None, TechQueueName="", TechSource="user", TransferApplet="")
    return values


def _transfer_started(ctx, call: dict, party: dict | None, user_id: int, target: str) -> None:
    track = ctx.track(call)
    track.transfer = {"user": user_id, "target": target, "queue": None}
    values = _transfer_values(ctx, call, party, user_id)
    values.update(TransferSource="user", TransferTarget=target)
    ctx.emit("UserCallInTransferStarted", ctx.user_guid(user_id), values)


def _transfer_connected(ctx, call: dict, track, party: dict) -> None:
    transfer, track.transfer = track.transfer, None
    if transfer.get("queue") is not None:
        from .queues import transfer_connected
        transfer_connected(ctx, call, transfer, party)
        return
    user_id = transfer["user"]
    values = _transfer_values(ctx, call, party, user_id)
    values.update(ConnectedTarget=party["number"], TransferSource="user")
    ctx.emit("UserCallInTransferConnected", ctx.user_guid(user_id), values)


def on_diverted(ctx, event) -> None:
    call, party, number = event["call"], event.get("party"), event["number"]
    if call["queue_id"] is not None and party is not None and party.get("answered_at") is not None:
        return      # an agent transfers a queue call: see queues
    if party is None:
        user_id = event.get("user_id")
        if user_id is None:
            return
        _offer(ctx, call, None, user_id)
        values = _user_values(ctx, call, None, user_id, "Username")
        values.update(Reason="TransferAll", Target=number)
        ctx.emit("UserCallInUserOverflow", ctx.user_guid(user_id), values)
        return
    if party["kind"] != "user" or party["role"] != "callee":
        return
    user_id = party["user_id"]
    if party["answered_at"] is None:
        values = _user_values(ctx, call, party, user_id, "Username")
        values.update(Reason="BlindTransfer", Target=number)
        ctx.emit("UserCallInUserOverflow", ctx.user_guid(user_id), values)
    else:
        _transfer_started(ctx, call, party, user_id, number)


def on_transferred(ctx, event) -> None:
    """An attended transfer: started and connected at once (the consulted party already talks)."""
    call, party = event["call"], event["party"]
    if party["kind"] != "user" or party["role"] != "callee":
        return
    target = call["parties"][-1]
    if call["queue_id"] is not None:
        from .queues import transfer_connected, transfer_started
        transfer = transfer_started(ctx, call, party, call["queue_id"], target["number"], source="user")
        ctx.track(call).transfer = None
        transfer_connected(ctx, call, transfer, target)
        return
    _transfer_started(ctx, call, party, party["user_id"], target["number"])
    track = ctx.track(call)
    _transfer_connected(ctx, call, track, target)


def on_ended(ctx, event) -> None:
    call = event["call"]
    track = ctx.known(call)     # written below only when a transfer is pending (so tracked)
    transfer = track.transfer
    if transfer is not None and transfer.get("queue") is None:
        track.transfer = None
        user_id = transfer["user"]
        values = _transfer_values(ctx, call, None, user_id)
        values.update(Reason="remote", DetailedReason=call["outcome"] or "ended")
        ctx.emit("UserCallInTransferCancelled", ctx.user_guid(user_id), values)


# -- notifications ---------------------------------------------------------------------------------
def on_missed(ctx, event) -> None:
    call, user_id = event["call"], event["user_id"]
    if call["queue_id"] is not None:
        return      # an agent who let a queue call ring out did not miss a call of their own
    caller = caller_of(call)
    name = ""
    if caller["kind"] == "user" and caller["user_id"] in ctx.org.directory.users:
        name = ctx.org.directory.users[caller["user_id"]].full_name
    ctx.emit("UserMissedCallNotification", ctx.user_guid(user_id),
             {"CallerName": name, "CallerNumber": caller["number"], "CallId": ctx.call_guid(call)})


def on_voicemail(ctx, event) -> None:
    user_id = event.get("user_id")
    if user_id is None:
        return
    call = event["call"]
    ctx.emit("UserVoiceMailNotification", ctx.user_guid(user_id),
             {"CalledNumber": dialled(call), "CallId": ctx.call_guid(call), "EmailTranscript": False})
