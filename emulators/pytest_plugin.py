"""pytest plugin: an emulator per test session (or xdist worker), a fresh tenant per test.

Fixtures:

- ``emulator_url`` — base URL of the emulator: ``--emulator-url`` if given, else one
  started in-process on a free port for this session/worker.
- ``emulator`` — an :class:`~emulators.client.EmulatorClient` for it.
- ``tenant`` — a new tenant for this test (own credentials, clock, calls,
  journal), deleted afterwards; see :class:`TenantHandle`.

Journal assertions read as the behaviour they check::

    tenant.expect_delivery("voispeed", event_name="call_answered", within=2)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("ccemu")
    group.addoption("--emulator-url", default=None,
                    help="use an already running ccemu at this URL instead of starting one in-process")
    group.addoption("--emulator-clock", default="virtual", choices=("real", "virtual"),
                    help="clock mode of the tenants the `tenant` fixture creates (default: virtual)")


class DeliveryNotSeen(AssertionError):
    pass


@dataclass
class TenantHandle:
    """One test's tenant on the emulator."""

    id: str
    credentials: dict[str, Any]
    client: Any

    def credential(self, surface: str, kind: str | None = None) -> str:
        """The first credential of a surface, e.g. ``tenant.credential("voispeed")`` → a token."""
        values = self.credentials.get(surface, {})
        if isinstance(values, dict):
            values = values.get(kind) if kind else next(iter(values.values()), [])
        if not values:
            raise LookupError(f"tenant {self.id} has no {surface} credential")
        return values[0] if isinstance(values, list) else values

    def advance(self, seconds: float) -> dict:
        return self.client.advance(self.id, seconds)

    def journal(self, **filters) -> list[dict]:
        return self.client.journal(tenant=self.id, **filters)

    def wait_for(self, timeout: float = 5.0, **filters) -> dict | None:
        return self.client.wait_for(timeout=timeout, tenant=self.id, **filters)

    def expect_delivery(self, surface: str, within: float = 2.0, outcome: str = "ok", **params) -> dict:
        """Assert that a delivery with these parameters reached its receiver within ``within`` s."""
        entry = self.wait_for(timeout=within, surface=surface, direction="out", outcome=outcome,
                              params={k: str(v) for k, v in params.items()})
        if entry is None:
            seen = [e["params"] for e in self.journal(surface=surface, direction="out")][-10:]
            raise DeliveryNotSeen(f"no {surface} delivery with {params} ({outcome}) within {within} s; "
                                  f"last deliveries: {seen}")
        return entry


@pytest.fixture(scope="session")
def emulator_url(request):
    url = request.config.getoption("--emulator-url")
    if url:
        yield url.rstrip("/")
        return
    from emulators.app import create_app
    from emulators.core.app import Config
    from emulators.core.server import Server
    server = Server(create_app(Config()), host="127.0.0.1", port=0).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def emulator(emulator_url):
    from emulators.client import EmulatorClient
    return EmulatorClient(emulator_url)


@pytest.fixture
def tenant(request, emulator):
    clock = request.config.getoption("--emulator-clock")
    created = emulator.create_tenant(clock=clock)
    handle = TenantHandle(created["id"], created["credentials"], emulator)
    yield handle
    emulator.delete_tenant(handle.id)
