"""Search semantics: every comparison operator, list filters, nested searches, steps.

Each check counts with the API and with plain Python over the tenant's own
rows (step 0 of phone interactions, ``step: LAST``), so the two must agree.
"""
from __future__ import annotations

import re

import pytest

from emulators.tvox.datamodel.state import datamodel_of

BASE = "year: 2020, month: 5, step: LAST"


@pytest.fixture(scope="module")
def api(app, emu):
    from .conftest import tenant_api
    tenant = emu.new_tenant(clock_mode="virtual")
    datamodel_of(tenant).limits.rate_limit = 0          # these checks send many requests
    return tenant_api(app, emu, tenant)


@pytest.fixture(scope="module")
def last_steps(api):
    store = datamodel_of(api.tenant).store()
    with store.reader() as conn:
        cur = conn.execute("SELECT * FROM ast_calls_202005 WHERE mc_id = 0 AND step = 0")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def count(api, criteria: str, field: str = "inboundCallsCount") -> int:
    return api.data("{ %s(search: { %s, %s }) }" % (field, BASE, criteria))[field]


def expect(rows, predicate) -> int:
    return sum(1 for r in rows if predicate(r))


@pytest.mark.parametrize("operator, values, predicate", [
    ("EQUAL", ["CUSTOMER_CARE", "SALES"], lambda v: v in ("CUSTOMER_CARE", "SALES")),
    ("NOT_EQUAL", ["CUSTOMER_CARE"], lambda v: v is not None and v != "CUSTOMER_CARE"),
    ("CONTAIN", ["care"], lambda v: v is not None and "care" in v.lower()),
    ("START_WITH", ["sal"], lambda v: v is not None and v.lower().startswith("sal")),
    ("END_WITH", ["ENUTO"], lambda v: v is not None and v.lower().endswith("enuto")),
])
def test_comparison_string_list_operators(api, last_steps, operator, values, predicate):
    got = count(api, 'service: { operator: %s, value: %s }' % (operator, str(values).replace("'", '"')))
    assert got == expect(last_steps, lambda r: predicate(r["servizio"])) > 0


@pytest.mark.parametrize("operator, predicate", [
    ("NULL", lambda v: v is None), ("NOT_NULL", lambda v: v is not None),
    ("EMPTY", lambda v: v in (None, "")), ("NOT_EMPTY", lambda v: v not in (None, "")),
])
def test_comparison_string_null_and_empty(api, last_steps, operator, predicate):
    assert count(api, "user: { operator: %s }" % operator) == expect(last_steps, lambda r: predicate(r["pin"]))


def test_comparison_string_regexp(api, last_steps):
    got = count(api, 'cli: { operator: REGEXP, regexp: "^3[0-9]{2}5" }')
    assert got == expect(last_steps, lambda r: r["cli"] and re.search("^3[0-9]{2}5", r["cli"])) > 0


def test_regexp_without_expression_and_bad_expression_are_errors(api):
    assert "regexp" in api.error('{ inboundCallsCount(search: { %s, cli: { operator: REGEXP } }) }' % BASE)
    assert "regular expression" in api.error(
        '{ inboundCallsCount(search: { %s, cli: { operator: REGEXP, regexp: "(" } }) }' % BASE)


def test_operator_needing_values_without_values_is_an_error(api):
    assert "value" in api.error('{ inboundCallsCount(search: { %s, cli: { operator: EQUAL } }) }' % BASE)


@pytest.mark.parametrize("operator, bounds, predicate", [
    ("GREATER_THAN", 'value: "2020-05-20T10:00:00Z"', lambda d: d >= "2020-05-20"),
    ("LESSER_THAN", 'value: "2020-05-03T23:59:59Z"', lambda d: d <= "2020-05-04"),
    ("BETWEEN", 'valueLeft: "2020-05-01T00:00:00Z", valueRight: "2020-05-15T00:00:00Z"',
     lambda d: "2020-05-01" <= d <= "2020-05-15"),
])
def test_comparison_time_compares_days_bounds_included(api, last_steps, operator, bounds, predicate):
    got = count(api, "startTime: { operator: %s, %s }" % (operator, bounds))
    assert got == expect(last_steps, lambda r: predicate(r["datainizio"])) > 0


def test_comparison_time_needs_rfc3339(api):
    reply = api.post('{ inboundCallsCount(search: { %s, startTime: { operator: GREATER_THAN, value: "5 May" } }) }'
                     % BASE)
    assert reply.status == 200 and "RFC3339" in reply.messages[0] and "data" not in reply.body


@pytest.mark.parametrize("operator, bounds, predicate", [
    ("GREATER_THAN", "value: 300", lambda v: v >= 300), ("LESSER_THAN", "value: 30", lambda v: v <= 30),
    ("BETWEEN", "valueLeft: 60, valueRight: 120", lambda v: 60 <= v <= 120),
])
def test_comparison_duration_in_seconds_bounds_included(api, last_steps, operator, bounds, predicate):
    got = count(api, "durationOnUser: { operator: %s, %s }" % (operator, bounds))
    assert got == expect(last_steps, lambda r: predicate(r["durataag1"] or 0)) > 0


@pytest.mark.parametrize("operator, values, predicate", [
    ("EQUAL", [8, 9], lambda v: v in (8, 9)), ("CONTAIN", [10], lambda v: v == 10),
    ("NOT_EQUAL", [0], lambda v: v is not None and v != 0),
    ("GREATER_THAN", [8], lambda v: v is not None and v > 8), ("LESSER_THAN", [2], lambda v: v is not None and v < 2),
    ("GREATER_EQUAL_THAN", [8], lambda v: v is not None and v >= 8),
    ("LESSER_EQUAL_THAN", [2], lambda v: v is not None and v <= 2),
    ("BETWEEN", [3, 5], lambda v: v is not None and 3 <= v <= 5),
    ("NULL", [], lambda v: v is None), ("NOT_NULL", [], lambda v: v is not None),
])
def test_comparison_number_on_contact_nps(api, operator, values, predicate):
    rows = api.sql("SELECT nps FROM t4you_global_addressbook", "ADDRESSBOOK")
    expected = expect(rows, lambda r: predicate(None if r["nps"] is None else int(r["nps"])))
    value = f", value: {values}" if values else ""
    got = api.data("{ addressBookContactCount(search: { nps: { operator: %s%s } }) }" % (operator, value))
    assert got["addressBookContactCount"] == expected


@pytest.mark.parametrize("criteria, column, codes", [
    ("status: [ANSWERED_CLOSED_BY_CALLER, HANGUP]", "statochiamata", {"RC", "H"}),
    ("context: [ACTIVE]", "contesto", {"AT"}),
    ("context: [OUT_OF_CALENDAR, OUT_OF_SERVICE]", "contesto", {"FO", "OS"}),
    ("contact: { type: [EXTERNAL_ITEM] }", "contact_type", {"EXTERNAL_ITEM"}),
    ("contact: { lookupType: [NONE] }", "contact_lookup_type", {"NONE"}),
    ("servicePriority: [1]", "prior_serv", {1}),
    ("sentiment: [0]", "sentiment", {0}),
    ("popup: { type: [WEB] }", "popuptype", {"WEB"}),
])
def test_list_filters_on_enums_and_integers(api, last_steps, criteria, column, codes):
    assert count(api, criteria) == expect(last_steps, lambda r: r[column] in codes) > 0


def test_channel_destination_filter(app, emu, api):
    rows = api.sql("SELECT COUNT(DISTINCT idlastcall) AS n FROM ast_calls_202005 WHERE mc_id = 0 "
                   "AND channel_destination = 'INTERNAL'")
    got = api.data("{ inboundCallsCount(search: { year: 2020, month: 5, channelDestination: [INTERNAL] }) }")
    assert got["inboundCallsCount"] == int(rows[0]["n"]) > 0


@pytest.mark.parametrize("criteria, predicate", [
    ('callResult: { resultLevel1: { operator: EQUAL, value: ["VENDITA"] } }',
     lambda r: r["callresult_result"] == "VENDITA"),
    ('callTag: { note1: { operator: NOT_NULL } }', lambda r: r["calltag_note1"] is not None),
    ('contact: { id: { operator: EQUAL, value: ["0007418f-3d4a-4315-c3e2-b3bf3521a325"] } }',
     lambda r: r["contact_id"] == "0007418f-3d4a-4315-c3e2-b3bf3521a325"),
    ('popup: { info: { operator: CONTAIN, value: ["lingua=it"] } }', lambda r: "lingua=it" in (r["popupinfo"] or "")),
    ('generic: { generic1: { operator: NOT_NULL } }', lambda r: r["generico1"] is not None),
    ('transferedTo: { type: [SERVICE] }', lambda r: bool(r["trasferita"])),
    ('abandonedCall: true', lambda r: bool(r["abandoned_call_id"])),
    ('abandonedCall: false', lambda r: not r["abandoned_call_id"]),
    ('callbackCall: true', lambda r: bool(r["callback_call_id"])),
    ('IVRLabel: { operator: EQUAL, value: ["Menu"] }', lambda r: r["ivr_label"] == "Menu"),
])
def test_nested_searches(api, last_steps, criteria, predicate):
    assert count(api, criteria) == expect(last_steps, predicate)


def test_multichannel_search_on_chat_sessions(api):
    total = api.data("{ inboundChatsCount(search: { year: 2020, month: 5 }) }")["inboundChatsCount"]
    got = api.data('{ inboundChatsCount(search: { year: 2020, month: 5, multiChannel: { session: '
                   '{ operator: NOT_EMPTY } } }) }')["inboundChatsCount"]
    assert got == total > 0


def test_step_all_keeps_interactions_with_any_matching_step(api):
    all_steps = api.data('{ inboundCallsCount(search: { year: 2020, month: 5, status: [ANSWERED_WITH_BLIND_TRANSFER] }) }')
    last = api.data('{ inboundCallsCount(search: { year: 2020, month: 5, step: LAST, '
                    'status: [ANSWERED_WITH_BLIND_TRANSFER] }) }')
    assert all_steps["inboundCallsCount"] > 0 and last["inboundCallsCount"] == 0   # a transfer is never the last step


def test_step_all_returns_every_step_and_last_only_step_zero(api):
    query = '{ inboundCalls(search: { year: 2020, month: 5, step: %s, id: { operator: EQUAL, value: ["1588581589.1320"] } }) { step } }'
    assert api.data(query % "ALL")["inboundCalls"] == [[{"step": 0}, {"step": 1}, {"step": 2}]]
    assert api.data(query % "LAST")["inboundCalls"] == [[{"step": 0}]]


def test_year_and_month_are_required(api):
    assert "year and month" in api.error("{ inboundCallsCount(search: { month: 5 }) }")
    assert "month" in api.error("{ inboundCalls(search: { year: 2020, month: 13 }) { id } }")


def test_month_without_data_is_empty(api):
    assert api.data("{ inboundCalls(search: { year: 2019, month: 1 }) { id } }") == {"inboundCalls": []}
    assert api.data("{ outboundCallsCount(search: { year: 2019, month: 1 }) }") == {"outboundCallsCount": 0}


def test_unknown_id_is_null(api):
    assert api.data('{ inboundCall(id: "1.1") { id } outboundCall(id: "x") { id } }') == \
        {"inboundCall": None, "outboundCall": None}


def test_address_book_searches_by_tel_mail_web_and_type(api):
    rows = api.sql("SELECT uuid, kind, data_source, tel_value_1, tel_type_1, web_value_1 FROM t4you_global_addressbook",
                   "ADDRESSBOOK")
    cell = sum(1 for r in rows if (r["tel_type_1"] == "CELL"))
    got = api.data('{ addressBookContactCount(search: { tel: { type: [CELL] } }) }')["addressBookContactCount"]
    assert got >= cell > 0
    orgs = api.data("{ addressBookContactCount(search: { contactType: [ORGANIZATION] }) }")
    assert orgs["addressBookContactCount"] == sum(1 for r in rows if r["kind"] == "org" and r["data_source"] != "INTERNAL")
    users = api.data("{ addressBookContacts(search: { contactType: [USER] }) { contactType } }")["addressBookContacts"]
    assert users and all(u["contactType"] == "USER" for u in users)
    webs = api.data('{ addressBookContacts(search: { web: { value: { operator: START_WITH, value: ["https://"] } } }) '
                    '{ web { value type } } }')["addressBookContacts"]
    assert webs and all(w["web"][0]["type"] == "WORK" for w in webs)
