"""Integration module settings of the extended interface ("Enable extended commands
and events (SSN)") and the tenant's IVR settings, on the control plane."""
from __future__ import annotations

import re

import pytest

from emulators.voispeed import SURFACE


def _url(tenant) -> str:
    return f"/_emulator/surfaces/voispeed/settings?tenant={tenant.id}"


def test_modules_use_the_extended_interface_and_select_no_ssn_events_by_default(emu, default):
    settings = SURFACE.get_settings(emu, default)
    assert all(m["extended"] is True and m["ssn_events"] == [] for m in settings["modules"])
    assert settings["ivr"] == {"license_id": "MP3026487718", "script_timeout": 5.0}


def test_another_tenant_gets_its_own_license_id_of_the_same_shape(emu, tenant):
    license_id = SURFACE.get_settings(emu, tenant)["ivr"]["license_id"]
    assert re.fullmatch(r"MP\d{10}", license_id) and license_id != "MP3026487718"


def test_ssn_events_and_ivr_settings_round_trip(app, tenant, receiver):
    client = app.test_client()
    body = {"modules": [{"token": "t-ssn", "url": receiver.url, "ssn_events": [3, 4, 10], "extended": True}],
            "ivr": {"license_id": "MP0000000001", "script_timeout": 2}}
    response = client.put(_url(tenant), json=body)
    assert response.status_code == 200, response.json
    assert response.json["modules"][0]["ssn_events"] == [3, 4, 10]
    assert response.json["ivr"] == {"license_id": "MP0000000001", "script_timeout": 2.0}
    assert client.get(_url(tenant)).json == response.json


def test_putting_modules_alone_keeps_the_ivr_settings(emu, tenant):
    SURFACE.put_settings(emu, tenant, {"modules": [{"token": "a"}], "ivr": {"script_timeout": 1}})
    assert SURFACE.put_settings(emu, tenant, {"modules": [{"token": "b"}]})["ivr"]["script_timeout"] == 1.0


@pytest.mark.parametrize("body", [
    {"modules": [{"ssn_events": [8]}]}, {"modules": [{"ssn_events": [13]}]}, {"modules": [{"ssn_events": "3"}]},
    {"modules": [{"extended": "yes"}]}, {"modules": [], "ivr": {"script_timeout": 0}},
    {"modules": [], "ivr": {"script_timeout": 600}}, {"modules": [], "ivr": {"license_id": ""}},
    {"modules": [], "ivr": {"colour": "red"}}, {"modules": [], "ivr": "fast"},
])
def test_invalid_extended_settings_are_a_400_and_change_nothing(app, emu, tenant, body):
    before = SURFACE.get_settings(emu, tenant)
    response = app.test_client().put(_url(tenant), json=body)
    assert response.status_code == 400 and response.json["error"]["message"]
    assert SURFACE.get_settings(emu, tenant) == before
