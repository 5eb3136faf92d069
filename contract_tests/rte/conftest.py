"""Target of the RTE contract suite: the in-process emulator by default, or any
EnreachAPI deployment.

Configuration (environment variables):

- ``RTE_TARGET_URL``: base URL serving the discovery call ``/api/user`` (for the
  emulator: its root URL). Unset: the contract suites' shared ``target``
  (``--target-url``, or the emulator they start in-process).
- ``RTE_USER`` / ``RTE_PASSWORD``: the login to use (default ``demo@example.com``
  / ``demo``). Against an emulator, each test gets a fresh tenant of its own
  instead, through the emulator's control plane.

Checks that need to *cause* events (a call, an availability change) or to move
time use the emulator's control plane; against a real system they are skipped.
"""
from __future__ import annotations

import os

import pytest
import requests

from emulators.rte.client import login


def _shared_target(request) -> str | None:
    """The URL of the contract suites' shared ``target`` fixture, when there is one."""
    try:
        return request.getfixturevalue("target").url
    except pytest.FixtureLookupError:
        return None


@pytest.fixture(scope="session")
def rte_target(request):
    """(base URL, is it an emulator with a control plane?)"""
    url = os.environ.get("RTE_TARGET_URL") or _shared_target(request)
    if url:
        url = url.rstrip("/")
        try:
            emulator = requests.get(f"{url}/_emulator/health", timeout=5).status_code == 200
        except requests.RequestException:
            emulator = False
        yield url, emulator
        return
    from emulators.app import create_app
    from emulators.core.app import Config
    from emulators.core.server import Server
    server = Server(create_app(Config(clock="virtual"), surfaces=["rte"]), "127.0.0.1", 0).start()
    try:
        yield server.url, True
    finally:
        server.stop()


@pytest.fixture(scope="session")
def base_url(rte_target) -> str:
    return rte_target[0]


@pytest.fixture
def emulator_tenant(rte_target):
    """A fresh tenant on an emulator target (None against a real system)."""
    url, emulator = rte_target
    if not emulator:
        yield None
        return
    created = requests.post(f"{url}/_emulator/tenants", json={"clock": "virtual"}, timeout=10).json()
    yield created
    requests.delete(f"{url}/_emulator/tenants/{created['id']}", timeout=10)


@pytest.fixture
def credentials(emulator_tenant) -> tuple[str, str]:
    if emulator_tenant is not None:
        rte = emulator_tenant["credentials"]["rte"]
        return rte["logins"][0], rte["passwords"][0]
    return os.environ.get("RTE_USER", "demo@example.com"), os.environ.get("RTE_PASSWORD", "demo")


@pytest.fixture
def session(base_url, credentials):
    return login(base_url, *credentials)


@pytest.fixture
def control(rte_target, emulator_tenant):
    """The emulator's control plane for this test's tenant; skips against a real system."""
    url, emulator = rte_target
    if not emulator:
        pytest.skip("needs the emulator's control plane to cause events or move time")

    class Control:
        tenant = emulator_tenant["id"]

        def post(self, path: str, body: dict) -> dict:
            return self.call("POST", path, body)

        def put(self, path: str, body: dict) -> dict:
            return self.call("PUT", path, body)

        def call(self, method: str, path: str, body: dict) -> dict:
            reply = requests.request(method, f"{url}/_emulator/{path}", json={"tenant": self.tenant, **body},
                                     timeout=30)
            assert reply.status_code < 300, reply.text
            return reply.json()
    return Control()


@pytest.fixture
def hubs(session):
    """``hubs()`` opens a handshaken hub connection (closed after the test)."""
    from emulators.rte.client import RawHub
    opened = []

    def make(**options):
        hub = RawHub(session.hub_url, options.pop("token", session.token), **options)
        opened.append(hub)
        return hub
    yield make
    for hub in opened:
        hub.close()
