"""Credentials and settings of the TVox surface on the control plane."""
from __future__ import annotations

from .conftest import PLACEHOLDER_KEY


def test_default_tenant_lists_the_placeholder_key(app):
    tenants = app.test_client().get("/_emulator/tenants").get_json()["tenants"]
    default = next(t for t in tenants if t["id"] == "default")
    assert default["credentials"]["tvox"] == {"api_key": [PLACEHOLDER_KEY]}


def test_new_tenant_gets_its_own_key_shaped_like_the_placeholder(app):
    created = app.test_client().post("/_emulator/tenants", json={"clock": "virtual"}).get_json()
    key = created["credentials"]["tvox"]["api_key"][0]
    assert key != PLACEHOLDER_KEY and [len(p) for p in key.split("-")] == [8, 4, 4, 4, 12]


def test_settings_read_and_change_keys_and_limits(app, dm):
    client = app.test_client()
    path = f"/_emulator/surfaces/tvox/settings?tenant={dm.tenant.id}"
    got = client.get(path).get_json()
    assert got["datamodel"]["rate_limit"] == 100 and got["datamodel"]["api_keys"] == [dm.key]
    put = client.put(path, json={"datamodel": {"api_keys": ["MY-KEY"], "rate_limit": 2}})
    assert put.status_code == 200, put.get_data(as_text=True)
    assert dm.post("{ __typename }").status == 401
    dm.key = "MY-KEY"
    assert [dm.post("{ __typename }").status for _ in range(3)] == [200, 200, 429]


def test_bad_settings_are_400(app, dm):
    path = f"/_emulator/surfaces/tvox/settings?tenant={dm.tenant.id}"
    assert app.test_client().put(path, json={"datamodel": {"rate_limit": "many"}}).status_code == 400
    assert app.test_client().put(path, json={"datamodel": {"colour": 1}}).status_code == 400


def test_reseeding_through_settings(app, dm):
    path = f"/_emulator/surfaces/tvox/settings?tenant={dm.tenant.id}"
    r = app.test_client().put(path, json={"datamodel": {"seed": 5, "months": ["2020-06"], "steps": 300}})
    assert r.status_code == 200 and r.get_json()["datamodel"]["months"] == ["2020-06"]
    assert dm.data("{ inboundCallsCount(search: { year: 2020, month: 6 }) }")["inboundCallsCount"] > 0
    assert dm.data("{ inboundCallsCount(search: { year: 2020, month: 5 }) }")["inboundCallsCount"] == 0
