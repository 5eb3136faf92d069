"""Integration modules (token, notification URL, events, users) per tenant, and
tenant isolation: a token sees and acts on its own tenant's calls only, and
events go only to its own tenant's modules."""
from __future__ import annotations

import re

import pytest

from emulators.voispeed import SURFACE


def _token(tenant) -> str:
    return SURFACE.credentials(None, tenant)["tokens"][0]


def test_the_default_tenant_answers_the_guides_example_tokens(emu, default):
    assert SURFACE.credentials(emu, default) == {"tokens": ["vostro_token", "mio_token", "567897655"]}
    modules = SURFACE.get_settings(emu, default)["modules"]
    assert all(m["url"] == "" and m["events"] == [1, 8, 9, 10, 12, 14, 15, 16, 17] for m in modules)


def test_a_new_tenant_gets_one_module_with_a_random_token(emu, tenant):
    (token,) = SURFACE.credentials(emu, tenant)["tokens"]
    assert re.fullmatch(r"[0-9a-f]{32}", token)
    assert token != _token(emu.new_tenant())


def test_a_new_tenants_token_works_for_its_own_extension_35(seri, tenant):
    assert seri.get(service="get_user_call_report", token=_token(tenant), ext="35", limit="1").outcome == 0


def test_settings_on_the_control_plane_replace_the_modules_and_their_tokens(app, seri, tenant, receiver):
    client = app.test_client()
    response = client.put(f"/_emulator/surfaces/voispeed/settings?tenant={tenant.id}",
                          json={"modules": [{"name": "CRM", "token": "crm-token", "url": receiver.url,
                                             "events": [9, 14], "users": ["35"]}]})
    assert response.status_code == 200
    assert response.json["modules"][0]["token"] == "crm-token"
    assert client.get(f"/_emulator/surfaces/voispeed/settings?tenant={tenant.id}").json == response.json
    assert client.get(f"/_emulator/tenants/{tenant.id}").json["credentials"]["voispeed"] == {"tokens": ["crm-token"]}
    assert seri.get(service="get_user_call_report", token="crm-token", ext="35", limit="1").outcome == 0


def test_replaced_tokens_stop_working(emu, seri, tenant):
    old = _token(tenant)
    SURFACE.put_settings(emu, tenant, {"modules": [{"token": "fresh"}]})
    assert seri.get(service="get_user_call_report", token=old, ext="35", limit="1").error == "invalid token"


def test_a_module_without_token_is_given_one(emu, tenant):
    settings = SURFACE.put_settings(emu, tenant, {"modules": [{"name": "x"}]})
    assert re.fullmatch(r"[0-9a-f]{32}", settings["modules"][0]["token"])


def test_a_token_of_another_tenant_is_refused_and_nothing_changes(app, emu, tenant):
    before = SURFACE.get_settings(emu, tenant)
    response = app.test_client().put(f"/_emulator/surfaces/voispeed/settings?tenant={tenant.id}",
                                     json={"modules": [{"token": "new-one"}, {"token": "vostro_token"}]})
    assert response.status_code == 400
    assert SURFACE.get_settings(emu, tenant) == before
    assert emu.tenants.by_credential("voispeed", "new-one") is None
    assert emu.tenants.by_credential("voispeed", "vostro_token").id == "default"


@pytest.mark.parametrize("body", [
    {}, {"modules": "x"}, {"modules": [1]}, {"modules": [{"url": "ftp://x"}]},
    {"modules": [{"url": "not a url"}]}, {"modules": [{"events": [2]}]}, {"modules": [{"events": "9"}]},
    {"modules": [{"users": ["abc"]}]}, {"modules": [{"token": "a"}, {"token": "a"}]},
    {"modules": [{"retries": -1}]}, {"modules": [{"colour": "red"}]}, {"modules": [{"token": " padded "}]},
])
def test_invalid_settings_are_a_400(app, tenant, body):
    response = app.test_client().put(f"/_emulator/surfaces/voispeed/settings?tenant={tenant.id}", json=body)
    assert response.status_code == 400 and response.json["error"]["message"]


def test_a_reset_gives_the_default_tenant_the_guides_tokens_back(app, emu, seri, default):
    SURFACE.put_settings(emu, default, {"modules": [{"token": "other"}]})
    assert app.test_client().post("/_emulator/reset").status_code == 200
    assert seri.url("URL?service=call_request&token=mio_token&ext=35&number=187").outcome == 0


# -- isolation ------------------------------------------------------------------------------

def test_a_token_cannot_act_on_another_tenants_call(seri, emu, tenant):
    theirs = emu.engine.inbound(tenant.id, from_number="0612345678", to_number="35")
    assert theirs.id == "3250"                        # the same id as the default tenant's first call
    reply = seri.get(service="call_action", token="567897655", ext="35", call_id=theirs.id, action="answer")
    assert reply.error == "connection not found"
    assert theirs.user_party(1).state.value == "ringing"


def test_a_token_acts_on_its_own_call_when_ids_coincide(seri, emu, tenant):
    theirs = emu.engine.inbound(tenant.id, from_number="0612345678", to_number="35")
    ours = emu.engine.inbound("default", from_number="0612345678", to_number="35")
    assert ours.id == theirs.id
    seri.get(service="call_action", token="567897655", ext="35", call_id=ours.id, action="answer")
    assert ours.user_party(1).state.value == "talking" and theirs.user_party(1).state.value == "ringing"


def test_a_token_cannot_see_another_tenants_calls(seri, emu, tenant):
    emu.engine.inbound(tenant.id, from_number="0612345678", to_number="35")
    assert seri.get(service="get_user_call_report", token="mio_token", ext="35").xml.findall("call") == []
    assert len(seri.get(service="get_user_call_report", token=_token(tenant), ext="35").xml.findall("call")) == 1


def test_events_go_only_to_the_modules_of_the_calls_tenant(seri, emu, default, tenant, listen, receiver,
                                                         another_receiver, delivered):
    listen(default, token="mio_token")
    SURFACE.put_settings(emu, tenant, {"modules": [{"token": _token(tenant), "url": another_receiver.url}]})
    seri.get(service="call_request", token=_token(tenant), ext="35", number="187")
    delivered()
    assert receiver.received == []
    assert [r.event_name for r in another_receiver.received] == ["outgoing_call"]
    assert another_receiver.received[0].params["domain"] == tenant.id


def test_request_ids_are_per_tenant_and_the_journal_names_the_tenant(seri, emu, tenant):
    seri.get(service="call_request", token=_token(tenant), ext="35", number="187")
    (entry,) = emu.journal.query(tenant=tenant.id, surface="voispeed", direction="in")
    assert "<outcome>0</outcome>" in entry.response
    assert emu.journal.query(tenant="default", surface="voispeed") == []
