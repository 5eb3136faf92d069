"""Connecting two entities (ring the first, then the second), joining two calls'
parties, diverting a callee to an entity, an IVR handing over to an entity,
and IVR node details the integrations rely on (looping hold, per-call node
properties, waiting time, stale timers)."""
import dataclasses

import pytest

from emulators.core.engine_bridge import Endpoint
from emulators.core.states import CallState, IllegalOperation, InvalidArgument, NotFound, PartyState

from .conftest import party_of


@pytest.fixture
def hold_ivr(world):
    """IVR 90 at 890 whose root loops a message and takes no input: callers wait there."""
    _, tenant, _ = world
    tenant.directory.put("ivrs", {"id": 90, "name": "Hold", "number": "890", "nodes": [
        {"id": 0, "name": "Music", "input_type": 0, "action": 0, "audio_loop": True}]})
    return 90


def test_connect_rings_the_first_entity_then_the_second_when_it_answers(world):
    engine, tenant, events = world
    call = engine.connect("t", Endpoint("user", 1), Endpoint("user", 2))
    first = party_of(call, "35")
    assert first.role == "caller" and first.state is PartyState.RINGING
    assert not call.callees()
    engine.answer("t", first.id)
    second = party_of(call, "39")
    assert first.state is PartyState.TALKING and second.state is PartyState.RINGING
    assert call.state is CallState.SETUP
    engine.answer("t", second.id)
    assert call.state is CallState.CONNECTED and call.answered_at is not None
    assert [e["party"]["extension"] for e in events.of("party.answered")] == ["35", "39"]


def test_connect_an_outside_number_through_a_gateway_into_a_holding_ivr(world, hold_ivr):
    engine, tenant, _ = world
    call = engine.connect("t", Endpoint("external", 2, "0612345678"), Endpoint("ivr", hold_ivr), extid="lead-1")
    outside = call.caller()
    assert outside.kind == "external" and outside.entity_id == 2 and call.gateway_id == 2
    tenant.clock.advance(2)                     # outside numbers answer after 2 s by default
    assert call.state is CallState.CONNECTED and call.ivr_id == hold_ivr
    tenant.clock.advance(600)
    assert not call.ended                       # the looping node keeps the caller


def test_auto_answer_answers_a_sip_terminal_at_once(world, hold_ivr):
    engine, _, _ = world
    call = engine.connect("t", Endpoint("user", 1, auto_answer=True), Endpoint("ivr", hold_ivr))
    assert call.caller().state is PartyState.TALKING and call.state is CallState.CONNECTED


def test_a_first_entity_that_is_busy_ends_the_call_with_its_cause(world):
    engine, tenant, _ = world
    engine.state("t").behaviour.replace([{"pattern": "0699*", "action": "busy"}])
    call = engine.connect("t", Endpoint("external", None, "0699111"), Endpoint("user", 2))
    tenant.clock.advance(1)
    assert call.ended and call.outcome == "busy"


def test_no_free_line_on_the_chosen_gateway_ends_the_call_as_no_lines(world):
    engine, tenant, _ = world
    tenant.directory.gateways[2].registered = False
    call = engine.connect("t", Endpoint("external", 2, "0612345"), Endpoint("user", 2))
    assert call.ended and call.outcome == "no_lines"


@pytest.mark.parametrize("first, second, error", [
    (Endpoint("ivr", 1), Endpoint("user", 2), InvalidArgument),
    (Endpoint("user", 99), Endpoint("user", 2), NotFound),
    (Endpoint("user", 1), Endpoint("ring_group", 99), NotFound),
    (Endpoint("external", 9, "0612"), Endpoint("user", 2), NotFound),
    (Endpoint("external", None, ""), Endpoint("user", 2), InvalidArgument),
    (Endpoint("user", 1), Endpoint("department", 1), InvalidArgument),
])
def test_connect_checks_both_entities_before_placing_anything(world, first, second, error):
    engine, _, _ = world
    with pytest.raises(error):
        engine.connect("t", first, second)
    assert engine.calls("t") == [] and engine.history("t") == []


def test_join_puts_the_other_calls_party_in_place_and_ends_the_other_call(world, hold_ivr):
    engine, tenant, events = world
    customer = engine.connect("t", Endpoint("external", 1, "0612345678"), Endpoint("ivr", hold_ivr))
    operator = engine.connect("t", Endpoint("user", 1, auto_answer=True), Endpoint("ivr", hold_ivr))
    tenant.clock.advance(2)
    ivr_leg = next(p for p in customer.parties if p.kind == "ivr")
    agent = operator.caller()
    engine.join("t", customer.id, ivr_leg.id, operator.id, agent.id)
    assert operator.ended and operator.outcome == "transferred"
    assert ivr_leg.state is PartyState.RELEASED and customer.ivr_id is None
    assert agent in customer.parties and agent.role == "callee" and agent.call_id == customer.id
    assert {p.number for p in customer.live_parties()} == {"0612345678", "35"}
    (moved,) = events.of("call.transferred")
    assert moved["party"]["id"] == ivr_leg.id and moved["moved"]["id"] == agent.id
    assert moved["from_call"]["id"] == operator.id
    engine.dtmf("t", customer.caller().id, "1")          # the IVR no longer listens
    assert customer.state is CallState.CONNECTED


def test_join_refuses_parties_that_are_not_talking(world, hold_ivr):
    engine, _, _ = world
    ringing = engine.connect("t", Endpoint("user", 1), Endpoint("ivr", hold_ivr))
    talking = engine.connect("t", Endpoint("user", 2, auto_answer=True), Endpoint("ivr", hold_ivr))
    ivr_leg = next(p for p in talking.parties if p.kind == "ivr")
    with pytest.raises(IllegalOperation):
        engine.join("t", talking.id, ivr_leg.id, ringing.id, ringing.caller().id)
    with pytest.raises(IllegalOperation):
        engine.join("t", talking.id, ivr_leg.id, talking.id, talking.caller().id)
    with pytest.raises(NotFound):
        engine.join("t", talking.id, "p999", ringing.id, ringing.caller().id)
    assert not talking.ended and not ringing.ended


def test_divert_to_releases_the_callee_and_rings_the_entity(world):
    engine, _, events = world
    call = engine.inbound("t", from_number="0612345", to_number="39")
    engine.answer("t", party_of(call, "39").id)
    engine.divert_to("t", party_of(call, "39").id, Endpoint("ring_group", 2))
    assert party_of(call, "39").cause == "diverted" and party_of(call, "39").released_by == "system"
    assert party_of(call, "42").state is PartyState.RINGING
    (diverted,) = events.of("call.diverted")
    assert diverted["number"] == "601" and diverted["target"]["kind"] == "ring_group"


def test_divert_to_refuses_the_caller(world):
    engine, _, _ = world
    call = engine.inbound("t", from_number="0612345", to_number="39")
    with pytest.raises(IllegalOperation):
        engine.divert_to("t", call.caller().id, Endpoint("user", 3))


def test_leave_ivr_for_an_entity_with_the_number_called(world):
    engine, _, _ = world
    call = engine.inbound("t", from_number="0612345", to_number="800")
    engine.leave_ivr_for("t", call.id, Endpoint("ring_group", 2, "073333655434"))
    assert call.ivr_id is None and call.dialled == "073333655434"
    assert party_of(call, "42").state is PartyState.RINGING


def test_a_node_run_with_per_call_properties_leaves_the_directory_alone(world):
    engine, tenant, _ = world
    call = engine.inbound("t", from_number="0612345", to_number="800")
    menu = tenant.directory.ivrs[1].node(1)
    engine.run_ivr_node("t", call.id, 1, node=dataclasses.replace(menu, input_length=3))
    engine.dtmf("t", call.caller().id, "2")
    assert not [p for p in call.parties if p.kind == "user"]      # waits for 3 digits now
    assert tenant.directory.ivrs[1].node(1).input_length == 1


def test_waiting_time_completes_partial_input(world):
    engine, tenant, events = world
    tenant.directory.ivrs[1].node(1).waiting_time = 10
    call = engine.inbound("t", from_number="0612345", to_number="800")
    tenant.clock.advance(10)
    assert events.of("ivr.input")[0]["input"] == ""
    assert party_of(call, "35").state is PartyState.RINGING        # the "" child: the operator


def test_digits_after_the_input_is_complete_are_ignored(world):
    engine, tenant, events = world
    tenant.directory.ivrs[1].node(1).action = 0
    tenant.directory.ivrs[1].node(1).audio_loop = True
    call = engine.inbound("t", from_number="0612345", to_number="800")
    engine.dtmf("t", call.caller().id, "12")
    assert [e["input"] for e in events.of("ivr.input")] == ["1"]
