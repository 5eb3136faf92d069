"""Pagination (limit ≤ 1000, offset) counts interactions, not steps; sorting by every key, both ways;
counts agree with searches; 1.2.5's top-level pagination/sorting arguments are accepted too."""
from __future__ import annotations

import pytest

from emulators.tvox.datamodel.schema_enums import SortKeyAddressBookContact, SortKeyInboundInteraction
from emulators.tvox.datamodel.search import SORT_KEYS
from emulators.tvox.datamodel.state import datamodel_of


@pytest.fixture(scope="module")
def api(app, emu):
    from .conftest import tenant_api
    tenant = emu.new_tenant(clock_mode="virtual")
    datamodel_of(tenant).limits.rate_limit = 0
    return tenant_api(app, emu, tenant)


def page(api, pagination: str, field: str = "inboundCalls", extra: str = "") -> list:
    q = "{ %s(search: { year: 2020, month: 5 %s %s }) { id step } }" % (field, pagination, extra)
    return api.data(q)[field]


def test_limit_applies_to_interactions_not_steps(api):
    calls = page(api, ", pagination: { limit: 100, offset: 0 }")
    assert len(calls) == 100 and sum(len(c) for c in calls) > 100
    assert all(len({s["id"] for s in c}) == 1 for c in calls)


def test_limit_zero_is_an_empty_page(api):
    assert page(api, ", pagination: { limit: 0 }") == []


def test_limit_1000_is_the_maximum(api):
    assert len(page(api, ", pagination: { limit: 1000 }")) == 1000


@pytest.mark.parametrize("pagination, words", [
    ("{ limit: 1001 }", "at most 1000"), ("{ limit: -1 }", "negative"), ("{ offset: -5 }", "negative")])
def test_bad_pagination_is_a_graphql_error(api, pagination, words):
    reply = api.post("{ inboundCalls(search: { year: 2020, month: 5, pagination: %s }) { id } }" % pagination)
    assert reply.status == 200 and words in reply.messages[0]
    assert reply.body["errors"][0]["path"] == ["inboundCalls"]


def test_offset_past_the_end_is_empty(api):
    assert page(api, ", pagination: { limit: 10, offset: 1000000 }") == []


def test_no_pagination_means_the_first_1000(api):
    assert len(page(api, "")) == 1000


def test_pages_follow_each_other_without_overlap(api):
    first = page(api, ", pagination: { limit: 50, offset: 0 }")
    second = page(api, ", pagination: { limit: 50, offset: 50 }")
    both = page(api, ", pagination: { limit: 100, offset: 0 }")
    assert first + second == both


@pytest.mark.parametrize("field, count_field", [
    ("inboundCalls", "inboundCallsCount"), ("outboundCalls", "outboundCallsCount"),
    ("inboundVideoCalls", "inboundVideoCallsCount"), ("inboundChats", "inboundChatsCount")])
@pytest.mark.parametrize("step", ["ALL", "LAST"])
def test_counts_agree_with_searches(api, field, count_field, step):
    criteria = ', step: %s, startTime: { operator: BETWEEN, valueLeft: "2020-05-10T00:00:00Z", ' \
               'valueRight: "2020-05-12T00:00:00Z" }' % step
    found = page(api, ", pagination: { limit: 1000 }", field, criteria)
    counted = api.data("{ %s(search: { year: 2020, month: 5 %s }) }" % (count_field, criteria))[count_field]
    assert len(found) == counted > 0


@pytest.mark.parametrize("key", [k.value for k in SortKeyInboundInteraction])
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_sorting_by_every_key_both_directions(api, key, direction):
    q = ("{ inboundCalls(search: { year: 2020, month: 5, pagination: { limit: 40 }, "
         "sorting: { key: %s, direction: %s } }) { id step } }" % (key, direction))
    calls = api.data(q)["inboundCalls"]
    order = ", ".join(f"{c} {direction}" for c in SORT_KEYS[key])
    store = datamodel_of(api.tenant).store()
    expected = [r[0] for r in store.query(
        f"SELECT uniqueid FROM ast_calls_202005 WHERE mc_id = 0 AND step = 0 "
        f"ORDER BY {order}, idlastcall {direction} LIMIT 40")]
    assert [c[0]["id"] for c in calls] == expected       # interactions ordered by their step 0
    assert all([s["step"] for s in c] == list(range(len(c))) for c in calls)


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_start_time_sorting_orders_by_time(api, direction):
    calls = api.data("{ inboundCalls(search: { year: 2020, month: 5, step: LAST, sorting: { key: START_TIME, "
                     "direction: %s } }) { startTime } }" % direction)["inboundCalls"]
    times = [c[0]["startTime"] for c in calls]
    assert times == sorted(times, reverse=direction == "DESC") and len(times) == 1000


@pytest.mark.parametrize("key", [k.value for k in SortKeyAddressBookContact])
def test_address_book_sorting_by_every_key(api, key):
    asc = api.data("{ addressBookContacts(search: { pagination: { limit: 5 }, sorting: { key: %s, direction: ASC } }) "
                   "{ uuid } }" % key)["addressBookContacts"]
    desc = api.data("{ addressBookContacts(search: { pagination: { limit: 5 }, sorting: { key: %s, direction: DESC } "
                    "}) { uuid } }" % key)["addressBookContacts"]
    assert len(asc) == len(desc) == 5


def test_outbound_sorting_by_a_key_its_table_lacks_still_answers(api):
    q = "{ outboundCalls(search: { year: 2020, month: 5, pagination: { limit: 3 }, sorting: { key: CENSUS_RESULT } }) { id } }"
    assert len(api.data(q)["outboundCalls"]) == 3


def test_top_level_pagination_and_sorting_of_changelog_1_2_5(api):
    nested = page(api, ", pagination: { limit: 7, offset: 3 }, sorting: { key: START_TIME, direction: DESC }")
    top = api.data("{ inboundCalls(search: { year: 2020, month: 5 }, pagination: { limit: 7, offset: 3 }, "
                   "sorting: { key: START_TIME, direction: DESC }) { id step } }")["inboundCalls"]
    assert top == nested and len(top) == 7


def test_top_level_pagination_with_variables(api):
    q = ("query($s: SearchInteraction!, $p: Pagination) { inboundCalls(search: $s, pagination: $p) { id } }")
    got = api.data(q, {"s": {"year": 2020, "month": 5, "pagination": {"limit": 500}}, "p": {"limit": 2}})
    assert len(got["inboundCalls"]) == 2


def test_top_level_limit_over_1000_is_still_refused(api):
    assert "at most 1000" in api.error(
        "{ inboundCalls(search: { year: 2020, month: 5 }, pagination: { limit: 5000 }) { id } }")


def test_introspection_does_not_show_the_top_level_arguments(api):
    fields = api.data('{ __type(name: "Query") { fields { name args { name } } } }')["__type"]["fields"]
    assert {f["name"]: [a["name"] for a in f["args"]] for f in fields}["inboundCalls"] == ["search"]
