"""The ``pysignalr`` Python client (PyPI, asyncio), unchanged, against the hub.

pysignalr sends the token factory's token only after the WebSocket is open, so
working pysignalr code also passes ``headers={"Authorization": "Bearer …"}``
(signalr-protocol-notes §3); the tests do what such code does. pysignalr is
strict about what it receives (unknown fields or message types raise), so it
also checks that the hub sends only what the protocol defines.
"""
from __future__ import annotations

import asyncio

import pytest

pysignalr_client = pytest.importorskip("pysignalr.client")
from pysignalr.exceptions import AuthorizationError  # noqa: E402

from emulators.rte import ids  # noqa: E402

from .test_events import run_scenario  # noqa: E402


class Client:
    """One pysignalr connection, run in the background of the test's event loop."""

    def __init__(self, hub_url: str, token: str) -> None:
        self.client = pysignalr_client.SignalRClient(hub_url, headers={"Authorization": f"Bearer {token}"},
                                                     access_token_factory=lambda: token)
        self.opened = asyncio.Event()
        self.messages: asyncio.Queue = asyncio.Queue()
        self.errors: asyncio.Queue = asyncio.Queue()
        self.client.on_open(self._opened)
        self.client.on_error(self.errors.put)
        self.client.on("MessageReceived", self._received)
        self.task: asyncio.Task | None = None

    async def _opened(self) -> None:
        self.opened.set()

    async def _received(self, arguments: list) -> None:
        await self.messages.put(arguments[0])

    async def start(self) -> None:
        self.task = asyncio.create_task(self.client.run())
        opened = asyncio.create_task(self.opened.wait())
        done, _ = await asyncio.wait({opened, self.task}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
        if self.task in done:
            opened.cancel()
            self.task.result()          # raises what run() raised
        assert opened in done, "pysignalr did not open"

    async def invoke(self, method: str, arguments: list):
        done: asyncio.Future = asyncio.get_running_loop().create_future()

        async def completed(message) -> None:
            done.set_result(message)
        await self.client.send(method, arguments, on_invocation=completed)
        return await asyncio.wait_for(done, 10)

    async def message(self, event_name: str) -> dict:
        while True:
            message = await asyncio.wait_for(self.messages.get(), 20)
            if message["subscription"]["eventName"] == event_name.lower():
                return message

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            try:
                await self.task
            except (asyncio.CancelledError, Exception):
                pass


def test_pysignalr_connects_subscribes_receives_unsubscribes_and_reconnects(base_url, tenant, demo):
    async def scenario() -> None:
        client = Client(demo.hub_url, demo.token)
        await client.start()
        try:
            assert len((await client.invoke("AvailableSubscriptions", [])).result) == 51
            queue_id = ids.queue(tenant, 1)
            completion = await client.invoke("Subscribe", [[
                {"EntityId": queue_id, "EventName": "QueueCallInUserConnected"},
                {"EntityId": queue_id, "EventName": "QueueStatus"}]])
            assert [r["subscribed"] for r in completion.result] == [True, True]
            await asyncio.to_thread(run_scenario, base_url, tenant, "queue_call_answered_by_agent")
            connected = await client.message("QueueCallInUserConnected")
            assert connected["data"]["eventType"] == 103
            assert connected["data"]["userId"] == ids.user(tenant, 3)
            status = await client.message("QueueStatus")
            assert status["data"]["eventType"] == 140
            completion = await client.invoke("Unsubscribe", [[{"EntityId": queue_id, "EventName": "QueueStatus"}]])
            assert completion.result[0]["subscribed"] is False
            assert (await client.invoke("UnsubscribeAll", [])).result is True
        finally:
            await client.stop()
        # reconnect with a new token, as an app does after a drop
        again = Client(demo.hub_url, await asyncio.to_thread(demo.new_token))
        await again.start()
        try:
            assert len((await again.invoke("AvailableSubscriptions", [])).result) == 51
        finally:
            await again.stop()
    asyncio.run(scenario())


def test_pysignalr_with_a_bad_token_is_refused_with_401(demo):
    async def scenario() -> None:
        client = Client(demo.hub_url, "not-a-valid-token")
        with pytest.raises(AuthorizationError):
            await client.start()
        await client.stop()
    asyncio.run(scenario())


def test_pysignalr_gets_hub_errors_and_stays_connected(demo):
    async def scenario() -> None:
        client = Client(demo.hub_url, demo.token)
        await client.start()
        try:
            completion = await client.invoke("NoSuchMethod", [])
            assert completion.error == "Failed to invoke 'NoSuchMethod' due to an error on the server."
            assert (await asyncio.wait_for(client.errors.get(), 10)).error == completion.error
            assert (await client.invoke("UnsubscribeAll", [])).result is True
        finally:
            await client.stop()
    asyncio.run(scenario())
