"""Bad input gets a GraphQL-style error in the body, never an HTTP 500, and nothing changes."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("query", [
    "{ inboundCalls(search: { year: 2020, month: 5 }) { id ",          # unterminated
    "{ inboundCalls }", "{ nope }", "{ inboundCallsCount(search: { year: \"x\" }) }",
    "{ inboundCalls(search: { year: 2020, month: 5, step: SOME }) { id } }",
    "mutation { inboundCallsCount }", "subscription { x }", "}}}}", "query a { __typename } query a { __typename }",
])
def test_malformed_graphql_is_200_with_errors_and_no_data(dm, query):
    reply = dm.post(query)
    assert reply.status == 200, reply.text
    assert reply.body.get("errors") and "data" not in reply.body


def test_execution_error_keeps_data_field(dm):
    reply = dm.post('{ addressBookContact(uuid: "missing") { uuid } }')
    assert reply.status == 200 and reply.body["data"] is None and "not found" in reply.messages[0]


def test_partial_data_with_errors(dm):
    reply = dm.post('{ a: inboundCallsCount(search: { year: 2020, month: 5 }) b: inboundCallsCount(search: {}) }')
    assert reply.status == 200 and reply.body["data"] is None or reply.body["data"]["a"] > 0
    assert len(reply.messages) == 1


def test_nullable_field_error_gives_partial_data(dm):
    reply = dm.post('{ inboundCall(id: "1588581589.1320") { id } advancedQuery(query: "DROP TABLE x") }')
    assert reply.status == 200 and reply.body["data"] is None     # advancedQuery is non-null: data bubbles up
    reply = dm.post('{ inboundCall(id: "1588581589.1320") { id } '
                    'inboundCalls(search: { year: 2020, month: 5, pagination: { limit: 2000 } }) { id } }')
    assert reply.body["data"] is None and reply.messages


@pytest.mark.parametrize("raw, words", [
    ("{not json", "JSON"), ("[1, 2]", "no query"), ('{"query": 5}', "no query"), ("{}", "no query"),
    ('{"query": "{ __typename }", "variables": [1]}', "variables"), ("", "no query")])
def test_bad_request_bodies_are_400_with_errors(dm, raw, words):
    reply = dm.post(raw=raw)
    assert reply.status == 400 and words in reply.messages[0]


def test_get_without_query_is_400(dm):
    reply = dm.get()
    assert reply.status == 400 and "no query" in reply.messages[0]


def test_get_with_bad_variables_json_is_400(dm):
    assert dm.get("{ __typename }", variables="{oops").status == 400


def test_get_with_variables_and_operation_name(dm):
    reply = dm.get("query a { __typename } query b($y: Int) { inboundCallsCount(search: { year: $y, month: 5 }) }",
                   variables='{"y": 2020}', operationName="b")
    assert reply.status == 200 and reply.body["data"]["inboundCallsCount"] > 0


def test_body_with_only_query_and_with_variables_and_operation_name(dm):
    assert dm.post(body={"query": "{ __typename }"}).body == {"data": {"__typename": "Query"}}
    reply = dm.post(body={"query": "query q($m: Int) { inboundCallsCount(search: { year: 2020, month: $m }) }",
                          "variables": {"m": 5}, "operationName": "q"})
    assert reply.body["data"]["inboundCallsCount"] > 0


def test_application_graphql_body(dm):
    r = dm.client.post("/datamodel/query", data="{ __typename }",
                       headers={"X-Telenia-APIKey": dm.key, "Content-Type": "application/graphql"})
    assert r.status_code == 200 and r.get_json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_errors(dm, method):
    r = dm.client.open("/datamodel/query", method=method, headers={"X-Telenia-APIKey": dm.key})
    assert r.status_code == 405 and r.get_json()["errors"]


def test_cors_preflight(dm):
    r = dm.client.options("/datamodel/query", headers={"Origin": "https://sheets.example",
                                                       "Access-Control-Request-Headers": "x-telenia-apikey"})
    assert r.status_code == 204 and "X-Telenia-APIKey" in r.headers["Access-Control-Allow-Headers"]


def test_wrong_variable_types_are_errors_not_crashes(dm):
    reply = dm.post("query($s: SearchInteraction!) { inboundCalls(search: $s) { id } }", {"s": {"year": "two"}})
    assert reply.status == 200 and reply.messages


def test_deeply_nested_garbage_does_not_crash(dm):
    reply = dm.post("{" * 2000 + "}" * 2000)
    assert reply.status in (200, 400) and reply.body["errors"]
