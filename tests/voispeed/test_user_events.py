"""User events: which calls raise which event for which user, and the
parameters each push carries (the catalogue's order, after the guide's four)."""
from __future__ import annotations

import re

import pytest

from emulators.voispeed import spec

COMMON = ["event_type", "event", "event_name", "ext", "timestamp", "domain"]


@pytest.fixture
def pushes(default, listen, delivered):
    """Listen on the default tenant's mio_token module; call to get the pushes so far."""
    listen(default, token="mio_token")
    return delivered


def _rule(emu, tenant_id="default", **rule):
    emu.engine.state(tenant_id).behaviour.replace([rule])


def _expected_names(event: spec.UserEvent, present: set[str]) -> list[str]:
    extras = [p.name for p in spec.USER_EVENT_EXTRAS[event] if p.always or p.name in present]
    return COMMON + extras


def test_outgoing_call_when_the_user_calls(seri, pushes):
    reply = seri.get(service="call_request", token="mio_token", ext="35", number="187", extid="x1")
    (event,) = pushes().received
    assert event.method == "GET" and event.path == "/logger.php"
    assert event.params["event"] == "9" and event.params["number"] == "187"
    assert event.params["call_id"] == "3250" and event.params["request_id"] == reply.request_id
    assert event.names == _expected_names(spec.UserEvent.OUTGOING_CALL, {"extid", "request_id"})


def test_incoming_call_when_a_call_arrives_for_the_user(emu, pushes):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    (event,) = pushes().received
    assert (event.params["event"], event.params["event_name"]) == ("8", "incoming_call")
    assert event.params["ext"] == "35" and event.params["number"] == "0612345678"
    assert event.params["call_id"] == call.id and event.params["called"] == "35"
    assert event.names == _expected_names(spec.UserEvent.INCOMING_CALL, set())


def test_incoming_call_through_a_ring_group_names_the_group_number(emu, pushes):
    emu.engine.inbound("default", from_number="0612345678", to_number="600")
    received = pushes().of("incoming_call")
    assert sorted(r.params["ext"] for r in received) == ["39", "40", "41"]
    assert {r.params["called"] for r in received} == {"600"}


def test_call_answered_for_both_users_of_an_internal_call(seri, emu, pushes):
    seri.get(service="call_request", token="mio_token", ext="35", number="39")
    call = emu.engine.calls("default")[0]
    emu.engine.answer("default", call.user_party(2).id)
    received = pushes()
    assert received.events() == ["outgoing_call", "incoming_call", "call_answered", "call_answered"]
    answered = {r.params["ext"]: r.params["number"] for r in received.of("call_answered")}
    assert answered == {"39": "35", "35": "39"}
    assert received.of("call_answered")[0].names == _expected_names(spec.UserEvent.CALL_ANSWERED, set())


def test_call_disconnect_out_when_the_user_hangs_up_after_talking(seri, emu, default, pushes):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    default.clock.advance(7)
    emu.engine.hangup("default", emu.engine.calls("default")[0].user_party(1).id)
    (event,) = pushes().of("call_disconnect_out")
    assert event.params["duration"] == "7" and event.params["number"] == "187"
    assert event.names == _expected_names(spec.UserEvent.CALL_DISCONNECT_OUT, set())


def test_call_disconnect_in_when_the_other_side_hangs_up(seri, emu, default, pushes):
    _rule(emu, pattern="187", action="answer", after=1, hangup_after=42)
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(60)
    received = pushes()
    assert received.events() == ["outgoing_call", "call_answered", "call_disconnect_in"]
    assert received.of("call_disconnect_in")[0].params["duration"] == "42"


def test_call_rejected_for_both_users_when_the_called_user_rejects(seri, emu, pushes):
    seri.get(service="call_request", token="mio_token", ext="35", number="39")
    emu.engine.reject("default", emu.engine.calls("default")[0].user_party(2).id)
    received = pushes()
    rejected = {r.params["ext"]: r.params["outcome"] for r in received.of("call_rejected")}
    assert rejected == {"39": "3", "35": "3"}
    assert received.of("lost_call") == []
    assert received.of("call_rejected")[0].names == _expected_names(spec.UserEvent.CALL_REJECTED, set())


def test_call_rejected_with_outcome_busy_when_the_number_is_busy(seri, emu, default, pushes):
    _rule(emu, pattern="0299*", action="busy")
    seri.get(service="call_request", token="mio_token", ext="35", number="0299123")
    default.clock.advance(1)
    received = pushes()
    assert received.events() == ["outgoing_call", "call_rejected"]
    assert received.of("call_rejected")[0].params["outcome"] == "2"


def test_lost_call_when_the_caller_gives_up_while_the_user_rings(emu, pushes):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    emu.engine.hangup("default", call.caller().id)
    received = pushes()
    assert received.events() == ["incoming_call", "lost_call"]
    lost = received.of("lost_call")[0]
    assert lost.params["number"] == "0612345678" and lost.params["call_id"] == call.id
    assert lost.names == _expected_names(spec.UserEvent.LOST_CALL, set())


def test_new_voicemail_when_an_unanswered_caller_leaves_a_message(emu, default, pushes):
    _rule(emu, pattern="0612345678", action="answer", hangup_after=8)
    emu.engine.inbound("default", from_number="0612345678", to_number="35")
    default.clock.advance(30 + 8)                   # ring timeout, then the message
    received = pushes()
    assert received.events() == ["incoming_call", "lost_call", "new_voicemail"]
    voicemail = received.of("new_voicemail")[0]
    assert voicemail.params["number"] == "0612345678" and voicemail.params["duration"] == "8"
    assert voicemail.params["message_id"]
    assert voicemail.names == _expected_names(spec.UserEvent.NEW_VOICEMAIL, set())


def test_cmd_failed_parameters_follow_the_catalogue(seri, emu, pushes):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    reply = seri.get(service="call_action", token="mio_token", ext="35", call_id=call.id, action="hold")
    (failed,) = pushes().of("cmd_failed")
    assert failed.params["event"] == "1" and failed.params["request_id"] == reply.request_id
    assert failed.names == _expected_names(spec.UserEvent.CMD_FAILED, {"call_id"})


def test_call_transfer_18_is_never_sent(emu, pushes):
    call = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    mine = call.user_party(1)
    emu.engine.answer("default", mine.id)
    consult = emu.engine.consult("default", mine.id, "39")
    emu.engine.answer("default", consult.user_party(2).id)
    emu.engine.transfer("default", mine.id)
    received = pushes().received
    assert received and all(r.params["event"] != "18" for r in received)
    assert {int(r.params["event"]) for r in received} <= {int(e) for e in spec.SENT_USER_EVENTS}


def test_every_push_starts_with_the_guides_four_parameters_and_has_a_timestamp(seri, emu, default, pushes):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    for event in pushes().received:
        assert event.names[:4] == ["event_type", "event", "event_name", "ext"]
        assert event.params["event_type"] == "2"
        assert spec.USER_EVENT_NAMES[int(event.params["event"])] == event.params["event_name"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", event.params["timestamp"])
        assert event.params["domain"] == "default"


def test_a_module_receives_only_the_events_it_selected(seri, emu, default, listen, delivered):
    listen(default, token="mio_token", events=[9])
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    assert delivered().events() == ["outgoing_call"]


def test_a_module_receives_only_the_users_it_selected(seri, emu, default, listen, delivered):
    listen(default, token="mio_token", users=["39"])
    seri.get(service="call_request", token="mio_token", ext="35", number="39")
    assert delivered().events() == ["incoming_call"]
    assert delivered().received[0].params["ext"] == "39"


def test_a_module_without_url_gets_no_pushes(seri, emu, default):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    assert emu.delivery.pending() == 0
    assert emu.journal.query(surface="voispeed", direction="out") == []
