"""The VOIspeed extended interface's numbers: contact sync throughput and call report latency.

    python tests/benchmarks/bench_voispeed_extended.py [--calls 100000] [--contacts 10000]

Prints:

1. ``phonebook_import_sync`` of 10,000 contacts (the guide's attributes, every
   number with separators to sanitise, an ``ext_info`` list each): seconds and
   contacts/s for the first import (all inserts) and a second one (all
   updates), basic and verbose output (goal: <= 2 s each);
2. ``get_call_report`` latency over 100,000 ended calls: p50/p99 of the
   default page (newest 100), a page deep in the history, and filters by
   number, outcome, entity, time range and extid (goal: p50 <= 50 ms),
   plus the one-off cost of indexing the history on the first request. A
   call's ``<call>`` element is rendered once and kept (ended calls do not
   change), so repeated queries show the cached cost and "a new page each
   time" / "a new number each time" the cost of rendering fresh rows.

Requests go over keep-alive HTTP to :class:`emulators.core.server.Server` in
this process. The history is built from 2,000 calls placed through the
engine (answered and missed inbound calls, outgoing calls, IVR calls,
call_request_ext calls) and replicated with fresh ids and times up to the
wanted count: the same shapes, without minutes of set-up.

Not collected by pytest (the name does not match ``test_*.py``).
"""
from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from emulators.app import create_app  # noqa: E402
from emulators.core.app import Config  # noqa: E402
from emulators.core.engine_bridge import Endpoint  # noqa: E402
from emulators.core.server import Server  # noqa: E402

ENDPOINT = "/PBX/seri_endpoint.php"
TOKEN = "mio_token"
TEMPLATES = 2_000


def contacts(count: int) -> list[dict]:
    return [{"name": f"Nome{n}", "surname": f"Cognome{n}", "company": f"Azienda {n % 500}",
             "numoffice": f"+39 0733 {n:07d}", "numhome": f"0733-{n:07d}", "nummobile": f"3{n:09d}",
             "numsms": f"3{n:09d}", "nummobil2": f"(+39) 3{n:09d}", "numfax": f"0733.{n:07d}",
             "numother": f"02 {n:08d}", "email": f"nome{n}@example.it", "uc_app_name": "BENCH",
             "uc_external_id": f"c-{n}", "ext_info": [{"caption": "Fatturato", "value": f"{n} EUR"}]}
            for n in range(count)]


def bench_sync(base: str, count: int) -> None:
    body = json.dumps(contacts(count))
    print(f"phonebook_import_sync, {count:,} contacts ({len(body) / 1e6:.1f} MB of JSON), goal <= 2 s")
    with requests.Session() as session:
        for label, verbose in (("insert, basic", False), ("update, basic", False), ("update, verbose", True)):
            files = {"contacts": (None, body)}
            if verbose:
                files["verbose_output"] = (None, "1")
            started = time.perf_counter()
            response = session.post(base + ENDPOINT, params={"service": "phonebook_import_sync", "token": TOKEN},
                                    files=files, timeout=120)
            seconds = time.perf_counter() - started
            assert "<outcome>0</outcome>" in response.text, response.text[:300]
            print(f"  {label:<16} {seconds:6.3f} s   {count / seconds:9,.0f} contacts/s   "
                  f"{'ok' if seconds <= 2 else 'OVER GOAL'}")


def templates(emu) -> list:
    """Calls of several shapes placed through the engine, ended."""
    engine, tenant = emu.engine, emu.tenants.get("default")
    clock = tenant.clock
    for n in range(TEMPLATES):
        kind = n % 5
        if kind == 0:                                   # answered inbound
            call = engine.inbound("default", from_number=f"06{n:08d}", to_number="35")
            engine.answer("default", call.user_party(1).id)
            clock.advance(30)
            engine.hangup("default", call.caller().id)
        elif kind == 1:                                 # unanswered inbound (ring timeout)
            engine.inbound("default", from_number=f"06{n:08d}", to_number="39")
            clock.advance(31)
        elif kind == 2:                                 # outgoing, answered after 2 s
            call = engine.originate("default", from_extension="40", to_number=f"02{n:08d}")
            clock.advance(62)
            engine.hangup("default", call.caller().id)
        elif kind == 3:                                 # IVR menu to a group
            call = engine.inbound("default", from_number=f"06{n:08d}", to_number="800")
            engine.dtmf("default", call.caller().id, "1")
            clock.advance(40)
            if not call.ended:
                engine.end_call("default", call.id)
        else:                                           # call_request_ext into a holding IVR
            call = engine.connect("default", Endpoint("external", 1, f"3{n:09d}"), Endpoint("ivr", 3),
                                  extid=f"lead-{n}")
            clock.advance(20)
            engine.end_call("default", call.id)
    return list(engine.state("default").history)


def fill_history(emu, total: int) -> None:
    history = emu.engine.state("default").history
    shapes = templates(emu)
    span = shapes[-1].created_at - shapes[0].created_at + 60
    history.clear()
    next_id = 100_000
    for n in range(total):
        template = shapes[n % len(shapes)]
        shift = (n // len(shapes)) * span
        call = copy.copy(template)
        call.id = str(next_id + n)
        call.created_at += shift
        call.answered_at = None if call.answered_at is None else call.answered_at + shift
        call.ended_at = None if call.ended_at is None else call.ended_at + shift
        history.append(call)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_report(base: str, emu, total: int, rounds: int) -> None:
    history = emu.engine.state("default").history
    middle = history[len(history) // 2]
    start = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(middle.created_at))
    queries = {
        "newest 100 (default)": {},
        "limit 1000": {"limit": "1000"},
        "deep page (offset 90,000)": {"offset": "90000", "limit": "100"},
        "number": {"number": "0600000005"},
        "outcome 5": {"outcome": "5"},
        "entity user 1": {"entity_type": "0", "entity_id": "1"},
        "entity IVR (any)": {"entity_type": "3"},
        "time range from the middle": {"start_time": start},
        "extid": {"extid": "lead-1999"},
    }
    print(f"\nget_call_report over {len(history):,} ended calls, {rounds} requests per query, goal p50 <= 50 ms")
    all_times: list[float] = []
    with requests.Session() as session:
        def get(params: dict) -> float:
            started = time.perf_counter()
            response = session.get(base + ENDPOINT, params={"service": "get_call_report", "token": TOKEN, **params},
                                   timeout=60)
            elapsed = (time.perf_counter() - started) * 1000
            assert "<outcome>0</outcome>" in response.text[:200], response.text[:300]
            return elapsed
        print(f"  first request (indexes the history once): {get({}):8.1f} ms")
        queries["a new page each time (rows not yet rendered)"] = [
            {"offset": str(1000 + 1000 * n), "limit": "100"} for n in range(rounds)]
        queries["a new number each time"] = [{"number": f"06{n * 5:08d}"} for n in range(rounds)]
        for label, params in queries.items():
            times = [get(p) for p in params] if isinstance(params, list) else [get(params) for _ in range(rounds)]
            all_times += times
            p50 = statistics.median(times)
            print(f"  {label:<46} p50 {p50:7.2f} ms   p99 {percentile(times, 0.99):7.2f} ms   "
                  f"{'ok' if p50 <= 50 else 'OVER GOAL'}")
    print(f"  {'all queries':<46} p50 {statistics.median(all_times):7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    app = create_app(Config(clock="virtual"))
    emu = app.extensions["ccemu"]
    server = Server(app, "127.0.0.1", 0).start()
    try:
        bench_sync(server.url, args.contacts)
        started = time.perf_counter()
        fill_history(emu, args.calls)
        print(f"\n(history of {args.calls:,} calls built in {time.perf_counter() - started:.1f} s)")
        bench_report(server.url, emu, args.calls, args.rounds)
    finally:
        server.stop()
        emu.close()


if __name__ == "__main__":
    main()
