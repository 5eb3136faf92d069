"""The guide's two worked examples, step by step as written: "Example: Predictive
dialer" (extended services and SSN events) and "Example: PIN control on entry"
(an IVR script)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

SERI_URL = "/PBX/seri_endpoint.php"


def _xml(reply) -> ET.Element:
    assert reply.outcome == 0, reply.text
    return reply.xml


def _fill(template: str, **values: str) -> str:
    """A URL of the guide with its placeholders replaced (the guide breaks it over lines)."""
    url = "".join(line.strip() for line in template.strip().splitlines())
    for name, value in values.items():
        url = url.replace(name, value)
    return url


# --------------------------------------------------------------------------
# Example: Predictive dialer
# --------------------------------------------------------------------------

STEP_8 = """
SERI_URL?service=call_request_ext&token=MY_TOKEN
&calling_id=ID_GATEWAY&calling_type=2
&calling_number=number_EXTERNAL
&called_id=ID_IVR_reception
&called_type=3
&called_number=YOUR_number_COMPANY
&extid=YOUR_CALL_IDENTIFIER
"""
STEP_9 = """
SERI_URL?service=call_request_ext&token=MY_TOKEN
&calling_id=ID_OPERATOR&calling_type=0
&calling_number=number_EXTERNAL
&called_id=ID_IVR_WAIT_OPERATOR
&called_type=3
&called_number=extension_OPERATOR
&extid=YOUR_CALL_ID
&auto_answer=1
"""
STEP_10 = """
SERI_URL?service=call_transfer_ext&token=MY_TOKEN
&replace_com_id=ID_COM_1
&replace_type=IVR_TYPE
&replace_id=IVR_ID
&replace_local_id=IVR_CALL_ID
&recipient_com_id=ID_COM_2
&recipient_type=USER_TYPE
&recipient_id=OPERATOR_ID
&recipient_call_id=OPERATOR_CALL_ID
"""


@pytest.fixture
def dialer(emu, default, listen):
    """Step 1 - Enable extended commands and events (SSN) on the module MY_TOKEN."""
    from emulators.voispeed import SURFACE
    modules = SURFACE.get_settings(emu, default)["modules"]
    SURFACE.put_settings(emu, default, {"modules": modules + [{"name": "Predictive dialer", "token": "MY_TOKEN"}]})
    listen(default, token="MY_TOKEN", events=[], ssn_events=[1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12])
    return "MY_TOKEN"


def test_predictive_dialer_connects_the_external_number_with_the_operator(seri, emu, default, dialer, delivered):
    # Steps 2 and 3 - the IVRs "Reception" and "Hold-operator" are configured
    ivrs = {i.findtext("name"): i.findtext("id") for i in _xml(seri.url(
        f"URL?service=get_entities&entity_type=3&token={dialer}")).iter("ivr")}
    reception, hold_operator = ivrs["Reception"], ivrs["Hold-operator"]

    # Step 4 - a gateway with free lines
    gateways = _xml(seri.url(f"SERI_URL?service=get_entities&entity_type=2&token={dialer}")).iter("gateway")
    free = [g for g in gateways if int(g.findtext("lines")) - int(g.findtext("busy_lines")) > 0
            and g.findtext("link_status") == "2"]
    gateway = free[0].findtext("id")

    # Step 5 - the number to call; Step 6 - an available user (av_status=2)
    external = "0612345678"
    users = _xml(seri.url(f"SERI_URL?service=get_entities&entity_type=0&token={dialer}")).iter("user")
    operator = next(u for u in users if u.findtext("av_status") == "2")
    operator_id, operator_ext = operator.findtext("id"), operator.findtext("extension")

    # Step 8 - the call to the external number, connected to the IVR "Reception"
    step8 = seri.url(_fill(STEP_8, MY_TOKEN=dialer, ID_GATEWAY=gateway, number_EXTERNAL=external,
                           ID_IVR_reception=reception, YOUR_number_COMPANY="0733123456",
                           YOUR_CALL_IDENTIFIER="lead-1"))
    assert step8.outcome == 0 and step8.request_id
    # Step 9 - the call to the operator, connected to the IVR "Hold-operator", auto answer
    step9 = seri.url(_fill(STEP_9, MY_TOKEN=dialer, ID_OPERATOR=operator_id, number_EXTERNAL=external,
                           ID_IVR_WAIT_OPERATOR=hold_operator, extension_OPERATOR=operator_ext,
                           YOUR_CALL_ID="operator-1"))
    assert step9.outcome == 0
    default.clock.advance(2)                        # the external number accepts the call

    # the logger: the SSN events of the two communications, told apart by extid
    logger = [r.params for r in delivered().received]
    com_1 = [e for e in logger if e["extid"] == "lead-1"]
    com_2 = [e for e in logger if e["extid"] == "operator-1"]
    assert [e["event_name"] for e in com_1] == ["call_out", "call_progress", "call_response", "call_out",
                                                "call_response"]
    assert [e["event_name"] for e in com_2] == ["call_out", "call_progress", "call_response", "call_out",
                                                "call_response"]
    assert all(e["outcome"] == "1" for e in com_1 + com_2 if e["event_name"] == "call_response")

    # Step 10 - note ID_COM_1, the IVR's id and call id, ID_COM_2, the operator's id and call id
    ivr_answer = next(e for e in com_1 if e["event_name"] == "call_response" and e["sender_type"] == "3")
    operator_answer = next(e for e in com_2 if e["event_name"] == "call_response" and e["sender_type"] == "0")
    step10 = seri.url(_fill(
        STEP_10, MY_TOKEN=dialer, ID_COM_1=ivr_answer["call_id"], IVR_TYPE="3", IVR_ID=ivr_answer["sender_id"],
        IVR_CALL_ID=ivr_answer["local_id"], ID_COM_2=operator_answer["call_id"], USER_TYPE="0",
        OPERATOR_ID=operator_answer["sender_id"], OPERATOR_CALL_ID=operator_answer["local_id"]))
    assert step10.outcome == 0, step10.text

    # "the external number is connected with the operator in the COM_1 communication
    #  and the COM_2 communication is ended"
    (live,) = _xml(seri.url(f"SERI_URL?service=get_current_calls&token={dialer}")).iter("call")
    assert live.findtext("id") == ivr_answer["call_id"]
    assert (live.findtext("calling_type"), live.findtext("calling_number")) == ("2", external)
    assert (live.findtext("connected_type"), live.findtext("connected_id")) == ("0", operator_id)
    assert emu.engine.call("default", operator_answer["call_id"]).ended
    after = [r.params for r in delivered().received][len(logger):]
    assert ("call_transfer", ivr_answer["call_id"]) in [(e["event_name"], e["call_id"]) for e in after]
    assert ("call_terminated", operator_answer["call_id"]) in [(e["event_name"], e["call_id"]) for e in after]
    transfer = next(e for e in after if e["event_name"] == "call_transfer")
    assert transfer["refer_id"] == operator_answer["call_id"]
    assert (transfer["recipient_type"], transfer["recipient_id"]) == ("0", operator_id)


# --------------------------------------------------------------------------
# Example: PIN control on entry
# --------------------------------------------------------------------------

def script_support(query: dict[str, str]) -> str:
    """Step 4 - the guide's script_support.php: the only valid PIN is 123456."""
    tmp_cmd = "command=1" + "\r\n"
    tmp_key = "node_key=2" if query.get("input") == "123456" else "node_key=1"
    return tmp_cmd + tmp_key


@pytest.fixture
def support(seri, default, script):
    """Steps 1-3: Group_support, the IVR_Support tree and the routing of support_number;
    the root node follows script_support.php."""
    script.reply = script_support
    groups = {g.findtext("name"): g for g in _xml(seri.url("URL?service=get_entities&entity_type=1&token=mio_token"))
              .iter("group")}
    ivr = next(i for i in _xml(seri.url("URL?service=get_entities&entity_type=3&token=mio_token")).iter("ivr")
               if i.findtext("name") == "IVR_Support")
    nodes = {n.findtext("description"): n for n in ivr.iter("node")}
    assert (nodes["PIN_ERROR"].findtext("select_key"), nodes["PIN_OK"].findtext("select_key")) == ("1", "2")
    assert nodes["Root_support"].findtext("action") == "3"
    assert nodes["PIN_OK"].findtext("called_id") == groups["Group_support"].findtext("id")
    root = default.directory.ivrs[int(ivr.findtext("id"))].node(int(nodes["Root_support"].findtext("node_id")))
    root.script = script.base + "/script_support.php"
    members = [u.findtext("extension") for u in groups["Group_support"].iter("user")]
    return default.directory.ivrs[int(ivr.findtext("id"))].number, members


@pytest.fixture
def nodes(emu) -> dict[str, list[int]]:
    """The IVR nodes each call went through (call id -> node ids), from the engine's events."""
    seen: dict[str, list[int]] = {}
    emu.bus.subscribe(lambda e: seen.setdefault(e["call"]["id"], []).append(e["node_id"]), kinds={"ivr.node"})
    return seen


def _call_and_type(app, emu, number: str, digits: str) -> str:
    """A third party calls support_number and types the PIN (control plane: call, then DTMF)."""
    client = app.test_client()
    call = client.post("/_emulator/calls", json={"type": "inbound", "from": "0612340000", "to": number}).json
    typed = client.post(f"/_emulator/calls/{call['id']}/parties/caller/dtmf", json={"digits": digits})
    assert typed.status_code == 200, typed.json
    assert emu.delivery.flush(10)
    return call["id"]


def test_pin_check_the_right_pin_reaches_group_support(app, emu, support, script, nodes):
    support_number, members = support
    call_id = _call_and_type(app, emu, support_number, "123456")
    (query,) = script.queries
    assert query["input"] == "123456" and query["callid"] == call_id
    assert nodes[call_id] == [40, 42]                      # Root_support, then PIN_OK
    call = emu.engine.call("default", call_id)
    assert sorted(p.extension for p in call.parties if p.state.value == "ringing") == sorted(members)


def test_pin_check_a_wrong_pin_reaches_the_default_user(app, emu, support, script, nodes):
    support_number, _ = support
    call_id = _call_and_type(app, emu, support_number, "654321")
    assert script.queries[0]["input"] == "654321"
    assert nodes[call_id] == [40, 41]                      # Root_support, then PIN_ERROR
    call = emu.engine.call("default", call_id)
    assert [p.extension for p in call.parties if p.state.value == "ringing"] == ["45"]
