"""Extended call management — call_request_ext, call_transfer_ext, call_divert_ext,
call_recording_ext, call_terminate — and the communications they leave in
get_current_calls and get_call_report; bad coordinates and wrong states get
the vendor's errors at once, with nothing changed."""
from __future__ import annotations

import pytest

from emulators.voispeed import spec


def _ext(seri, service: str, **params):
    return seri.get(service=service, token="mio_token", **params)


def _connect(seri, emu, calling=("1", "0"), called=("3", "3"), **extra):
    """call_request_ext and the new communication."""
    before = {c.id for c in emu.engine.calls("default") + emu.engine.history("default")}
    reply = _ext(seri, "call_request_ext", calling_id=calling[0], calling_type=calling[1],
                 called_id=called[0], called_type=called[1], **extra)
    assert reply.outcome == 0, reply.text
    (call,) = [c for c in emu.engine.calls("default") + emu.engine.history("default") if c.id not in before]
    return reply, call


def test_call_request_ext_rings_the_calling_entity_first_then_connects_the_called(seri, emu):
    _, call = _connect(seri, emu, calling=("1", "0"), called=("2", "0"))
    first = call.caller()
    assert first.extension == "35" and first.state.value == "ringing" and not call.callees()
    emu.engine.answer("default", first.id)
    (second,) = call.callees()
    assert second.extension == "39" and second.state.value == "ringing"


def test_auto_answer_1_makes_the_calling_user_answer_by_itself(seri, emu):
    _, call = _connect(seri, emu, calling=("1", "0"), called=("3", "3"), auto_answer="1")
    assert call.state.value == "connected" and call.ivr_id == 3


def test_auto_answer_2_makes_the_called_user_answer_by_itself(seri, emu, default):
    _, call = _connect(seri, emu, calling=("1", "2"), called=("2", "0"), calling_number="0612345678",
                       auto_answer="2")
    default.clock.advance(2)
    assert call.state.value == "connected" and call.user_party(2).state.value == "talking"


def test_a_gateway_calling_entity_dials_calling_number_on_that_gateway(seri, emu, default):
    _, call = _connect(seri, emu, calling=("2", "2"), called=("1", "1"), calling_number="0612345678",
                       called_number="0733123456", extid="x-1")
    assert (call.caller().number, call.gateway_id, call.extid) == ("0612345678", 2, "x-1")
    default.clock.advance(2)
    assert sorted(p.extension for p in call.callees()) == ["39", "40", "41"]


def test_a_calling_entity_that_never_answers_ends_with_a_calling_side_outcome(seri, emu, default):
    _, call = _connect(seri, emu, calling=("1", "0"), called=("3", "3"))
    default.clock.advance(30)
    assert call.ended
    (row,) = _ext(seri, "get_call_report").xml.findall("call")
    assert row.findtext("outcome") == str(int(spec.CallOutcome.CALLING_NO_ANSWER))


@pytest.mark.parametrize("query, text", [
    ({"calling_id": "1", "calling_type": "3", "called_id": "2", "called_type": "0"}, "invalid parameter calling_type"),
    ({"calling_id": "1", "calling_type": "0", "called_id": "1", "called_type": "13"}, "invalid parameter called_type"),
    ({"calling_id": "99", "calling_type": "0", "called_id": "2", "called_type": "0"}, "entity not found"),
    ({"calling_id": "1", "calling_type": "0", "called_id": "99", "called_type": "3"}, "entity not found"),
    ({"calling_id": "1", "calling_type": "2", "called_id": "2", "called_type": "0"}, "missing parameter calling_number"),
    ({"calling_id": "1", "calling_type": "0", "called_id": "1", "called_type": "2"}, "missing parameter called_number"),
    ({"calling_id": "1", "calling_type": "5", "called_id": "2", "called_type": "0"}, "invalid parameter calling_type"),
    ({"calling_id": "1", "calling_type": "0", "called_id": "2"}, "missing parameter called_type"),
    ({"calling_id": "1", "calling_type": "0", "called_id": "2", "called_type": "0", "auto_answer": "3"},
     "invalid parameter auto_answer"),
])
def test_call_request_ext_bad_coordinates_are_refused_and_nothing_rings(seri, emu, query, text):
    reply = _ext(seri, "call_request_ext", **query)
    assert (reply.outcome, reply.error) == (1, text)
    assert emu.engine.calls("default") == [] and emu.engine.history("default") == []


# -- call_transfer_ext --------------------------------------------------------------------

def _parked(seri, emu, default):
    """An outside number on IVR Reception (COM_1) and extension 39 on Hold-operator (COM_2)."""
    _, com_1 = _connect(seri, emu, calling=("1", "2"), called=("3", "3"), calling_number="0612345678")
    _, com_2 = _connect(seri, emu, calling=("2", "0"), called=("4", "3"), auto_answer="1")
    default.clock.advance(2)
    ivr = next(p for p in com_1.parties if p.kind == "ivr")
    return com_1, com_2, ivr, com_2.caller()


def _transfer(seri, com_1, com_2, ivr, operator, **changes):
    params = dict(replace_com_id=com_1.id, replace_type="3", replace_id="3", replace_local_id=ivr.id[1:],
                  recipient_com_id=com_2.id, recipient_type="0", recipient_id="2", recipient_call_id=operator.id[1:])
    params.update(changes)
    return _ext(seri, "call_transfer_ext", **params)


def test_call_transfer_ext_replaces_the_entity_and_ends_the_other_communication(seri, emu, default):
    com_1, com_2, ivr, operator = _parked(seri, emu, default)
    reply = _transfer(seri, com_1, com_2, ivr, operator)
    assert reply.outcome == 0 and reply.request_id
    assert com_2.ended and operator in com_1.live_parties() and ivr.state.value == "released"


@pytest.mark.parametrize("changes, text", [
    ({"replace_com_id": "1"}, "connection not found"),
    ({"recipient_com_id": "1"}, "connection not found"),
    ({"replace_id": "4"}, "entity not found"),
    ({"replace_local_id": "999"}, "entity not found"),
    ({"recipient_type": "2"}, "entity not found"),
    ({"recipient_type": "4"}, "invalid parameter recipient_type"),
    ({"recipient_call_id": "x"}, "invalid parameter recipient_call_id"),
])
def test_call_transfer_ext_bad_coordinates_change_nothing(seri, emu, default, changes, text):
    com_1, com_2, ivr, operator = _parked(seri, emu, default)
    reply = _transfer(seri, com_1, com_2, ivr, operator, **changes)
    assert (reply.outcome, reply.error) == (1, text)
    assert not com_1.ended and not com_2.ended and ivr.state.value == "talking"


def test_call_transfer_ext_between_communications_not_yet_connected_is_not_allowed(seri, emu, default):
    _, com_1 = _connect(seri, emu, calling=("1", "2"), called=("3", "3"), calling_number="0612345678")
    _, com_2 = _connect(seri, emu, calling=("2", "0"), called=("4", "3"))          # 39 still ringing
    reply = _ext(seri, "call_transfer_ext", replace_com_id=com_1.id, replace_type="2", replace_id="1",
                 replace_local_id=com_1.caller().id[1:], recipient_com_id=com_2.id, recipient_type="0",
                 recipient_id="2", recipient_call_id=com_2.caller().id[1:])
    assert (reply.outcome, reply.error) == (1, "action not allowed in current call state")
    assert not com_1.ended and not com_2.ended


def test_call_transfer_ext_within_one_communication_is_not_allowed(seri, emu, default):
    com_1, _, ivr, _ = _parked(seri, emu, default)
    reply = _ext(seri, "call_transfer_ext", replace_com_id=com_1.id, replace_type="3", replace_id="3",
                 replace_local_id=ivr.id[1:], recipient_com_id=com_1.id, recipient_type="2", recipient_id="1",
                 recipient_call_id=com_1.caller().id[1:])
    assert reply.error == "action not allowed in current call state"


# -- divert, recording, terminate -------------------------------------------------------

def test_call_divert_ext_replaces_the_called_entity_with_a_third(seri, emu):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    leg = call.user_party(1)
    emu.engine.answer("default", leg.id)
    reply = _ext(seri, "call_divert_ext", call_id=call.id, replace_type="0", replace_id="1",
                 replace_local_id=leg.id[1:], recipient_type="0", recipient_id="2")
    assert reply.outcome == 0
    assert leg.state.value == "released" and call.user_party(2).state.value == "ringing"


def test_call_divert_ext_of_the_calling_entity_is_not_allowed(seri, emu):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    reply = _ext(seri, "call_divert_ext", call_id=call.id, replace_type="2", replace_id=str(call.gateway_id),
                 replace_local_id=call.caller().id[1:], recipient_type="0", recipient_id="2")
    assert reply.error == "action not allowed in current call state" and not call.ended


def test_call_recording_ext_starts_and_stops_recording(seri, emu, default):
    _, call = _connect(seri, emu, called=("3", "3"), auto_answer="1")
    assert _ext(seri, "call_recording_ext", call_id=call.id).outcome == 0 and call.recording
    assert _ext(seri, "call_recording_ext", call_id=call.id, recording="1").outcome == 0 and call.recording
    assert _ext(seri, "call_recording_ext", call_id=call.id, recording="0").outcome == 0 and not call.recording
    assert _ext(seri, "get_current_calls").xml.findtext("call/recording") == "0"


def test_call_recording_ext_of_a_call_not_connected_is_not_allowed(seri, emu):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    assert _ext(seri, "call_recording_ext", call_id=call.id).error == "action not allowed in current call state"


def test_call_terminate_ends_the_communication(seri, emu, default):
    _, call = _connect(seri, emu, called=("3", "3"), auto_answer="1")
    assert _ext(seri, "call_terminate", call_id=call.id).outcome == 0 and call.ended
    assert _ext(seri, "call_terminate", call_id=call.id).error == "connection not found"


# -- get_current_calls and get_call_report ---------------------------------------------------

def test_get_current_calls_lists_live_communications_with_identities(seri, emu):
    _connect(seri, emu, calling=("1", "0"), called=("3", "3"), auto_answer="1", extid="e-1")
    (call,) = _ext(seri, "get_current_calls").xml.findall("call")
    assert [c.tag for c in call] == list(spec.CURRENT_CALL_FIELDS)
    assert (call.findtext("calling_desc"), call.findtext("called_desc")) == (
        emu.tenants.get("default").directory.users[1].full_name, "Reception")
    assert call.findtext("external_id") == "e-1" and call.findtext("connected_type") == "3"
    assert _ext(seri, "get_current_calls", entity_type="3", entity_id="4").xml.findall("call") == []


def _history(seri, emu, default):
    """Three ended calls: 35→187 answered, outside→39 unanswered, an IVR call with extid."""
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    default.clock.advance(10)
    emu.engine.hangup("default", emu.engine.calls("default")[0].user_party(1).id)
    emu.engine.inbound("default", from_number="0612345678", to_number="39")
    default.clock.advance(30)
    _, call = _connect(seri, emu, called=("4", "3"), auto_answer="1", extid="dialer-7")
    default.clock.advance(5)
    emu.engine.end_call("default", call.id)


def test_get_call_report_lists_ended_communications_newest_first(seri, emu, default):
    _history(seri, emu, default)
    calls = _ext(seri, "get_call_report").xml.findall("call")
    assert [c.tag for c in calls[0]] == list(spec.CALL_REPORT_FIELDS)
    assert [c.findtext("outcome") for c in calls] == ["1", "5", "1"]
    answered = calls[2]
    assert (answered.findtext("calling_type"), answered.findtext("calling_id")) == ("0", "1")
    assert (answered.findtext("called_type"), answered.findtext("called_number")) == ("2", "187")
    assert (answered.findtext("talk_time"), answered.findtext("gateway_out"), answered.findtext("internal")) == \
        ("10", "1", "0")
    assert calls[0].findtext("ivr_time") == "5" and calls[0].findtext("external_id") == "dialer-7"


@pytest.mark.parametrize("query, count", [
    ({"outcome": "5"}, 1), ({"number": "187"}, 1), ({"entity_type": "0", "entity_id": "2"}, 1),
    ({"entity_type": "3"}, 1), ({"extid": "dialer-7"}, 1), ({"limit": "2"}, 2), ({"offset": "2"}, 1),
    ({"start_time": "2999-01-01"}, 0), ({"end_time": "2000-01-01"}, 0),
])
def test_get_call_report_filters(seri, emu, default, query, count):
    _history(seri, emu, default)
    assert len(_ext(seri, "get_call_report", **query).xml.findall("call")) == count


@pytest.mark.parametrize("query, text", [
    ({"entity_id": "1"}, "missing parameter entity_type"), ({"outcome": "77"}, "invalid parameter outcome"),
    ({"limit": "0"}, "invalid parameter limit"), ({"start_time": "yesterday"}, "invalid parameter start_time"),
])
def test_get_call_report_bad_filters_get_the_vendors_error(seri, query, text):
    reply = _ext(seri, "get_call_report", **query)
    assert (reply.outcome, reply.error) == (1, text)


def test_a_module_without_the_extended_interface_gets_service_not_enabled(seri, emu, default):
    from emulators.voispeed import SURFACE
    SURFACE.put_settings(emu, default, {"modules": [{"token": "mio_token", "extended": False}]})
    assert _ext(seri, "get_entities", entity_type="0").error == "service not enabled"
    assert seri.get(service="get_user_call_report", token="mio_token", ext="35", limit="1").outcome == 0
