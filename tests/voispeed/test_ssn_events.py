"""Extended events (SSN): seen from the PBX — call_in when a call reaches it,
call_out when it calls an entity — with coordinates, Table 8 outcomes and
refer ids; 8 (dtmf_out) is decommissioned and never sent."""
from __future__ import annotations

import pytest

from emulators.voispeed import SURFACE, spec

COMMON = ["event_type", "event", "event_name", "call_id", "timestamp", "domain", "extid"]


def _names(received) -> list[str]:
    return [r.event_name for r in received]


def _of(received, name: str) -> list[dict]:
    return [r.params for r in received if r.event_name == name]


def test_an_outside_call_to_a_user_is_call_in_call_out_and_call_progress(emu, ssn):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    received = ssn().received
    assert _names(received) == ["call_in", "call_out", "call_progress"]
    call_in, call_out, progress = (r.params for r in received)
    assert (call_in["calling_type"], call_in["calling_id"]) == ("2", str(call.gateway_id))
    assert (call_in["calling"], call_in["called"]) == ("0612345678", "35")
    assert (call_out["called_type"], call_out["called_id"], call_out["called"]) == ("0", "1", "35")
    assert (progress["sender_type"], progress["sender_id"], progress["progress"]) == ("0", "1", "180")
    assert call_out["local_id"] == progress["local_id"] != call_in["local_id"]
    assert {r.params["call_id"] for r in received} == {call.id}
    assert all(r.params["event_type"] == "1" for r in received)


def test_every_push_carries_the_common_parameters_first(emu, ssn):
    emu.engine.inbound("default", from_number="0612345678", to_number="35")
    for received in ssn().received:
        event = spec.ExtendedEvent[received.event_name.upper()]
        extras = [p.name for p in spec.EXTENDED_EVENT_EXTRAS[event] if p.always]
        assert received.names[:7] == COMMON and received.names[-len(extras):] == extras


def test_an_answer_is_call_response_ok_with_calling_called_and_connected(emu, ssn):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="600")       # ring group Vendite
    emu.engine.answer("default", next(p for p in call.parties if p.extension == "40").id)
    (response,) = _of(ssn().received, "call_response")
    assert response["outcome"] == "1" and (response["sender_type"], response["sender_id"]) == ("0", "3")
    assert (response["calling_type"], response["calling_number"]) == ("2", "0612345678")
    assert (response["called_type"], response["called_id"], response["called_number"]) == ("1", "1", "600")
    assert (response["connected_type"], response["connected_id"]) == ("0", "3")


def test_the_members_that_stop_ringing_get_disconnect_out(emu, ssn):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="600")
    emu.engine.answer("default", next(p for p in call.parties if p.extension == "40").id)
    withdrawn = _of(ssn().received, "disconnect_out")
    assert sorted(e["recipient_id"] for e in withdrawn) == ["2", "4"]


@pytest.mark.parametrize("action, outcome", [("busy", "2"), ("reject", "3"), ("unavailable", "4")])
def test_a_refusal_is_call_response_with_its_table_8_outcome(seri, emu, default, ssn, action, outcome):
    emu.engine.state("default").behaviour.replace([{"pattern": "187", "action": action, "after": 1}])
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(1)
    (response,) = _of(ssn().received, "call_response")
    assert response["outcome"] == outcome and response["sender_type"] == "2"
    assert "connected_id" not in response and "calling_id" not in response       # only after an OK


def test_a_call_nobody_answers_is_call_response_5(emu, default, ssn):
    emu.engine.inbound("default", from_number="0612345678", to_number="39")
    default.clock.advance(30)
    assert _of(ssn().received, "call_response")[0]["outcome"] == "5"


def test_who_hangs_up_gets_disconnect_in_and_the_other_disconnect_out(seri, emu, default, ssn):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    call = emu.engine.calls("default")[0]
    emu.engine.hangup("default", call.user_party(1).id)
    received = ssn().received
    assert _names(received)[-3:] == ["disconnect_in", "disconnect_out", "call_terminated"]
    (gone,), (ended,) = _of(received, "disconnect_in"), _of(received, "disconnect_out")
    assert (gone["sender_type"], gone["sender_id"]) == ("0", "1")
    assert ended["recipient_type"] == "2"


def test_call_terminated_carries_the_outcome_and_the_talk_time(seri, emu, default, ssn):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    default.clock.advance(7)
    emu.engine.hangup("default", emu.engine.calls("default")[0].user_party(1).id)
    (terminated,) = _of(ssn().received, "call_terminated")
    assert (terminated["outcome"], terminated["duration"]) == ("1", "7")


def test_hold_and_retrieve_are_call_held_and_call_retrieved(seri, emu, default, ssn):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    call_id = emu.engine.calls("default")[0].id
    for action in ("hold", "retrieve"):
        seri.get(service="call_action", token="mio_token", ext="35", call_id=call_id, action=action)
    held, retrieved = _of(ssn().received, "call_held"), _of(ssn().received, "call_retrieved")
    assert held[0]["user_id"] == retrieved[0]["user_id"] == "1"
    assert held[0]["local_id"] == retrieved[0]["local_id"]


def test_a_divert_is_call_divert_from_the_user_to_the_entity(seri, emu, ssn):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    seri.get(service="call_action", token="mio_token", ext="35", call_id=call.id, action="divert", number="600")
    (divert,) = _of(ssn().received, "call_divert")
    assert (divert["sender_type"], divert["sender_id"]) == ("0", "1")
    assert (divert["recipient_type"], divert["recipient_id"], divert["recipient_number"]) == ("1", "1", "600")


def test_a_consultation_transfer_is_call_transfer_with_the_refer_id(emu, ssn):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    emu.engine.answer("default", call.user_party(1).id)
    consult = emu.engine.consult("default", call.user_party(1).id, "39")
    emu.engine.answer("default", consult.user_party(2).id)
    emu.engine.transfer("default", call.user_party(1).id)
    (transfer,) = _of(ssn().received, "call_transfer")
    assert transfer["call_id"] == call.id and transfer["refer_id"] == consult.id
    assert (transfer["sender_type"], transfer["sender_id"]) == ("0", "1")
    assert (transfer["recipient_type"], transfer["recipient_id"]) == ("0", "2")


def test_dtmf_out_is_never_sent(emu, default, ssn):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="800")
    emu.engine.dtmf("default", call.caller().id, "1")
    assert "dtmf_out" not in _names(ssn().received)
    with pytest.raises(ValueError):
        SURFACE.put_settings(emu, default, {"modules": [{"token": "x", "ssn_events": [8]}]})


def test_call_request_ext_events_carry_its_extid_and_request_id(seri, emu, ssn):
    reply = seri.get(service="call_request_ext", token="mio_token", calling_id="1", calling_type="0",
                     called_id="3", called_type="3", extid="crm-9", auto_answer="1")
    received = ssn().received
    assert _names(received) == ["call_out", "call_progress", "call_response", "call_out", "call_response"]
    assert {(r.params["extid"], r.params["request_id"]) for r in received} == {("crm-9", reply.request_id)}


def test_only_the_selected_extended_events_are_pushed(emu, default, listen, delivered):
    listen(default, token="mio_token", events=[], ssn_events=[10])
    emu.engine.inbound("default", from_number="0612345678", to_number="801")       # ends at once
    assert _names(delivered().received) == ["call_terminated"]


def test_a_module_without_ssn_events_gets_user_events_only(emu, default, listen, delivered):
    listen(default, token="mio_token")
    emu.engine.inbound("default", from_number="0612345678", to_number="35")
    assert {r.params["event_type"] for r in delivered().received} == {"2"}
