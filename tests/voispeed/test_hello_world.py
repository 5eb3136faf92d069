"""The guide's "Hello world" and "Event Logger": call_request from 35 to 187,
and the three events the logger records when the extension ends the call."""
from __future__ import annotations

from pathlib import Path

from emulators.core import scenarios

HELLO_WORLD_URL = ("http://seri1.cluana.com/PBX/seri_endpoint.php"
                   "?service=call_request&token=vostro_token&ext=35&number=187")
LOGGER_LINES = [
    "event_type=2&event=9&event_name=outgoing_call&ext=35",
    "event_type=2&event=14&event_name=call_answered&ext=35",
    "event_type=2&event=16&event_name=call_disconnect_out&ext=35",
]
SCENARIO = Path(__file__).parents[2] / "fixtures/scenarios/hello_world.yaml"


def test_hello_world_url_answers_outcome_0_and_a_numeric_request_id(seri):
    reply = seri.url(HELLO_WORLD_URL)
    assert reply.status == 200 and reply.content_type.startswith("text/xml")
    assert reply.text.startswith('<?xml version="1.0" encoding="UTF-8" ?>\n<result>\n<outcome>0</outcome>\n')
    assert reply.outcome == 0 and reply.request_id.isdigit() and len(reply.request_id) == 14


def test_hello_world_places_the_call_between_35_and_187(seri, emu):
    reply = seri.url(HELLO_WORLD_URL)
    (call,) = emu.engine.calls("default")
    assert call.id == "3250"                      # the guide's example call id
    assert call.caller().extension == "35" and call.callees()[0].number == "187"
    assert call.origin["request_id"] == reply.request_id


def test_request_ids_are_unique_and_increasing(seri):
    ids = [int(seri.url(HELLO_WORLD_URL).request_id) for _ in range(5)]
    assert ids == sorted(set(ids))


def test_event_logger_records_the_three_events_of_the_guide(seri, emu, default, listen, delivered):
    listen(default, token="vostro_token")
    seri.url(HELLO_WORLD_URL)
    default.clock.advance(2)                      # 187 answers (default far-end behaviour)
    outgoing = delivered().of("outgoing_call")[0]
    default.clock.advance(10)                     # "listen to the audio for a few seconds"
    reply = seri.get(service="call_action", token="vostro_token", ext="35",
                     call_id=outgoing.params["call_id"], action="disconnect")
    assert reply.outcome == 0
    received = delivered().received
    assert [r.query.split("&ext=35")[0] + "&ext=35" for r in received] == LOGGER_LINES
    assert received[0].params["number"] == "187"
    assert received[2].params["duration"] == "10"


def test_hello_world_scenario_yields_exactly_the_guides_events(emu, default, listen, delivered):
    listen(default, token="vostro_token")
    result = scenarios.run(emu.engine, "default", SCENARIO.read_text(encoding="utf-8"))
    assert result["ok"], result
    received = delivered().received
    assert [r.query[:len(line)] for r, line in zip(received, LOGGER_LINES)] == LOGGER_LINES
    assert len(received) == 3
    assert {r.params["number"] for r in received} == {"187"}
    assert len({r.params["call_id"] for r in received}) == 1


def test_hello_world_scenario_runs_on_a_virtual_clock(emu, default):
    before = default.clock.now()
    result = scenarios.run(emu.engine, "default", SCENARIO.read_text(encoding="utf-8"))
    assert result["ok"], result
    (call,) = emu.engine.history("default")
    assert call.outcome == "answered" and call.answered_at - call.created_at == 3
    assert default.clock.now() - before >= 13
