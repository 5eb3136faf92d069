"""Events (enreach-rte.txt sections User, Queue, CallList; FIELD-NOTES): the engine's
domain events pushed as MessageReceived, camelCase, numeric eventType, stable
GUIDs, .NET UTC date-times, in the order things happened."""
from __future__ import annotations

import re

import pytest
import requests

from emulators.rte import ids, spec

from emulators.rte.client import subscribe

DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?$")     # UTC, no "Z"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ENVELOPE = {"eventType", "id", "timestamp", "rootEntityType", "rootEntityId", "entityType", "entityId"}


def collect(hub, until: str, timeout: float = 10.0) -> list[tuple[str, dict]]:
    """(eventName, data) of every MessageReceived up to and including the first ``until``."""
    got = []
    while True:
        message = hub.message(timeout=timeout)
        got.append((message["subscription"]["eventName"], message["data"]))
        if message["subscription"]["eventName"] == until.lower():
            return got


def names(got, without: tuple[str, ...] = ("queuestatus", "userstatus")) -> list[str]:
    return [name for name, _ in got if name not in without]


def run_scenario(base_url: str, tenant, name: str) -> dict:
    reply = requests.post(f"{base_url}/_emulator/scenarios/run", json={"tenant": tenant.id, "name": name})
    assert reply.status_code == 200, reply.text
    return reply.json()


def queue_guid(tenant, queue_id: int = 1) -> str:
    return ids.queue(tenant, queue_id)


def user_guid(tenant, user_id: int) -> str:
    return ids.user(tenant, user_id)


QUEUE_CALL = ("QueueCallInComing", "QueueCallInArrived", "QueueCallInUserAllocated", "QueueCallInUserConnected",
              "QueueCallInUserCancelled", "QueueCallInDisconnected", "QueueStatus")


def test_the_bundled_queue_scenario_reaches_a_queue_subscriber_in_order(base_url, tenant, open_hub):
    hub = open_hub()
    subscribe(hub, *[(queue_guid(tenant), name) for name in QUEUE_CALL])
    run_scenario(base_url, tenant, "queue_call_answered_by_agent")
    got = collect(hub, until="QueueCallInDisconnected")
    assert names(got) == ["queuecallincoming", "queuecallinarrived", "queuecallinuserallocated",
                          "queuecallinuserconnected", "queuecallindisconnected"]
    call_ids = {data["callId"] for name, data in got if name != "queuestatus"}
    assert len(call_ids) == 1 and GUID.match(call_ids.pop())
    allocated = dict(got)["queuecallinuserallocated"]
    assert allocated["eventType"] == 102
    assert allocated["userId"] == user_guid(tenant, 3) and allocated["queueName"] == "Customer care"
    assert allocated["callerNumber"] == "+390612345678" and allocated["targetNumber"] == "700"
    assert dict(got)["queuecallindisconnected"]["reason"] == "local"     # the agent hung up


def test_queue_status_counters_follow_the_call(base_url, tenant, open_hub):
    hub = open_hub()
    subscribe(hub, (queue_guid(tenant), "QueueStatus"), (queue_guid(tenant), "QueueCallInDisconnected"))
    run_scenario(base_url, tenant, "queue_call_answered_by_agent")
    statuses = [data for name, data in collect(hub, until="QueueCallInDisconnected") if name == "queuestatus"]
    assert statuses[0]["eventType"] == 140
    assert any(s["nbrOfRequesters"] == 1 and s["nbrOfAllocated"] == 1 for s in statuses)
    assert any(s["nbrOfConnected"] == 1 and s["nbrOfAgentsShortTermAway"] == 1 for s in statuses)
    # after the call: nobody waits; the agent wraps up for the queue's 10 s, then is free again
    after = [hub.message("QueueStatus")["data"] for _ in range(3)]
    assert [(s["nbrOfRequesters"], s["nbrOfAgentsOnWrapUp"], s["nbrOfAgentsImmediatelyFree"]) for s in after] == \
        [(0, 0, 1), (0, 1, 0), (0, 0, 1)]
    assert {s["openStatus"] for s in after} == {5}


def test_the_agent_sees_status_and_wrap_up_of_the_queue_call(base_url, tenant, open_hub):
    hub = open_hub()
    agent = user_guid(tenant, 3)
    subscribe(hub, *[(agent, n) for n in ("UserStatus", "UserWrapUpEnabled", "UserWrapUpStarted",
                                          "UserWrapUpTerminated", "UserWrapUpRequestTerminate")])
    run_scenario(base_url, tenant, "queue_call_answered_by_agent")
    got = collect(hub, until="UserWrapUpTerminated")
    assert names(got) == ["userwrapupenabled", "userwrapupstarted", "userwrapupterminated"]
    started = dict(got)["userwrapupstarted"]
    assert started["wrapUpTime"] == 10 and DATETIME.match(started["wrapUpEnd"])
    statuses = [d for n, d in got if n == "userstatus"]
    assert any(s["talking"] for s in statuses) and statuses[0]["eventType"] == 141
    assert any(s["wrapUpEnd"] is not None for s in statuses)


def test_data_is_camel_case_with_every_documented_property_and_the_envelope(base_url, tenant, open_hub):
    hub = open_hub()
    subscribe(hub, (queue_guid(tenant), "QueueCallInUserConnected"))
    run_scenario(base_url, tenant, "queue_call_answered_by_agent")
    message = hub.message("QueueCallInUserConnected")
    assert message["subscription"] == {"entityId": queue_guid(tenant), "eventName": "queuecallinuserconnected"}
    data = message["data"]
    expected = {p.wire for p in spec.event("QueueCallInUserConnected").props}
    assert set(data) == expected | ENVELOPE
    assert data["organizationId"] == data["rootEntityId"] and data["entityType"] == "Queue"
    assert DATETIME.match(data["timestamp"])


def test_a_direct_call_to_a_user_gives_the_user_call_in_sequence(tenant, open_hub, engine):
    hub = open_hub()
    colleague = user_guid(tenant, 1)              # extension 35
    subscribe(hub, *[(colleague, n) for n in spec.EVENT_NAMES if n.startswith("UserCallIn")])
    call = engine.inbound(tenant.id, from_number="+390611111111", to_number="35")
    party = next(p for p in call.parties if p.user_id == 1)
    engine.answer(tenant.id, party.id)
    engine.hangup(tenant.id, party.id)
    got = collect(hub, until="UserCallInDisconnected")
    assert names(got) == ["usercallincoming", "usercallinarrived", "usercallinuserallocated",
                          "usercallinuserconnected", "usercallindisconnected"]
    assert dict(got)["usercallincoming"]["eventType"] == 10
    assert dict(got)["usercallincoming"]["username"]                # spelt as the document spells it
    assert dict(got)["usercallindisconnected"]["reason"] == "local"


def test_an_outgoing_call_gives_the_user_call_out_sequence(tenant, open_hub, engine):
    hub = open_hub()
    me = user_guid(tenant, 3)
    subscribe(hub, *[(me, n) for n in ("UserCallOutGoing", "UserCallOutConnected", "UserCallOutDisconnected")])
    call = engine.originate(tenant.id, from_user=3, to_number="+390622222222")
    callee = next(p for p in call.parties if p.role == "callee")
    engine.answer(tenant.id, callee.id)
    engine.hangup(tenant.id, callee.id)
    got = collect(hub, until="UserCallOutDisconnected")
    assert names(got) == ["usercalloutgoing", "usercalloutconnected", "usercalloutdisconnected"]
    assert dict(got)["usercalloutgoing"]["targetNumber"] == "+390622222222"
    assert dict(got)["usercalloutdisconnected"]["reason"] == "remote"


def test_a_client_subscribing_mid_call_gets_the_rest_of_that_call(tenant, open_hub, engine):
    call = engine.originate(tenant.id, from_user=3, to_number="+390622222222")   # nobody listens yet
    hub = open_hub()
    me = user_guid(tenant, 3)
    subscribe(hub, (me, "UserCallOutConnected"), (me, "UserCallOutDisconnected"))
    callee = next(p for p in call.parties if p.role == "callee")
    engine.answer(tenant.id, callee.id)
    engine.hangup(tenant.id, callee.id)
    got = collect(hub, until="UserCallOutDisconnected")
    assert names(got) == ["usercalloutconnected", "usercalloutdisconnected"]


def test_a_client_that_comes_back_gets_the_user_status_again(tenant, open_hub, engine):
    me = user_guid(tenant, 3)
    hub = open_hub()
    subscribe(hub, (me, "UserStatus"))

    def talk() -> str:
        call = engine.originate(tenant.id, from_user=3, to_number="+390622222222")
        callee = next(p for p in call.parties if p.role == "callee")
        engine.answer(tenant.id, callee.id)
        return callee.id

    engine.hangup(tenant.id, talk())
    statuses = [hub.message("UserStatus")["data"]]
    while statuses[-1]["talking"] or len(statuses) < 2:
        statuses.append(hub.message("UserStatus")["data"])
    assert "error" not in hub.invoke("UnsubscribeAll", [])
    callee = talk()                                 # nobody listens: the status moves on unseen
    subscribe(hub, (me, "UserStatus"))
    engine.hangup(tenant.id, callee)                # back to the status last pushed, before it left
    assert hub.message("UserStatus", timeout=3)["data"]["talking"] is False


def test_do_not_disturb_is_an_availability_and_overflows_direct_calls(tenant, open_hub, engine):
    hub = open_hub()
    me = user_guid(tenant, 3)
    subscribe(hub, (me, "UserAvailability"), (me, "UserCallInUserOverflow"))
    engine.set_user_mode(tenant.id, 3, "dnd")
    availability = hub.message("UserAvailability")["data"]
    assert availability["eventType"] == 1
    assert availability["availability"] == "DoNotDisturb"
    assert availability["endTime"] == "9999-12-31T23:59:59.9999999"
    assert DATETIME.match(availability["startTime"])
    engine.inbound(tenant.id, from_number="+390633333333", to_number="40")
    assert hub.message("UserCallInUserOverflow")["data"]["reason"] == "DND"


def test_a_missed_call_to_voicemail_notifies_the_user(tenant, open_hub, engine):
    hub = open_hub()
    owner = user_guid(tenant, 1)                  # extension 35 owns voicemail box 835
    subscribe(hub, *[(owner, n) for n in ("UserCallInUserCancelled", "UserMissedCallNotification",
                                          "UserCallInUserOverflow", "UserVoiceMailNotification")])
    engine.inbound(tenant.id, from_number="+390644444444", to_number="35")
    tenant.clock.advance(60)                      # rings out, voicemail, message left
    got = collect(hub, until="UserVoiceMailNotification")
    assert names(got) == ["usercallinusercancelled", "usermissedcallnotification", "usercallinuseroverflow",
                          "uservoicemailnotification"]
    assert dict(got)["usercallinusercancelled"]["detailedReason"] == "no_answer"
    assert dict(got)["usercallinuseroverflow"] == {**dict(got)["usercallinuseroverflow"], "reason": "NoAnswer",
                                                   "target": "835"}
    assert dict(got)["usermissedcallnotification"]["callerNumber"] == "+390644444444"


def test_a_queue_that_overflows_to_a_number_transfers_the_call(tenant, open_hub, engine):
    hub = open_hub()
    sales = queue_guid(tenant, 2)                 # overflows to ring group 600 after 90 s
    subscribe(hub, *[(sales, n) for n in ("QueueCallInOverflow", "QueueCallInTransferStarted",
                                          "QueueCallInTransferConnected", "QueueCallInDisconnected")])
    call = engine.inbound(tenant.id, from_number="+390655555555", to_number="701")
    tenant.clock.advance(91)
    ringing = next(p for p in engine.live_call(tenant.id, call.id).parties if p.kind == "user" and p.live)
    engine.answer(tenant.id, ringing.id)
    engine.hangup(tenant.id, ringing.id)
    got = collect(hub, until="QueueCallInDisconnected")
    assert names(got) == ["queuecallinoverflow", "queuecallintransferstarted", "queuecallintransferconnected",
                          "queuecallindisconnected"]
    assert dict(got)["queuecallintransferstarted"]["transferTarget"] == "600"


def test_a_caller_who_gives_up_in_the_queue_is_disconnected_remote(tenant, open_hub, engine):
    hub = open_hub()
    subscribe(hub, (queue_guid(tenant), "QueueCallInDisconnected"))
    call = engine.inbound(tenant.id, from_number="+390666666666", to_number="700")
    engine.hangup(tenant.id, call.caller().id)
    data = hub.message("QueueCallInDisconnected")["data"]
    assert data["reason"] == "remote" and data["techReason"] == "abandoned"


def test_an_agent_who_lets_a_queue_call_ring_out_is_cancelled(tenant, open_hub, engine):
    hub = open_hub()
    subscribe(hub, (queue_guid(tenant), "QueueCallInUserCancelled"))
    engine.agent_login(tenant.id, 3, ready=True)
    engine.inbound(tenant.id, from_number="+390677777777", to_number="700")
    tenant.clock.advance(31)
    data = hub.message("QueueCallInUserCancelled")["data"]
    assert data["detailedReason"] == "no_answer" and data["userId"] == user_guid(tenant, 3)


def test_a_blind_transfer_by_the_user_is_started_then_connected(tenant, open_hub, engine):
    hub = open_hub()
    me = user_guid(tenant, 1)
    subscribe(hub, (me, "UserCallInTransferStarted"), (me, "UserCallInTransferConnected"))
    call = engine.inbound(tenant.id, from_number="+390688888888", to_number="35")
    mine = next(p for p in call.parties if p.user_id == 1)
    engine.answer(tenant.id, mine.id)
    engine.divert(tenant.id, mine.id, "39")
    target = next(p for p in engine.live_call(tenant.id, call.id).parties if p.user_id == 2 and p.live)
    engine.answer(tenant.id, target.id)
    got = collect(hub, until="UserCallInTransferConnected")
    assert names(got) == ["usercallintransferstarted", "usercallintransferconnected"]
    assert dict(got)["usercallintransferstarted"]["transferTarget"] == "39"
    assert dict(got)["usercallintransferconnected"]["connectedTarget"] == "39"


def test_agent_login_updates_the_queues_attached_users(tenant, open_hub, engine):
    hub = open_hub()
    subscribe(hub, (queue_guid(tenant), "QueueAttachedUsers"))
    engine.agent_login(tenant.id, 3, ready=True)
    attached = hub.message("QueueAttachedUsers")["data"]["attachedUsers"]
    assert {a["userId"]: a["active"] for a in attached}[user_guid(tenant, 3)] is True
    assert set(attached[0]) == {"active", "priority", "userId"}


def test_callback_requests_reach_the_list_and_the_assigned_user(tenant, open_hub, engine):
    hub = open_hub()
    call_list = ids.call_list(tenant, 1)
    me = user_guid(tenant, 3)
    subscribe(hub, *[(call_list, n) for n in ("CallbackCreated", "CallbackChanged", "CallbackUpdated",
                                               "CallbackClosed", "CallbackRequestNotification",
                                               "CallbackListStatus", "CallListNotification",
                                               "CallbackRequestReceivedNotification")],
              (me, "UserCallbackChanged"))
    callback = engine.request_callback(tenant.id, 1, "+390699999999", "call me back")
    engine.update_callback(tenant.id, callback["id"], assigned_to=3)
    engine.close_callback(tenant.id, callback["id"], "done")
    got = collect(hub, until="CallbackClosed")
    assert names(got, without=("callbackliststatus",)) == [
        "callbackcreated", "callbackchanged", "callbackrequestnotification",
        "callbackrequestreceivednotification", "calllistnotification",
        "callbackupdated", "callbackchanged", "usercallbackchanged", "callbackclosed"]
    created = dict(got)["callbackcreated"]
    assert created["contactNumber"] == "+390699999999" and created["callListId"] == call_list
    assert created["callBackId"] == dict(got)["callbackrequestnotification"]["cbrId"]
    statuses = [d for n, d in got if n == "callbackliststatus"]
    assert statuses[0]["totalOpenRequests"] == 1
    closed = hub.message("CallbackChanged")["data"]
    assert closed["callbackAttempts"][0]["note"] == "done"


@pytest.mark.parametrize("name", spec.EVENT_NAMES)
def test_every_event_of_the_catalogue_arrives_with_all_its_properties(base_url, tenant, open_hub, name):
    event = spec.event(name)
    entity = {"user": user_guid(tenant, 3), "queue": queue_guid(tenant), "calllist": ids.call_list(tenant, 1)}[
        event.entity]
    hub = open_hub()
    assert subscribe(hub, (entity, name))[0]["subscribed"] is True
    reply = requests.post(f"{base_url}/_emulator/surfaces/rte/events",
                          json={"tenant": tenant.id, "eventName": name, "entityId": entity})
    assert reply.status_code == 200, reply.text
    assert reply.json()["recipients"] == 1
    data = hub.message(name)["data"]
    assert data["eventType"] == event.event_type
    assert set(data) == {p.wire for p in event.props} | ENVELOPE


def test_api_produced_events_carry_the_values_given(base_url, tenant, open_hub):
    hub = open_hub()
    me = user_guid(tenant, 3)
    subscribe(hub, (me, "UserActionMobileCall"))
    requests.post(f"{base_url}/_emulator/surfaces/rte/events", json={
        "tenant": tenant.id, "eventName": "UserActionMobileCall", "user": "40",
        "data": {"PhoneNumber": "+39061234"}}).raise_for_status()
    data = hub.message("UserActionMobileCall")["data"]
    assert data["phoneNumber"] == "+39061234" and data["userId"] == me


def test_guids_are_stable_for_a_tenant_and_seed(tenant, demo):
    assert demo.user_id == ids.user(tenant, 3)
    assert ids.user(tenant, 3) == ids.guid(tenant.id, tenant.seed, "user", 3)


def test_one_tenants_events_never_reach_another_tenants_subscribers(emu, base_url, tenant, open_hub, engine):
    from emulators.rte import org as orgs
    from emulators.rte.client import RawHub, login
    other = emu.new_tenant(clock_mode="virtual")
    theirs = login(base_url, orgs.demo_login(other.id))
    their_hub = RawHub(theirs.hub_url, theirs.token)
    try:
        subscribe(their_hub, (theirs.user_id, "UserAvailability"))
        mine = open_hub()
        subscribe(mine, (user_guid(tenant, 3), "UserAvailability"))
        engine.set_user_mode(tenant.id, 3, "dnd")
        assert mine.message("UserAvailability")["data"]["availability"] == "DoNotDisturb"
        their_hub.invoke("UnsubscribeAll")     # a marker: anything sent before it has arrived
        assert not [r for r in their_hub.seen if r.get("target") == "MessageReceived"]
    finally:
        their_hub.close()
        emu.tenants.delete(other.id)
