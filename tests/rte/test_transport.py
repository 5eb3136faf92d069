"""Hub transport (signalr-protocol-notes §2-4, §10): negotiate v0/v1, WebSockets only,
the token as Bearer header or access_token query, 401 before any upgrade, ids."""
from __future__ import annotations

import time

import pytest
import requests
import websocket

from emulators.rte.client import RawHub


def negotiate(demo, **params) -> requests.Response:
    return requests.post(demo.hub_url + "/negotiate", params=params,
                         headers={"Authorization": f"Bearer {demo.token}"})


def test_negotiate_without_version_answers_version_0_without_connection_token(demo):
    reply = negotiate(demo)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("application/json")
    body = reply.json()
    assert body["negotiateVersion"] == 0
    assert "connectionToken" not in body
    assert body["connectionId"]


def test_negotiate_version_1_answers_a_connection_token(demo):
    body = negotiate(demo, negotiateVersion=1).json()
    assert body["negotiateVersion"] == 1
    assert body["connectionToken"] and body["connectionToken"] != body["connectionId"]


def test_negotiate_advertises_websockets_with_text_only(demo):
    body = negotiate(demo, negotiateVersion=1).json()
    assert body["availableTransports"] == [{"transport": "WebSockets", "transferFormats": ["Text"]}]
    assert "useStatefulReconnect" not in body and "ProtocolVersion" not in body


def test_negotiate_with_a_newer_version_than_1_answers_1(demo):
    assert negotiate(demo, negotiateVersion=2).json()["negotiateVersion"] == 1


def test_negotiate_ids_are_url_safe(demo):
    body = negotiate(demo, negotiateVersion=1).json()
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert set(body["connectionId"]) <= allowed and set(body["connectionToken"]) <= allowed


def test_negotiate_with_the_path_ending_in_a_slash(demo):
    reply = requests.post(demo.hub_url + "/negotiate/", headers={"Authorization": f"Bearer {demo.token}"})
    assert reply.status_code == 200


def test_negotiate_accepts_the_token_as_access_token_query(demo):
    reply = requests.post(demo.hub_url + "/negotiate", params={"access_token": demo.token})
    assert reply.status_code == 200


@pytest.mark.parametrize("token", [None, "", "not-a-jwt", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"])
def test_negotiate_with_a_missing_or_bad_token_is_401(demo, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    reply = requests.post(demo.hub_url + "/negotiate", headers=headers)
    assert reply.status_code == 401
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_is_401_with_the_reason(demo, tenant):
    tenant.clock.advance(3601)
    reply = requests.post(demo.hub_url + "/negotiate", headers={"Authorization": f"Bearer {demo.token}"})
    assert reply.status_code == 401
    assert "The token expired at" in reply.headers["WWW-Authenticate"]


def test_a_token_signed_by_someone_else_is_401(demo):
    import jwt
    claims = jwt.decode(demo.token, options={"verify_signature": False})
    forged = jwt.encode(claims, "another signing key of 32 bytes.", algorithm="HS256")
    reply = requests.post(demo.hub_url + "/negotiate", headers={"Authorization": f"Bearer {forged}"})
    assert reply.status_code == 401


def _ws(url: str, **kwargs):
    return websocket.create_connection(url.replace("http://", "ws://"), timeout=10, **kwargs)


def test_the_upgrade_without_a_token_is_401_and_nothing_is_upgraded(demo):
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        _ws(demo.hub_url)
    assert refused.value.status_code == 401


def test_the_upgrade_with_an_expired_token_is_401(demo, tenant):
    body = negotiate(demo, negotiateVersion=1).json()
    tenant.clock.advance(3601)
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        _ws(f"{demo.hub_url}?id={body['connectionToken']}&access_token={demo.token}")
    assert refused.value.status_code == 401


def test_the_upgrade_accepts_the_token_as_bearer_header(demo):
    hub = RawHub(demo.hub_url, demo.token, token_in_query=False)
    try:
        assert hub.invoke("AvailableSubscriptions")["result"]
    finally:
        hub.close()


def test_version_0_clients_connect_with_the_connection_id(demo):
    hub = RawHub(demo.hub_url, demo.token, version=None)
    try:
        assert hub.negotiation["negotiateVersion"] == 0
        assert hub.invoke("AvailableSubscriptions")["result"]
    finally:
        hub.close()


def test_an_unknown_connection_id_is_404(demo):
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        _ws(f"{demo.hub_url}?id=nope&access_token={demo.token}")
    assert refused.value.status_code == 404


def test_a_connection_id_already_in_use_is_409(demo):
    hub = RawHub(demo.hub_url, demo.token)
    try:
        with pytest.raises(websocket.WebSocketBadStatusException) as refused:
            _ws(f"{demo.hub_url}?id={hub.negotiation['connectionToken']}&access_token={demo.token}")
        assert refused.value.status_code == 409
    finally:
        hub.close()


def test_a_negotiated_id_is_single_use(demo):
    hub = RawHub(demo.hub_url, demo.token)
    hub.close()
    deadline = time.monotonic() + 5
    while True:     # the client's close returns before the server has seen it: 409 until then
        with pytest.raises(websocket.WebSocketBadStatusException) as refused:
            _ws(f"{demo.hub_url}?id={hub.negotiation['connectionToken']}&access_token={demo.token}")
        if refused.value.status_code != 409 or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert refused.value.status_code == 404


def test_skip_negotiation_connects_without_an_id(demo):
    hub = RawHub(demo.hub_url, demo.token, negotiate=False)
    try:
        assert hub.invoke("AvailableSubscriptions")["result"]
    finally:
        hub.close()


def test_the_hub_path_with_a_trailing_slash_upgrades_too(demo):
    hub = RawHub(demo.hub_url, demo.token, path_suffix="/")
    try:
        assert hub.invoke("AvailableSubscriptions")["result"]
    finally:
        hub.close()


def test_a_plain_get_of_the_hub_is_refused_not_served(demo):
    reply = requests.get(demo.hub_url, params={"access_token": demo.token})
    assert reply.status_code == 400


def test_a_token_that_expires_during_a_live_connection_does_not_drop_it(demo, tenant):
    hub = RawHub(demo.hub_url, demo.token)
    try:
        tenant.clock.advance(7200)
        assert hub.invoke("UnsubscribeAll")["result"] is True
    finally:
        hub.close()
    # … but connecting again with it fails, as the document says
    assert negotiate(demo).status_code == 401


def test_browsers_get_cors_headers_on_negotiate(demo):
    origin = "https://app.example.com"
    preflight = requests.options(demo.hub_url + "/negotiate", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,x-requested-with"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    assert preflight.headers["Access-Control-Allow-Credentials"] == "true"
    reply = requests.post(demo.hub_url + "/negotiate", headers={"Origin": origin,
                                                                "Authorization": f"Bearer {demo.token}"})
    assert reply.headers["Access-Control-Allow-Origin"] == origin
