import pytest

from emulators.core.faults import Faults


def match(faults, surface="voispeed", direction="in", tenant="t1",
          target="/PBX/seri_endpoint.php", params=None):
    return faults.match(surface=surface, direction=direction, tenant=tenant,
                        target=target, params=params)


def test_add_fills_defaults_and_assigns_an_id():
    rule = Faults().add({"action": "error", "status": 503})
    assert rule.id and rule.surface == "*" and rule.direction == "in" and rule.times is None
    assert rule.to_dict()["status"] == 503


@pytest.mark.parametrize("spec, message", [
    ({"action": "explode"}, "action"),
    ({"action": "error", "direction": "sideways"}, "direction"),
    ({"action": "latency", "latency_ms": -5}, "latency_ms"),
    ({"action": "latency"}, "latency_ms"),
    ({"action": "error", "times": 0}, "times"),
    ({"action": "error", "times": -1}, "times"),
    ({"action": "error", "status": 999}, "status"),
    ({"action": "error", "status": "abc"}, "status"),
    ({"action": "error", "colour": "red"}, "colour"),
    ({"action": "error", "params": ["a"]}, "params"),
])
def test_add_rejects_bad_specs_with_a_clear_message(spec, message):
    with pytest.raises(ValueError, match=message):
        Faults().add(spec)


def test_no_rules_no_match():
    f = Faults()
    assert not f.has_rules() and match(f) is None
    f.add({"action": "error"})
    assert f.has_rules()


def test_match_by_surface_direction_tenant_target_and_params():
    f = Faults()
    rule = f.add({"action": "drop", "surface": "tvox", "direction": "out", "tenant": "t1",
                  "target": "/hook", "params": {"event": "INBOUNDCALL"}})
    hit = dict(surface="tvox", direction="out", tenant="t1", target="http://x/hook?a=1",
               params={"event": "INBOUNDCALL", "other": "y"})
    assert match(f, **hit) is rule
    for change in ({"surface": "voispeed"}, {"direction": "in"}, {"tenant": "t2"},
                   {"target": "http://x/other"}, {"params": {"event": "OUTBOUNDCALL"}},
                   {"params": None}):
        assert match(f, **{**hit, **change}) is None


def test_wildcard_surface_and_any_tenant():
    f = Faults()
    rule = f.add({"action": "error"})
    assert match(f, surface="rte", tenant=None) is rule


def test_params_compare_as_strings():
    f = Faults()
    rule = f.add({"action": "error", "params": {"n": 5}})
    assert match(f, params={"n": "5"}) is rule


def test_first_matching_rule_in_insertion_order_wins():
    f = Faults()
    first = f.add({"action": "latency", "latency_ms": 10})
    f.add({"action": "error"})
    assert match(f) is first


def test_rule_expires_after_times_matches():
    f = Faults()
    rule = f.add({"action": "error", "times": 2})
    fallback = f.add({"action": "latency", "latency_ms": 1})
    assert match(f) is rule
    assert match(f) is rule
    assert match(f) is fallback
    assert f.list() == [fallback]


def test_same_id_replaces_in_place():
    f = Faults()
    f.add({"id": "a", "action": "error"})
    f.add({"id": "b", "action": "drop"})
    f.add({"id": "a", "action": "error", "status": 502})
    assert [(r.id, r.status) for r in f.list()] == [("a", 502), ("b", 500)]


def test_remove_and_clear():
    f = Faults()
    f.add({"id": "x", "action": "error"})
    f.add({"id": "y", "action": "error", "tenant": "t1"})
    f.add({"id": "z", "action": "error", "tenant": "t2"})
    assert f.remove("x") is True and f.remove("x") is False
    f.clear(tenant="t1")
    assert [r.id for r in f.list()] == ["z"]
    f.clear()
    assert f.list() == []
