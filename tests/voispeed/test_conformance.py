"""Partner-side conformance: ``ccemu conform voispeed-ivr`` drives an IVR script the
way the PBX does and ``ccemu conform voispeed-events`` sends every event to a
receiver; both write a JUnit XML and a readable summary."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from click.testing import CliRunner

from emulators.cli import main
from emulators.voispeed.conformance import check_event_receiver, check_ivr_script


def _pin_script(query: dict[str, str]) -> str:
    return "command=1\r\nnode_key=" + ("2" if query["input"] == "123456" else "1")


def test_a_conforming_script_passes_every_input_case(script):
    script.reply = _pin_script
    report = check_ivr_script(script.url)
    assert report.ok and len(report.cases) == 4
    assert [q["input"] for q in script.queries] == ["1", "2", "123456", ""]
    assert list(script.queries[0]) == ["license_id", "domain", "ivrid", "nodeid", "callid", "calling", "called",
                                       "input", "tag"]
    assert "child node with key 2" in report.cases[2].message
    assert "1 transit to the next node" in report.notes[0]


def test_a_script_answering_garbage_fails_with_the_default_action(script):
    script.reply = "<?php return TRUE; ?>"
    report = check_ivr_script(script.url, inputs=["1"])
    (case,) = report.cases
    assert not case.ok and "reply malformed" in case.message and "end the call" in case.message


def test_a_silent_script_fails_as_the_pbx_would_end_the_call(script):
    script.reply = ""
    assert "empty reply" in check_ivr_script(script.url, inputs=["1"]).cases[0].message


def test_a_failing_or_slow_script_fails(script):
    script.status = 500
    assert "HTTP 500" in check_ivr_script(script.url, inputs=["1"]).cases[0].message
    script.status, script.delay = 200, 1.0
    assert "no answer within" in check_ivr_script(script.url, inputs=["1"], timeout=0.2).cases[0].message


def test_command_4_is_followed_with_the_new_tag_and_script_url(script):
    replies = iter(["command=4\r\ntag=5\r\nscript_url=step2.php", "command=0"])
    script.reply = lambda query: next(replies)
    (case,) = check_ivr_script(script.url, inputs=["1"]).cases
    assert case.ok and "ends the call" in case.message
    assert script.queries[1]["tag"] == "5"


def test_every_user_and_extended_event_reaches_a_good_receiver(receiver):
    report = check_event_receiver(receiver.url)
    assert report.ok
    names = [r.event_name for r in receiver.received]
    assert sorted(set(names)) == sorted({
        "cmd_failed", "incoming_call", "outgoing_call", "new_voicemail", "lost_call", "call_answered",
        "call_rejected", "call_disconnect_out", "call_disconnect_in", "call_in", "call_progress", "call_out",
        "call_response", "disconnect_in", "disconnect_out", "call_transfer", "call_divert", "call_terminated",
        "call_held", "call_retrieved"})
    assert "dtmf_out" not in names and "call_transfer" in names
    assert receiver.received[0].names[:4] == ["event_type", "event", "event_name", "ext"]


def test_a_receiver_that_fails_is_reported(receiver):
    receiver.fail_first = 1000
    report = check_event_receiver(receiver.url)
    assert report.failures == len(report.cases) and "HTTP 503" in report.cases[0].message


def test_the_cli_writes_junit_and_a_summary_and_exits_1_on_failure(tmp_path, script):
    script.reply = _pin_script
    runner = CliRunner()
    junit, summary = tmp_path / "ivr.xml", tmp_path / "ivr.txt"
    result = runner.invoke(main, ["conform", "voispeed-ivr", "--url", script.url, "--junit", str(junit),
                                  "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    suite = ET.parse(junit).getroot().find("testsuite")
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == ("voispeed-ivr", "4", "0")
    assert "4 checks, 4 passed, 0 failed" in summary.read_text()
    script.reply = "nonsense"
    result = runner.invoke(main, ["conform", "voispeed-ivr", "--url", script.url, "--input", "1",
                                  "--junit", str(junit), "--summary", str(summary)])
    assert result.exit_code == 1 and "FAIL" in result.output
    assert ET.parse(junit).getroot().find("testsuite/testcase/failure") is not None


def test_the_cli_checks_an_event_receiver(tmp_path, receiver):
    result = CliRunner().invoke(main, ["conform", "voispeed-events", "--url", receiver.url,
                                       "--junit", str(tmp_path / "ev.xml"), "--summary", str(tmp_path / "ev.txt")])
    assert result.exit_code == 0, result.output
    assert ET.parse(tmp_path / "ev.xml").getroot().find("testsuite").get("tests") == "22"
