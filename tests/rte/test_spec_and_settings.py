"""The catalogue against the document, .NET wire conventions, settings, and the
surface's observability (journal, connections)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from emulators.rte import spec
from emulators.rte.client import subscribe
from emulators.rte.dotnet import camel, datetime_utc

DOCUMENT = Path(__file__).resolve().parents[2].parent / "shared" / "specs" / "enreach-rte.txt"


def document_events() -> dict[str, list[tuple[str, str]]]:
    """Event name -> [(property, type)] as the document's tables list them."""
    events: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOCUMENT.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^(Event|Misc): (\w+)$", line)
        if found:
            current = events.setdefault(found[2], []) if found[1] == "Event" else None
            continue
        row = re.match(r"^([A-Z]\w*) (List<\w+>|Guid\??|[Ss]tring|DateTime\??|int\??|long|bool\??|short)(?=\s|$)", line)
        if current is not None and row:
            current.append((row[1], row[2]))
    return events


@pytest.mark.skipif(not DOCUMENT.exists(), reason="the vendor document is not beside the project")
def test_the_catalogue_has_every_event_of_the_document_with_its_properties_in_order():
    documented = document_events()
    assert list(documented) == list(spec.DOCUMENTED_NAMES)
    for name, props in documented.items():
        assert [(p.name, p.type) for p in spec.event(name).props] == props, name


def test_the_five_event_types_real_clients_switch_on():
    numbers = {name: spec.event(name).event_type for name in
               ("UserAvailability", "UserCallInComing", "QueueCallInUserAllocated", "QueueStatus", "UserStatus")}
    assert numbers == {"UserAvailability": 1, "UserCallInComing": 10, "QueueCallInUserAllocated": 102,
                       "QueueStatus": 140, "UserStatus": 141}


@pytest.mark.parametrize("pascal, wire", [("CallerNumber", "callerNumber"), ("CBRId", "cbrId"), ("RUser", "rUser"),
                                          ("SMSTo", "smsTo"), ("LegId", "legId"), ("ExpiresIn24h", "expiresIn24h"),
                                          ("Id", "id"), ("UserName", "userName")])
def test_property_names_are_camel_cased_as_system_text_json_does(pascal, wire):
    assert camel(pascal) == wire


def test_date_times_are_utc_without_offset_and_trailing_zeros():
    assert datetime_utc(0) == "1970-01-01T00:00:00"
    assert datetime_utc(1.5) == "1970-01-01T00:00:01.5"
    assert datetime_utc(None) is None


def test_settings_are_read_and_changed_on_the_control_plane(base_url, tenant):
    url = f"{base_url}/_emulator/surfaces/rte/settings"
    settings = requests.get(url, params={"tenant": tenant.id}).json()
    assert settings["keepAliveInterval"] == 15 and settings["maxMessageSize"] == 32768
    changed = requests.put(url, params={"tenant": tenant.id}, json={"tokenLifetime": 60}).json()
    assert changed["tokenLifetime"] == 60


@pytest.mark.parametrize("body", [{"noSuchSetting": 1}, {"keepAliveInterval": "soon"}, {"visibility": "all"},
                                  {"maxMessageSize": 10}, ["not", "an", "object"]])
def test_bad_settings_are_refused_with_400(base_url, tenant, body):
    reply = requests.put(f"{base_url}/_emulator/surfaces/rte/settings", params={"tenant": tenant.id}, json=body)
    assert reply.status_code == 400


def test_a_shorter_token_lifetime_applies_to_new_tokens(emu, tenant, demo):
    emu.surfaces["rte"].put_settings(emu, tenant, {"tokenLifetime": 60})
    token = demo.new_token()
    tenant.clock.advance(61)
    reply = requests.post(demo.hub_url + "/negotiate", headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code == 401


def test_invocations_and_pushes_are_in_the_journal(emu, tenant, demo, open_hub, engine):
    hub = open_hub()
    subscribe(hub, (demo.user_id, "UserAvailability"))
    engine.set_user_mode(tenant.id, 3, "away")
    hub.message("UserAvailability")
    invoked = emu.journal.query(tenant=tenant.id, surface="rte", method="INVOKE")
    assert [e.target for e in invoked] == ["Subscribe"]
    pushed = emu.journal.query(tenant=tenant.id, surface="rte", method="PUSH")
    assert pushed[0].params["eventName"] == "UserAvailability" and pushed[0].params["recipients"] == "1"


def test_live_connections_are_listed_with_their_subscriptions(base_url, tenant, demo, open_hub):
    subscribe(open_hub(), (demo.user_id, "UserStatus"))
    listed = requests.get(f"{base_url}/_emulator/surfaces/rte/connections", params={"tenant": tenant.id}).json()
    assert listed["connections"][0]["subscriptions"] == [{"entityId": demo.user_id, "eventName": "userstatus"}]


def test_publishing_an_unknown_event_or_property_is_400(base_url, tenant, demo):
    url = f"{base_url}/_emulator/surfaces/rte/events"
    assert requests.post(url, json={"tenant": tenant.id, "eventName": "Nope", "user": "40"}).status_code == 400
    assert requests.post(url, json={"tenant": tenant.id, "eventName": "UserAlert", "user": "40",
                                    "data": {"NoSuchProperty": 1}}).status_code == 400
    assert requests.post(url, json={"tenant": tenant.id, "eventName": "QueueStatus",
                                    "entityId": demo.user_id}).status_code == 400
