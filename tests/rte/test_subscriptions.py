"""Hub methods (enreach-rte.txt "Subscribing to events", "Unsubscribing", "Available
subscription events"): validation and authorization of each item, the echo,
UnsubscribeAll, AvailableSubscriptions, and subscriptions dying with the connection."""
from __future__ import annotations

from emulators.rte import ids
from emulators.rte.spec import DOCUMENTED_NAMES, EVENT_NAMES

from emulators.rte.client import RawHub, subscribe, wait_until


def test_available_subscriptions_lists_every_documented_event_and_the_clients_extras(open_hub):
    names = open_hub().invoke("AvailableSubscriptions")["result"]
    assert set(DOCUMENTED_NAMES) <= set(names)
    assert {"UserSetting", "UserContactCard", "CallbackCreated", "CallbackUpdated", "CallbackClosed",
            "UserAction", "UserWrapUpEnabled", "UserWrapUpStarted", "UserWrapUpTerminated",
            "UserWrapUpRequestTerminate"} <= set(names)
    assert len(names) == len(set(names)) == len(EVENT_NAMES)


def test_subscribe_answers_one_result_per_item_camel_cased_with_the_name_lower_cased(open_hub, demo):
    hub = open_hub()
    result = subscribe(hub, (demo.user_id, "UserAvailability"), (demo.user_id, "UserCallInComing"))
    assert result == [
        {"subscribed": True, "message": None, "entityId": demo.user_id, "eventName": "useravailability"},
        {"subscribed": True, "message": None, "entityId": demo.user_id, "eventName": "usercallincoming"},
    ]


def test_subscribe_item_keys_match_case_insensitively(open_hub, demo):
    result = open_hub().invoke("Subscribe", [{"entityid": demo.user_id, "EVENTNAME": "userstatus"},
                                             {"entityId": demo.user_id, "eventName": "UserAvailability"}])
    assert [r["subscribed"] for r in result["result"]] == [True, True]


def test_an_event_on_an_entity_of_the_wrong_kind_is_unauthorized(open_hub, demo):
    result = subscribe(open_hub(), (demo.user_id, "QueueCallInUserAllocated"))
    assert result == [{"subscribed": False, "message": "Unauthorized", "entityId": demo.user_id,
                       "eventName": "queuecallinuserallocated"}]


def test_an_entity_of_another_organisation_is_unauthorized(open_hub, emu):
    stranger = ids.user(emu.tenants.get("default"), 1)
    result = subscribe(open_hub(), (stranger, "UserAvailability"))
    assert result[0]["subscribed"] is False and result[0]["message"] == "Unauthorized"


def test_an_unknown_event_name_is_refused_with_a_message(open_hub, demo):
    result = subscribe(open_hub(), (demo.user_id, "NoSuchEvent"))
    assert result[0] == {"subscribed": False, "message": "Unknown event name", "entityId": demo.user_id,
                         "eventName": "nosuchevent"}


def test_an_entity_id_that_is_not_a_guid_is_refused_with_a_message(open_hub):
    result = subscribe(open_hub(), ("42", "UserAvailability"))
    assert result[0] == {"subscribed": False, "message": "Invalid entity id", "entityId": "42",
                         "eventName": "useravailability"}


def test_guids_are_normalised_to_lower_case(open_hub, demo):
    result = subscribe(open_hub(), (demo.user_id.upper(), "UserAvailability"))
    assert result[0]["entityId"] == demo.user_id and result[0]["subscribed"] is True


def test_queue_events_are_subscribed_on_the_queue_ids_of_the_api(open_hub, demo):
    queue_id = demo.queues()[0]["Id"]
    result = subscribe(open_hub(), (queue_id, "QueueStatus"), (queue_id, "QueueCallInUserAllocated"))
    assert all(r["subscribed"] for r in result)


def test_call_list_events_are_subscribed_on_the_call_list_ids_of_the_api(open_hub, demo):
    list_id = demo.get("calllists/").json()[0]["Id"]
    assert subscribe(open_hub(), (list_id, "CallbackChanged"))[0]["subscribed"] is True


def test_visibility_own_limits_a_user_to_themselves_and_their_queues(emu, tenant, open_hub, demo):
    emu.surfaces["rte"].put_settings(emu, tenant, {"visibility": "own"})
    colleague = next(u["Id"] for u in demo.get("users").json() if u["Id"] != demo.user_id)
    mine = demo.queues()[0]["Id"]
    other_queue = next(q["Id"] for q in demo.get("queues").json() if q["Id"] != mine)
    result = subscribe(open_hub(), (demo.user_id, "UserStatus"), (colleague, "UserStatus"),
                       (mine, "QueueStatus"), (other_queue, "QueueStatus"))
    assert [r["subscribed"] for r in result] == [True, False, True, False]


def test_subscribe_answers_also_pushes_subscribe_details(open_hub, demo):
    hub = open_hub()
    result = subscribe(hub, (demo.user_id, "UserStatus"))
    details = next(r for r in hub.seen if r.get("target") == "SubscribeDetails")
    assert details["arguments"] == [result]


def test_unsubscribe_answers_subscribed_false_per_item(open_hub, demo):
    hub = open_hub()
    subscribe(hub, (demo.user_id, "UserAvailability"))
    reply = hub.invoke("Unsubscribe", [{"EntityId": demo.user_id, "EventName": "UserAvailability"}])
    assert reply["result"] == [{"subscribed": False, "message": None, "entityId": demo.user_id,
                                "eventName": "useravailability"}]


def test_unsubscribe_all_answers_true(open_hub, demo):
    hub = open_hub()
    subscribe(hub, (demo.user_id, "UserAvailability"))
    assert hub.invoke("UnsubscribeAll")["result"] is True


def test_unsubscribe_all_accepts_the_documents_surplus_argument(open_hub, demo):
    reply = open_hub().invoke("UnsubscribeAll", [{"EntityId": demo.user_id, "EventName": "UserAvailability"}])
    assert reply["result"] is True


def test_after_unsubscribe_no_more_messages_arrive(open_hub, demo, engine, tenant):
    hub = open_hub()
    subscribe(hub, (demo.user_id, "UserAvailability"), (demo.user_id, "UserStatus"))
    hub.invoke("Unsubscribe", [{"EntityId": demo.user_id, "EventName": "UserAvailability"}])
    engine.set_user_mode(tenant.id, 3, "dnd")
    assert hub.message("UserStatus")["data"]["available"] is False
    assert not [r for r in hub.seen if r.get("target") == "MessageReceived"]


def test_subscriptions_die_with_the_connection(demo, service, tenant):
    hub = RawHub(demo.hub_url, demo.token)
    subscribe(hub, (demo.user_id, "UserAvailability"))
    assert service.hub.wanted(tenant.id, demo.user_id, "useravailability")
    hub.close()
    wait_until(lambda: not service.hub.connections(tenant.id), what="the connection is gone")
    assert not service.hub.wanted(tenant.id, demo.user_id, "useravailability")
    again = RawHub(demo.hub_url, demo.new_token())
    try:
        assert service.hub.connections(tenant.id)[0].subscriptions == set()
    finally:
        again.close()


def test_subscribing_twice_is_harmless_and_delivers_once(open_hub, demo, engine, tenant):
    hub = open_hub()
    subscribe(hub, (demo.user_id, "UserAvailability"))
    subscribe(hub, (demo.user_id, "useravailability"))
    engine.set_user_mode(tenant.id, 3, "dnd")
    hub.message("UserAvailability")
    hub.invoke("UnsubscribeAll")           # a marker: everything before it has arrived
    assert not [r for r in hub.seen if r.get("target") == "MessageReceived"]
