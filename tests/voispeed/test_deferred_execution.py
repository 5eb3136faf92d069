"""The guide's asynchronous execution on a real server: call_request answers outcome 0
with a request_id before the engine carries the request out; the same connection's next
request, another connection's request and the control plane all see it carried out; a
failure found while carrying it out arrives as cmd_failed with that request_id."""
from __future__ import annotations

import threading
import time

import pytest
import requests

from emulators.core.server import Server

from .conftest import ENDPOINT, token_of

SLOW = 1.0      # seconds the engine is made to take for one originate (a margin for slow machines)


@pytest.fixture
def server(app):
    server = Server(app, "127.0.0.1", 0).start()
    yield server
    server.stop()


@pytest.fixture
def slow_originate(emu, monkeypatch):
    """Make originate take SLOW seconds; the event is set once it has finished."""
    done = threading.Event()
    real = emu.engine.originate

    def originate(*args, **kwargs):
        time.sleep(SLOW)
        try:
            return real(*args, **kwargs)
        finally:
            done.set()
    monkeypatch.setattr(emu.engine, "originate", originate)
    return done


def _call_request(session, server, token, number="187"):
    return session.get(f"{server.url}{ENDPOINT}", params={
        "service": "call_request", "token": token, "ext": "35", "number": number}, timeout=10)


def test_call_request_is_answered_before_the_engine_carries_it_out(server, tenant, slow_originate):
    with requests.Session() as session:
        reply = _call_request(session, server, token_of(tenant))
        assert "<outcome>0</outcome>" in reply.text and "<request_id>" in reply.text
        assert not slow_originate.is_set()          # the reply did not wait for the call to be placed
    assert slow_originate.wait(5)


def test_the_same_connections_next_request_sees_the_call(server, tenant, slow_originate):
    token = token_of(tenant)
    with requests.Session() as session:
        _call_request(session, server, token)
        report = session.get(f"{server.url}{ENDPOINT}", params={
            "service": "get_user_call_report", "token": token, "ext": "35", "limit": "1"}, timeout=10)
    assert "<remote_number>187</remote_number>" in report.text


def test_another_connection_and_the_control_plane_wait_for_accepted_work(server, tenant, slow_originate):
    token = token_of(tenant)
    with requests.Session() as first:
        _call_request(first, server, token)
        report = requests.get(f"{server.url}{ENDPOINT}", params={       # a new connection
            "service": "get_user_call_report", "token": token, "ext": "35", "limit": "1"}, timeout=10)
        assert "<remote_number>187</remote_number>" in report.text
        calls = requests.get(f"{server.url}/_emulator/calls", params={"tenant": tenant.id}, timeout=10).json()
    assert [c["dialled"] for c in calls["calls"]] == ["187"]


def test_other_tenants_do_not_wait_for_a_tenants_accepted_work(emu, server, tenant, slow_originate):
    other = emu.new_tenant()
    with requests.Session() as first, requests.Session() as second:
        _call_request(first, server, token_of(tenant))
        reply = second.get(f"{server.url}{ENDPOINT}", params={
            "service": "get_user_call_report", "token": token_of(other), "ext": "35"}, timeout=10)
        assert "<outcome>0</outcome>" in reply.text
        assert not slow_originate.is_set()


def test_a_failure_while_carrying_out_arrives_as_cmd_failed(emu, server, tenant, listen, delivered):
    token = listen(tenant)
    for gateway in tenant.directory.gateways.values():      # no line out: found only when placing the call
        gateway.registered = False
    with requests.Session() as session:
        reply = _call_request(session, server, token)
    assert "<outcome>0</outcome>" in reply.text
    request_id = reply.text.split("<request_id>")[1].split("<")[0]
    assert emu.journal.wait_for(5, tenant=tenant.id, direction="out", params={"event_name": "cmd_failed"})
    (failed,) = delivered().of("cmd_failed")
    assert failed.params["request_id"] == request_id
