"""Event notification: pushes to the module's URL survive a receiver that is
down for a while — retried, nothing lost, in order, every attempt journaled."""
from __future__ import annotations

from collections import defaultdict


def _hello_world(seri, emu, default):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    default.clock.advance(2)
    call = emu.engine.calls("default")[0]
    default.clock.advance(5)
    emu.engine.hangup("default", call.user_party(1).id)


def test_a_receiver_that_fails_then_recovers_gets_every_event_in_order(seri, emu, default, listen,
                                                                     receiver, delivered):
    listen(default, token="mio_token")
    receiver.fail_first = 3
    _hello_world(seri, emu, default)
    received = delivered()
    assert received.events() == ["outgoing_call", "call_answered", "call_disconnect_out"]
    assert len(received.attempts) == 3 + 3
    assert [a.event_name for a in received.attempts[:4]] == ["outgoing_call"] * 4   # held back the rest


def test_each_attempt_is_journaled_until_it_succeeds(seri, emu, default, listen, receiver, delivered):
    listen(default, token="mio_token")
    receiver.fail_first = 2
    _hello_world(seri, emu, default)
    delivered()
    entries = emu.journal.query(tenant="default", surface="voispeed", direction="out")
    by_delivery = defaultdict(list)
    for entry in entries:
        by_delivery[entry.delivery_id].append(entry)
    attempts = [[(e.attempt, e.outcome, e.status) for e in es] for es in by_delivery.values()]
    assert attempts[0] == [(1, "retrying", 503), (2, "retrying", 503), (3, "ok", 200)]
    assert attempts[1:] == [[(1, "ok", 200)], [(1, "ok", 200)]]
    assert all(e.method == "GET" and e.target == receiver.url for e in entries)
    assert [e.params["event_name"] for e in entries if e.outcome == "ok"] == \
        ["outgoing_call", "call_answered", "call_disconnect_out"]


def test_a_receiver_that_never_recovers_is_given_up_on_after_the_module_retries(
        seri, emu, default, listen, receiver, delivered):
    listen(default, token="mio_token", retries=2)
    receiver.fail_first = 1000
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    delivered()
    entries = emu.journal.query(surface="voispeed", direction="out")
    assert [e.outcome for e in entries] == ["retrying", "retrying", "gave_up"]


def test_a_receiver_that_is_not_there_is_retried_not_fatal(seri, emu, default):
    from emulators.voispeed import SURFACE
    SURFACE.put_settings(emu, default, {"modules": [
        {"token": "mio_token", "url": "http://127.0.0.1:9/logger.php", "retries": 1, "backoff": 0.01}]})
    assert seri.get(service="call_request", token="mio_token", ext="35", number="187").outcome == 0
    assert emu.delivery.flush(timeout=10)
    entries = emu.journal.query(surface="voispeed", direction="out")
    assert [e.outcome for e in entries] == ["retrying", "gave_up"] and entries[0].status is None


def test_journal_wait_for_sees_a_push(seri, emu, default, listen):
    listen(default, token="mio_token")
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    entry = emu.journal.wait_for(timeout=10, surface="voispeed", direction="out", outcome="ok",
                                 params={"event_name": "outgoing_call", "ext": "35"})
    assert entry is not None and entry.tenant == "default" and entry.params["number"] == "187"
