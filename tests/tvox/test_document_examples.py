"""The document's example requests, sent verbatim (curl bodies as POST, and GET), return data."""
from __future__ import annotations

import json

import pytest

from .conftest import PLACEHOLDER_KEY

WINDOW = ('startTime: {\\n operator: BETWEEN\\n valueLeft: \\"2020-05-01T00:00:00Z\\"\\n '
          'valueRight: \\"2020-05-15T00:00:00Z\\"\\n }')
# the --data-binary bodies of the document's curl commands, byte for byte
CURL_BODIES = {
    "inboundCall": r'{"query":"query {\n inboundCall(id: \"1588581589.1320\") {\n id\n step\n startTime\n endTime\n }\n}"}',
    "inboundCalls": r'{"query":"query {\n inboundCalls(\n search: {\n year: 2020\n month: 5\n pagination: { limit: 100, offset: 0 }\n sorting: { key: ID, direction: ASC }\n startTime: {\n operator: BETWEEN\n valueLeft: \"2020-05-01T00:00:00Z\"\n valueRight: \"2020-05-15T00:00:00Z\"\n }\n }\n ) {\n id\n step\n startTime\n endTime\n }\n}\n"}',
    "inboundCallsCount": r'{"query":"query {\n inboundCallsCount(\n search: {\n year: 2020\n month: 5\n startTime: {\n operator: BETWEEN\n valueLeft: \"2020-05-01T00:00:00Z\"\n valueRight: \"2020-05-15T00:00:00Z\"\n }\n }\n )\n}\n"}',
    "outboundCall": r'{"query":"query {\n outboundCall(id: \"1588581589.1320\") {\n id\n step\n startTime\n endTime\n }\n}"}',
    "outboundCalls": r'{"query":"query {\n outboundCalls(\n search: {\n year: 2020\n month: 5\n pagination: { limit: 100, offset: 0 }\n sorting: { key: ID, direction: ASC }\n startTime: {\n operator: BETWEEN\n valueLeft: \"2020-05-01T00:00:00Z\"\n valueRight: \"2020-05-15T00:00:00Z\"\n }\n }\n ) {\n id\n step\n startTime\n endTime\n }\n}\n"}',
    "outboundCallsCount": r'{"query":"query {\n outboundCallsCount(\n search: {\n year: 2020\n month: 5\n startTime: {\n operator: BETWEEN\n valueLeft: \"2020-05-01T00:00:00Z\"\n valueRight: \"2020-05-15T00:00:00Z\"\n }\n }\n )\n}\n"}',
    "inboundVideoCall": r'{"query":"query {\n inboundVideoCall(id: \"1588581589.1320\") {\n id\n step\n startTime\n endTime\n }\n}"}',
    "inboundVideoCalls": r'{"query":"query {\n inboundVideoCalls(\n search: {\n year: 2020\n month: 5\n pagination: { limit: 100, offset: 0 }\n sorting: { key: ID, direction: ASC }\n startTime: {\n operator: BETWEEN\n valueLeft: \"2020-05-01T00:00:00Z\"\n valueRight: \"2020-05-15T00:00:00Z\"\n }\n }\n ) {\n id\n step\n startTime\n endTime\n }\n}\n"}',
    "inboundVideoCallsCount": r'{"query":"query {\n inboundVideoCallsCount(\n search: {\n year: 2020\n month: 5\n startTime: {\n operator: BETWEEN\n valueLeft: \"2020-05-01T00:00:00Z\"\n valueRight: \"2020-05-15T00:00:00Z\"\n }\n }\n )\n}\n"}',
    "inboundChat": r'{"query":"query {\n inboundChat(id: \"1588581589.1320\") {\n id\n step\n startTime\n endTime\n }\n}"}',
    "inboundChats": r'{"query":"query {\n inboundChats(\n search: {\n year: 2020\n month: 5\n pagination: { limit: 100, offset: 0 }\n sorting: { key: ID, direction: ASC }\n startTime: {\n operator: BETWEEN\n valueLeft: \"2020-05-01T00:00:00Z\"\n valueRight: \"2020-05-15T00:00:00Z\"\n }\n }\n ) {\n id\n step\n startTime\n endTime\n }\n}\n"}',
    "inboundChatsCount": r'{"query":"query {\n inboundChatsCount(\n search: {\n year: 2020\n month: 5\n startTime: {\n operator: BETWEEN\n valueLeft: \"2020-05-01T00:00:00Z\"\n valueRight: \"2020-05-15T00:00:00Z\"\n }\n }\n )\n}\n"}',
    "addressBookContact": r'{"query":"query {\n addressBookContact(uuid: \"0007418f-3d4a-4315-c3e2-b3bf3521a325\") {\n uuid\n name\n surname\n }\n}\n"}',
    "addressBookContacts": r'{"query":"query {\n addressBookContacts(\n search: {\n mail: { value: { operator: END_WITH, value: \"gmail.com\" } }\n organization: { fullName: { operator: CONTAIN, value: \"google\" } }\n }\n ) {\n uuid\n name\n surname\n mail {\n value\n }\n }\n}\n"}',
    "addressBookContactCount": r'{"query":"query {\n addressBookContactCount(\n search: {\n mail: { value: { operator: END_WITH, value: \"gmail.com\" } }\n organization: { fullName: { operator: CONTAIN, value: \"google\" } }\n }\n )\n}\n"}',
    "advancedQuery TVOX": r'{"query":"query {\n advancedQuery(\n type: TVOX\n query: \"SELECT COUNT( DISTINCT ( uniqueid )) AS total, cli AS callerNumber, MAX( datainizio ) AS lastStartDate, MAX( orainizio ) AS lastStartTime FROM ast_calls_202005 GROUP BY cli;\"\n )\n}\n"}',
    "advancedQuery ADDRESSBOOK": r'{"query":"query {\n advancedQuery(\n type: ADDRESSBOOK\n query: \"SELECT uuid AS id, name, surname FROM t4you_global_addressbook;\"\n )\n}\n"}',
    "advancedQuery SUPPORT": r'''{"query":"query {\n advancedQuery(\n type: SUPPORT\n query: \"SELECT COUNT( DISTINCT id ) AS total FROM tickets WHERE created_at >= '2020-01-05 00:00:00' AND created_at <= '2020-01-31 23:59:59';\"\n )\n}\n"}''',
    "Power Query / Google Sheets": r'{"query":"query {\n inboundCalls(search: { year: 2020, month: 5 }) {\n id\n step\n cli\n dnis\n }\n}\n"}',
}
# the examples as printed above the curl commands (the addressBook ones search telenia)
PRINTED = {
    "addressBookContacts telenia": 'query { addressBookContacts( search: { mail: { value: { operator: END_WITH, '
                                   'value: "teleniasoftware.com" } } organization: { fullName: { operator: CONTAIN, '
                                   'value: "telenia" } } } ) { uuid name surname mail { value } } }',
    "addressBookContactCount telenia": 'query { addressBookContactCount( search: { mail: { value: { operator: '
                                       'END_WITH, value: "teleniasoftware.com" } } organization: { fullName: { '
                                       'operator: CONTAIN, value: "telenia" } } } ) }',
    "advancedQuery ADDRESSBOOK with comma": 'query { advancedQuery( type: ADDRESSBOOK, query: "SELECT uuid AS id, '
                                            'name, surname FROM t4you_global_addressbook;" ) }',
    "Google Sheets payload": "{ inboundCalls(search: { year: 2020, month: 5 }) { id step cli dnis }}",
}


def _has_data(value) -> bool:
    if isinstance(value, list):
        return len(value) > 0
    if isinstance(value, int):
        return value > 0
    return value is not None


def _check(reply) -> None:
    assert reply.status == 200, reply.text
    body = reply.body
    assert "errors" not in body, body
    ((name, value),) = body["data"].items()
    assert _has_data(value), f"{name} returned no data: {value!r}"


@pytest.mark.parametrize("name", list(CURL_BODIES))
def test_curl_example_posted_verbatim_returns_data(default_dm, name):
    headers = {"Accept-Encoding": "gzip, deflate, br", "Accept": "application/json", "Connection": "keep-alive",
               "DNT": "1", "Origin": "https://tvox.example"}
    _check(default_dm.post(raw=CURL_BODIES[name], headers=headers))


@pytest.mark.parametrize("name", list(CURL_BODIES))
def test_same_example_as_get_query_parameter_returns_data(default_dm, name):
    _check(default_dm.get(json.loads(CURL_BODIES[name])["query"]))


@pytest.mark.parametrize("name", list(PRINTED))
def test_printed_example_returns_data(default_dm, name):
    _check(default_dm.post(PRINTED[name]))


def test_get_example_from_overview_me_name_is_a_graphql_error_not_a_crash(default_dm):
    reply = default_dm.get("{me{name}}")
    assert reply.status == 200 and "data" not in reply.body and reply.messages


def test_example_call_has_steps_from_most_recent_zero_to_oldest(default_dm):
    steps = default_dm.data('{ inboundCall(id: "1588581589.1320") { id step startTime } }')["inboundCall"]
    assert [s["step"] for s in steps] == list(range(len(steps))) and len(steps) > 1
    times = [s["startTime"] for s in steps]
    assert times == sorted(times, reverse=True)
    assert times[-1] == "2020-05-04T08:39:49Z"   # the id's timestamp: 1588581589


def test_placeholder_key_is_the_default_tenant_key_in_any_header_casing(default_dm):
    reply = default_dm.get("{ inboundCallsCount(search: {year: 2020, month: 5}) }",
                           headers={"x-telenia-apikey": PLACEHOLDER_KEY})
    assert reply.status == 200 and reply.body["data"]["inboundCallsCount"] > 0
