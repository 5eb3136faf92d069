import base64
import socket
import threading

import pytest

from emulators.core.delivery import Delivery
from emulators.core.faults import Faults
from emulators.core.journal import Journal

FAST = dict(backoff=0.01, max_backoff=0.05)


@pytest.fixture
def journal():
    return Journal()


@pytest.fixture
def faults():
    return Faults()


@pytest.fixture
def delivery(journal, faults):
    d = Delivery(journal, faults, workers=4)
    yield d
    d.close()


def attempts(journal, delivery_id):
    return [(e.attempt, e.status, e.outcome) for e in journal.query(direction="out")
            if e.delivery_id == delivery_id]


def test_get_delivery_sends_query_params_and_is_journaled(delivery, journal, receiver):
    done = []
    did = delivery.push(tenant="t1", surface="voispeed", url=receiver.url + "/events",
                        params={"event": "outgoing_call", "n": 5}, on_done=done.append)
    assert delivery.flush(30)
    assert receiver.received[0].params == {"event": "outgoing_call", "n": "5"}
    (entry,) = journal.query(direction="out")
    assert (entry.tenant, entry.surface, entry.method) == ("t1", "voispeed", "GET")
    assert entry.target == receiver.url + "/events"
    assert entry.params == {"event": "outgoing_call", "n": "5"}
    assert (entry.status, entry.attempt, entry.outcome, entry.delivery_id) == (200, 1, "ok", did)
    assert entry.response == "OK" and entry.duration_ms > 0
    assert done == [True]
    assert delivery.pending() == 0


def test_post_form_with_basic_auth(delivery, journal, receiver):
    delivery.push(tenant="t1", surface="tvox", url=receiver.url + "/hook", method="POST",
                  data={"event": "INBOUNDCALL", "caller": "+39 02 1234"}, auth=("user", "pw"))
    assert delivery.flush(30)
    (got,) = receiver.received
    assert got.method == "POST"
    assert got.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert got.headers["Authorization"] == "Basic " + base64.b64encode(b"user:pw").decode()
    assert got.form == {"event": "INBOUNDCALL", "caller": "+39 02 1234"}
    assert journal.query(direction="out")[0].params == got.form


def test_same_key_arrives_in_order_through_failures(delivery, journal, receiver):
    receiver.fail_first = 3
    ids = [delivery.push(tenant="t1", surface="voispeed", url=receiver.url + "/e",
                         params={"seq": i}, order_key="call-1", **FAST) for i in range(10)]
    assert delivery.flush(30)
    assert [r.params["seq"] for r in receiver.received] == [str(i) for i in range(10)]
    assert attempts(journal, ids[0]) == [(1, 503, "retrying"), (2, 503, "retrying"),
                                         (3, 503, "retrying"), (4, 200, "ok")]
    assert all(attempts(journal, i) == [(1, 200, "ok")] for i in ids[1:])


def test_many_keys_keep_their_own_order_and_lose_nothing(delivery, receiver):
    receiver.fail_first = 15
    for i in range(20):
        for key in range(5):
            delivery.push(tenant="t1", surface="s", url=receiver.url + "/e",
                          params={"key": key, "seq": i}, order_key=key, retries=20, **FAST)
    assert delivery.flush(60)
    assert len(receiver.received) == 100
    for key in range(5):
        seqs = [int(r.params["seq"]) for r in receiver.received if r.params["key"] == str(key)]
        assert seqs == list(range(20))


def test_gives_up_after_retries_then_the_lane_moves_on(delivery, journal, receiver):
    done = []
    lost = delivery.push(tenant="t1", surface="s", url=receiver.url + "/down", retries=2,
                         order_key="k", on_done=done.append, **FAST)
    delivery.push(tenant="t1", surface="s", url=receiver.url + "/down", retries=0,
                  order_key="k", on_done=done.append, **FAST)
    assert delivery.flush(30)
    assert attempts(journal, lost) == [(1, 503, "retrying"), (2, 503, "retrying"),
                                       (3, 503, "gave_up")]
    assert journal.query(outcome="gave_up")[0].detail == "HTTP 503"
    assert done == [False, False]


def test_connection_error_is_a_failed_attempt(delivery, journal):
    with socket.socket() as bound_not_listening:  # holds the port so nobody else takes it
        bound_not_listening.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{bound_not_listening.getsockname()[1]}/e"
        did = delivery.push(tenant="t1", surface="s", url=url, retries=1, timeout=1, **FAST)
        assert delivery.flush(30)
    entries = [e for e in journal.query() if e.delivery_id == did]
    assert [(e.status, e.outcome) for e in entries] == [(None, "retrying"), (None, "gave_up")]
    assert "Connection" in entries[0].detail


def test_error_fault_answers_without_sending(delivery, journal, faults, receiver):
    faults.add({"action": "error", "direction": "out", "status": 502, "body": "bad gateway",
                "times": 1, "target": "/hook"})
    did = delivery.push(tenant="t1", surface="tvox", url=receiver.url + "/hook", **FAST)
    assert delivery.flush(30)
    entries = [e for e in journal.query() if e.delivery_id == did]
    assert [(e.status, e.outcome) for e in entries] == [(502, "retrying"), (200, "ok")]
    assert entries[0].response == "bad gateway"
    assert len(receiver.received) == 1


def test_drop_fault_acts_as_a_connection_error(delivery, journal, faults, receiver):
    faults.add({"action": "drop", "direction": "out", "surface": "voispeed", "tenant": "t1"})
    did = delivery.push(tenant="t1", surface="voispeed", url=receiver.url + "/e", retries=1, **FAST)
    assert delivery.flush(30)
    entries = [e for e in journal.query() if e.delivery_id == did]
    assert [(e.status, e.outcome) for e in entries] == [(None, "retrying"), (None, "gave_up")]
    assert "dropped" in entries[0].detail
    assert receiver.received == []


def test_inbound_faults_do_not_touch_deliveries(delivery, faults, receiver):
    faults.add({"action": "drop"})  # direction "in"
    delivery.push(tenant="t1", surface="s", url=receiver.url + "/e")
    assert delivery.flush(30)
    assert len(receiver.received) == 1


def test_latency_fault_delays_then_sends(delivery, journal, faults, receiver):
    faults.add({"action": "latency", "direction": "out", "latency_ms": 20})
    delivery.push(tenant="t1", surface="s", url=receiver.url + "/e")
    assert delivery.flush(30)
    assert len(receiver.received) == 1
    assert journal.query()[0].duration_ms >= 20


def test_cancel_drops_one_tenants_work(delivery, receiver):
    slow = dict(backoff=60, max_backoff=60, retries=5, order_key="k")
    for _ in range(4):
        delivery.push(tenant="a", surface="s", url=receiver.url + "/down", **slow)
    delivery.push(tenant="b", surface="s", url=receiver.url + "/down", **slow)
    assert delivery.pending("a") == 4 and delivery.pending() == 5
    delivery.cancel(tenant="a")
    assert delivery.pending("a") == 0 and delivery.pending("b") == 1
    delivery.cancel()
    assert delivery.pending() == 0
    assert delivery.flush(1)


def test_flush_times_out_while_work_is_waiting(delivery, receiver):
    delivery.push(tenant="a", surface="s", url=receiver.url + "/down", backoff=60)
    assert delivery.flush(0.05) is False


def test_push_validates_and_refuses_after_close(journal, faults):
    d = Delivery(journal, faults)
    with pytest.raises(ValueError):
        d.push(tenant="t", surface="s", url="http://x", retries=-1)
    d.close()
    with pytest.raises(RuntimeError):
        d.push(tenant="t", surface="s", url="http://x")


def test_concurrent_pushes_all_arrive(delivery, receiver):
    def pusher(n):
        for i in range(25):
            delivery.push(tenant="t1", surface="s", url=receiver.url + "/e",
                          params={"n": n, "i": i}, order_key=n)
    threads = [threading.Thread(target=pusher, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert delivery.flush(60)
    assert len(receiver.received) == 200
    for n in range(8):
        assert [int(r.params["i"]) for r in receiver.received if r.params["n"] == str(n)] == list(range(25))
