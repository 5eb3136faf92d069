"""Authentication (X-Telenia-APIKey, 401 with a GraphQL errors body) and the rate limit
(100 requests per minute per key, on the tenant's clock: 429 with Retry-After)."""
from __future__ import annotations

import pytest

COUNT = "{ inboundCallsCount(search: { year: 2020, month: 5 }) }"


@pytest.mark.parametrize("headers", [{}, {"X-Telenia-APIKey": ""}, {"X-Telenia-APIKey": "wrong"}])
def test_missing_or_wrong_key_is_401_with_graphql_errors(dm, headers):
    dm.key = None
    reply = dm.post(COUNT, headers=headers)
    assert reply.status == 401
    assert reply.headers["Content-Type"].startswith("application/json")
    assert set(reply.body) == {"errors"} and "API key" in reply.messages[0]


def test_get_without_key_is_401_too(dm):
    dm.key = None
    assert dm.get(COUNT).status == 401


@pytest.mark.parametrize("name", ["X-Telenia-APIKey", "x-telenia-apikey", "X-TELENIA-APIKEY", "X-Telenia-Apikey"])
def test_header_name_in_any_casing(dm, name):
    key, dm.key = dm.key, None
    reply = dm.post(COUNT, headers={name: key})
    assert reply.status == 200 and reply.body["data"]["inboundCallsCount"] > 0


def test_a_key_sees_only_its_own_tenant(app, emu, dm):
    from .conftest import tenant_api
    other = tenant_api(app, emu, emu.new_tenant(clock_mode="virtual"))
    other.data('{ advancedQuery(type: TVOX, query: "SELECT 1 AS one FROM ast_calls_202005 LIMIT 1") }')
    emu.tenants.revoke("tvox", other.key)
    assert other.post(COUNT).status == 401
    assert dm.post(COUNT).status == 200


def test_101st_request_within_a_minute_is_429_with_retry_after(dm):
    for _ in range(100):
        assert dm.post(COUNT).status == 200
    reply = dm.post(COUNT)
    assert reply.status == 429
    assert reply.headers["Retry-After"] == "60"          # the virtual clock has not moved
    assert "rate limit" in reply.messages[0] and "data" not in reply.body


def test_limit_lifts_when_the_tenant_clock_passes_the_window(dm):
    for _ in range(100):
        dm.post(COUNT)
    dm.tenant.clock.advance(30)
    reply = dm.post(COUNT)
    assert reply.status == 429 and reply.headers["Retry-After"] == "30"
    dm.tenant.clock.advance(30)
    assert dm.post(COUNT).status == 200


def test_sliding_window_counts_requests_of_the_last_60_seconds(dm):
    for _ in range(50):
        dm.post(COUNT)
    dm.tenant.clock.advance(40)
    for _ in range(50):
        assert dm.post(COUNT).status == 200
    assert dm.post(COUNT).status == 429
    dm.tenant.clock.advance(20)               # the first 50 leave the window
    assert dm.post(COUNT).status == 200


def test_rejected_and_unauthenticated_requests_do_not_use_the_quota(dm):
    key = dm.key
    dm.key = "wrong"
    for _ in range(20):
        assert dm.post(COUNT).status == 401
    dm.key = key
    for _ in range(100):
        assert dm.post(COUNT).status == 200
    for _ in range(5):
        assert dm.post(COUNT).status == 429
    dm.tenant.clock.advance(60)
    assert dm.post(COUNT).status == 200


def test_each_key_has_its_own_quota(app, emu, dm):
    from .conftest import tenant_api
    other = tenant_api(app, emu, emu.new_tenant(clock_mode="virtual"))
    for _ in range(100):
        dm.post(COUNT)
    assert dm.post(COUNT).status == 429
    assert other.post(COUNT).status == 200


def test_playground_page_needs_no_key_and_uses_no_quota(dm):
    for _ in range(100):
        dm.post(COUNT)
    assert dm.client.get("/datamodel").status_code == 200
    assert dm.post(COUNT).status == 429
