"""Partner-side conformance: drive a partner's IVR script or event receiver the
way a VOIspeed PBX does, and report how it answered (JUnit XML + a summary).

* :func:`check_ivr_script` calls the script with the guide's query string for
  each input case (the digits a caller may type, none at all, a tag), follows
  ``command=4`` replies ("update and run the node") as the PBX would, and
  says for every reply what the PBX does with it — or why it would fall back
  to the default action (end call): no answer in time, an HTTP error, an empty
  or malformed reply (see :func:`.ivr_script.parse_reply`).
* :func:`check_event_receiver` sends every user event the PBX sends and every
  extended (SSN) event (8 is decommissioned) as HTTP GET query strings with
  plausible values, plus a repeated push (a retry) and one with a parameter
  the receiver cannot know (receivers must tolerate them), and reports each
  status. Any 2xx within the timeout passes.

Used by ``ccemu conform voispeed-ivr`` and ``ccemu conform voispeed-events``.
"""
from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit

import requests

from . import views
from .events import EXTENDED_EVENT_COMMON, EXTENDED_EVENT_EXTRAS, USER_EVENT_COMMON, USER_EVENT_EXTRAS
from .ivr_script import MalformedReply, parse_reply
from .settings import GUIDE_LICENSE_ID
from .tables import SENT_EXTENDED_EVENTS, SENT_USER_EVENTS, EventFamily, IvrScriptCommand

#: command=4 replies followed per case before giving up (a PBX would go on)
MAX_HOPS = 5
DEFAULT_INPUTS = ("1", "2", "123456", "")


@dataclass
class Case:
    name: str
    ok: bool
    message: str
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)


@dataclass
class Report:
    suite: str
    target: str
    cases: list[Case] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return sum(1 for c in self.cases if not c.ok)

    @property
    def ok(self) -> bool:
        return bool(self.cases) and not self.failures

    def junit(self) -> str:
        suite = ET.Element("testsuite", name=self.suite, tests=str(len(self.cases)), failures=str(self.failures),
                           errors="0", time=f"{sum(c.seconds for c in self.cases):.3f}")
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="target", value=self.target)
        for case in self.cases:
            element = ET.SubElement(suite, "testcase", classname=self.suite, name=case.name, time=f"{case.seconds:.3f}")
            if not case.ok:
                ET.SubElement(element, "failure", message=case.message).text = "\n".join(case.details) or case.message
            ET.SubElement(element, "system-out").text = "\n".join([case.message, *case.details])
        root = ET.Element("testsuites", name=f"ccemu conform {self.suite}")
        root.append(suite)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    def summary(self) -> str:
        lines = [f"ccemu conform {self.suite} — {self.target}", ""]
        for case in self.cases:
            lines.append(f"{'PASS' if case.ok else 'FAIL'}  {case.name}: {case.message}")
            lines.extend(f"      {detail}" for detail in case.details)
        lines += ["", *self.notes,
                  f"{len(self.cases)} checks, {len(self.cases) - self.failures} passed, {self.failures} failed"]
        return "\n".join(lines) + "\n"

    def write(self, junit_path: str | Path | None, summary_path: str | Path | None) -> None:
        if junit_path:
            Path(junit_path).write_text(self.junit(), encoding="utf-8")
        if summary_path:
            Path(summary_path).write_text(self.summary(), encoding="utf-8")


def _get(session: requests.Session, url: str, params: dict[str, str], timeout: float):
    """(status or None, body, seconds, error text)."""
    started = time.perf_counter()
    try:
        response = session.get(url, params=params, timeout=timeout)
        return response.status_code, response.content, time.perf_counter() - started, ""
    except requests.Timeout:
        return None, b"", time.perf_counter() - started, f"no answer within {timeout:g} s"
    except requests.RequestException as exc:
        return None, b"", time.perf_counter() - started, f"{type(exc).__name__}: {exc}"[:300]


# -- IVR scripts ---------------------------------------------------------------------------

_ACTIONS = {IvrScriptCommand.END_CALL: "the PBX ends the call",
            IvrScriptCommand.NEXT_NODE: "the PBX goes to the child node with key {node_key}",
            IvrScriptCommand.TRANSFER_TO_NUMBER: "the PBX transfers the call to {recipient_number}",
            IvrScriptCommand.TRANSFER_TO_ENTITY: "the PBX transfers the call to entity "
                                                 "{recipient_type}/{recipient_id}",
            IvrScriptCommand.RERUN_NODE: "the PBX updates the node and runs it again"}


def check_ivr_script(url: str, *, inputs: Iterable[str] = DEFAULT_INPUTS, ivrid: str = "9", nodeid: str = "0",
                     calling: str = "35", called: str = "812", tag: str = "-1", license_id: str = GUIDE_LICENSE_ID,
                     domain: str = "default", timeout: float = 5.0) -> Report:
    report = Report("voispeed-ivr", url)
    seen: set[IvrScriptCommand] = set()
    with requests.Session() as session:
        session.trust_env = False
        for number, entered in enumerate(inputs, 1):
            query = {"license_id": license_id, "domain": domain, "ivrid": ivrid, "nodeid": nodeid,
                     "callid": str(10724 + number), "calling": calling, "called": called, "input": entered,
                     "tag": tag}
            report.cases.append(_ivr_case(session, url, query, timeout, seen))
    used = ", ".join(f"{int(c)} {c.description.lower()}" for c in sorted(seen)) or "none"
    report.notes.append(f"commands the script used: {used}")
    return report


def _ivr_case(session, url: str, query: dict[str, str], timeout: float, seen: set) -> Case:
    name = f"input {query['input']!r}" if query["input"] else "no input (the caller typed nothing)"
    details: list[str] = []
    total = 0.0
    for hop in range(MAX_HOPS):
        status, body, seconds, error = _get(session, url, query, timeout)
        total += seconds
        details.append(f"GET {url}?{'&'.join(f'{k}={v}' for k, v in query.items())} -> "
                       f"{status if status is not None else error} in {seconds * 1000:.0f} ms")
        if status is None:
            return Case(name, False, f"{error}: the PBX would end the call (default action)", total, details)
        if not 200 <= status < 300:
            return Case(name, False, f"HTTP {status}: the PBX would end the call (default action)", total, details)
        try:
            command = parse_reply(body)
        except MalformedReply as exc:
            shown = body[:200].decode("utf-8", "replace").replace("\r", "\\r").replace("\n", "\\n")
            details.append(f"reply: {shown!r}")
            return Case(name, False, f"reply malformed ({exc}): the PBX would end the call (default action)",
                        total, details)
        seen.add(command.code)
        outcome = _ACTIONS[command.code].format_map({k: command.params.get(k, "") for k in
                                                     ("node_key", "recipient_number", "recipient_type",
                                                      "recipient_id")})
        details.append(f"reply: {command.describe()} — {outcome}")
        if command.code is not IvrScriptCommand.RERUN_NODE or hop == MAX_HOPS - 1:
            return Case(name, True, f"{command.describe()}: {outcome}", total, details)
        if command.updates.get("action", 3) != 3:
            return Case(name, True, f"{command.describe()}: the node no longer runs a script", total, details)
        script = command.updates.get("script")
        if script:
            url = urljoin(url, script)
            if urlsplit(url).scheme not in ("http", "https"):
                return Case(name, False, f"script_url {script!r} is not an http(s) URL: the PBX would end "
                            "the call", total, details)
        query = {**query, "tag": str(command.updates.get("tag", query["tag"]))}
    return Case(name, True, "command=4 followed", total, details)


# -- event receivers -------------------------------------------------------------------------

SAMPLES: dict[str, str] = {
    "ext": "35", "domain": "default", "number": "187", "call_id": "3250", "called": "35", "extid": "ccemu-conform",
    "request_id": "15652770917203", "service": "call_request", "error_code": "12", "error": "no terminal available",
    "duration": "42", "message_id": "vm1", "outcome": "1", "calling": "0612345678", "local_id": "2",
    "calling_id": "1", "calling_type": "2", "calling_number": "0612345678", "called_id": "1", "called_type": "0",
    "called_number": "35", "connected_id": "1", "connected_type": "0", "connected_number": "35", "sender_id": "1",
    "sender_type": "0", "recipient_id": "2", "recipient_type": "0", "recipient_local_id": "3",
    "recipient_number": "39", "refer_id": "3251", "progress": "180", "user_id": "1",
}


def sample_event(family: EventFamily, event: Any) -> dict[str, str]:
    """One push of ``event`` with every parameter the PBX sends, in its order."""
    common, extras = ((USER_EVENT_COMMON, USER_EVENT_EXTRAS) if family is EventFamily.USER
                      else (EXTENDED_EVENT_COMMON, EXTENDED_EVENT_EXTRAS))
    params = {"event_type": str(int(family)), "event": str(int(event)), "event_name": event.event_name}
    for param in common[3:] + extras[event]:
        params[param.name] = views.timestamp(time.time()) if param.name == "timestamp" else \
            SAMPLES.get(param.name, "")
    return params


def check_event_receiver(url: str, *, timeout: float = 5.0) -> Report:
    report = Report("voispeed-events", url)
    pushes = [(f"user event {int(e)} {e.event_name}", sample_event(EventFamily.USER, e))
              for e in sorted(SENT_USER_EVENTS)]
    pushes += [(f"extended event {int(e)} {e.event_name}", sample_event(EventFamily.EXTENDED, e))
               for e in sorted(SENT_EXTENDED_EVENTS)]
    first = pushes[0][1]
    pushes.append(("a retried push (the same event again)", dict(first)))
    pushes.append(("a parameter the receiver does not know", {**first, "ccemu_unknown": "1"}))
    with requests.Session() as session:
        session.trust_env = False
        for name, params in pushes:
            status, body, seconds, error = _get(session, url, params, timeout)
            detail = [f"GET {url}?{'&'.join(f'{k}={v}' for k, v in params.items())}"]
            if body:
                detail.append(f"answered: {body[:200].decode('utf-8', 'replace')!r}")
            if status is None:
                report.cases.append(Case(name, False, f"{error}: the PBX would retry, then give up", seconds, detail))
            elif 200 <= status < 300:
                report.cases.append(Case(name, True, f"HTTP {status} in {seconds * 1000:.0f} ms", seconds, detail))
            else:
                report.cases.append(Case(name, False, f"HTTP {status}: the PBX would retry, then give up",
                                         seconds, detail))
    report.notes.append("pushes carry no authentication (field notes); any 2xx is success")
    return report
