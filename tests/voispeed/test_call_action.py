"""User services — "call_action": answer, reject, hold, retrieve, divert and
disconnect a call whose id the integrator learnt from the user events."""
from __future__ import annotations

import pytest

from emulators.core.states import PARTY_OPERATIONS, PartyState
from emulators.voispeed import spec, views


def _incoming_to_35(emu, tenant_id="default"):
    """An outside caller rings extension 35 (the default tenant's first call is 3250)."""
    return emu.engine.inbound(tenant_id, from_number="0612345678", to_number="35")


def _state(call, ext: str) -> str:
    return next(p for p in call.parties if p.extension == ext and p.live).state.value


def test_guide_divert_example_sends_the_call_to_39(seri, emu):
    call = _incoming_to_35(emu)
    assert call.id == "3250"
    reply = seri.url("URL?service=call_action&token=567897655&ext=35&call_id=3250&action=divert&number=39&note=mia_nota")
    assert reply.outcome == 0 and reply.request_id.isdigit()
    assert _state(call, "39") == "ringing"
    assert call.user_party(1).cause == "diverted"


def test_guide_disconnect_example_ends_the_call(seri, emu, default):
    call = _incoming_to_35(emu)
    emu.engine.answer("default", call.user_party(1).id)
    reply = seri.url("URL?service=call_action&token=567897655&ext=35&call_id=3250&action=disconnect")
    assert reply.outcome == 0
    assert call.ended and call.user_party(1).released_by == "self"


def test_answer_connects_a_ringing_call(seri, emu):
    call = _incoming_to_35(emu)
    assert seri.get(service="call_action", token="567897655", ext="35", call_id=call.id, action="answer").outcome == 0
    assert _state(call, "35") == "talking" and call.state.value == "connected"


def test_reject_ends_a_ringing_call(seri, emu):
    call = _incoming_to_35(emu)
    assert seri.get(service="call_action", token="567897655", ext="35", call_id=call.id, action="reject").outcome == 0
    assert call.ended and call.outcome == "rejected"


def test_hold_and_retrieve_an_active_call(seri, emu):
    call = _incoming_to_35(emu)
    emu.engine.answer("default", call.user_party(1).id)
    assert seri.get(service="call_action", token="567897655", ext="35", call_id=call.id, action="hold").outcome == 0
    assert _state(call, "35") == "held"
    assert seri.get(service="call_action", token="567897655", ext="35", call_id=call.id, action="retrieve").outcome == 0
    assert _state(call, "35") == "talking"


def test_disconnect_cancels_an_outgoing_call_that_still_rings(seri, emu):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    (call,) = emu.engine.calls("default")
    assert seri.get(service="call_action", token="567897655", ext="35", call_id=call.id,
                    action="disconnect").outcome == 0
    assert call.ended and call.outcome == "cancelled"


def test_divert_without_number_is_a_missing_parameter(seri, emu):
    call = _incoming_to_35(emu)
    reply = seri.get(service="call_action", token="567897655", ext="35", call_id=call.id, action="divert")
    assert (reply.outcome, reply.error) == (1, "missing parameter number")
    assert _state(call, "35") == "ringing"


def test_unknown_call_id_is_the_guides_connection_not_found(seri):
    reply = seri.get(service="call_action", token="567897655", ext="35", call_id="999999", action="disconnect")
    assert reply.outcome == 1 and reply.error == "connection not found"
    assert reply.text.endswith("<error>connection not found</error></result>")


def test_a_call_of_another_user_is_connection_not_found(seri, emu):
    call = _incoming_to_35(emu)
    reply = seri.get(service="call_action", token="567897655", ext="39", call_id=call.id, action="answer")
    assert (reply.outcome, reply.error) == (1, "connection not found")


def test_an_ended_call_is_connection_not_found(seri, emu):
    call = _incoming_to_35(emu)
    emu.engine.end_call("default", call.id)
    reply = seri.get(service="call_action", token="567897655", ext="35", call_id=call.id, action="disconnect")
    assert (reply.outcome, reply.error) == (1, "connection not found")


ILLEGAL = [
    # (action, how to prepare 35's leg)
    ("answer", "talking"), ("reject", "talking"), ("hold", "ringing"), ("hold", "held"),
    ("retrieve", "ringing"), ("retrieve", "talking"), ("answer", "held"),
]


@pytest.mark.parametrize("action, leg", ILLEGAL)
def test_an_action_the_call_state_does_not_allow_is_outcome_0_then_cmd_failed(
        seri, emu, default, listen, delivered, action, leg):
    listen(default, token="567897655")
    call = _incoming_to_35(emu)
    party = call.user_party(1)
    if leg in ("talking", "held"):
        emu.engine.answer("default", party.id)
    if leg == "held":
        emu.engine.hold("default", party.id)
    reply = seri.get(service="call_action", token="567897655", ext="35", call_id=call.id, action=action)
    assert reply.status == 200 and reply.outcome == 0
    assert _state(call, "35") == leg                   # nothing happened
    (failed,) = delivered().of("cmd_failed")
    assert failed.params["request_id"] == reply.request_id
    assert failed.params["error"] == "action not allowed in current call state"
    assert failed.params["error_code"] == "7" and failed.params["call_id"] == call.id


def test_cmd_failed_goes_only_to_the_module_that_sent_the_request(seri, emu, default, listen, delivered):
    listen(default, token="567897655")
    listen(default, token="mio_token")
    call = _incoming_to_35(emu)
    reply = seri.get(service="call_action", token="567897655", ext="35", call_id=call.id, action="hold")
    failed = delivered().of("cmd_failed")
    assert [f.params["request_id"] for f in failed] == [reply.request_id]
    entries = emu.journal.query(surface="voispeed", direction="out", params={"event_name": "cmd_failed"})
    assert len(entries) == 1


def test_allowed_states_of_the_catalogue_agree_with_the_engine():
    engine_op = {"answer": "answer", "reject": "reject", "hold": "hold", "retrieve": "retrieve",
                 "divert": "divert", "disconnect": "hangup"}
    for action, allowed in spec.ACTION_ALLOWED_STATES.items():
        engine_states = {views.user_call_status({"state": s.value}) for s in PARTY_OPERATIONS[engine_op[action]]}
        assert engine_states == set(allowed), action
    assert views.user_call_status({"state": PartyState.RELEASED.value}) is spec.UserCallStatus.ENDED
