"""TVox Data Model benchmark: the figures of issue 4, for a month of 1,000,000 steps.

Run: ``python tests/benchmarks/bench_tvox_datamodel.py [--steps 1000000] [--runs 30] [--generation-only]``

Prints:

- generation time of the month (goal ≤ 30 s);
- ``inboundCalls``, a page of 1000 calls with the document's example selection
  (``id step startTime endTime``, ``step: LAST``): p50 through the emulator's
  strawberry schema, p50 of the same result built with bare graphql-core over
  the same SQL, and their ratio (goals ≤ 50 ms and ≤ 1.3×);
- ``inboundCallsCount`` with a date and a user filter: p50 (goal ≤ 20 ms);
- an ``advancedQuery`` with GROUP BY: p50;
- the same page over HTTP (Flask test client, JSON encoding included), for reference.

Queries run in-process against one tenant's store, with no rate limit.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graphql import build_schema as gql_build_schema  # noqa: E402
from graphql import graphql_sync  # noqa: E402

from emulators.tvox.datamodel.schema import SCHEMA  # noqa: E402
from emulators.tvox.datamodel.seed import build_store  # noqa: E402
from emulators.tvox.datamodel.sitetime import column_time  # noqa: E402
from emulators.tvox.datamodel.state import Limits  # noqa: E402
from fixtures.directory import build_directory  # noqa: E402

YEAR, MONTH = 2021, 3
PAGE = ("query { inboundCalls(search: { year: %d, month: %d, step: LAST, pagination: { limit: 1000, offset: 0 } }) "
        "{ id step startTime endTime } }" % (YEAR, MONTH))
COUNT = ('query { inboundCallsCount(search: { year: %d, month: %d, user: { operator: EQUAL, value: ["%%s"] }, '
         'startTime: { operator: BETWEEN, valueLeft: "%d-%02d-05T00:00:00Z", valueRight: "%d-%02d-20T00:00:00Z" } }) }'
         % (YEAR, MONTH, YEAR, MONTH, YEAR, MONTH))
GROUP_BY = ('query { advancedQuery(type: TVOX, query: "SELECT servizio, pin, COUNT(DISTINCT idlastcall) AS calls, '
            'SUM(durataag1) AS talk, AVG(attesaag1) AS ring FROM ast_calls_%d%02d WHERE mc_id = 0 '
            'GROUP BY servizio, pin ORDER BY calls DESC") }' % (YEAR, MONTH))


class Tenant:
    """Just what the resolvers need: a store and limits."""

    def __init__(self, store):
        self._store = store
        self.limits = Limits(rate_limit=0, query_seconds=60, max_rows=100_000)

    def store(self):
        return self._store


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished child processes (the generator's worker)."""
    import resource
    return time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime + \
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime


def p50(fn, runs: int) -> float:
    fn()                                       # warm: connections, caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def strawberry_run(tenant, query: str):
    result = SCHEMA.execute_sync(query, None, {"datamodel": tenant, "executed": False})
    assert not result.errors, result.errors
    return result.data


def bare_schema(store):
    """The same SDL, executed by graphql-core alone with dict resolvers over the same SQL."""
    schema = gql_build_schema(str(SCHEMA))
    table = f"ast_calls_{YEAR}{MONTH:02d}"

    def inbound_calls(_root, _info, search):
        limit = search.get("pagination", {}).get("limit", 1000)
        with store.reader() as conn:
            rows = conn.execute(
                f"SELECT uniqueid, step, datainizio, orainizio, datadisconnessione, oradisconnessione FROM {table} "
                "WHERE step = 0 AND mc_id = 0 ORDER BY uniqueid ASC, idlastcall ASC LIMIT ? OFFSET ?",
                (limit, search.get("pagination", {}).get("offset", 0))).fetchall()
        return [[{"id": r[0], "step": r[1], "startTime": column_time(r[2], r[3]),
                  "endTime": column_time(r[4], r[5])}] for r in rows]
    schema.query_type.fields["inboundCalls"].resolve = inbound_calls
    return schema


def projection_cost(emu, calls: int = 2000) -> float:
    """µs per ``call.ended`` the Data Model projection takes inside the engine's synchronous bus dispatch.

    Half outbound calls, half inbound queue calls abandoned in the queue (an extra table row each),
    on a tenant whose store exists; timed in the engine loop, as a VOIspeed request would run it.
    """
    from emulators.tvox.datamodel.projection import Projection
    from emulators.tvox.datamodel.state import datamodel_of
    tenant = emu.new_tenant(clock_mode="virtual")
    tenant.clock.configure(now=1589962000)                 # May 2020
    datamodel_of(tenant).store()
    handler = Projection(emu).on_call_ended
    spent = []

    def timed(event) -> None:                              # a second subscriber doing the projection's work
        if event.tenant == tenant.id:
            started = time.perf_counter()
            handler(event)
            spent.append(time.perf_counter() - started)
    unsubscribe = emu.bus.subscribe(timed, {"call.ended"})
    engine = emu.engine
    try:
        for i in range(calls):
            if i % 2:
                call = engine.originate(tenant.id, to_number="+390298765432", from_user=3)
            else:
                call = engine.inbound(tenant.id, from_number="+390612345678", to_number="700")
            tenant.clock.advance(5)
            engine.hangup(tenant.id, next(p for p in call.parties if p.live).id)
            tenant.clock.advance(5)
    finally:
        unsubscribe()
    return statistics.mean(spent) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--generation-only", action="store_true", help="time the generation of the month only")
    args = parser.parse_args()

    directory = build_directory(0)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 2 or done == total:
            last[0] = now
            print(f"  generating: {done:,}/{total:,} steps", file=sys.stderr, flush=True)

    started = time.perf_counter()
    cpu = _cpu()
    store, summary = build_store(directory, 1, [(YEAR, MONTH)], args.steps, progress=progress, cache=False)
    generation = time.perf_counter() - started
    cpu = tuple(b - a for a, b in zip(cpu, _cpu()))
    if args.generation_only:
        print(f"TVox Data Model generation: {summary['steps']:,} steps in {YEAR}-{MONTH:02d}: {generation:.1f} s "
              f"(goal <= 30 s); CPU {cpu[0]:.1f} s here + {cpu[1]:.1f} s in the worker process")
        store.close()
        return
    tenant = Tenant(store)
    steps = store.query(f"SELECT COUNT(*) FROM ast_calls_{YEAR}{MONTH:02d}")[0][0] + \
        store.query(f"SELECT COUNT(*) FROM ast_calls_outbound_{YEAR}{MONTH:02d}")[0][0]
    user = store.query(f"SELECT pin FROM ast_calls_{YEAR}{MONTH:02d} WHERE pin IS NOT NULL LIMIT 1")[0][0]

    page = p50(lambda: strawberry_run(tenant, PAGE), args.runs)
    schema = bare_schema(store)
    expected = strawberry_run(tenant, PAGE)

    def bare():
        result = graphql_sync(schema, PAGE)
        assert not result.errors, result.errors
        return result.data
    assert bare() == expected, "the bare graphql-core result differs"
    page_bare = p50(bare, args.runs)
    count = p50(lambda: strawberry_run(tenant, COUNT % user), args.runs)
    group = p50(lambda: strawberry_run(tenant, GROUP_BY), max(5, args.runs // 3))

    from emulators.app import create_app
    from emulators.core.app import Config
    from emulators.tvox.datamodel.state import datamodel_of
    app = create_app(Config(clock="virtual"), surfaces=["tvox"])
    emu = app.extensions["ccemu"]
    http_tenant = emu.tenants.get("default")
    dm = datamodel_of(http_tenant)
    dm.limits.rate_limit = 0
    dm.replace_store(store, 1)
    client = app.test_client()
    headers = {"X-Telenia-APIKey": "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"}
    http = p50(lambda: client.post("/datamodel/query", json={"query": PAGE}, headers=headers), args.runs)
    projection_us = projection_cost(emu)

    print(f"TVox Data Model benchmark ({steps:,} steps in {YEAR}-{MONTH:02d}, {summary['contacts']} contacts, "
          f"{summary['tickets']} tickets)")
    print(f"  generation of the month ............ {generation:8.1f} s    (goal <= 30 s)")
    print(f"  ended engine call -> Data Model .... {projection_us:8.1f} µs   (goal < 50 µs, on the bus dispatch)")
    print(f"  inboundCalls page of 1000, p50 ..... {page:8.1f} ms   (goal <= 50 ms)")
    print(f"    same result, bare graphql-core ... {page_bare:8.1f} ms   ratio {page / page_bare:.2f}x (goal <= 1.3x)")
    print(f"    same page over HTTP (test client)  {http:8.1f} ms")
    print(f"  inboundCallsCount date+user, p50 ... {count:8.1f} ms   (goal <= 20 ms)")
    print(f"  advancedQuery GROUP BY, p50 ........ {group:8.1f} ms")
    emu.close()
    dm.close()              # the month's database is a temporary file: remove it


if __name__ == "__main__":
    main()
