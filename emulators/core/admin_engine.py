"""Control-plane routes that drive the engine: calls, parties, users, agents, callbacks.

Tests use them to play the parts the vendor APIs do not cover: the far end
that answers, the extension that hangs up, the agent who becomes ready.
"""
from __future__ import annotations

from dataclasses import asdict

from flask import jsonify

from .openapi import doc

PARTY_OPERATIONS = ("answer", "reject", "hangup", "hold", "retrieve", "mute", "unmute", "divert",
                    "consult", "transfer", "conference", "cancel_consult", "dtmf")
AGENT_OPERATIONS = ("login", "ready", "not_ready", "after_call_work", "logout")


def engine_routes(bp, emulator, body, tenant_id, ControlError) -> None:
    engine = emulator.engine

    def user_ref(tid: str, ref) -> int:
        directory = emulator.tenants.get(tid).directory
        user = directory.user_by_extension(str(ref))
        if user is None and str(ref).isdigit():
            user = directory.users.get(int(ref))
        if user is None:
            raise ControlError(404, "not_found", f"no user with extension or id {ref!r}")
        return user.id

    @bp.get("/calls")
    @doc("Live calls of a tenant")
    def calls():
        return jsonify(calls=[c.snapshot() for c in engine.calls(tenant_id())])

    @bp.get("/calls/history")
    @doc("Ended calls of a tenant, oldest first")
    def history():
        return jsonify(calls=[c.snapshot() for c in engine.history(tenant_id())])

    @bp.get("/calls/<call_id>")
    @doc("One call, live or ended")
    def get_call(call_id: str):
        return jsonify(engine.call(tenant_id(), call_id).snapshot())

    @bp.post("/calls")
    @doc("Place a call: type originate (from an extension) or inbound (from outside)",
         body={"type": "string", "from": "string", "to": "string", "device": "string", "extid": "string"})
    def place_call():
        data = body()
        tid = tenant_id(data)
        kind = data.get("type", "inbound")
        if "from" not in data or "to" not in data:
            raise ControlError(400, "invalid", "'from' and 'to' are required")
        origin = {"surface": "control"}
        if kind == "originate":
            call = engine.originate(tid, from_extension=str(data["from"]), to_number=str(data["to"]),
                                    device=data.get("device"), extid=str(data.get("extid", "")), origin=origin)
        elif kind == "inbound":
            call = engine.inbound(tid, from_number=str(data["from"]), to_number=str(data["to"]),
                                  extid=str(data.get("extid", "")), data=data.get("data"), origin=origin)
        else:
            raise ControlError(400, "invalid", "type must be originate or inbound")
        return jsonify(call.snapshot()), 201

    @bp.post("/calls/<call_id>/parties/<party_id>/<operation>")
    @doc("Act on a party: answer, reject, hangup, hold, retrieve, mute, unmute, divert {number}, "
         "consult {number}, transfer, conference, cancel_consult, dtmf {digits}")
    def party_operation(call_id: str, party_id: str, operation: str):
        data = body()
        tid = tenant_id(data)
        if operation not in PARTY_OPERATIONS:
            raise ControlError(400, "invalid", f"operation must be one of {PARTY_OPERATIONS}")
        call = engine.live_call(tid, call_id)
        party = call.party(party_id) or next((p for p in call.parties if p.live and party_id in
                                              (p.extension, p.number, p.role)), None)
        if party is None:
            raise ControlError(404, "not_found", f"call {call_id} has no party {party_id}")
        if operation in ("mute", "unmute"):
            result = engine.mute(tid, party.id, operation == "mute")
        elif operation in ("divert", "consult"):
            result = getattr(engine, operation)(tid, party.id, str(data.get("number", "")))
        elif operation == "dtmf":
            result = engine.dtmf(tid, party.id, str(data.get("digits", "")))
        else:
            result = getattr(engine, operation)(tid, party.id)
        return jsonify(result.snapshot())

    @bp.post("/calls/<call_id>/record")
    @doc("Recording on or off", body={"on": "boolean"})
    def record(call_id: str):
        data = body()
        return jsonify(engine.record(tenant_id(data), call_id, bool(data.get("on", True))).snapshot())

    @bp.post("/calls/<call_id>/end")
    @doc("End a call for everyone")
    def end(call_id: str):
        data = body()
        tid = tenant_id(data)
        engine.end_call(tid, call_id)
        return jsonify(engine.call(tid, call_id).snapshot())

    @bp.post("/users/<ref>/pickup")
    @doc("A user picks up a ringing call", body={"call_id": "string"})
    def pickup(ref: str):
        data = body()
        tid = tenant_id(data)
        return jsonify(engine.pickup(tid, user_ref(tid, ref), data.get("call_id")).snapshot())

    @bp.post("/users/<ref>/supervise")
    @doc("A supervisor monitors, barges in on or intercepts a party", body={"party_id": "string", "mode": "string"})
    def supervise(ref: str):
        data = body()
        tid = tenant_id(data)
        return jsonify(engine.supervise(tid, user_ref(tid, ref), str(data.get("party_id", "")),
                                        str(data.get("mode", "monitor"))).snapshot())

    @bp.put("/users/<ref>/mode")
    @doc("A user's mode: normal, dnd, away, divert {number}", body={"mode": "string", "number": "string"})
    def user_mode(ref: str):
        data = body()
        tid = tenant_id(data)
        engine.set_user_mode(tid, user_ref(tid, ref), str(data.get("mode", "")), str(data.get("number", "")))
        return jsonify(mode=data.get("mode"))

    @bp.get("/agents")
    @doc("Agent states of a tenant")
    def agents():
        tid = tenant_id()
        users = emulator.tenants.get(tid).directory.users
        return jsonify(agents=[asdict(engine.agent(tid, uid)) for uid in users])

    @bp.post("/agents/<ref>/<operation>")
    @doc("Agent login {queues, ready}, ready, not_ready {reason}, after_call_work, logout")
    def agent_operation(ref: str, operation: str):
        data = body()
        tid = tenant_id(data)
        uid = user_ref(tid, ref)
        if operation == "login":
            status = engine.agent_login(tid, uid, data.get("queues"), bool(data.get("ready", False)))
        elif operation == "not_ready":
            status = engine.agent_not_ready(tid, uid, str(data.get("reason", "")))
        elif operation in AGENT_OPERATIONS:
            status = getattr(engine, f"agent_{operation}")(tid, uid)
        else:
            raise ControlError(400, "invalid", f"operation must be one of {AGENT_OPERATIONS}")
        return jsonify(asdict(status))

    @bp.get("/callbacks")
    @doc("Callback requests of a tenant")
    def callbacks():
        return jsonify(callbacks=list(engine.state(tenant_id()).callbacks.values()))

    @bp.post("/callbacks")
    @doc("Request a callback", body={"queue_id": "integer", "number": "string", "note": "string"})
    def request_callback():
        data = body()
        try:
            queue_id = int(data.get("queue_id"))
        except (TypeError, ValueError):
            raise ControlError(400, "invalid", "queue_id must be an integer") from None
        return jsonify(engine.request_callback(tenant_id(data), queue_id, str(data.get("number", "")),
                                               str(data.get("note", "")))), 201

    @bp.post("/callbacks/<callback_id>/close")
    @doc("Close a callback request", body={"outcome": "string"})
    def close_callback(callback_id: str):
        data = body()
        return jsonify(engine.close_callback(tenant_id(data), callback_id, str(data.get("outcome", "done"))))

    @bp.get("/voicemails")
    @doc("Voicemail messages left on a tenant")
    def voicemails():
        return jsonify(voicemails=list(engine.state(tenant_id()).voicemails))
