import pytest

from emulators.core.bus import Bus
from emulators.core.clock import Scheduler
from emulators.core.engine import Engine
from emulators.core.tenants import TenantStore
from fixtures.directory import build_directory


class Recorder:
    """Collects domain events so tests can assert on their kinds and order."""

    def __init__(self, bus: Bus):
        self.events = []
        bus.subscribe(self.events.append)

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def of(self, kind: str) -> list:
        return [e for e in self.events if e.kind == kind]

    def clear(self) -> None:
        self.events.clear()


@pytest.fixture
def world():
    bus = Bus()
    tenants = TenantStore(Scheduler(), build_directory, "virtual")
    tenant = tenants.create("t")
    engine = Engine(tenants, bus)
    return engine, tenant, Recorder(bus)


def party_of(call, who: str):
    """A party by extension, number or role, the live one first."""
    matches = [p for p in call.parties if who in (p.extension, p.number, p.role)]
    live = [p for p in matches if p.live]
    return (live or matches)[-1]
