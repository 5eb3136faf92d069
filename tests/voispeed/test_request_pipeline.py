"""seri_endpoint.php is served ahead of Flask (a direct route) and keeps every
surface's request pipeline: a journal entry per request, the control plane's
fault rules (error, latency, drop), per-tenant matching, and the query string
decoded as any PHP endpoint decodes it."""
from __future__ import annotations

import http.client

import pytest

from emulators.core.server import Server

from .conftest import ENDPOINT, token_of

CALL = {"service": "call_request", "ext": "35", "number": "187"}


def _last_entry(emu):
    return emu.journal.query(surface="voispeed", direction="in")[-1]


def test_every_request_is_journalled_with_its_tenant_params_and_reply(emu, seri, tenant):
    token = token_of(tenant)
    reply = seri.get(token=token, **CALL)
    entry = _last_entry(emu)
    assert (entry.tenant, entry.method, entry.target, entry.status, entry.outcome) == \
        (tenant.id, "GET", ENDPOINT, 200, "ok")
    assert entry.params == {"token": token, **CALL}
    assert f"<request_id>{reply.request_id}</request_id>" in entry.response
    assert entry.duration_ms > 0


def test_a_request_with_a_bad_token_is_journalled_without_a_tenant(emu, seri):
    assert seri.get(token="nobody", **CALL).error == "invalid token"
    entry = _last_entry(emu)
    assert entry.tenant is None and entry.status == 200 and "invalid token" in entry.response


def test_an_error_fault_answers_instead_of_the_service_and_expires(emu, seri, tenant):
    emu.faults.add({"action": "error", "surface": "voispeed", "status": 503, "body": "maintenance",
                    "times": 1})
    faulted = seri.get(token=token_of(tenant), **CALL)
    assert (faulted.status, faulted.text) == (503, "maintenance")
    assert (_last_entry(emu).status, _last_entry(emu).outcome) == (503, "error")
    assert emu.engine.calls(tenant.id) == []                           # the service never ran
    assert seri.get(token=token_of(tenant), **CALL).outcome == 0       # the rule was used up


def test_a_fault_bound_to_a_tenant_leaves_other_tenants_alone(emu, seri, tenant):
    other = emu.new_tenant()
    emu.faults.add({"action": "error", "tenant": tenant.id, "status": 500, "body": "down"})
    assert seri.get(token=token_of(tenant), **CALL).status == 500
    assert seri.get(token=token_of(other), **CALL).outcome == 0


def test_a_fault_can_match_on_query_parameters(emu, seri, tenant):
    emu.faults.add({"action": "error", "params": {"service": "get_user_call_report"}, "status": 502})
    token = token_of(tenant)
    assert seri.get(token=token, **CALL).outcome == 0
    assert seri.get(token=token, service="get_user_call_report", ext="35").status == 502


def test_a_latency_fault_delays_the_reply_and_then_serves_it(emu, seri, tenant):
    emu.faults.add({"action": "latency", "latency_ms": 60, "surface": "voispeed"})
    assert seri.get(token=token_of(tenant), **CALL).outcome == 0
    assert _last_entry(emu).duration_ms >= 60


def test_a_drop_fault_closes_the_connection_without_an_answer(app, emu, tenant):
    emu.faults.add({"action": "drop", "surface": "voispeed"})
    server = Server(app, "127.0.0.1", 0).start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", f"{ENDPOINT}?service=call_request&token={token_of(tenant)}&ext=35&number=187")
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            conn.getresponse().read()
        conn.close()
    finally:
        server.stop()
    assert _last_entry(emu).status == 499


@pytest.mark.parametrize(("raw", "number"), [
    ("number=%2B39187", "+39187"),          # percent-escapes decoded
    ("number=00+39", "00 39"),              # '+' is a space in a query string
    ("number=187&number=188", "187"),       # the first of a repeated name wins
])
def test_query_values_are_decoded_as_a_php_endpoint_decodes_them(emu, seri, tenant, raw, number):
    seri.url(f"service=get_user_call_report&token={token_of(tenant)}&ext=35&{raw}")
    assert _last_entry(emu).params["number"] == number


def test_utf8_values_reach_the_journal_decoded(emu, seri, tenant):
    seri.url(f"service=call_request&token={token_of(tenant)}&ext=35&number=187&extid=caff%C3%A8")
    assert _last_entry(emu).params["extid"] == "caffè"


def test_other_paths_of_the_app_are_still_served_by_flask(seri):
    response = seri.client.get("/_emulator/health")
    assert response.status_code == 200
