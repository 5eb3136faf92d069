"""Basic call life: originate, ring, answer, reject, busy, no answer, hold, mute, hang-up."""
import pytest

from emulators.core.states import CallState, IllegalOperation, InvalidArgument, NotFound, PartyState

from .conftest import party_of


def test_originate_rings_the_far_end_and_the_caller_dials(world):
    engine, tenant, events = world
    call = engine.originate("t", from_extension="35", to_number="187")
    assert call.direction == "outbound"
    assert party_of(call, "35").state is PartyState.DIALING
    assert party_of(call, "187").state is PartyState.RINGING
    assert events.kinds()[:3] == ["call.created", "party.dialing", "party.ringing"]


def test_external_number_answers_after_default_delay_on_virtual_clock(world):
    engine, tenant, events = world
    call = engine.originate("t", from_extension="35", to_number="187")
    tenant.clock.advance(1.9)
    assert call.state is CallState.SETUP
    tenant.clock.advance(0.2)
    assert call.state is CallState.CONNECTED
    assert {p.state for p in call.parties} == {PartyState.TALKING}


def test_hangup_by_caller_ends_call_and_releases_the_other_side_as_remote(world):
    engine, tenant, events = world
    call = engine.originate("t", from_extension="35", to_number="187")
    tenant.clock.advance(2)
    engine.hangup("t", party_of(call, "35").id)
    assert call.state is CallState.ENDED and call.outcome == "answered"
    far = party_of(call, "187")
    assert far.released_by == "remote" and party_of(call, "35").released_by == "self"
    assert events.kinds()[-1] == "call.ended"
    assert engine.history("t")[-1] is call


def test_internal_call_rings_user_until_answered(world):
    engine, tenant, _ = world
    call = engine.originate("t", from_extension="35", to_number="39")
    assert call.direction == "internal"
    tenant.clock.advance(25)
    assert party_of(call, "39").state is PartyState.RINGING
    engine.answer("t", party_of(call, "39").id)
    assert call.state is CallState.CONNECTED


def test_ring_timeout_is_no_answer_and_a_missed_call(world):
    engine, tenant, events = world
    call = engine.originate("t", from_extension="35", to_number="39")
    tenant.clock.advance(30)
    assert call.ended and call.outcome == "no_answer"
    missed = events.of("call.missed")
    assert [e["user_id"] for e in missed] == [2]


def test_reject_ends_an_unanswered_call_as_rejected(world):
    engine, tenant, _ = world
    call = engine.originate("t", from_extension="35", to_number="39")
    engine.reject("t", party_of(call, "39").id)
    assert call.outcome == "rejected"


@pytest.mark.parametrize("action,outcome", [("busy", "busy"), ("reject", "rejected"),
                                            ("unavailable", "unavailable")])
def test_far_end_behaviour_rules_by_number(world, action, outcome):
    engine, tenant, _ = world
    engine.state("t").behaviour.replace([{"pattern": "0612*", "action": action, "after": 1}])
    call = engine.originate("t", from_extension="35", to_number="0612345678")
    tenant.clock.advance(2)
    assert call.ended and call.outcome == outcome


def test_far_end_that_hangs_up_after_answering(world):
    engine, tenant, _ = world
    engine.state("t").behaviour.replace([{"pattern": "187", "action": "answer", "after": 1, "hangup_after": 5}])
    call = engine.originate("t", from_extension="35", to_number="187")
    tenant.clock.advance(1)
    assert call.state is CallState.CONNECTED
    tenant.clock.advance(5)
    assert call.ended and party_of(call, "187").released_by == "self"


def test_no_answer_rule_rings_until_timeout(world):
    engine, tenant, _ = world
    engine.state("t").behaviour.replace([{"pattern": "*", "action": "no_answer"}], ring_timeout=10)
    call = engine.originate("t", from_extension="35", to_number="187")
    tenant.clock.advance(10)
    assert call.outcome == "no_answer"


def test_hold_and_retrieve_follow_the_state_table(world):
    engine, tenant, events = world
    call = engine.originate("t", from_extension="35", to_number="187")
    me = party_of(call, "35")
    with pytest.raises(IllegalOperation):
        engine.hold("t", me.id)             # still dialing
    tenant.clock.advance(2)
    engine.hold("t", me.id)
    assert me.state is PartyState.HELD
    with pytest.raises(IllegalOperation):
        engine.hold("t", me.id)
    tenant.clock.advance(7)
    engine.retrieve("t", me.id)
    assert me.hold_seconds == pytest.approx(7)
    assert "party.held" in events.kinds() and "party.retrieved" in events.kinds()


def test_mute_and_unmute(world):
    engine, tenant, _ = world
    call = engine.originate("t", from_extension="35", to_number="187")
    tenant.clock.advance(2)
    me = party_of(call, "35")
    engine.mute("t", me.id)
    with pytest.raises(IllegalOperation):
        engine.mute("t", me.id)
    engine.mute("t", me.id, on=False)
    assert not me.muted


def test_answering_a_released_party_is_illegal(world):
    engine, tenant, _ = world
    call = engine.originate("t", from_extension="35", to_number="39")
    callee = party_of(call, "39")
    engine.reject("t", callee.id)
    with pytest.raises(NotFound):
        engine.answer("t", callee.id)


def test_unknown_extension_and_empty_number_are_typed_errors(world):
    engine, _, _ = world
    with pytest.raises(NotFound):
        engine.originate("t", from_extension="9999", to_number="187")
    with pytest.raises(InvalidArgument):
        engine.originate("t", from_extension="35", to_number="")
    with pytest.raises(InvalidArgument):
        engine.originate("t", from_extension="35", to_number="187", device="fax")


def test_originate_from_missing_terminal_kind_is_illegal(world):
    engine, _, _ = world
    with pytest.raises(IllegalOperation):
        engine.originate("t", from_extension="39", to_number="187", device="mobile")


def test_no_free_gateway_line_fails_the_command(world):
    engine, tenant, events = world
    for gateway in tenant.directory.gateways.values():
        gateway.registered = False
    call = engine.originate("t", from_extension="35", to_number="187", origin={"request_id": "42"})
    assert call.outcome == "no_lines"
    failed = events.of("command.failed")
    assert failed and failed[0]["origin"]["request_id"] == "42"


def test_dnd_user_rejects_and_divert_mode_forwards(world):
    engine, tenant, _ = world
    engine.set_user_mode("t", 2, "dnd")
    call = engine.originate("t", from_extension="35", to_number="39")
    assert call.outcome == "dnd"
    engine.set_user_mode("t", 2, "divert", "40")
    call = engine.originate("t", from_extension="35", to_number="39")
    assert party_of(call, "40").state is PartyState.RINGING


def test_recording_on_and_off(world):
    engine, tenant, events = world
    call = engine.originate("t", from_extension="35", to_number="187")
    with pytest.raises(IllegalOperation):
        engine.record("t", call.id, True)
    tenant.clock.advance(2)
    engine.record("t", call.id, True)
    with pytest.raises(IllegalOperation):
        engine.record("t", call.id, True)
    engine.record("t", call.id, False)
    assert [e["on"] for e in events.of("call.recording")] == [True, False]


def test_same_seed_same_ids_in_every_tenant(world):
    engine, tenant, _ = world
    other = engine.tenants.create("u", seed=0)
    a = engine.originate("t", from_extension="35", to_number="187")
    b = engine.originate("u", from_extension="35", to_number="187")
    assert a.id == b.id
    assert tenant.directory.to_dict() == other.directory.to_dict()


def test_calls_of_one_tenant_are_invisible_to_another(world):
    engine, _, _ = world
    engine.tenants.create("u")
    call = engine.originate("t", from_extension="35", to_number="187")
    with pytest.raises(NotFound):
        engine.live_call("u", call.id)
