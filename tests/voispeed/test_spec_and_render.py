"""The VOIspeed catalogue against the guide's text, and the wire format against its examples.

The appendix and event tables are parsed from the guide at test time, so an
enum that drifts from the document fails here.
"""
from __future__ import annotations

import re
import timeit
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest

from emulators.voispeed import spec
from emulators.voispeed.render import (
    Items, event_query, render_error, render_fields, render_list, render_ok,
    render_records, user_event_query,
)

GUIDE = Path(__file__).parents[2].parent / "shared/specs/voispeed-integration-guide.txt"
FIDELITY = Path(spec.__file__).with_name("FIDELITY.md")


@pytest.fixture(scope="module")
def guide() -> list[str]:
    if not GUIDE.exists():
        pytest.skip(f"VOIspeed guide not found at {GUIDE}")
    return GUIDE.read_text(encoding="utf-8").splitlines()


def _rows_after(lines: list[str], start: int, row: re.Pattern) -> list[re.Match]:
    """Consecutive rows matching `row` after line `start`, skipping leading blanks."""
    i = start + 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    found = []
    while i < len(lines) and (m := row.match(lines[i].rstrip())):
        found.append(m)
        i += 1
    return found


def _appendix_tables(lines: list[str]) -> dict[int, dict[int, str]]:
    start = max(i for i, line in enumerate(lines) if line.strip() == "Appendices")
    tables = {}
    for i in range(start, len(lines)):
        if m := re.fullmatch(r"Table (\d+)", lines[i].strip()):
            header = next(j for j in range(i + 1, len(lines)) if lines[j].strip())
            rows = _rows_after(lines, header, re.compile(r"(\d+) (.+)"))
            tables[int(m[1])] = {int(r[1]): r[2].strip() for r in rows}
    return tables


def _tables_under(lines: list[str], header: str, row: str) -> list[list[re.Match]]:
    return [_rows_after(lines, i, re.compile(row)) for i, line in enumerate(lines) if line.strip() == header]


# --------------------------------------------------------------------------
# The catalogue equals the guide
# --------------------------------------------------------------------------

def test_appendix_has_fifteen_tables(guide):
    assert sorted(_appendix_tables(guide)) == list(range(1, 16))


@pytest.mark.parametrize("number", range(1, 16))
def test_appendix_table_matches_enum_value_for_value(guide, number):
    table = _appendix_tables(guide)[number]
    enum_cls = spec.APPENDIX_TABLES[number]
    assert {m.value: m.description for m in enum_cls} == table


def test_named_tables_are_the_expected_enums():
    assert spec.EntityType.USER == 0 and spec.AvStatus.DND == 5 and spec.CallOutcome.BUSY == 2
    assert spec.APPENDIX_TABLES[9] is spec.CommunicationStatus
    assert spec.APPENDIX_TABLES[13] is spec.AutoReply
    assert spec.APPENDIX_TABLES[14] is spec.ForwardingCode
    assert spec.APPENDIX_TABLES[15] is spec.IvrScriptCommand


def test_user_events_table_gives_wire_names(guide):
    user_table, _ = _tables_under(guide, "Event Code Description", r"(\w+) (\d+) (.+)")
    assert {int(r[2]): r[1] for r in user_table} == spec.USER_EVENT_NAMES
    assert spec.UserEvent(9).event_name == "outgoing_call"


def test_call_transfer_user_event_is_listed_but_not_sent(guide):
    assert any("has not yet been implemented" in line for line in guide)
    assert spec.UserEvent.CALL_TRANSFER in spec.NOT_IMPLEMENTED_USER_EVENTS
    assert {int(e) for e in spec.SENT_USER_EVENTS} == {1, 8, 9, 10, 12, 14, 15, 16, 17}


def test_extended_events_table_matches_enum(guide):
    _, ssn_table = _tables_under(guide, "Event Code Description", r"(\w+) (\d+) (.+)")
    assert {int(r[2]): r[1] for r in ssn_table} == spec.EXTENDED_EVENT_NAMES
    assert {int(r[2]): r[3].strip() for r in ssn_table} == {e.value: e.description for e in spec.ExtendedEvent}
    assert spec.DECOMMISSIONED_EXTENDED_EVENTS == {spec.ExtendedEvent.DTMF_OUT}
    assert spec.ExtendedEvent.DTMF_OUT not in spec.SENT_EXTENDED_EVENTS


def test_service_tables_match_catalogue(guide):
    user_table, extended_table = _tables_under(guide, "Service Description", r"(\w+) (.+)")
    assert {r[1]: r[2].strip() for r in user_table} == {
        s.name: s.description for s in spec.USER_SERVICES.values()}
    assert {r[1]: r[2].strip() for r in extended_table} == {
        s.name: s.description for s in spec.EXTENDED_SERVICES.values()}


# --------------------------------------------------------------------------
# The guide's example requests validate against the catalogue
# --------------------------------------------------------------------------

def _example_queries(guide: list[str]) -> list[dict[str, str]]:
    urls = [line.strip() for line in guide if "?service=" in line and "seri_endpoint" in line or
            line.strip().startswith("URL?service=")]
    return [dict(parse_qsl(urlsplit(u).query or u.split("?", 1)[1])) for u in urls]


def test_guide_user_service_examples_are_accepted(guide):
    queries = _example_queries(guide)
    assert len(queries) >= 5
    for query in queries:
        service = query["service"]
        if service == "call_action" and "mode" in query:   # the guide's set_user_mode typo
            service = "set_user_mode"
        parsed = spec.SERVICES[service].parse(query)
        assert parsed["ext"] == "35"
    assert spec.SERVICES["set_user_mode"].parse(
        {"service": "set_user_mode", "token": "t", "ext": "35", "mode": "2"})["mode"] is spec.UserMode.DND


def test_unknown_parameters_are_tolerated():
    parsed = spec.SERVICES["call_request"].parse(
        {"service": "call_request", "token": "t", "ext": "35", "number": "187",
         "device": "sip", "extid": "crm-1", "domain": "x.it", "whatever": "1"})
    assert parsed["device"] is spec.Device.SIP and parsed["extid"] == "crm-1"
    assert "whatever" not in parsed


def test_call_request_defaults_to_the_sip_terminal():
    parsed = spec.SERVICES["call_request"].parse({"service": "call_request", "token": "t", "ext": "35", "number": "187"})
    assert parsed["device"] is spec.Device.SIP


def test_user_call_report_limit_one_is_a_valid_probe():
    parsed = spec.SERVICES["get_user_call_report"].parse(
        {"service": "get_user_call_report", "token": "t", "ext": "35", "limit": "1"})
    assert parsed["limit"] == 1 and parsed["offset"] == 0


@pytest.mark.parametrize("query, text", [
    ({"service": "call_request", "token": "t", "ext": "35"}, "missing parameter number"),
    ({"service": "call_request", "token": "t", "ext": "35", "number": "abc"}, "invalid parameter number"),
    ({"service": "call_request", "ext": "35", "number": "187"}, "missing parameter token"),
    ({"service": "call_action", "token": "t", "ext": "35", "call_id": "1", "action": "divert"},
     "missing parameter number"),
    ({"service": "call_action", "token": "t", "ext": "35", "call_id": "1", "action": "explode"},
     "invalid parameter action"),
    ({"service": "set_user_mode", "token": "t", "ext": "35", "mode": "4"}, "missing parameter number"),
    ({"service": "set_user_mode", "token": "t", "ext": "35", "mode": "0"}, "invalid parameter mode"),
])
def test_bad_parameters_get_the_catalogue_error(query, text):
    with pytest.raises(spec.ServiceError) as caught:
        spec.SERVICES[query["service"]].parse(query)
    assert caught.value.text == text


@pytest.mark.parametrize("raw, number", [
    ("187", "187"), ("+390733123", "+390733123"), (" 390733123", "+390733123"),
    ("0733 123-123", "0733123123"), ("*8#", "*8#"),
])
def test_numbers_are_normalised(raw, number):
    assert spec.normalise_number(raw) == number


@pytest.mark.parametrize("raw", ["", "  ", "abc", "12a", "++39"])
def test_undialable_numbers_are_rejected(raw):
    with pytest.raises(ValueError):
        spec.normalise_number(raw)


def test_every_call_action_has_allowed_states():
    assert set(spec.ACTION_ALLOWED_STATES) == set(spec.CallAction)
    assert all(spec.UserCallStatus.ENDED not in states for states in spec.ACTION_ALLOWED_STATES.values())


def test_error_codes_are_unique_and_connection_not_found_is_the_guides():
    errors = spec.Errors.all()
    assert len({e.code for e in errors.values()}) == len(errors)
    assert errors["CONNECTION_NOT_FOUND"].origin is spec.Origin.GUIDE
    assert spec.ServiceError(spec.Errors.MISSING_PARAMETER, name="ext").text == "missing parameter ext"


def test_user_event_parameters_cover_every_event():
    assert set(spec.USER_EVENT_EXTRAS) == set(spec.UserEvent)
    assert [p.name for p in spec.USER_EVENT_COMMON][:4] == ["event_type", "event", "event_name", "ext"]
    cmd_failed = {p.name for p in spec.USER_EVENT_EXTRAS[spec.UserEvent.CMD_FAILED]}
    assert {"request_id", "error_code", "error"} <= cmd_failed


def test_fidelity_notes_list_every_inferred_user_parameter_and_error():
    if not FIDELITY.exists():
        pytest.skip("FIDELITY.md not written yet")
    notes = FIDELITY.read_text(encoding="utf-8")
    for service in spec.SERVICES.values():
        for param in service.inferred_params:
            assert f"`{param.name}`" in notes, (service.name, param.name)
    for params in spec.EXTENDED_EVENT_EXTRAS.values():
        for param in params:
            assert f"`{param.name}`" in notes, param.name
    for error in spec.Errors.all().values():
        assert error.template in notes, error.template


# --------------------------------------------------------------------------
# XML replies have the guide's shape
# --------------------------------------------------------------------------

def _guide_xml_blocks(guide: list[str]) -> list[str]:
    text = "\n".join(guide)
    return re.findall(r'<\?xml version="1\.0" encoding="UTF-8" \?>\n.*?</result>', text, re.S)


def test_ok_reply_is_the_hello_world_reply_byte_for_byte(guide):
    assert render_ok(15652770917203) == _guide_xml_blocks(guide)[0]


def test_error_reply_is_the_hello_world_error_byte_for_byte(guide):
    assert render_error("connection not found") == _guide_xml_blocks(guide)[1]


def test_ok_reply_parses_with_outcome_then_request_id():
    root = ET.fromstring(render_ok("56732980"))
    assert root.tag == "result"
    assert [(c.tag, c.text) for c in root] == [("outcome", "0"), ("request_id", "56732980")]


def test_loose_regex_clients_read_outcome_and_request_id():
    reply = render_ok(42)
    assert re.search(r"<outcome>\s*(\d+)\s*</outcome>", reply)[1] == "0"
    assert re.search(r"<request_id>\s*(\w+)\s*</request_id>", reply)[1] == "42"


def test_error_text_is_escaped():
    reply = render_error('bad <value> & "more"')
    root = ET.fromstring(reply)
    assert [c.tag for c in root] == ["outcome", "error"]
    assert root.findtext("outcome") == "1"
    assert root.findtext("error") == 'bad <value> & "more"'
    assert "&lt;value&gt; &amp;" in reply


def test_characters_xml_cannot_carry_are_dropped():
    root = ET.fromstring(render_error("a\x00b\x1bc\ud800d").encode("utf-8"))
    assert root.findtext("error") == "abcd"


def test_call_report_records_keep_field_order_and_sit_under_result():
    row = dict.fromkeys(spec.USER_CALL_REPORT_FIELDS, "")
    row.update(id=1, callid=3250, outcome=spec.CallOutcome.BUSY, direction=spec.CallDirection.OUT,
               remote_name="O'Brien & <Co>")
    root = ET.fromstring(render_records("call", [row, row]))
    assert [c.tag for c in root] == ["outcome", "call", "call"]
    call = root.find("call")
    assert tuple(c.tag for c in call) == spec.USER_CALL_REPORT_FIELDS
    assert call.findtext("outcome") == "2" and call.findtext("direction") == "out"
    assert call.findtext("remote_name") == "O'Brien & <Co>"


def test_empty_report_is_just_the_outcome():
    root = ET.fromstring(render_records("call", []))
    assert [(c.tag, c.text) for c in root] == [("outcome", "0")]


def test_lists_nest_containers_as_get_entities_shows():
    rows = [{"id": 5, "name": "Support", "ring_mode": spec.RingMode.SIMULTANEOUS, "visible": True,
             "users": Items("user", [{"id": 1, "identity": "Ann", "extension": "35"}])}]
    root = ET.fromstring(render_list("groups", "group", rows))
    assert [c.tag for c in root] == ["outcome", "groups"]
    group = root.find("groups/group")
    assert group.findtext("ring_mode") == "1" and group.findtext("visible") == "1"
    assert group.find("users/user").findtext("extension") == "35"


def test_plain_fields_follow_the_outcome():
    root = ET.fromstring(render_fields({"contact_id": 7}))
    assert [(c.tag, c.text) for c in root] == [("outcome", "0"), ("contact_id", "7")]


def test_simple_reply_renders_well_under_50_microseconds():
    n = 2000
    best = min(timeit.repeat(lambda: render_ok(15652770917203), number=n, repeat=5)) / n
    assert best < 50e-6


# --------------------------------------------------------------------------
# Event query strings
# --------------------------------------------------------------------------

def test_hello_world_logger_lines_are_reproduced(guide):
    logged = [line.split(". ", 1)[1] for line in guide if re.match(r"\s+\d\. event_type=", line)]
    made = [user_event_query(spec.UserEvent(int(parse_qs(q)["event"][0])), "35") for q in logged]
    assert made == logged and len(made) == 3


def test_event_query_puts_event_type_event_and_name_first():
    query = event_query({"ext": "35", "number": "187", "event_name": "call_answered",
                         "event": spec.UserEvent.CALL_ANSWERED, "event_type": spec.EventFamily.USER})
    assert [k for k, _ in parse_qsl(query)] == ["event_type", "event", "event_name", "ext", "number"]
    assert query.startswith("event_type=2&event=14&event_name=call_answered&ext=35")


def test_event_query_drops_none_and_encodes_plus():
    query = user_event_query(spec.UserEvent.OUTGOING_CALL, "35", number="+39187", extid=None, recorded=True)
    assert "extid" not in query
    assert parse_qs(query)["number"] == ["+39187"] and parse_qs(query)["recorded"] == ["1"]
