"""Divert, consultation with transfer/conference/cancel, pick-up, supervision, DTMF."""
import pytest

from emulators.core.states import CallState, IllegalOperation, InvalidArgument, PartyState

from .conftest import party_of


def connected_inbound(engine, to="35"):
    call = engine.inbound("t", from_number="0612345", to_number=to)
    engine.answer("t", party_of(call, to).id)
    return call


def test_blind_transfer_moves_the_caller_on(world):
    engine, _, events = world
    call = connected_inbound(engine)
    engine.divert("t", party_of(call, "35").id, "39")
    assert party_of(call, "35").cause == "diverted"
    assert party_of(call, "39").state is PartyState.RINGING
    assert call.caller().state is PartyState.TALKING
    assert events.of("call.diverted")[0]["number"] == "39"


def test_divert_while_ringing_deflects(world):
    engine, _, _ = world
    call = engine.inbound("t", from_number="0612345", to_number="35")
    engine.divert("t", party_of(call, "35").id, "187")
    assert party_of(call, "187").state is PartyState.RINGING


def test_divert_needs_a_number(world):
    engine, _, _ = world
    call = connected_inbound(engine)
    with pytest.raises(InvalidArgument):
        engine.divert("t", party_of(call, "35").id, "")


def test_consult_then_transfer_joins_the_two_others(world):
    engine, _, events = world
    call = connected_inbound(engine)
    me = party_of(call, "35")
    consult = engine.consult("t", me.id, "39")
    assert me.state is PartyState.HELD and consult.consult_of == call.id
    engine.answer("t", party_of(consult, "39").id)
    engine.transfer("t", me.id)
    assert call.state is CallState.CONNECTED
    assert sorted(p.number for p in call.live_parties()) == ["0612345", "39"]
    assert consult.ended and consult.outcome == "transferred"
    assert events.of("call.transferred")


def test_consult_then_conference_puts_three_together(world):
    engine, _, _ = world
    call = connected_inbound(engine)
    me = party_of(call, "35")
    consult = engine.consult("t", me.id, "39")
    with pytest.raises(IllegalOperation):
        engine.conference("t", me.id)           # 39 has not answered
    engine.answer("t", party_of(consult, "39").id)
    engine.conference("t", me.id)
    assert call.conference and len(call.live_parties()) == 3
    engine.hangup("t", party_of(call, "39").id)
    assert call.state is CallState.CONNECTED    # two still talk
    engine.hangup("t", me.id)
    assert call.ended


def test_cancel_consult_takes_the_original_back(world):
    engine, _, _ = world
    call = connected_inbound(engine)
    me = party_of(call, "35")
    consult = engine.consult("t", me.id, "39")
    engine.cancel_consult("t", me.id)
    assert consult.ended and me.state is PartyState.TALKING


def test_second_consult_and_transfer_without_consult_are_illegal(world):
    engine, _, _ = world
    call = connected_inbound(engine)
    me = party_of(call, "35")
    with pytest.raises(IllegalOperation):
        engine.transfer("t", me.id)
    engine.consult("t", me.id, "39")
    with pytest.raises(IllegalOperation):
        engine.consult("t", me.id, "40")


def test_group_member_picks_up_a_colleagues_call(world):
    engine, _, events = world
    call = engine.inbound("t", from_number="0612345", to_number="39")
    engine.pickup("t", 3)      # extension 40 is in group 600 with 39
    assert party_of(call, "40").state is PartyState.TALKING
    assert party_of(call, "39").cause == "picked_up"
    assert not events.of("call.missed")


@pytest.mark.parametrize("mode", ["monitor", "barge"])
def test_supervisor_joins_without_taking_over(world, mode):
    engine, _, events = world
    call = connected_inbound(engine)
    engine.supervise("t", 8, party_of(call, "35").id, mode)
    supervisor = party_of(call, "45")
    assert supervisor.role == "supervisor" and supervisor.muted == (mode == "monitor")
    engine.hangup("t", party_of(call, "35").id)
    assert call.ended                       # a supervisor alone does not keep a call up


def test_supervisor_intercept_takes_over(world):
    engine, _, _ = world
    call = connected_inbound(engine)
    engine.supervise("t", 8, party_of(call, "35").id, "intercept")
    assert party_of(call, "35").cause == "intercepted"
    assert party_of(call, "45").state is PartyState.TALKING
    assert call.state is CallState.CONNECTED


def test_dtmf_validates_digits(world):
    engine, tenant, events = world
    call = connected_inbound(engine)
    engine.dtmf("t", party_of(call, "35").id, "12#")
    assert events.of("call.dtmf")[0]["digits"] == "12#"
    with pytest.raises(InvalidArgument):
        engine.dtmf("t", party_of(call, "35").id, "x")
