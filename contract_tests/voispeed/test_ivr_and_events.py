"""The IVR script protocol ("Integration IVR") and the extended (SSN) event pushes,
checked end to end over HTTP against the in-process emulator.

A real PBX cannot be made to call a test's script or place test calls from
here, so these run in-process only; to check your own IVR script or event
receiver the way a PBX would, use ``ccemu conform voispeed-ivr`` and
``ccemu conform voispeed-events``.
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

pytestmark = pytest.mark.contract

GUIDE_QUERY = ["license_id", "domain", "ivrid", "nodeid", "callid", "calling", "called", "input", "tag"]


class Partner:
    """A partner's web server: an IVR script and an event logger; records every query."""

    def __init__(self, reply: str) -> None:
        self.queries: list[list[tuple[str, str]]] = []
        self.reply = reply
        partner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                partner.queries.append(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
                body = partner.reply.encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def emulator(target):
    if not target.in_process:
        pytest.skip("in-process only: check your script with `ccemu conform voispeed-ivr`")
    control = target.url + "/_emulator"
    tenant = requests.post(control + "/tenants", json={}, timeout=10).json()["id"]
    yield control, tenant
    requests.delete(f"{control}/tenants/{tenant}", timeout=10)


@pytest.fixture
def partner():
    p = Partner("command=0")
    yield p
    p.close()


def _script_ivr(control: str, tenant: str, script: str) -> None:
    directory = requests.get(control + "/directory", params={"tenant": tenant}, timeout=10).json()
    ivr = next(i for i in directory["ivrs"] if i["id"] == 9)
    ivr["nodes"][0]["script"] = script
    assert requests.post(control + "/directory/ivrs", json={"tenant": tenant, **ivr}, timeout=10).status_code == 201


def _call_and_press(control: str, tenant: str, digits: str) -> str:
    call = requests.post(control + "/calls", json={"tenant": tenant, "type": "originate", "from": "35",
                                                   "to": "812"}, timeout=10).json()
    pressed = requests.post(f"{control}/calls/{call['id']}/parties/caller/dtmf",
                            json={"tenant": tenant, "digits": digits}, timeout=10)
    assert pressed.status_code == 200, pressed.text
    return call["id"]


def _outcome_of_script(control: str, tenant: str) -> dict:
    """The journal entry saying what the PBX did with the script's reply (waits up to 10 s)."""
    for _ in range(100):
        entries = requests.get(control + "/journal", params={"tenant": tenant, "surface": "voispeed"},
                               timeout=10).json()["entries"]
        notes = [e for e in entries if e["detail"].startswith("IVR script")]
        if notes:
            return notes[-1]
        threading.Event().wait(0.1)
    raise AssertionError("no IVR script outcome in the journal")


def test_an_ivr_node_calls_its_script_with_the_guides_query_string(emulator, partner):
    """Integration IVR: license_id, domain, ivrid, nodeid, callid, calling, called, input, tag."""
    control, tenant = emulator
    _script_ivr(control, tenant, partner.url + "/logger_ivr.php")
    call_id = _call_and_press(control, tenant, "1")
    note = _outcome_of_script(control, tenant)
    (query,) = partner.queries
    assert [k for k, _ in query] == GUIDE_QUERY
    values = dict(query)
    assert (values["ivrid"], values["nodeid"], values["callid"], values["calling"], values["input"],
            values["tag"]) == ("9", "0", call_id, "35", "1", "-1")
    assert note["outcome"] == "ok" and "command=0" in note["detail"]


def test_a_script_without_instructions_gets_the_default_action(emulator, partner):
    """Integration IVR: no or malformed instructions → the default action, end call."""
    control, tenant = emulator
    partner.reply = "TRUE"
    _script_ivr(control, tenant, partner.url + "/logger_ivr.php")
    call_id = _call_and_press(control, tenant, "1")
    note = _outcome_of_script(control, tenant)
    assert note["outcome"] == "error" and "call ended" in note["detail"]
    assert requests.get(f"{control}/calls/{call_id}", params={"tenant": tenant}, timeout=10).json()["state"] == "ended"


def test_extended_events_are_pushed_from_the_pbx_point_of_view(emulator, partner):
    """Extended events: call_in when a call reaches the PBX, call_out when the PBX calls an entity."""
    control, tenant = emulator
    partner.reply = "OK"
    settings = requests.get(f"{control}/surfaces/voispeed/settings", params={"tenant": tenant}, timeout=10).json()
    module = {**settings["modules"][0], "url": partner.url + "/logger.php", "events": [], "ssn_events": [1, 3]}
    put = requests.put(f"{control}/surfaces/voispeed/settings", params={"tenant": tenant},
                       json={"modules": [module]}, timeout=10)
    assert put.status_code == 200, put.text
    requests.post(control + "/calls", json={"tenant": tenant, "type": "inbound", "from": "0612345678", "to": "35"},
                  timeout=10)
    for _ in range(100):
        if len(partner.queries) >= 2:
            break
        threading.Event().wait(0.05)
    names = [dict(q)["event_name"] for q in partner.queries]
    assert names == ["call_in", "call_out"]
    assert all(dict(q)["event_type"] == "1" for q in partner.queries)
