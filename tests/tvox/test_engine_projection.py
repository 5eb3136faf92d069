"""Calls that end in the engine become rows of the matching month, so statistics reconcile."""
from __future__ import annotations

import pytest

from emulators.tvox.datamodel.state import datamodel_of, find_datamodel

MAY_20 = 1589962000      # 2020-05-20T08:06:40Z


@pytest.fixture
def phone(app, emu):
    from .conftest import tenant_api
    tenant = emu.new_tenant(clock_mode="virtual")
    tenant.clock.configure(now=MAY_20)
    return tenant_api(app, emu, tenant)


def queue_call(emu, tenant, talk: float = 95.0, agent: int = 3) -> str:
    engine = emu.engine
    if engine.agent(tenant.id, agent).state == "logged_out":
        engine.agent_login(tenant.id, agent, ready=True)
    call = engine.inbound(tenant.id, from_number="+390612345678", to_number="700")
    tenant.clock.advance(4)
    party = next(p for p in call.parties if p.user_id == agent)
    engine.answer(tenant.id, party.id)
    tenant.clock.advance(talk)
    engine.hangup(tenant.id, party.id)
    tenant.clock.advance(11)             # the queue's after-call work
    return f"{int(call.created_at)}.{call.id}"


def test_an_answered_queue_call_is_an_inbound_interaction(emu, phone):
    uid = queue_call(emu, phone.tenant)
    steps = phone.data('{ inboundCall(id: "%s") { id step user service status durationOnUser startTime cli '
                       'multiChannel { type } } }' % uid)["inboundCall"]
    assert steps == [{"id": uid, "step": 0, "user": "rembrandt.tremonti", "service": "CUSTOMER_CARE",
                      "status": "ANSWERED_CLOSED_BY_CALLED", "durationOnUser": 95,
                      "startTime": "2020-05-20T08:06:40Z", "cli": "+390612345678",
                      "multiChannel": {"type": "CALL"}}]


def test_counts_grow_by_the_calls_made(emu, phone):
    search = '{ inboundCallsCount(search: { year: 2020, month: 5, user: { operator: EQUAL, value: ["rembrandt.tremonti"] }, ' \
             'startTime: { operator: BETWEEN, valueLeft: "2020-05-20T00:00:00Z", valueRight: "2020-05-20T00:00:00Z" } }) }'
    before = phone.data(search)["inboundCallsCount"]
    for _ in range(3):
        queue_call(emu, phone.tenant)
        phone.tenant.clock.advance(30)
    assert phone.data(search)["inboundCallsCount"] == before + 3


def test_calls_before_first_use_are_kept_until_the_store_exists(emu, phone):
    assert find_datamodel(phone.tenant) is None or not find_datamodel(phone.tenant).materialized
    uid = queue_call(emu, phone.tenant)
    assert phone.data('{ inboundCall(id: "%s") { id } }' % uid)["inboundCall"] == [{"id": uid}]


def test_calls_before_first_use_come_from_the_engine_history_without_a_second_copy(emu, phone):
    uids = [queue_call(emu, phone.tenant) for _ in range(3)]
    dm = find_datamodel(phone.tenant)
    assert dm is not None and not dm.materialized and len(dm.pending) == 0
    got = phone.sql("SELECT uniqueid FROM ast_calls_202005 WHERE uniqueid IN (%s) ORDER BY uniqueid"
                    % ",".join(f"'{u}'" for u in uids))
    assert [r["uniqueid"] for r in got] == sorted(uids)
    later = queue_call(emu, phone.tenant)       # once the store exists, calls are queued as they end
    assert phone.data('{ inboundCall(id: "%s") { id } }' % later)["inboundCall"] == [{"id": later}]


def test_every_call_has_a_cdr_row_in_its_month(emu, phone):
    uid = queue_call(emu, phone.tenant)
    rows = phone.sql(f"SELECT uniqueid, id_node, tipo, stato, user_dnis FROM ast_cdr_202005 WHERE uniqueid = '{uid}'")
    assert rows == [{"uniqueid": uid, "id_node": "99", "tipo": "2", "stato": "ANSWER",
                     "user_dnis": "rembrandt.tremonti"}]


def test_a_call_in_a_new_month_creates_that_months_tables(emu, phone):
    phone.tenant.clock.configure(now=1700000000)     # November 2023
    uid = queue_call(emu, phone.tenant)
    got = phone.data("{ inboundCalls(search: { year: 2023, month: 11 }) { id } }")["inboundCalls"]
    assert got == [[{"id": uid}]]


def test_an_outbound_call_is_an_outbound_service_call(emu, phone):
    engine, tenant = emu.engine, phone.tenant
    call = engine.originate(tenant.id, to_number="+390298765432", from_user=3)
    tenant.clock.advance(60)
    for party in list(call.parties):
        if party.live:
            engine.hangup(tenant.id, party.id)
            break
    uid = f"{int(call.created_at)}.{call.id}"
    rows = phone.sql(f"SELECT uniqueid, tipo FROM ast_cdr_202005 WHERE uniqueid = '{uid}'")
    assert rows and rows[0]["tipo"] == "1"
    out = phone.data('{ outboundCall(id: "%s") { id user dnis } }' % uid)["outboundCall"]
    assert out == [{"id": uid, "user": "rembrandt.tremonti", "dnis": "+390298765432"}]


def test_tenants_do_not_see_each_others_calls(app, emu, phone):
    from .conftest import tenant_api
    other = tenant_api(app, emu, emu.new_tenant(clock_mode="virtual"))
    uid = queue_call(emu, phone.tenant)
    assert other.data('{ inboundCall(id: "%s") { id } }' % uid)["inboundCall"] is None
    assert datamodel_of(other.tenant).materialized
