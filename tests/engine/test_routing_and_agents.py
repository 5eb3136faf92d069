"""Inbound delivery: users, ring groups, queues with agents, IVRs, voicemail, callbacks."""
import pytest

from emulators.core.states import AgentState, CallState, IllegalOperation, NotFound, PartyState

from .conftest import party_of


def test_inbound_to_a_user_rings_them(world):
    engine, _, events = world
    call = engine.inbound("t", from_number="+390612345", to_number="35")
    assert call.direction == "inbound"
    assert party_of(call, "35").state is PartyState.RINGING


def test_inbound_to_unknown_number_is_unavailable(world):
    engine, _, _ = world
    call = engine.inbound("t", from_number="0612345", to_number="12345")
    assert call.ended and call.outcome == "unavailable"


def test_simultaneous_ring_group_first_answer_wins(world):
    engine, _, events = world
    call = engine.inbound("t", from_number="0612345", to_number="600")
    ringing = [p for p in call.parties if p.state is PartyState.RINGING]
    assert sorted(p.extension for p in ringing) == ["39", "40", "41"]
    engine.answer("t", party_of(call, "40").id)
    causes = {p.extension: p.cause for p in call.parties if p.extension in ("39", "41")}
    assert causes == {"39": "answered_elsewhere", "41": "answered_elsewhere"}
    assert not events.of("call.missed")


def test_cyclic_ring_group_rings_members_in_turn(world):
    engine, tenant, _ = world
    call = engine.inbound("t", from_number="0612345", to_number="601")
    assert [p.extension for p in call.parties if p.state is PartyState.RINGING] == ["42"]
    tenant.clock.advance(15)
    assert [p.extension for p in call.parties if p.state is PartyState.RINGING] == ["43"]
    tenant.clock.advance(15)
    assert call.ended


def test_queue_waits_until_an_agent_is_ready_then_allocates(world):
    engine, tenant, events = world
    call = engine.inbound("t", from_number="0612345", to_number="700")
    assert events.of("call.queued")
    assert not [p for p in call.parties if p.kind == "user"]
    engine.agent_login("t", 3)
    engine.agent_ready("t", 3)
    agent = party_of(call, "40")
    assert agent.state is PartyState.RINGING and events.of("call.allocated")
    engine.answer("t", agent.id)
    assert [p.cause for p in call.parties if p.kind == "queue"] == ["allocated"]


def test_longest_idle_ready_agent_is_chosen(world):
    engine, tenant, _ = world
    engine.agent_login("t", 4, ready=True)
    tenant.clock.advance(5)
    engine.agent_login("t", 3, ready=True)
    call = engine.inbound("t", from_number="0612345", to_number="700")
    assert [p.extension for p in call.parties if p.kind == "user"] == ["41"]


def test_agent_who_lets_an_offer_ring_out_becomes_not_ready(world):
    engine, tenant, _ = world
    engine.agent_login("t", 3, ready=True)
    engine.inbound("t", from_number="0612345", to_number="700")
    tenant.clock.advance(30)
    status = engine.agent("t", 3)
    assert status.state == "not_ready" and status.reason == "no answer"


def test_after_call_work_then_ready_on_wrap_up_timer(world):
    engine, tenant, events = world
    engine.agent_login("t", 3, ready=True)
    call = engine.inbound("t", from_number="0612345", to_number="700")
    engine.answer("t", party_of(call, "40").id)
    engine.hangup("t", party_of(call, "40").id)
    assert engine.agent("t", 3).state == "after_call_work"
    tenant.clock.advance(10)
    assert engine.agent("t", 3).state == "ready"


def test_queue_overflow_goes_to_overflow_number(world):
    engine, tenant, events = world
    call = engine.inbound("t", from_number="0612345", to_number="701")
    tenant.clock.advance(90)
    assert events.of("call.overflowed")[0]["target"] == "600"
    assert sorted(p.extension for p in call.parties if p.state is PartyState.RINGING) == ["39", "40", "41"]


def test_queue_without_overflow_ends_at_max_wait(world):
    engine, tenant, _ = world
    call = engine.inbound("t", from_number="0612345", to_number="700")
    tenant.clock.advance(120)
    assert call.ended


def test_caller_hanging_up_in_queue_is_abandoned(world):
    engine, tenant, events = world
    call = engine.inbound("t", from_number="0612345", to_number="700")
    engine.hangup("t", call.caller().id)
    assert call.outcome == "abandoned" and events.of("call.abandoned")


@pytest.mark.parametrize("path", [
    ("logged_out", "ready", False),
    ("logged_out", "after_call_work", False),
    ("not_ready", "ready", True),
])
def test_agent_state_table(world, path):
    engine, _, _ = world
    start, target, allowed = path
    if start == "not_ready":
        engine.agent_login("t", 3)
    op = {"ready": engine.agent_ready, "after_call_work": engine.agent_after_call_work}[target]
    if allowed:
        assert op("t", 3).state == target
    else:
        with pytest.raises(IllegalOperation):
            op("t", 3)


def test_agent_not_ready_carries_reason_and_logout(world):
    engine, _, events = world
    engine.agent_login("t", 3, ready=True)
    engine.agent_not_ready("t", 3, "pausa pranzo")
    engine.agent_logout("t", 3)
    states = [(e["previous"], e["state"], e["reason"]) for e in events.of("agent.state")]
    assert states == [("logged_out", "ready", ""), ("ready", "not_ready", "pausa pranzo"),
                      ("not_ready", "logged_out", "")]
    with pytest.raises(IllegalOperation):
        engine.agent_logout("t", 3)


def test_ivr_menu_routes_by_digit(world):
    engine, tenant, events = world
    call = engine.inbound("t", from_number="0612345", to_number="800")
    assert events.of("ivr.node")[0]["node_id"] == 1
    engine.dtmf("t", call.caller().id, "2")
    assert events.of("ivr.input")[0]["input"] == "2"
    assert sorted(p.extension for p in call.parties if p.state is PartyState.RINGING) == ["42"]


def test_ivr_caller_rule_sends_dtmf(world):
    engine, tenant, _ = world
    engine.state("t").behaviour.replace([{"pattern": "0612*", "dtmf": "1"}])
    call = engine.inbound("t", from_number="0612345", to_number="800")
    tenant.clock.advance(1)
    assert sorted(p.extension for p in call.parties if p.state is PartyState.RINGING) == ["39", "40", "41"]


def test_ivr_without_input_and_no_action_ends_the_call(world):
    engine, _, _ = world
    call = engine.inbound("t", from_number="0612345", to_number="801")
    assert call.ended


def test_unanswered_user_with_a_box_gets_voicemail(world):
    engine, tenant, events = world
    call = engine.inbound("t", from_number="0612345", to_number="35")
    tenant.clock.advance(30)
    assert party_of(call, "835").kind == "voicemail"
    tenant.clock.advance(5)
    message = events.of("voicemail.new")[0]["message"]
    assert message["user_id"] == 1 and message["from_number"] == "0612345"
    assert events.of("call.missed")


def test_callback_request_lifecycle(world):
    engine, _, events = world
    callback = engine.request_callback("t", 1, "0612345")
    engine.update_callback("t", callback["id"], assigned_to=3)
    engine.close_callback("t", callback["id"], "reached")
    assert [e.kind for e in events.events] == ["callback.created", "callback.updated", "callback.closed"]
    with pytest.raises(IllegalOperation):
        engine.close_callback("t", callback["id"])
    with pytest.raises(NotFound):
        engine.request_callback("t", 99, "0612345")
