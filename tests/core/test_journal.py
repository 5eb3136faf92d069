import threading

import pytest

from emulators.core.journal import Journal


def served(journal, **fields):
    base = dict(tenant="t1", surface="voispeed", direction="in", method="GET",
                target="/PBX/seri_endpoint.php", params={}, status=200)
    return journal.record(**{**base, **fields})


def test_record_assigns_monotonic_ids_and_time():
    j = Journal()
    a, b = served(j), served(j)
    assert b.id == a.id + 1
    assert a.at > 0 and len(j) == 2


def test_record_keeps_a_given_time():
    assert served(Journal(), at=123.0).at == 123.0


def test_response_snippet_is_capped():
    assert len(served(Journal(), response="x" * 2000).response) == 512


def test_to_dict_is_plain_data():
    d = served(Journal(), params={"service": "get_users"}).to_dict()
    assert d["params"] == {"service": "get_users"}
    assert d["outcome"] == "ok" and d["direction"] == "in" and d["delivery_id"] is None


def test_query_filters():
    j = Journal()
    served(j, params={"service": "get_users", "token": "a"})
    served(j, tenant="t2", params={"service": "get_users"})
    served(j, surface="tvox", target="/datamodel/query", method="POST", status=429, outcome="error")
    served(j, direction="out", target="http://partner/events?x=1", outcome="retrying", status=None)
    assert len(j.query()) == 4
    assert len(j.query(tenant="t1")) == 3
    assert [e.surface for e in j.query(surface="tvox")] == ["tvox"]
    assert len(j.query(direction="out")) == 1
    assert len(j.query(target="datamodel")) == 1          # substring
    assert len(j.query(method="post")) == 1
    assert len(j.query(status=429)) == 1
    assert len(j.query(status="200")) == 2
    assert len(j.query(outcome="retrying")) == 1
    assert len(j.query(params={"service": "get_users"})) == 2
    assert len(j.query(params={"service": "get_users", "token": "a"})) == 1
    assert j.query(params={"missing": "x"}) == []


def test_query_params_compare_as_strings():
    j = Journal()
    served(j, params={"n": "5"})
    assert len(j.query(params={"n": 5})) == 1


def test_query_since_and_limit():
    j = Journal()
    entries = [served(j) for _ in range(10)]
    assert [e.id for e in j.query(since=entries[6].id)] == [e.id for e in entries[7:]]
    assert [e.id for e in j.query(limit=3)] == [e.id for e in entries[7:]]       # newest 3
    page = j.query(since=entries[1].id, limit=3)                                  # paging: next 3
    assert [e.id for e in page] == [e.id for e in entries[2:5]]
    assert j.query(limit=0) == []


def test_bounded_size_drops_oldest_first():
    j = Journal(maxlen=5)
    entries = [served(j) for _ in range(12)]
    assert len(j) == 5
    assert [e.id for e in j.query()] == [e.id for e in entries[-5:]]


def test_clear_all_and_one_tenant():
    j = Journal()
    served(j, tenant="a"), served(j, tenant="b"), served(j, tenant="a")
    j.clear(tenant="a")
    assert [e.tenant for e in j.query()] == ["b"]
    j.clear()
    assert len(j) == 0
    assert served(j).id == 4  # ids keep ascending


def test_wait_for_returns_an_entry_already_present():
    j = Journal()
    served(j, tenant="other")
    wanted = served(j, params={"service": "call_request"})
    assert j.wait_for(0, params={"service": "call_request"}) is wanted


def test_wait_for_respects_since():
    j = Journal()
    old = served(j)
    assert j.wait_for(0.01, since=old.id, tenant="t1") is None


def test_wait_for_an_entry_arriving_later():
    j = Journal()
    mark = served(j).id
    threading.Timer(0.02, lambda: (served(j, tenant="noise"), served(j, status=404))).start()
    got = j.wait_for(30, since=mark, status=404)
    assert got is not None and got.status == 404


def test_wait_for_times_out():
    j = Journal()
    served(j)
    assert j.wait_for(0.02, tenant="nobody") is None


def test_maxlen_must_be_positive():
    with pytest.raises(ValueError):
        Journal(maxlen=0)
