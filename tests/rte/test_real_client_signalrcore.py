"""The ``signalrcore`` Python client (PyPI), unchanged, against the hub: it negotiates
version 0, connects with the connectionId, handshakes with version 0, and passes
handler arguments as one list (so the message is ``args[0]``).

signalrcore's ``stop()`` closes its socket under its own blocked reader, which
returns only when the server next sends something: against any server that is
the next keep-alive Ping (15 s by default). These tests set the tenant's
``keepAliveInterval`` to half a second so stopping is quick."""
from __future__ import annotations

import logging
import queue
import threading
import urllib.error

import pytest

signalrcore = pytest.importorskip("signalrcore.hub_connection_builder")
HubConnectionBuilder = signalrcore.HubConnectionBuilder

from emulators.rte import ids  # noqa: E402

from .test_events import run_scenario  # noqa: E402


@pytest.fixture(autouse=True)
def quick_pings(emu, tenant):
    emu.surfaces["rte"].put_settings(emu, tenant, {"keepAliveInterval": 0.5})


class Client:
    """A signalrcore connection with blocking helpers for the test."""

    def __init__(self, hub_url: str, token_factory) -> None:
        self.connection = HubConnectionBuilder().with_url(hub_url, options={
            "access_token_factory": token_factory}).configure_logging(logging.CRITICAL).build()
        self.opened, self.closed = threading.Event(), threading.Event()
        self.messages: "queue.Queue[dict]" = queue.Queue()
        self.errors: "queue.Queue" = queue.Queue()
        self.connection.on_open(self.opened.set)
        self.connection.on_close(self.closed.set)
        self.connection.on_error(self.errors.put)
        self.connection.on("MessageReceived", lambda args: self.messages.put(args[0]))

    def start(self) -> None:
        self.opened.clear()
        self.connection.start()
        assert self.opened.wait(10), "signalrcore did not open"

    def invoke(self, method: str, arguments: list):
        done: "queue.Queue" = queue.Queue()
        self.connection.invoke(method, arguments, on_invocation=done.put)
        return done.get(timeout=10).result

    def message(self, event_name: str) -> dict:
        while True:
            message = self.messages.get(timeout=20)
            if message["subscription"]["eventName"] == event_name.lower():
                return message

    def stop(self) -> None:
        self.connection.stop()


def test_signalrcore_connects_subscribes_receives_unsubscribes_and_reconnects(base_url, tenant, demo):
    tokens = []

    def factory():
        tokens.append(demo.new_token())
        return tokens[-1]
    client = Client(demo.hub_url, factory)
    client.start()
    try:
        assert len(client.invoke("AvailableSubscriptions", [])) == 51
        queue_id = ids.queue(tenant, 1)
        result = client.invoke("Subscribe", [[{"EntityId": queue_id, "EventName": "QueueCallInUserAllocated"},
                                              {"EntityId": queue_id, "EventName": "QueueCallInDisconnected"}]])
        assert [r["subscribed"] for r in result] == [True, True]
        run_scenario(base_url, tenant, "queue_call_answered_by_agent")
        allocated = client.message("QueueCallInUserAllocated")
        assert allocated["data"]["eventType"] == 102
        assert allocated["data"]["userId"] == ids.user(tenant, 3)
        client.message("QueueCallInDisconnected")
        result = client.invoke("Unsubscribe", [[{"EntityId": queue_id, "EventName": "QueueCallInUserAllocated"}]])
        assert result == [{"subscribed": False, "message": None, "entityId": queue_id,
                           "eventName": "queuecallinuserallocated"}]
        assert client.invoke("UnsubscribeAll", []) is True
    finally:
        client.stop()
    # reconnect: negotiate again, with a new token from the factory
    client.start()
    try:
        assert len(client.invoke("AvailableSubscriptions", [])) == 51
        assert len(tokens) == 2
    finally:
        client.stop()


def test_signalrcore_with_a_bad_token_is_refused_with_401(demo):
    client = Client(demo.hub_url, lambda: "not-a-valid-token")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.connection.start()
    assert refused.value.code == 401


def test_signalrcore_sees_hub_errors_through_its_error_callback(demo):
    client = Client(demo.hub_url, demo.new_token)
    client.start()
    try:
        client.connection.invoke("NoSuchMethod", [])
        error = client.errors.get(timeout=10)
        assert error.error == "Failed to invoke 'NoSuchMethod' due to an error on the server."
        assert len(client.invoke("AvailableSubscriptions", [])) == 51     # still connected
    finally:
        client.stop()
