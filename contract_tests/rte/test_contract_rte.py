"""The Enreach RTE document and the EnreachAPI facts RTE clients rely on, as checks.

Each test names the section it checks: ``enreach-rte.txt`` sections ("Client
authentication", "Establishing a connection", "Subscribing to events",
"Subscription validation and authorization", "Unsubscribing", "Available
subscription events", the event sections) and FIELD-NOTES ("Enreach RTE and
EnreachAPI").
"""
from __future__ import annotations

import re

import jwt
import pytest
import requests
import websocket

from emulators.rte.client import subscribe
from emulators.rte.spec import DOCUMENTED_NAMES

pytestmark = pytest.mark.contract

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


# -- FIELD-NOTES: EnreachAPI ---------------------------------------------------------------------
def test_field_notes_discovery_answers_a_json_array_with_the_api_endpoint(base_url, credentials):
    reply = requests.get(f"{base_url}/api/user", params={"user": credentials[0]}, timeout=10)
    assert reply.status_code == 200
    assert isinstance(reply.json(), list) and reply.json()[0]["apiEndpoint"].endswith("/")


def test_field_notes_authuser_answers_userid_and_secretkey(session):
    assert GUID.match(session.user_id) and session.secret


def test_field_notes_a_wrong_password_is_refused_with_a_json_body(session):
    reply = requests.post(f"{session.api}authuser/{session.email}/",
                          json={"UserName": session.email, "Password": "certainly-wrong"}, timeout=10)
    assert reply.status_code == 401
    reply.json()                                  # parses: every answer has a JSON body


def test_field_notes_users_me_answers_the_callers_id(session):
    reply = session.get("users/me")
    assert reply.status_code == 200 and reply.json()["Id"] == session.user_id


def test_field_notes_queues_only_for_user_answer_queue_ids(session):
    reply = session.get("queues/", OnlyForUser=session.user_id)
    assert reply.status_code == 200
    assert all(GUID.match(q["Id"]) for q in reply.json())


def test_field_notes_the_rte_token_is_a_wss_endpoint_without_scheme_and_a_jwt_with_exp(session):
    reply = session.get(f"token/{session.user_id}/rte/")
    assert reply.status_code == 200
    body = reply.json()
    assert "://" not in body["WSSEndpoint"]
    assert "exp" in jwt.decode(body["Token"], options={"verify_signature": False})


def test_field_notes_paths_answer_without_the_trailing_slash_too(session):
    assert session.get("users/me/").status_code == 200
    assert session.get(f"token/{session.user_id}/rte").status_code == 200


# -- Client authentication ---------------------------------------------------------------------------
def test_client_authentication_a_bad_token_gets_401(session):
    reply = requests.post(session.hub_url + "/negotiate", params={"negotiateVersion": 1},
                          headers={"Authorization": "Bearer not-a-token"}, timeout=10)
    assert reply.status_code == 401


def test_client_authentication_a_websocket_without_token_gets_401(session):
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(session.hub_url.replace("http", "ws", 1), timeout=10)
    assert refused.value.status_code == 401


def test_client_authentication_the_jwt_is_checked_only_when_connecting(session, hubs, control):
    hub = hubs()
    control.post("clock/advance", {"seconds": 24 * 3600})      # far past the token's expiry
    assert hub.invoke("UnsubscribeAll")["result"] is True       # the live connection stays
    reply = requests.post(session.hub_url + "/negotiate", headers={"Authorization": f"Bearer {session.token}"},
                          timeout=10)
    assert reply.status_code == 401                             # a new one needs a new token


# -- Establishing a connection -----------------------------------------------------------------------
def test_establishing_a_connection_negotiate_offers_websockets(session):
    reply = requests.post(session.hub_url + "/negotiate", params={"negotiateVersion": 1},
                          headers={"Authorization": f"Bearer {session.token}"}, timeout=10)
    assert reply.status_code == 200
    body = reply.json()
    assert body["negotiateVersion"] == 1 and body["connectionToken"]
    assert "WebSockets" in [t["transport"] for t in body["availableTransports"]]


def test_establishing_a_connection_negotiate_without_version_is_version_0(session):
    body = requests.post(session.hub_url + "/negotiate", headers={"Authorization": f"Bearer {session.token}"},
                         timeout=10).json()
    assert body["negotiateVersion"] == 0 and "connectionToken" not in body


def test_establishing_a_connection_handshake_then_invocations(hubs):
    assert hubs().invoke("AvailableSubscriptions")["result"]


# -- Available subscription events -----------------------------------------------------------------
def test_available_subscription_events_are_an_array_of_names_with_every_documented_event(hubs):
    names = hubs().invoke("AvailableSubscriptions")["result"]
    assert all(isinstance(n, str) for n in names)
    assert {n.lower() for n in DOCUMENTED_NAMES} <= {n.lower() for n in names}


# -- Subscribing, validation, unsubscribing ---------------------------------------------------------
def test_subscribing_answers_one_result_per_item_with_the_event_name_lower_cased(session, hubs):
    result = subscribe(hubs(), (session.user_id, "UserAvailability"), (session.user_id, "UserCallInComing"))
    assert [set(r) for r in result] == [{"subscribed", "message", "entityId", "eventName"}] * 2
    assert [r["eventName"] for r in result] == ["useravailability", "usercallincoming"]
    assert all(r["subscribed"] and r["message"] is None for r in result)


def test_subscription_validation_refuses_an_entity_the_event_is_not_about(session, hubs):
    result = subscribe(hubs(), (session.user_id, "QueueCallInUserAllocated"))
    assert result[0]["subscribed"] is False and result[0]["message"] == "Unauthorized"


def test_unsubscribing_answers_subscribed_false(session, hubs):
    hub = hubs()
    subscribe(hub, (session.user_id, "UserAvailability"))
    result = hub.invoke("Unsubscribe", [{"EntityId": session.user_id, "EventName": "UserAvailability"}])["result"]
    assert result[0]["subscribed"] is False and result[0]["eventName"] == "useravailability"


def test_unsubscribe_all_deletes_every_subscription_and_returns_true(session, hubs):
    hub = hubs()
    subscribe(hub, (session.user_id, "UserAvailability"))
    assert hub.invoke("UnsubscribeAll", [])["result"] is True


# -- Events --------------------------------------------------------------------------------------------
def test_user_availability_arrives_as_message_received_with_camel_case_data(session, hubs, control):
    hub = hubs()
    subscribe(hub, (session.user_id, "UserAvailability"))
    me = session.get("users/me").json()
    control.put(f"users/{me['Extension']}/mode", {"mode": "dnd"})
    message = hub.message("UserAvailability")
    assert message["subscription"] == {"entityId": session.user_id, "eventName": "useravailability"}
    data = message["data"]
    assert data["eventType"] == 1 and data["availability"] == "DoNotDisturb"
    assert data["endTime"] == "9999-12-31T23:59:59.9999999" and not data["startTime"].endswith("Z")
    assert data["userId"] == session.user_id


def test_queue_events_follow_a_queue_call_answered_by_an_agent(session, hubs, control):
    queue = session.queues()[0]["Id"]
    hub = hubs()
    subscribe(hub, (queue, "QueueCallInComing"), (queue, "QueueCallInUserAllocated"),
              (queue, "QueueCallInUserConnected"), (queue, "QueueCallInDisconnected"))
    control.post("scenarios/run", {"name": "queue_call_answered_by_agent"})
    got = [hub.message()["subscription"]["eventName"] for _ in range(4)]
    assert got == ["queuecallincoming", "queuecallinuserallocated", "queuecallinuserconnected",
                   "queuecallindisconnected"]
