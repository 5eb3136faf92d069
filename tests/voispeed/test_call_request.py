"""User services — "call_request": make a call from the user "ext" to "number",
optionally from a given terminal and with an external identification."""
from __future__ import annotations

import pytest


def test_guide_example_with_device_mobile_calls_from_the_mobile_terminal(seri, emu):
    reply = seri.url("URL?service=call_request&token=mio_token&ext=35&number=187&device=mobile")
    assert reply.outcome == 0
    (call,) = emu.engine.calls("default")
    assert call.caller().device_id == 102          # "Mobile 35" in the default directory


def test_device_sip_as_real_clients_send_is_accepted(seri, emu):
    assert seri.get(service="call_request", token="mio_token", ext="35", number="187", device="sip").outcome == 0
    assert emu.engine.calls("default")[0].caller().device_id == 101


def test_without_device_the_sip_terminal_calls(seri, emu):
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    assert emu.engine.calls("default")[0].caller().device_id == 101


@pytest.mark.parametrize("raw, routed", [
    ("187", "187"), ("+390733123456", "+390733123456"), (" 390733123456", "+390733123456"),
    ("0733 123-456", "0733123456"),
])
def test_number_is_normalised_before_routing(seri, emu, raw, routed):
    assert seri.get(service="call_request", token="mio_token", ext="35", number=raw).outcome == 0
    assert emu.engine.calls("default")[0].callees()[0].number == routed


def test_plus_decoded_to_a_space_by_form_decoding_comes_back(seri, emu):
    reply = seri.url("URL?service=call_request&token=mio_token&ext=35&number=+390733123456")
    assert reply.outcome == 0
    assert emu.engine.calls("default")[0].callees()[0].number == "+390733123456"


def test_calling_an_extension_rings_that_user(seri, emu):
    seri.get(service="call_request", token="mio_token", ext="35", number="39")
    (call,) = emu.engine.calls("default")
    (callee,) = call.callees()
    assert callee.extension == "39" and callee.state.value == "ringing"


def test_extid_is_kept_with_the_call_and_echoed_in_its_events(seri, emu, default, listen, delivered):
    listen(default, token="mio_token")
    seri.get(service="call_request", token="mio_token", ext="35", number="187", extid="crm-42")
    default.clock.advance(2)
    received = delivered().received
    assert [r.event_name for r in received] == ["outgoing_call", "call_answered"]
    assert {r.params["extid"] for r in received} == {"crm-42"}


def test_outgoing_call_carries_the_request_id_of_the_request(seri, default, listen, delivered):
    listen(default, token="mio_token")
    reply = seri.get(service="call_request", token="mio_token", ext="35", number="187")
    (outgoing,) = delivered().of("outgoing_call")
    assert outgoing.params["request_id"] == reply.request_id


def test_unknown_parameters_such_as_domain_are_tolerated(seri):
    reply = seri.get(service="call_request", token="mio_token", ext="35", number="187",
                     domain="pbx.example.it", whatever="1", device="sip")
    assert reply.outcome == 0


def test_a_post_form_is_accepted_like_a_get(seri, emu):
    reply = seri.post(service="call_request", token="mio_token", ext="35", number="187")
    assert reply.outcome == 0
    assert len(emu.engine.calls("default")) == 1


def test_a_terminal_the_user_lacks_is_a_cmd_failed_after_outcome_0(seri, default, listen, delivered):
    listen(default, token="mio_token")
    reply = seri.get(service="call_request", token="mio_token", ext="39", number="187", device="dect")
    assert reply.outcome == 0
    (failed,) = delivered().of("cmd_failed")
    assert failed.params["request_id"] == reply.request_id
    assert failed.params["error"] == "no terminal available" and failed.params["error_code"] == "12"
    assert failed.params["ext"] == "39" and failed.params["service"] == "call_request"


def test_no_free_gateway_line_is_a_cmd_failed_with_the_request_id(seri, emu, default, listen, delivered):
    for gateway in default.directory.gateways.values():
        gateway.registered = False
    listen(default, token="mio_token")
    reply = seri.get(service="call_request", token="mio_token", ext="35", number="187", extid="crm-7")
    assert reply.outcome == 0
    (failed,) = delivered().of("cmd_failed")
    assert failed.params["request_id"] == reply.request_id
    assert failed.params["error_code"] == "13" and failed.params["extid"] == "crm-7"
    assert failed.params["error"] == "there are no lines available for connection to the number called"
    assert emu.engine.history("default")[0].outcome == "no_lines"
