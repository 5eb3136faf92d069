"""IVR script integration: nodes whose action is "run external script" (Table 12, 3).

When such a node has played its message and collected the caller's input
(Table 11), the PBX calls the node's script URL with the guide's query string::

    license_id=MP3026487718&domain=almach1.it&ivrid=9&nodeid=0&callid=10724
    &calling=35&called=12345&input=1&tag=-1

and obeys the reply, one ``name=value`` per line (CRLF or LF): ``command=N``
(Table 15) and its parameters — 0 end call; 1 transit to the child node with
``node_key``; 2 transfer to ``recipient_number`` through the routing rules;
3 transfer to the entity ``recipient_id``/``recipient_type`` with
``recipient_number`` as the number called; 4 update the node's properties and
run it again. "If you omit to enter the instructions, or you have entered them
syntactically incorrectly, the default action or call termination": an empty,
malformed, failing (non-2xx, refused) or slow (over ``script_timeout``) reply
ends the call. Every reply, obeyed or not, leaves a journal entry saying what
the PBX did.

The HTTP call never runs under the tenant's lock: the engine hands the node to
:meth:`IvrScripts.run`, which queues the request on the emulator's delivery
workers (journaled, "out" faults apply, no retries); the reply is applied
under the lock when it comes, if the call is still at that node.
"""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from emulators.core.directory import normalise_number
from emulators.core.states import EngineError

from . import entities
from .errors import ServiceError
from .settings import SURFACE_NAME, state_of
from .tables import EntityType, IvrScriptCommand

log = logging.getLogger(__name__)

#: script runs one call may make (a script answering command=4 on a node without
#: input would otherwise call itself for ever); then the call ends
MAX_RUNS_PER_CALL = 100
#: a reply longer than this is not read further
MAX_REPLY_BYTES = 64 * 1024

_TERMINATORS = frozenset("0123456789*#")


class MalformedReply(ValueError):
    """The reply is not a well-formed instruction; the PBX ends the call."""


def _integer(value: str, name: str, lo: int, hi: int | None = None) -> int:
    if not value.strip().lstrip("-").isdigit():
        raise MalformedReply(f"{name} is not a number")
    number = int(value)
    if number < lo or (hi is not None and number > hi):
        raise MalformedReply(f"{name} out of range")
    return number


def _seconds(value: str, name: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise MalformedReply(f"{name} is not a number of seconds") from None
    if not 0 <= number <= 3600:
        raise MalformedReply(f"{name} out of range")
    return number


def _flag(value: str, name: str) -> bool:
    if value not in ("0", "1"):
        raise MalformedReply(f"{name} is not 0 or 1")
    return value == "1"


def _terminator(value: str, name: str) -> str:
    if len(value) != 1 or value not in _TERMINATORS:
        raise MalformedReply(f"{name} is not one of 0-9 * #")
    return value


#: command=4 parameters -> (node field, parser)
NODE_UPDATES: dict[str, tuple[str, Any]] = {
    "audio_message": ("message", lambda v, n: v),
    "audio_loop": ("audio_loop", _flag),
    "input_type": ("input_type", lambda v, n: _integer(v, n, 0, 3)),
    "input_length": ("input_length", lambda v, n: _integer(v, n, 0, 64)),
    "term_char": ("input_terminator", _terminator),
    "input_timeout": ("input_timeout", _seconds),
    "waiting_input_time": ("waiting_time", _seconds),
    "node_action": ("action", lambda v, n: _integer(v, n, 0, 3)),
    "called_type": ("called_type", lambda v, n: int(EntityType(_integer(v, n, 0)))),
    "called_id": ("called_id", lambda v, n: _integer(v, n, 0)),
    "called_number": ("called_number", lambda v, n: v),
    "script_url": ("script", lambda v, n: v),
    "tag": ("tag", lambda v, n: v),
}


@dataclass(frozen=True)
class Command:
    code: IvrScriptCommand
    params: dict[str, str] = field(default_factory=dict)
    updates: dict[str, Any] = field(default_factory=dict)    # command=4: node field -> value

    def describe(self) -> str:
        shown = " ".join(f"{k}={v}" for k, v in self.params.items() if k != "command")
        return f"command={int(self.code)}{' ' + shown if shown else ''} ({self.code.description.lower()})"


def parse_reply(body: bytes) -> Command:
    """The instruction in a script's reply, or :class:`MalformedReply` saying why not."""
    text = body[:MAX_REPLY_BYTES].decode("utf-8", "replace").lstrip("\ufeff")
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise MalformedReply("empty reply")
    params: dict[str, str] = {}
    for line in lines:
        name, sep, value = line.partition("=")
        name = name.strip().lower()
        if not sep or not name:
            raise MalformedReply(f"line {line[:40]!r} is not name=value")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if name in params:
            raise MalformedReply(f"{name} given twice")
        params[name] = value
    if "command" not in params:
        raise MalformedReply("no command")
    code = IvrScriptCommand(_integer(params["command"], "command", 0, 4))
    if code is IvrScriptCommand.NEXT_NODE and not params.get("node_key"):
        raise MalformedReply("command=1 without node_key")
    if code is IvrScriptCommand.TRANSFER_TO_NUMBER:
        number = normalise_number(params.get("recipient_number", ""))
        if not number.lstrip("+"):
            raise MalformedReply("command=2 without a recipient_number")
    if code is IvrScriptCommand.TRANSFER_TO_ENTITY:
        for name in ("recipient_id", "recipient_type"):
            if not params.get(name):
                raise MalformedReply(f"command=3 without {name}")
        _integer(params["recipient_id"], "recipient_id", 0)
        try:
            EntityType(_integer(params["recipient_type"], "recipient_type", 0))
        except ValueError:
            raise MalformedReply("recipient_type is not a Table 1 type") from None
    updates: dict[str, Any] = {}
    if code is IvrScriptCommand.RERUN_NODE:
        for name, (attribute, parse) in NODE_UPDATES.items():
            if name in params:
                try:
                    updates[attribute] = parse(params[name], name)
                except ValueError as exc:
                    raise MalformedReply(str(exc) if isinstance(exc, MalformedReply) else f"bad {name}") from None
    return Command(code, params, updates)


def script_query(license_id: str, tenant_id: str, call, node) -> dict[str, str]:
    """The guide's query string, in its order."""
    caller = next((p for p in call.parties if p.role == "caller"), None)
    return {"license_id": license_id, "domain": tenant_id, "ivrid": str(call.ivr_id), "nodeid": str(node.id),
            "callid": call.id, "calling": caller.number if caller else "", "called": call.dialled,
            "input": call.ivr_input, "tag": node.tag if node.tag not in (None, "") else "-1"}


class IvrScripts:
    """The engine's ``ivr_script_runner``: asks the script, then obeys it."""

    def __init__(self, emulator) -> None:
        self.emulator = emulator
        self._runs: dict[tuple[str, str], int] = {}

    def install(self) -> None:
        self.emulator.engine.ivr_script_runner = self.run
        self.emulator.bus.subscribe(self._forget, kinds={"call.ended"})

    def _forget(self, event) -> None:
        self._runs.pop((event.tenant, event["call"]["id"]), None)

    def run(self, tenant_id: str, call, node) -> None:
        """Called by the engine under the tenant lock: queue the request, return at once."""
        tenant = self.emulator.tenants.get(tenant_id)
        settings = state_of(tenant).ivr
        query = script_query(settings.license_id, tenant_id, call, node)
        url = (node.script or "").strip()
        key = (tenant_id, call.id)
        self._runs[key] = self._runs.get(key, 0) + 1
        if self._runs[key] > MAX_RUNS_PER_CALL:
            self._fall_back(tenant_id, call.id, url, query, None, f"ran {MAX_RUNS_PER_CALL} scripts on one call")
            return
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self._fall_back(tenant_id, call.id, url, query, None, "node has no http(s) script URL")
            return
        run = call.ivr_run
        try:
            self.emulator.delivery.push(
                tenant=tenant_id, surface=SURFACE_NAME, url=url, method="GET", params=query,
                timeout=settings.script_timeout, retries=0,
                on_response=lambda status, body: self._answered(tenant_id, call.id, run, node, url, query,
                                                                status, body))
        except RuntimeError:       # delivery closed: the emulator is shutting down
            log.debug("IVR script request dropped: delivery closed")

    # -- the reply ---------------------------------------------------------------------
    def _answered(self, tenant_id: str, call_id: str, run: int, node, url: str, query: dict,
                  status: int | None, body: bytes) -> None:
        tenant = self.emulator.tenants.find(tenant_id)
        if tenant is None:
            return
        with tenant.lock:
            call = self.emulator.engine.state(tenant_id).calls.get(call_id)
            if call is None or call.ivr_run != run or call.ivr_node_id != node.id:
                self._note(tenant_id, url, query, status, "ok", "IVR script reply ignored: the call has "
                           "ended or left the node")
                return
            if status is None or not 200 <= status < 300:
                reason = "did not answer in time or could not be reached" if status is None else f"answered HTTP {status}"
                self._fall_back(tenant_id, call_id, url, query, status, f"script {reason}")
                return
            try:
                command = parse_reply(body)
                done = self._obey(tenant, call, node, command)
            except MalformedReply as exc:
                self._fall_back(tenant_id, call_id, url, query, status, f"reply malformed: {exc}")
                return
            except (EngineError, ServiceError) as exc:
                self._fall_back(tenant_id, call_id, url, query, status,
                                f"cannot carry out the reply: {getattr(exc, 'text', None) or exc}")
                return
            self._note(tenant_id, url, query, status, "ok", f"IVR script {command.describe()}: {done}")

    def _obey(self, tenant, call, node, command: Command) -> str:
        engine, tid, params = self.emulator.engine, tenant.id, command.params
        code = command.code
        if code is IvrScriptCommand.END_CALL:
            engine.end_call(tid, call.id)
            return "call ended"
        if code is IvrScriptCommand.NEXT_NODE:
            ivr = tenant.directory.ivrs.get(call.ivr_id)
            child = ivr.child(node.id, params["node_key"]) if ivr else None
            if child is None:
                return "no child node with that key: the call stays at the node"
            engine.run_ivr_node(tid, call.id, child.id)
            return f"transit to node {child.id}"
        if code is IvrScriptCommand.TRANSFER_TO_NUMBER:
            number = normalise_number(params["recipient_number"])
            engine.leave_ivr_to(tid, call.id, number)
            return f"transferred to {number}"
        if code is IvrScriptCommand.TRANSFER_TO_ENTITY:
            entity_type = EntityType(int(params["recipient_type"]))
            target = entities.endpoint(entity_type, int(params["recipient_id"]), params.get("recipient_number", ""),
                                       tenant.directory, "recipient")
            engine.leave_ivr_for(tid, call.id, target)
            return f"transferred to entity {int(entity_type)}/{target.entity_id}"
        updates = dict(command.updates)
        if "script" in updates and not urlsplit(updates["script"]).scheme:
            updates["script"] = urljoin(node.script or "", updates["script"])
        engine.run_ivr_node(tid, call.id, node.id, node=dataclasses.replace(node, **updates))
        return f"node {node.id} runs again with {', '.join(sorted(updates)) or 'its properties'}"

    def _fall_back(self, tenant_id: str, call_id: str, url: str, query: dict, status: int | None,
                   reason: str) -> None:
        """The guide's default action: end the call; and say so in the journal."""
        self._note(tenant_id, url, query, status, "error", f"IVR script {reason}: default action, call ended")
        try:
            self.emulator.engine.end_call(tenant_id, call_id)
        except EngineError:
            pass               # the caller hung up meanwhile

    def _note(self, tenant_id: str, url: str, query: dict, status: int | None, outcome: str, detail: str) -> None:
        self.emulator.journal.record(tenant=tenant_id, surface=SURFACE_NAME, direction="out", method="GET",
                                     target=url, params=dict(query), status=status, outcome=outcome, detail=detail)
