"""YAML scenarios: a call flow written as steps, run against the engine.

Example (``fixtures/scenarios/hello_world.yaml``)::

    name: Hello world
    clock: virtual
    behaviour:
      - {pattern: "187", action: answer, after: 3}
    steps:
      - originate: {from: "35", to: "187"}
        as: hello
      - advance: 3
      - expect: {call: hello, state: connected}
      - hangup: {call: hello, party: "35"}
      - expect: {call: hello, state: ended, outcome: answered}

Parties are named by extension or number, or by ``caller`` / ``callee``.
A step that fails stops the run; the result says which step and why.
"""
from __future__ import annotations

import time
from typing import Any, Callable


from .calls import Call, Party
from .states import EngineError, InvalidArgument

MAX_STEPS = 1000
MAX_WAIT = 30.0


class ScenarioError(Exception):
    pass


def load(text_or_data: str | dict) -> dict:
    """Parse and check a scenario; ScenarioError says what is wrong."""
    if isinstance(text_or_data, str):
        import yaml     # here: only scenarios need it, and it is 20 ms of every start-up
        try:
            data = yaml.safe_load(text_or_data)
        except yaml.YAMLError as exc:
            raise ScenarioError(f"scenario is not valid YAML: {exc}") from None
    else:
        data = text_or_data
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise ScenarioError("a scenario is a mapping with a 'steps' list")
    if len(data["steps"]) > MAX_STEPS:
        raise ScenarioError(f"a scenario has at most {MAX_STEPS} steps")
    for index, step in enumerate(data["steps"], 1):
        if not isinstance(step, dict):
            raise ScenarioError(f"step {index} must be a mapping")
        actions = [k for k in step if k != "as"]
        if len(actions) != 1 or actions[0] not in STEPS:
            raise ScenarioError(f"step {index} must have exactly one action of {sorted(STEPS)}")
    return data


class Runner:
    def __init__(self, engine, tenant_id: str):
        self.engine = engine
        self.tenant_id = tenant_id
        self.tenant = engine.tenants.get(tenant_id)
        self.names: dict[str, str] = {}

    def run(self, scenario: dict) -> dict:
        if scenario.get("clock") == "virtual" and self.tenant.clock.mode != "virtual":
            self.tenant.clock.configure(mode="virtual")
        if "behaviour" in scenario:
            self.engine.state(self.tenant_id).behaviour.replace(scenario["behaviour"] or [])
        results = []
        for index, step in enumerate(scenario["steps"], 1):
            action = next(k for k in step if k != "as")
            args = step[action] if step[action] is not None else {}
            started = self.tenant.clock.now()
            try:
                outcome = STEPS[action](self, args)
            except (EngineError, ScenarioError, KeyError, ValueError, TypeError) as exc:
                message = getattr(exc, "message", None) or str(exc)
                results.append({"step": index, "action": action, "ok": False, "error": message})
                return {"name": scenario.get("name", ""), "ok": False, "steps": results,
                        "calls": dict(self.names), "failed_step": index}
            if "as" in step and isinstance(outcome, Call):
                self.names[str(step["as"])] = outcome.id
            results.append({"step": index, "action": action, "ok": True, "at": started,
                            "result": outcome.id if isinstance(outcome, Call) else outcome})
        return {"name": scenario.get("name", ""), "ok": True, "steps": results, "calls": dict(self.names)}

    # -- lookups -------------------------------------------------------------------
    def call(self, ref: Any) -> Call:
        return self.engine.call(self.tenant_id, self.names.get(str(ref), str(ref)))

    def party(self, args: dict) -> Party:
        call = self.call(args["call"])
        who = str(args.get("party", "caller"))
        candidates = [p for p in call.parties if p.live] or call.parties
        for party in reversed(candidates):
            if who in (party.role, party.extension, party.number, party.number.lstrip("+"), party.id):
                return party
        raise ScenarioError(f"call {call.id} has no party {who!r}")

    def user_id(self, ref: Any) -> int:
        directory = self.tenant.directory
        user = directory.user_by_extension(str(ref)) or directory.users.get(int(ref) if str(ref).isdigit() else -1)
        if user is None:
            raise ScenarioError(f"no user with extension or id {ref!r}")
        return user.id


def _originate(r: Runner, a: dict) -> Call:
    return r.engine.originate(r.tenant_id, from_extension=str(a["from"]), to_number=str(a["to"]),
                              device=a.get("device"), extid=str(a.get("extid", "")),
                              origin={"surface": "scenario"})


def _inbound(r: Runner, a: dict) -> Call:
    return r.engine.inbound(r.tenant_id, from_number=str(a["from"]), to_number=str(a["to"]),
                            extid=str(a.get("extid", "")), data=a.get("data"), origin={"surface": "scenario"})


def _party_op(name: str) -> Callable[[Runner, dict], Any]:
    def step(r: Runner, a: dict) -> Any:
        party = r.party(a)
        method = getattr(r.engine, name)
        extra = {k: str(a[k]) for k in ("number", "digits") if k in a}
        return method(r.tenant_id, party.id, **extra)
    return step


def _advance(r: Runner, a: Any) -> float:
    seconds = float(a["seconds"] if isinstance(a, dict) else a)
    if r.tenant.clock.mode != "virtual":
        raise ScenarioError("advance needs a virtual clock (set 'clock: virtual')")
    r.tenant.clock.advance(seconds)
    return seconds


def _wait(r: Runner, a: Any) -> float:
    seconds = min(float(a["seconds"] if isinstance(a, dict) else a), MAX_WAIT)
    time.sleep(seconds)
    return seconds


def _expect(r: Runner, a: dict) -> bool:
    if "call" in a:
        call = r.call(a["call"])
        for key in ("state", "outcome", "direction", "recording", "conference"):
            if key in a:
                actual = getattr(call, key)
                actual = getattr(actual, "value", actual)
                if actual != a[key]:
                    raise ScenarioError(f"call {call.id}: expected {key}={a[key]!r}, got {actual!r}")
        if "party" in a and "party_state" in a:
            party = r.party(a)
            if party.state.value != a["party_state"]:
                raise ScenarioError(f"party {a['party']}: expected {a['party_state']}, got {party.state.value}")
    if "agent" in a:
        status = r.engine.agent(r.tenant_id, r.user_id(a["agent"]))
        if status.state != a.get("agent_state", status.state):
            raise ScenarioError(f"agent {a['agent']}: expected {a['agent_state']}, got {status.state}")
    return True


def _agent(r: Runner, a: dict) -> str:
    user_id = r.user_id(a["user"])
    action = a.get("action", "ready")
    ops = {"login": lambda: r.engine.agent_login(r.tenant_id, user_id, a.get("queues"), bool(a.get("ready"))),
           "ready": lambda: r.engine.agent_ready(r.tenant_id, user_id),
           "not_ready": lambda: r.engine.agent_not_ready(r.tenant_id, user_id, str(a.get("reason", ""))),
           "after_call_work": lambda: r.engine.agent_after_call_work(r.tenant_id, user_id),
           "logout": lambda: r.engine.agent_logout(r.tenant_id, user_id)}
    if action not in ops:
        raise InvalidArgument(f"agent action must be one of {sorted(ops)}")
    return ops[action]().state


def _record(r: Runner, a: dict) -> Call:
    return r.engine.record(r.tenant_id, r.call(a["call"]).id, bool(a.get("on", True)))


def _pickup(r: Runner, a: dict) -> Call:
    call_id = r.call(a["call"]).id if "call" in a else None
    return r.engine.pickup(r.tenant_id, r.user_id(a["user"]), call_id)


def _supervise(r: Runner, a: dict) -> Call:
    return r.engine.supervise(r.tenant_id, r.user_id(a["user"]), r.party(a).id, str(a.get("mode", "monitor")))


def _mode(r: Runner, a: dict) -> str:
    r.engine.set_user_mode(r.tenant_id, r.user_id(a["user"]), str(a["mode"]), str(a.get("number", "")))
    return str(a["mode"])


def _callback(r: Runner, a: dict) -> str:
    return r.engine.request_callback(r.tenant_id, int(a["queue"]), str(a["number"]), str(a.get("note", "")))["id"]


STEPS: dict[str, Callable[[Runner, Any], Any]] = {
    "originate": _originate, "inbound": _inbound,
    "answer": _party_op("answer"), "reject": _party_op("reject"), "hangup": _party_op("hangup"),
    "hold": _party_op("hold"), "retrieve": _party_op("retrieve"), "mute": _party_op("mute"),
    "divert": _party_op("divert"), "consult": _party_op("consult"), "transfer": _party_op("transfer"),
    "conference": _party_op("conference"), "cancel_consult": _party_op("cancel_consult"),
    "dtmf": _party_op("dtmf"), "record": _record, "pickup": _pickup, "supervise": _supervise,
    "agent": _agent, "mode": _mode, "callback": _callback,
    "advance": _advance, "wait": _wait, "expect": _expect,
}


def run(engine, tenant_id: str, text_or_data: str | dict) -> dict:
    return Runner(engine, tenant_id).run(load(text_or_data))
