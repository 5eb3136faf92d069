"""The TVox Data Model document as executable checks, against any target (see conftest.py).

Each test names the document section it checks. Results are checked for shape
and consistency, not for values, so a real TVox with its own data passes too
(the examples' ids are the document's: a real system may not hold them, so
by-id examples only require a well-formed answer).
"""
from __future__ import annotations

import os

import pytest
from graphql import get_introspection_query

pytestmark = pytest.mark.contract

MAY = "year: 2020, month: 5"
WINDOW = 'startTime: { operator: BETWEEN, valueLeft: "2020-05-01T00:00:00Z", valueRight: "2020-05-15T00:00:00Z" }'


def test_request_get_and_post_give_the_same_answer(target):
    """API Reference > Request: GET with ?query= and POST with a JSON body."""
    query = "{ inboundCallsCount(search: { %s }) }" % MAY
    by_get, by_post = target.get(query), target.post(query)
    assert by_get.status_code == by_post.status_code == 200
    assert by_get.json() == by_post.json()


def test_response_has_data_and_no_errors_field_when_all_is_well(target):
    """API Reference > Response: "If there were no errors returned, the errors field is not present"."""
    body = target.post("{ inboundCallsCount(search: { %s }) }" % MAY).json()
    assert set(body) == {"data"} and isinstance(body["data"]["inboundCallsCount"], int)


def test_response_to_a_broken_query_has_errors_and_no_data(target):
    """API Reference > Response: "data" only when the error occurred during execution."""
    reply = target.post("{ inboundCalls(search: { %s }) { id " % MAY)
    body = reply.json()
    assert body.get("errors") and "message" in body["errors"][0] and "data" not in body


@pytest.mark.parametrize("key", [None, "not-a-key"])
def test_authentication_requires_the_api_key(target, key):
    """API Reference > Authentication: the X-Telenia-APIKey header."""
    reply = target.post("{ inboundCallsCount(search: { %s }) }" % MAY, key=key)
    assert reply.status_code in (401, 403)
    assert reply.json().get("errors")


def test_api_key_header_name_is_case_insensitive(target):
    """API Reference > Authentication (HTTP header names are case-insensitive)."""
    reply = target.session.post(target.endpoint, json={"query": "{ inboundCallsCount(search: { %s }) }" % MAY},
                                headers={"x-telenia-apikey": target.key}, timeout=60)
    assert reply.status_code == 200 and "data" in reply.json()


@pytest.mark.parametrize("field", ["inboundCall", "outboundCall", "inboundVideoCall", "inboundChat"])
def test_get_by_id_answers_the_steps_from_most_recent(target, field):
    """Phone / Video / Chat > … by ID: the list of steps of the interaction."""
    steps = target.data('query { %s(id: "1588581589.1320") { id step startTime endTime } }' % field)[field]
    if steps is not None:
        assert [s["step"] for s in steps] == list(range(len(steps)))
        assert all(s["id"] == "1588581589.1320" for s in steps)


@pytest.mark.parametrize("field, count", [("inboundCalls", "inboundCallsCount"),
                                          ("outboundCalls", "outboundCallsCount"),
                                          ("inboundVideoCalls", "inboundVideoCallsCount"),
                                          ("inboundChats", "inboundChatsCount")])
def test_search_example_and_count_agree(target, field, count):
    """Phone / Video / Chat > Search and Count: the document's examples; limit counts interactions."""
    found = target.data("query { %s(search: { %s, pagination: { limit: 100, offset: 0 }, sorting: { key: ID, "
                        "direction: ASC }, %s }) { id step startTime endTime } }" % (field, MAY, WINDOW))[field]
    counted = target.data("query { %s(search: { %s, %s }) }" % (count, MAY, WINDOW))[count]
    assert len(found) == min(counted, 100)
    for interaction in found:
        assert interaction and len({s["id"] for s in interaction}) == 1
        assert [s["step"] for s in interaction] == list(range(len(interaction)))
        for s in interaction:
            assert s["startTime"] is None or s["startTime"].endswith("Z")
    ids = [i[0]["id"] for i in found]
    assert ids == sorted(ids)


def test_time_comparison_is_on_days_within_the_window(target):
    """Schema Types > SearchInteraction.startTime: compared on year, month and day."""
    calls = target.data("query { inboundCalls(search: { %s, step: LAST, %s }) { startTime } }" % (MAY, WINDOW))
    for call in calls["inboundCalls"]:
        assert "2020-04-30" <= call[0]["startTime"][:10] <= "2020-05-15"


def test_pagination_limit_over_1000_is_refused(target):
    """API Reference > Pagination: "a limit (max: 1000)"."""
    reply = target.post("query { inboundCalls(search: { %s, pagination: { limit: 1001, offset: 0 } }) { id } }" % MAY)
    assert reply.status_code in (200, 400, 422) and reply.json().get("errors")


def test_pagination_offset_continues_where_the_page_ended(target):
    """API Reference > Pagination: limit and offset."""
    page = "query { inboundCalls(search: { %s, step: LAST, pagination: { limit: %d, offset: %d } }) { id } }"
    both = target.data(page % (MAY, 20, 0))["inboundCalls"]
    second = target.data(page % (MAY, 10, 10))["inboundCalls"]
    assert second == both[10:]


def test_sorting_by_start_time_descending(target):
    """API Reference > Sorting: key and direction."""
    calls = target.data("query { inboundCalls(search: { %s, step: LAST, pagination: { limit: 50, offset: 0 }, "
                        "sorting: { key: START_TIME, direction: DESC } }) { startTime } }" % MAY)["inboundCalls"]
    times = [c[0]["startTime"] for c in calls]
    assert times == sorted(times, reverse=True)


def test_address_book_example_search_and_count(target):
    """Addressbook > Contacts and Count: the document's example criteria."""
    criteria = ('mail: { value: { operator: END_WITH, value: "teleniasoftware.com" } } '
                'organization: { fullName: { operator: CONTAIN, value: "telenia" } }')
    contacts = target.data("query { addressBookContacts(search: { %s }) { uuid name surname mail { value } } }"
                           % criteria)["addressBookContacts"]
    count = target.data("query { addressBookContactCount(search: { %s }) }" % criteria)["addressBookContactCount"]
    assert len(contacts) == count
    for contact in contacts:
        assert any(m["value"].lower().endswith("teleniasoftware.com") for m in contact["mail"])


def test_address_book_contact_by_uuid(target):
    """Addressbook > Contact: by UUID (an unknown uuid may be an error: the field is non-null)."""
    reply = target.post('query { addressBookContact(uuid: "0007418f-3d4a-4315-c3e2-b3bf3521a325") '
                        "{ uuid name surname } }").json()
    if "errors" not in reply:
        assert reply["data"]["addressBookContact"]["uuid"] == "0007418f-3d4a-4315-c3e2-b3bf3521a325"


@pytest.mark.parametrize("type_, sql", [
    ("TVOX", "SELECT COUNT( DISTINCT ( uniqueid )) AS total, cli AS callerNumber, MAX( datainizio ) AS lastStartDate, "
             "MAX( orainizio ) AS lastStartTime FROM ast_calls_202005 GROUP BY cli;"),
    ("ADDRESSBOOK", "SELECT uuid AS id, name, surname FROM t4you_global_addressbook;"),
    ("SUPPORT", "SELECT COUNT( DISTINCT id ) AS total FROM tickets WHERE created_at >= '2020-01-05 00:00:00' AND "
                "created_at <= '2020-01-31 23:59:59';"),
])
def test_advanced_query_examples_give_ordered_maps_of_strings(target, type_, sql):
    """Advanced: the document's three examples; keys are the selected names, values strings."""
    rows = target.data("query($q: String!) { advancedQuery(type: %s, query: $q) }" % type_, {"q": sql})["advancedQuery"]
    assert isinstance(rows, list)
    for row in rows[:50]:
        assert all(v is None or isinstance(v, str) for v in row.values())
    if rows:
        expected = {"TVOX": ["total", "callerNumber", "lastStartDate", "lastStartTime"],
                    "ADDRESSBOOK": ["id", "name", "surname"], "SUPPORT": ["total"]}[type_]
        assert list(rows[0]) == expected


def test_advanced_query_refuses_writes_and_changes_nothing(target):
    """Advanced > advancedQuery: "Update, insert or delete actions are not allowed"."""
    count = "query { advancedQuery(type: TVOX, query: \"SELECT COUNT(*) AS n FROM ast_calls_202005\") }"
    before = target.data(count)["advancedQuery"]
    reply = target.post("query { advancedQuery(type: TVOX, query: \"DELETE FROM ast_calls_202005\") }").json()
    assert reply.get("errors")
    assert target.data(count)["advancedQuery"] == before


def test_schema_introspection_matches_the_document(target):
    """Schema Types: every type, field, argument and enum value, name for name."""
    from emulators.tvox.datamodel import docschema
    if docschema.default_document() is None:
        pytest.skip("the TVox document (shared/specs) is not beside the project")
    doc = docschema.load()
    schema = target.data(get_introspection_query())["__schema"]
    types = {t["name"]: t for t in schema["types"] if not t["name"].startswith("__")}

    def ref(t):
        return ref(t["ofType"]) + "!" if t["kind"] == "NON_NULL" else \
            "[" + ref(t["ofType"]) + "]" if t["kind"] == "LIST" else t["name"]
    query = {f["name"]: (ref(f["type"]), {a["name"]: ref(a["type"]) for a in f["args"]})
             for f in types["Query"]["fields"]}
    for name, (typ, args) in doc.query.items():
        assert query[name][0] == typ and query[name][1] == args, name
    for name, fields in doc.objects.items():
        assert {f["name"]: ref(f["type"]) for f in types[name]["fields"]} == fields, name
    for name, fields in doc.inputs.items():
        assert {f["name"]: ref(f["type"]) for f in types[name]["inputFields"]} == fields, name
    for name, values in doc.enums.items():
        assert [v["name"] for v in types[name]["enumValues"]] == values, name


def test_playground_is_served(target):
    """Development & Testing: the Playground at /datamodel."""
    reply = target.session.get(f"{target.base}/datamodel", timeout=60)
    assert reply.status_code == 200 and "html" in reply.headers.get("Content-Type", "")


def test_rate_limit_of_100_requests_per_minute(target):
    """API Reference > Rate Limit: 100 requests per minute."""
    key = target.key
    if target.emulator is not None:
        tenant = target.emulator.new_tenant()
        key = target.emulator.surfaces["tvox"].credentials(target.emulator, tenant)["api_key"][0]
    elif os.environ.get("TVOX_DATAMODEL_CHECK_RATE_LIMIT") != "1":
        pytest.skip("spends a minute's quota: set TVOX_DATAMODEL_CHECK_RATE_LIMIT=1")
    statuses = [target.post("{ __typename }", key=key).status_code for _ in range(101)]
    assert statuses.count(429) >= 1 and statuses[0] == 200
    limited = target.post("{ __typename }", key=key)
    assert limited.status_code == 429 and limited.json().get("errors")
