"""The pytest plugin: one emulator per session/worker, a fresh tenant per test, journal assertions."""
import pytest

from emulators.pytest_plugin import DeliveryNotSeen


def test_emulator_fixture_is_a_live_emulator(emulator):
    assert emulator.health()["status"] == "ok"


def test_each_test_gets_its_own_tenant_with_credentials(tenant, emulator):
    assert tenant.id != "default"
    assert tenant.credential("voispeed")
    assert emulator.calls(tenant=tenant.id) == []


def test_tenant_clock_is_virtual_and_advances(tenant):
    before = tenant.client.clock(tenant.id)["now"]
    tenant.advance(90)
    assert tenant.client.clock(tenant.id)["now"] == pytest.approx(before + 90)


def test_calls_of_one_tenant_do_not_leak_into_another(tenant, emulator):
    other = emulator.create_tenant()
    emulator.place_call("35", "187", type="originate", tenant=tenant.id)
    assert emulator.calls(tenant=other["id"]) == []
    emulator.delete_tenant(other["id"])


def test_expect_delivery_fails_clearly_when_nothing_arrived(tenant):
    with pytest.raises(DeliveryNotSeen, match="event_name"):
        tenant.expect_delivery("voispeed", within=0.05, event_name="call_answered")
