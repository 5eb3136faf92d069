"""Integration IVR: a node whose action is "run external script" calls the script
with the guide's query string and obeys its reply; anything but a well-formed
instruction ends the call (the default action), and the journal says why."""
from __future__ import annotations

import threading

import pytest

from emulators.voispeed import SURFACE
from emulators.voispeed.ivr_script import MAX_RUNS_PER_CALL, MalformedReply, parse_reply
from emulators.voispeed.tables import IvrScriptCommand

TEST_IVR = 9            # "Test Integration IVR", root node 0, routed at 812


@pytest.fixture
def ivr(default, script):
    """The guide's "Test Integration IVR", its root node following the local script."""
    node = default.directory.ivrs[TEST_IVR].node(0)
    node.script = script.url
    return node


def _call_from_35(emu, digits: str = "1"):
    """Extension 35 calls the IVR and presses ``digits``; waits for the script's reply to be applied."""
    call = emu.engine.originate("default", from_extension="35", to_number="812")
    if digits:
        emu.engine.dtmf("default", call.caller().id, digits)
    assert emu.delivery.flush(10)
    return call


def _journal_notes(emu) -> list:
    return [e for e in emu.journal.query(surface="voispeed", direction="out") if e.detail.startswith("IVR script")]


def test_the_script_gets_the_guides_query_string_in_its_order(emu, ivr, script):
    script.reply = "command=0"
    call = _call_from_35(emu, "1")
    assert [pair.split("=")[0] for pair in script.raw[0].split("&")] == [
        "license_id", "domain", "ivrid", "nodeid", "callid", "calling", "called", "input", "tag"]
    assert script.queries[0] == {"license_id": "MP3026487718", "domain": "default", "ivrid": "9", "nodeid": "0",
                                 "callid": call.id, "calling": "35", "called": "812", "input": "1", "tag": "-1"}


def test_a_node_tag_is_sent_as_tag(emu, ivr, script):
    ivr.tag = "campaign-7"
    _call_from_35(emu)
    assert script.queries[0]["tag"] == "campaign-7"


def test_a_logger_that_returns_no_instructions_ends_the_call_after_the_input(emu, ivr, script):
    script.reply = ""                    # the guide's logger_ivr.php "returns TRUE and no instructions"
    call = _call_from_35(emu)
    assert call.ended
    (note,) = _journal_notes(emu)
    assert note.outcome == "error" and "empty reply" in note.detail and "call ended" in note.detail
    assert note.params["callid"] == call.id and note.target == script.url


def test_command_0_ends_the_call(emu, ivr, script):
    script.reply = "command=0"
    assert _call_from_35(emu).ended
    assert _journal_notes(emu)[-1].outcome == "ok"


@pytest.fixture
def menu(default, ivr):
    """Children of the root: key 1 plays a looping message, key 2 calls extension 39."""
    directory = default.directory
    directory.ivrs[TEST_IVR].nodes += [
        type(ivr)(id=1, parent_id=0, key="1", name="One", action=0, audio_loop=True),
        type(ivr)(id=2, parent_id=0, key="2", name="Two", action=2, called_number="39"),
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_command_1_transits_to_the_child_with_node_key_crlf_or_lf(emu, menu, script, newline):
    script.reply = f"command=1{newline}node_key=2"
    call = _call_from_35(emu)
    assert [p.extension for p in call.parties if p.state.value == "ringing"] == ["39"]


def test_command_1_without_such_a_child_stays_at_the_node(emu, menu, script, default):
    script.reply = "command=1\r\nnode_key=7"
    call = _call_from_35(emu)
    default.clock.advance(300)
    assert not call.ended and call.ivr_node_id == 0
    assert "stays at the node" in _journal_notes(emu)[-1].detail


def test_command_2_transfers_to_the_number_through_routing(emu, ivr, script):
    script.reply = "command=2\r\nrecipient_number=39"
    call = _call_from_35(emu)
    assert call.ivr_id is None
    assert [p.extension for p in call.parties if p.state.value == "ringing"] == ["39"]


def test_command_2_to_an_outside_number_goes_out_through_a_gateway(emu, ivr, script):
    script.reply = "command=2\r\nrecipient_number=385"
    call = _call_from_35(emu)
    (outside,) = [p for p in call.parties if p.kind == "external"]
    assert outside.number == "385" and outside.entity_id is not None


def test_command_3_transfers_to_the_entity_with_the_number_called(emu, ivr, script):
    script.reply = "command=3\r\nrecipient_number=073333655434\r\nrecipient_id=5\r\nrecipient_type=1"
    call = _call_from_35(emu)
    assert call.ring_group_id == 5 and call.dialled == "073333655434"
    assert sorted(p.extension for p in call.parties if p.state.value == "ringing") == ["43", "44"]


def test_command_4_updates_the_node_and_runs_it_again(emu, default, ivr, script):
    replies = iter(["command=4\r\naudio_message=new_messagge\r\naudio_loop=0\r\ninput_length=6\r\n"
                    "input_timeout=30\r\nnode_action=3\r\nscript_url='new_url'\r\ntag=5", "command=0"])
    script.reply = lambda query: next(replies)
    call = _call_from_35(emu, "1")
    emu.engine.dtmf("default", call.caller().id, "12345")
    assert not script.queries[1:]                      # six digits now
    emu.engine.dtmf("default", call.caller().id, "6")
    assert emu.delivery.flush(10)
    assert script.raw[1] and script.queries[1]["input"] == "123456" and script.queries[1]["tag"] == "5"
    assert call.ended
    notes = _journal_notes(emu)
    assert notes[0].detail.startswith("IVR script command=4") and notes[1].target == script.base + "/new_url"
    assert default.directory.ivrs[TEST_IVR].node(0).input_length == 1      # the configuration is untouched


@pytest.mark.parametrize("reply", [
    "<html><body>Internal error</body></html>", "command=9", "command=abc", "command=1", "command=1\nnode_key=",
    "command=2", "command=3\nrecipient_id=5", "command=3\nrecipient_id=5\nrecipient_type=4",
    "command=0\ncommand=1", "node_key=2", "command=4\ninput_length=many", "TRUE",
])
def test_a_malformed_reply_ends_the_call_and_says_so_in_the_journal(emu, ivr, script, reply):
    script.reply = reply
    call = _call_from_35(emu)
    assert call.ended
    note = _journal_notes(emu)[-1]
    assert note.outcome == "error" and "reply malformed" in note.detail


def test_a_failing_script_ends_the_call(emu, ivr, script):
    script.status, script.reply = 500, "command=1\r\nnode_key=2"
    call = _call_from_35(emu)
    assert call.ended and "answered HTTP 500" in _journal_notes(emu)[-1].detail


def test_a_slow_script_ends_the_call(emu, default, ivr, script):
    SURFACE.put_settings(emu, default, {**SURFACE.get_settings(emu, default), "ivr": {"script_timeout": 0.2}})
    script.delay, script.reply = 1.0, "command=1\r\nnode_key=2"
    call = _call_from_35(emu)
    assert call.ended and "did not answer in time" in _journal_notes(emu)[-1].detail


def test_a_script_that_cannot_be_reached_ends_the_call(emu, ivr):
    ivr.script = "http://127.0.0.1:9/logger_ivr.php"
    assert _call_from_35(emu).ended


def test_a_node_without_a_script_url_ends_the_call(emu, ivr):
    ivr.script = "logger_ivr.php"
    call = _call_from_35(emu)
    assert call.ended and "no http(s) script URL" in _journal_notes(emu)[-1].detail


def test_an_injected_fault_on_the_script_url_ends_the_call(app, emu, ivr, script):
    app.test_client().post("/_emulator/faults", json={"surface": "voispeed", "direction": "out",
                                                      "target": "logger_ivr", "action": "error", "status": 502})
    script.reply = "command=1\r\nnode_key=2"
    assert _call_from_35(emu).ended


def test_the_engine_is_not_held_while_the_script_thinks(seri, emu, ivr, script):
    gate = threading.Event()
    script.reply = lambda query: "command=0" if gate.wait(10) else ""
    call = emu.engine.originate("default", from_extension="35", to_number="812")
    emu.engine.dtmf("default", call.caller().id, "1")
    other = seri.get(service="call_request", token="mio_token", ext="39", number="187")   # needs the tenant lock
    assert other.outcome == 0 and not call.ended
    gate.set()
    assert emu.delivery.flush(10) and call.ended


def test_a_reply_after_the_caller_hung_up_is_ignored(emu, ivr, script):
    gate = threading.Event()
    script.reply = lambda query: "command=2\r\nrecipient_number=39" if gate.wait(10) else ""
    call = emu.engine.originate("default", from_extension="35", to_number="812")
    emu.engine.dtmf("default", call.caller().id, "1")
    emu.engine.hangup("default", call.caller().id)
    gate.set()
    assert emu.delivery.flush(10)
    assert not [p for p in call.parties if p.extension == "39"]
    assert "ignored" in _journal_notes(emu)[-1].detail


def test_a_script_that_keeps_rerunning_a_node_without_input_is_stopped(emu, ivr, script):
    script.reply = "command=4\r\ninput_type=0"
    call = _call_from_35(emu)
    assert call.ended and len(script.queries) == MAX_RUNS_PER_CALL
    assert any("scripts on one call" in note.detail for note in _journal_notes(emu))


# -- input per the node's input type (Table 11) ------------------------------------------

def test_no_input_expected_calls_the_script_at_once(emu, ivr, script):
    ivr.input_type = 0
    _call_from_35(emu, digits="")
    assert script.queries[0]["input"] == ""


def test_character_terminated_input_ends_at_the_terminator(emu, ivr, script):
    ivr.input_type, ivr.input_terminator = 2, "#"
    _call_from_35(emu, "4711#")
    assert script.queries[0]["input"] == "4711"


def test_input_with_timeout_from_the_last_digit(emu, default, ivr, script):
    ivr.input_type, ivr.input_timeout = 3, 4
    call = emu.engine.originate("default", from_extension="35", to_number="812")
    emu.engine.dtmf("default", call.caller().id, "12")
    default.clock.advance(3)
    emu.engine.dtmf("default", call.caller().id, "3")
    default.clock.advance(4)
    assert emu.delivery.flush(10)
    assert script.queries[0]["input"] == "123"


def test_caller_digits_from_a_scenario_reach_the_script(app, emu, ivr, script):
    scenario = {"clock": "virtual", "steps": [{"originate": {"from": "35", "to": "812"}, "as": "c"},
                                              {"dtmf": {"call": "c", "party": "caller", "digits": "7"}}]}
    result = app.test_client().post("/_emulator/scenarios/run", json={"scenario": scenario}).json
    assert result["ok"], result
    assert emu.delivery.flush(10)
    assert script.queries[0]["input"] == "7"


# -- the reply's syntax -----------------------------------------------------------------

@pytest.mark.parametrize("body, code, params", [
    (b"command=0", IvrScriptCommand.END_CALL, {}),
    (b"command=1\r\nnode_key=2", IvrScriptCommand.NEXT_NODE, {"node_key": "2"}),
    (b"\xef\xbb\xbf command=2 \n recipient_number=385 \n\n", IvrScriptCommand.TRANSFER_TO_NUMBER,
     {"recipient_number": "385"}),
    (b"command=3\rrecipient_id=5\rrecipient_type=1", IvrScriptCommand.TRANSFER_TO_ENTITY,
     {"recipient_id": "5", "recipient_type": "1"}),
    (b"command=4\nscript_url='new_url'\nfuture_option=x", IvrScriptCommand.RERUN_NODE, {"script_url": "new_url"}),
])
def test_replies_parse_with_either_line_ending(body, code, params):
    command = parse_reply(body)
    assert command.code is code
    assert {k: v for k, v in command.params.items() if k in params} == params


def test_command_4_properties_become_node_fields():
    command = parse_reply(b"command=4\naudio_message=m\naudio_loop=1\ninput_length=6\ninput_timeout=10\n"
                          b"node_action=3\nscript_url=u\ntag=5\nterm_char=#\nwaiting_input_time=20")
    assert command.updates == {"message": "m", "audio_loop": True, "input_length": 6, "input_timeout": 10.0,
                               "action": 3, "script": "u", "tag": "5", "input_terminator": "#",
                               "waiting_time": 20.0}


@pytest.mark.parametrize("body", [b"", b"\r\n\r\n", b"hello", b"command=5", b"command=4\naudio_loop=2"])
def test_what_is_not_an_instruction_is_malformed(body):
    with pytest.raises(MalformedReply):
        parse_reply(body)
