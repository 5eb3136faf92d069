"""User services — "set_user_mode" (normal, do not disturb, away, divert) and
"get_user_call_report" (the user's calls, one <call> each)."""
from __future__ import annotations

import pytest

from emulators.voispeed import spec


def _user(default, ext="35"):
    return default.directory.user_by_extension(ext)


# -- set_user_mode ---------------------------------------------------------------------

def test_guide_example_sets_do_not_disturb_although_it_says_call_action(seri, default):
    reply = seri.url("URL?service=call_action&token=567897655&ext=35&mode=2")
    assert reply.outcome == 0 and reply.request_id.isdigit()
    assert _user(default).mode == "dnd"


@pytest.mark.parametrize("mode, engine_mode", [("1", "normal"), ("2", "dnd"), ("3", "away")])
def test_modes_are_numbered_in_the_guides_order(seri, default, mode, engine_mode):
    assert seri.get(service="set_user_mode", token="567897655", ext="35", mode=mode).outcome == 0
    assert _user(default).mode == engine_mode


def test_divert_mode_sends_calls_to_the_number(seri, emu, default):
    assert seri.get(service="set_user_mode", token="567897655", ext="35", mode="4", number="39").outcome == 0
    assert (_user(default).mode, _user(default).divert_number) == ("divert", "39")
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    assert [p.extension for p in call.callees()] == ["39"]


def test_divert_mode_without_number_is_a_missing_parameter(seri, default):
    reply = seri.get(service="set_user_mode", token="567897655", ext="35", mode="4")
    assert (reply.outcome, reply.error) == (1, "missing parameter number")
    assert _user(default).mode == "normal"


@pytest.mark.parametrize("mode", ["0", "5", "dnd", "-1"])
def test_a_mode_outside_1_to_4_is_an_invalid_parameter(seri, mode):
    reply = seri.get(service="set_user_mode", token="567897655", ext="35", mode=mode)
    assert (reply.outcome, reply.error) == (1, "invalid parameter mode")


def test_do_not_disturb_rejects_incoming_calls(seri, emu, default, listen, delivered):
    listen(default, token="567897655")
    seri.get(service="set_user_mode", token="567897655", ext="35", mode="2")
    seri.get(service="call_request", token="567897655", ext="39", number="35")
    received = delivered()
    (rejected_39,) = received.of("call_rejected", ext="39")
    assert rejected_39.params["outcome"] == str(int(spec.CallOutcome.DND))
    assert received.of("incoming_call", ext="35") == []


# -- get_user_call_report ----------------------------------------------------------------

def _hello_world(seri, emu, default, talk=10):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    call = emu.engine.calls("default")[-1]
    default.clock.advance(talk)
    emu.engine.hangup("default", call.user_party(1).id)
    return call


def test_limit_1_with_a_valid_token_and_extension_is_outcome_0(seri):
    reply = seri.get(service="get_user_call_report", token="mio_token", ext="35", limit="1")
    assert reply.outcome == 0
    assert [c.tag for c in reply.xml] == ["outcome"]


def test_each_call_has_the_guides_fields_in_order(seri, emu, default):
    call = _hello_world(seri, emu, default)
    reply = seri.get(service="get_user_call_report", token="mio_token", ext="35")
    assert [c.tag for c in reply.xml] == ["outcome", "call"]
    row = reply.xml.find("call")
    assert tuple(c.tag for c in row) == spec.USER_CALL_REPORT_FIELDS
    values = {c.tag: c.text or "" for c in row}
    assert values["callid"] == call.id and values["direction"] == "out"
    assert values["my_number"] == "35" and values["remote_number"] == "187"
    assert values["duration"] == "10" and values["outcome"] == "1"
    assert values["surname"] == _user(default).surname and values["name"] == _user(default).name
    assert len(values["start_time"]) == 19 and values["answer_time"] > values["start_time"]


def test_newest_calls_come_first_and_limit_offset_page(seri, emu, default):
    ids = [_hello_world(seri, emu, default, talk=t).id for t in (1, 2, 3)]
    page = lambda **q: [c.findtext("callid") for c in seri.get(  # noqa: E731
        service="get_user_call_report", token="mio_token", ext="35", **q).xml.findall("call")]
    assert page() == ids[::-1]
    assert page(limit="1") == [ids[2]]
    assert page(limit="1", offset="1") == [ids[1]]
    assert page(offset="3") == []


def test_filters_by_direction_outcome_and_number(seri, emu, default):
    _hello_world(seri, emu, default)
    missed = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    emu.engine.hangup("default", missed.caller().id)      # the caller gives up
    report = lambda **q: seri.get(service="get_user_call_report", token="mio_token",  # noqa: E731
                                  ext="35", **q).xml.findall("call")
    assert [c.findtext("callid") for c in report(direction="in")] == [missed.id]
    assert [c.findtext("direction") for c in report(direction="out")] == ["out"]
    assert [c.findtext("remote_number") for c in report(number="0612345678")] == ["0612345678"]
    assert [c.findtext("outcome") for c in report(outcome="1")] == ["1"]
    assert len(report(outcome="5")) == 1             # the missed call: "does not answer"


def test_filters_by_start_and_end_time(seri, emu, default):
    _hello_world(seri, emu, default)
    start = seri.get(service="get_user_call_report", token="mio_token", ext="35").xml.findtext("call/start_time")
    report = lambda **q: seri.get(service="get_user_call_report", token="mio_token",  # noqa: E731
                                  ext="35", **q).xml.findall("call")
    assert len(report(start_time=start)) == 1
    assert report(end_time=start) == []
    assert report(start_time="2999-01-01") == []


def test_a_live_call_is_listed_with_outcome_unknown(seri, emu):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    row = seri.get(service="get_user_call_report", token="mio_token", ext="35").xml.find("call")
    assert row.findtext("outcome") == "0" and row.findtext("answer_time") == ""


def test_an_internal_call_names_the_other_user(seri, emu, default):
    seri.get(service="call_request", token="mio_token", ext="35", number="39")
    row = seri.get(service="get_user_call_report", token="mio_token", ext="39").xml.find("call")
    assert row.findtext("direction") == "in" and row.findtext("remote_number") == "35"
    assert row.findtext("remote_surname") == _user(default).surname


@pytest.mark.parametrize("query, error", [
    ({"limit": "0"}, "invalid parameter limit"), ({"limit": "1001"}, "invalid parameter limit"),
    ({"offset": "-1"}, "invalid parameter offset"), ({"direction": "sideways"}, "invalid parameter direction"),
    ({"outcome": "14"}, "invalid parameter outcome"), ({"start_time": "yesterday"}, "invalid parameter start_time"),
])
def test_malformed_filters_are_invalid_parameters(seri, query, error):
    reply = seri.get(service="get_user_call_report", token="mio_token", ext="35", **query)
    assert (reply.outcome, reply.error) == (1, error)
