"""Fixtures for the RTE tests: one emulator served on a free port per test
process (xdist worker), a fresh tenant with a virtual clock per test, the
demo user logged in through the EnreachAPI flow, and hub connections that
are closed after the test."""
from __future__ import annotations

import pytest

from emulators.app import create_app
from emulators.core.app import Config
from emulators.core.server import Server
from emulators.rte import org as orgs
from emulators.rte import service_of

from emulators.rte.client import RawHub, login


@pytest.fixture(scope="session")
def rte_app():
    # the RTE surface alone: these tests must not depend on (or wait for) the other surfaces
    app = create_app(Config(clock="virtual"), surfaces=["rte"])
    yield app
    service_of(app).hub.stop()
    app.extensions["ccemu"].close()


@pytest.fixture(scope="session")
def rte_server(rte_app):
    server = Server(rte_app, "127.0.0.1", 0).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(rte_server) -> str:
    return rte_server.url


@pytest.fixture
def emu(rte_app):
    return rte_app.extensions["ccemu"]


@pytest.fixture
def service(rte_app):
    return service_of(rte_app)


@pytest.fixture
def tenant(emu):
    """A tenant of this test alone (virtual clock): its calls and events are nobody else's."""
    created = emu.new_tenant(clock_mode="virtual")
    yield created
    emu.engine.forget(created.id)
    emu.tenants.delete(created.id)


@pytest.fixture
def demo(base_url, tenant):
    """The tenant's demo user, logged in: API base, user id, secret key, hub token and address."""
    return login(base_url, orgs.demo_login(tenant.id))


@pytest.fixture
def open_hub(demo):
    """``open_hub(**options)``: a handshaken RawHub for the demo user (closed after the test)."""
    hubs: list[RawHub] = []

    def make(token: str | None = None, **options) -> RawHub:
        hub = RawHub(demo.hub_url, token or demo.token, **options)
        hubs.append(hub)
        return hub
    yield make
    for hub in hubs:
        hub.close()


@pytest.fixture
def engine(emu):
    return emu.engine
