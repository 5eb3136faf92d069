"""The JSON hub protocol as the hub speaks it (signalr-protocol-notes §5-7, §15).

Handshake, record separators, several records per frame, completions with result
or error, invocations without id, case-insensitive methods, ASP.NET's error
texts, keep-alive pings, closing, and bad input that gets an error while the
process stays up.
"""
from __future__ import annotations

import json
import socket

import pytest

from emulators.rte.spec import EVENT_NAMES

from emulators.rte.client import RS, RawHub, wait_until


def settings(emu, tenant, **values):
    emu.surfaces["rte"].put_settings(emu, tenant, values)


# -- handshake --------------------------------------------------------------------------------------
def test_the_handshake_reply_is_an_empty_object_and_a_record_separator_alone(demo):
    hub = RawHub(demo.hub_url, demo.token, handshake=False)
    try:
        hub.send_raw('{"protocol":"json","version":1}' + RS)
        assert hub.next() == {}         # (the reader checks that every frame ends with 0x1E)
    finally:
        hub.close()


@pytest.mark.parametrize("version", [0, 1, 2])
def test_the_handshake_accepts_json_versions_0_1_and_2(demo, version):
    hub = RawHub(demo.hub_url, demo.token, handshake=False)
    try:
        hub.send_raw(json.dumps({"protocol": "json", "version": version}) + RS)
        assert hub.next() == {}
    finally:
        hub.close()


@pytest.mark.parametrize("request_text, error", [
    ('{"protocol":"messagepack","version":1}', "The protocol 'messagepack' is not supported."),
    ('{"protocol":"json","version":9}', "The server does not support version 9 of the 'json' protocol."),
    ('{"protocol":"json"', "An unexpected error occurred during connection handshake."),
    ('[1,2]', "An unexpected error occurred during connection handshake."),
    ('{"version":1}', "An unexpected error occurred during connection handshake."),
])
def test_a_bad_handshake_is_answered_with_an_error_and_closed(demo, request_text, error):
    hub = RawHub(demo.hub_url, demo.token, handshake=False)
    try:
        hub.send_raw(request_text + RS)
        assert hub.next() == {"error": error}
        assert hub.closed.wait(5)
    finally:
        hub.close()


def test_records_following_the_handshake_in_the_same_frame_are_processed(demo):
    hub = RawHub(demo.hub_url, demo.token, handshake=False)
    try:
        hub.send_raw('{"protocol":"json","version":1}' + RS +
                     '{"type":1,"invocationId":"a","target":"AvailableSubscriptions","arguments":[]}' + RS)
        assert hub.next() == {}
        assert hub.next(lambda r: r.get("type") == 3)["result"] == list(EVENT_NAMES)
    finally:
        hub.close()


def test_after_the_handshake_the_hub_announces_the_available_subscriptions(open_hub):
    hub = open_hub()
    pushed = hub.next(lambda r: r.get("target") == "AvailableSubscriptions")
    assert pushed == {"type": 1, "target": "AvailableSubscriptions", "arguments": [list(EVENT_NAMES)]}


def test_no_handshake_in_time_is_cancelled(emu, tenant, demo):
    settings(emu, tenant, handshakeTimeout=0.5)
    hub = RawHub(demo.hub_url, demo.token, handshake=False)
    try:
        assert hub.next(timeout=10) == {"error": "Handshake was canceled."}
        assert hub.closed.wait(10)
    finally:
        hub.close()


# -- invocations -----------------------------------------------------------------------------------
def test_a_completion_echoes_the_invocation_id_verbatim(open_hub):
    hub = open_hub()
    hub.send({"type": 1, "invocationId": "6c4a-uuid-like-Id", "target": "UnsubscribeAll", "arguments": []})
    reply = hub.next(lambda r: r.get("type") == 3)
    assert reply == {"type": 3, "invocationId": "6c4a-uuid-like-Id", "result": True}


def test_an_invocation_without_id_gets_no_completion(open_hub):
    hub = open_hub()
    hub.send({"type": 1, "target": "UnsubscribeAll", "arguments": []})
    marker = hub.invoke("AvailableSubscriptions")          # answered after the first, in order
    assert marker["invocationId"] == "1"
    assert not any(r.get("type") == 3 for r in hub.seen)


def test_several_records_in_one_frame_are_all_answered_in_order(open_hub):
    hub = open_hub()
    hub.send_raw("".join(json.dumps({"type": 1, "invocationId": str(i), "target": "UnsubscribeAll",
                                     "arguments": []}) + RS for i in range(5)))
    ids = [hub.next(lambda r: r.get("type") == 3)["invocationId"] for _ in range(5)]
    assert ids == ["0", "1", "2", "3", "4"]


def test_a_record_split_across_frames_is_reassembled(open_hub):
    hub = open_hub()
    text = json.dumps({"type": 1, "invocationId": "x", "target": "UnsubscribeAll", "arguments": []}) + RS
    hub.send_raw(text[:10])
    hub.send_raw(text[10:])
    assert hub.next(lambda r: r.get("type") == 3)["result"] is True


@pytest.mark.parametrize("name", ["availablesubscriptions", "AVAILABLESUBSCRIPTIONS", "availableSubscriptions"])
def test_method_names_match_case_insensitively(open_hub, name):
    assert open_hub().invoke(name)["result"] == list(EVENT_NAMES)


def test_available_subscriptions_tolerates_the_documents_surplus_argument(open_hub):
    assert open_hub().invoke("AvailableSubscriptions", [{"EntityId": "x", "EventName": "y"}])["result"]


def test_an_unknown_method_fails_with_aspnets_text_and_the_connection_stays_up(open_hub):
    hub = open_hub()
    reply = hub.invoke("NoSuchMethod")
    assert reply == {"type": 3, "invocationId": reply["invocationId"],
                     "error": "Failed to invoke 'NoSuchMethod' due to an error on the server."}
    assert hub.invoke("UnsubscribeAll")["result"] is True


def test_detailed_errors_add_the_exception_as_aspnet_does(emu, tenant, open_hub):
    settings(emu, tenant, detailedErrors=True)
    reply = open_hub().invoke("NoSuchMethod")
    assert reply["error"] == ("Failed to invoke 'NoSuchMethod' due to an error on the server. "
                              "HubException: Method does not exist.")


@pytest.mark.parametrize("arguments", [[], ["not an array"], [{"EntityId": "x"}], [[1, 2]], [[{"EntityId": 5}]]])
def test_subscribe_with_arguments_of_the_wrong_shape_fails_that_call_only(open_hub, arguments):
    hub = open_hub()
    reply = hub.invoke("Subscribe", *arguments)
    assert reply["error"] == "Failed to invoke 'Subscribe' due to an error on the server."
    assert hub.invoke("UnsubscribeAll")["result"] is True


def test_a_stream_invocation_of_a_normal_method_is_refused(open_hub):
    hub = open_hub()
    hub.send({"type": 4, "invocationId": "s1", "target": "AvailableSubscriptions", "arguments": []})
    reply = hub.next(lambda r: r.get("type") == 3)
    assert reply["error"] == ("The client attempted to invoke the non-streaming 'AvailableSubscriptions' "
                              "method with a streaming invocation.")


def test_unknown_message_types_and_fields_are_ignored(open_hub):
    hub = open_hub()
    hub.send({"type": 8, "sequenceId": 1})
    hub.send({"type": 1, "invocationId": "h", "target": "UnsubscribeAll", "arguments": [],
              "headers": {"Authorization": "Bearer secret"}, "streamIds": []})
    assert hub.next(lambda r: r.get("type") == 3)["result"] is True


# -- broken input ----------------------------------------------------------------------------------
@pytest.mark.parametrize("record", [
    '{"type":1,"target":"Subscribe"',                # broken JSON
    '"just a string"',                               # not an object
    '{"target":"Subscribe","arguments":[]}',         # no type
    '{"type":"1","target":"Subscribe","arguments":[]}',   # type of the wrong type
    '{"type":1,"arguments":[]}',                     # invocation without target
    '{"type":1,"target":"Subscribe","arguments":{}}',  # arguments not an array
])
def test_a_broken_message_closes_the_connection_with_an_error(open_hub, record):
    hub = open_hub()
    hub.send_raw(record + RS)
    close = hub.next(lambda r: r.get("type") == 7)
    assert close == {"type": 7, "error": "Connection closed with an error."}
    assert hub.closed.wait(10)
    assert hub.close_code == 1000


def test_a_message_over_the_size_limit_closes_the_connection_with_an_error(emu, tenant, open_hub):
    settings(emu, tenant, maxMessageSize=4096, detailedErrors=True)
    hub = open_hub()
    items = [{"EntityId": "00000000-0000-0000-0000-000000000000", "EventName": "UserStatus"}] * 200
    hub.send({"type": 1, "invocationId": "big", "target": "Subscribe", "arguments": [items]})
    close = hub.next(lambda r: r.get("type") == 7)
    assert close["error"].startswith("Connection closed with an error. InvalidDataException: "
                                     "The maximum message size of 4096B was exceeded.")
    assert hub.closed.wait(10)


def test_a_huge_frame_is_cut_off_without_being_buffered(emu, tenant, open_hub):
    settings(emu, tenant, maxMessageSize=1024)
    hub = open_hub()
    hub.send_raw("x" * (4 * 1024 * 1024))
    assert hub.next(lambda r: r.get("type") == 7, timeout=20)["error"] == "Connection closed with an error."


def test_a_frame_that_breaks_the_websocket_protocol_ends_the_connection(demo, open_hub, service):
    hub = open_hub()
    # an unmasked client frame violates RFC 6455: the hub ends that connection, nothing else
    hub.ws.sock.sendall(b"\x81\x05hello")
    assert hub.closed.wait(10)
    other = open_hub()
    assert other.invoke("UnsubscribeAll")["result"] is True


def test_an_abrupt_disconnect_drops_the_connection_and_its_subscriptions(demo, open_hub, service, tenant):
    hub = open_hub()
    hub.invoke("Subscribe", [{"EntityId": demo.user_id, "EventName": "UserAvailability"}])
    assert len(service.hub.connections(tenant.id)) == 1
    hub.ws.sock.shutdown(socket.SHUT_RDWR)      # no close frame, no goodbye
    wait_until(lambda: not service.hub.connections(tenant.id), what="the connection is gone")
    assert not service.hub.wanted(tenant.id, demo.user_id, "useravailability")


# -- keep-alive and closing ----------------------------------------------------------------------------
def test_the_hub_pings_after_silence(emu, tenant, open_hub):
    settings(emu, tenant, keepAliveInterval=0.2)
    hub = open_hub()
    assert hub.next(lambda r: r == {"type": 6}, timeout=10) == {"type": 6}


def test_clients_that_never_ping_are_not_timed_out(emu, tenant, open_hub):
    settings(emu, tenant, keepAliveInterval=0.2, clientTimeoutInterval=0.5)
    hub = open_hub()
    for _ in range(3):                      # well past the client timeout, in pings the hub sent
        hub.next(lambda r: r == {"type": 6}, timeout=10)
    assert hub.invoke("UnsubscribeAll")["result"] is True


def test_clients_that_ping_and_then_fall_silent_are_closed(emu, tenant, open_hub):
    settings(emu, tenant, clientTimeoutInterval=0.5)
    hub = open_hub()
    hub.send({"type": 6})
    assert hub.next(lambda r: r.get("type") == 7, timeout=10) == {"type": 7}
    assert hub.closed.wait(10)


def test_a_close_message_from_the_client_is_answered_and_the_websocket_closed_normally(open_hub):
    hub = open_hub()
    hub.send({"type": 7})
    assert hub.next(lambda r: r.get("type") == 7) == {"type": 7}
    assert hub.closed.wait(10)
    assert hub.close_code == 1000


def test_websocket_pings_are_answered_with_pongs(open_hub):
    hub = open_hub()
    hub.ws.ping(b"are you there")
    assert hub.invoke("UnsubscribeAll")["result"] is True   # still fine afterwards


def test_the_process_survives_garbage_and_serves_the_next_client(demo, open_hub):
    for garbage in ["\x00\x01", "{}{}{}", RS * 10, "\ud7ff" * 10]:
        hub = open_hub()
        hub.send_raw(garbage)
    assert open_hub().invoke("AvailableSubscriptions")["result"] == list(EVENT_NAMES)
