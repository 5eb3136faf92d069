"""The foundation's numbers, side by side with a bare-Flask ceiling and WireMock.

    python tests/benchmarks/bench_foundation.py [--quick] [--no-wiremock]

Prints, in one run:

1. cold start to healthy: spawning ``ccemu up`` until ``/_emulator/health``
   answers 200 (median of 3), against WireMock standalone until
   ``/__admin/health`` answers (goal: ratio <= 0.4);
2. ``seri_endpoint.php`` stateful requests/s and p50/p99 latency at
   concurrency 1 and 8 — each iteration is ``call_request`` (35 calls 187),
   ``get_user_call_report&limit=1`` (reads the new call's id) and
   ``call_action&action=disconnect`` (hangs it up) — against the ceiling, a
   bare Flask app with fixed XML bodies on the same
   :class:`emulators.core.server.Server`, and WireMock static stubs for the
   record (goals: >= 0.9x the ceiling, p50 <= 1 ms at c=1). ccemu and the
   ceiling are both up and each load worker switches between them every
   quarter second: on a shared machine throughput drifts by tens of per cent
   within seconds, and slices this short see the same drift;
3. RSS of the emulator: idle after start (goal <= 100 MiB) and peak during 60 s
   of load at c=8 (10 s with ``--quick``; goal <= 150 MiB) in a process of its own,
   WireMock's for the record. The peak grows with the calls made (each ended call
   stays in the history), so the soak's call count is printed beside it;
4. push deliveries/s to a local receiver (goal >= 1,000/s, 0 lost): a VOIspeed
   integration module notifies ``/logger`` on this process; the received
   pushes are counted against the emulator's journal. Measured live (while the
   calls are made: bounded by the call rate) and as a backlog drained after the
   receiver held every push (the delivery capacity, which the goal is about).

The load generator runs in separate processes (``multiprocessing``, one
keep-alive ``http.client`` connection each), so it never shares a GIL with the
server. Everything stays on 127.0.0.1 and every loop is bounded in time.
WireMock comes from npm (``npm install --prefix /tmp/ccemu-wiremock wiremock``,
done on first use) and needs ``java``; without them its columns read "n/a".

Not collected by pytest (the name does not match ``test_*.py``).
"""
from __future__ import annotations

import argparse
import compileall
import glob
import http.client
import json
import multiprocessing
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WIREMOCK_PREFIX = Path(tempfile.gettempdir()) / "ccemu-wiremock"
ENDPOINT = "/PBX/seri_endpoint.php"
STARTUP_TIMEOUT = 60.0

GOALS = {
    "cold_ratio": 0.4,        # ccemu cold start / WireMock cold start, at most
    "ceiling_ratio": 0.9,     # ccemu requests/s / ceiling requests/s, at least
    "p50_c1_ms": 1.0,         # at most
    "peak_rss_mib": 150.0,    # at most
    "idle_rss_mib": 100.0,    # at most
    "push_rate": 1000.0,      # deliveries/s, at least
}

# The bodies the ceiling and the WireMock stubs answer: the emulator's own shapes.
XML_OK = ('<?xml version="1.0" encoding="UTF-8" ?>\n<result>\n<outcome>0</outcome>\n'
          '<request_id>17954437870000</request_id>\n</result>\n')
XML_REPORT = ('<?xml version="1.0" encoding="UTF-8" ?>\n<result>\n<outcome>0</outcome>\n<call>\n'
              '<id>1</id>\n<callid>3250</callid>\n<start_time>2026-11-23 14:00:00</start_time>\n'
              '<answer_time></answer_time>\n<duration>0</duration>\n<outcome>0</outcome>\n'
              '<direction>out</direction>\n<my_number>35</my_number>\n'
              '<remote_number>187</remote_number>\n<local_id>1</local_id>\n<group_name></group_name>\n'
              '<company></company>\n<surname>Rossi</surname>\n<name>Mario</name>\n'
              '<remote_company></remote_company>\n<remote_surname></remote_surname>\n'
              '<remote_name></remote_name>\n</call>\n</result>\n')
CALLID = re.compile(rb"<callid>\s*(\d+)\s*</callid>")


# -- small helpers ------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def call_json(port: int, method: str, path: str, body: Any = None, timeout: float = 30.0) -> Any:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = None if body is None else json.dumps(body)
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        data = response.read()
        if response.status >= 400:
            raise RuntimeError(f"{method} {path} → {response.status}: {data[:300]!r}")
        return json.loads(data) if data else None
    finally:
        conn.close()


def wait_healthy(port: int, path: str, process: subprocess.Popen, timeout: float = STARTUP_TIMEOUT) -> bool:
    """Poll ``path`` every 5 ms until it answers 200; False if the process died or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if get(port, path, timeout=2)[0] == 200:
                return True
        except OSError:
            pass
        time.sleep(0.005)
    return False


def proc_kib(pid: int, key: str = "VmRSS") -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def mib(kib: float) -> float:
    return kib / 1024.0


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ccemu_command(port: int) -> list[str]:
    # the console script installed beside this interpreter (what a venv or the image runs); a
    # version manager's shim found first on PATH (pyenv: a bash script, ~70 ms) is not ccemu's time
    beside = Path(sys.executable).with_name("ccemu")
    exe = str(beside) if beside.exists() else shutil.which("ccemu")
    base = [exe] if exe else [sys.executable, "-m", "emulators.cli"]
    return base + ["up", "--host", "127.0.0.1", "--port", str(port)]


def spawn(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})


# -- targets: how to start each server ------------------------------------------------------------
@dataclass
class Target:
    name: str
    command: Callable[[int], list[str]]
    health: str
    setup: Callable[[int], None] = lambda port: None


def wiremock_jar(install: bool = True) -> Path | None:
    """The standalone jar the ``wiremock`` npm package ships, installed on first use."""
    pattern = str(WIREMOCK_PREFIX / "node_modules" / "wiremock" / "**" / "*.jar")
    jars = sorted(glob.glob(pattern, recursive=True))
    if not jars and install and shutil.which("npm"):
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix",
                        str(WIREMOCK_PREFIX), "wiremock"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=600, check=False)
        jars = sorted(glob.glob(pattern, recursive=True))
    return Path(jars[0]) if jars else None


def wiremock_target(jar: Path) -> Target:
    def command(port: int) -> list[str]:
        return ["java", "-jar", str(jar), "--port", str(port), "--bind-address", "127.0.0.1",
                "--disable-banner", "--max-request-journal-entries", "20000"]

    def setup(port: int) -> None:
        for service, body in (("call_request", XML_OK), ("get_user_call_report", XML_REPORT),
                              ("call_action", XML_OK)):
            call_json(port, "POST", "/__admin/mappings", {
                "request": {"method": "GET", "urlPath": ENDPOINT,
                            "queryParameters": {"service": {"equalTo": service}}},
                "response": {"status": 200, "body": body,
                             "headers": {"Content-Type": "text/xml; charset=utf-8"}},
            })
    return Target("WireMock", command, "/__admin/health", setup)


CCEMU = Target("ccemu", ccemu_command, "/_emulator/health")
CEILING = Target("ceiling", lambda port: [sys.executable, str(Path(__file__).resolve()),
                                          "--serve-ceiling", str(port)], "/_emulator/health")


def serve_ceiling(port: int) -> None:
    """Child: a bare Flask app answering the fixed XML bodies on the same Server as ccemu."""
    from flask import Flask, request

    from emulators.core.server import Server, freeze_startup_heap, serve_until_stopped, tune_interpreter

    tune_interpreter()   # as `ccemu up` does
    app = Flask("ceiling")

    @app.get(ENDPOINT)
    def endpoint():
        body = XML_REPORT if request.args.get("service") == "get_user_call_report" else XML_OK
        return body, 200, {"Content-Type": "text/xml; charset=utf-8"}

    @app.get("/_emulator/health")
    def health():
        return {"status": "ok"}

    server = Server(app, "127.0.0.1", port)
    freeze_startup_heap()   # as `ccemu up` does
    serve_until_stopped([server])


# -- load generation (in worker processes) -----------------------------------------------------------
class _Mix:
    """One keep-alive connection running the stateful mix against one server, keeping the
    latencies of the requests that end from ``start_at`` on."""

    def __init__(self, port: int, token: str, start_at: float, end_at: float) -> None:
        self.port, self.start_at, self.end_at = port, start_at, end_at
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.latencies: list[float] = []
        self.errors = 0
        self.first_error = ""
        self.done = 0
        self.call = f"{ENDPOINT}?service=call_request&token={token}&ext=35&number=187"
        self.report = f"{ENDPOINT}?service=get_user_call_report&token={token}&ext=35&limit=1"
        self.hangup = f"{ENDPOINT}?service=call_action&token={token}&ext=35&action=disconnect&call_id="

    def one(self, path: str) -> bytes | None:
        started = time.perf_counter()
        try:
            self.conn.request("GET", path)
            response = self.conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.errors += 1
            self.first_error = self.first_error or f"{type(exc).__name__}: {exc}"
            return None
        if self.start_at <= time.monotonic() <= self.end_at:
            self.latencies.append((time.perf_counter() - started) * 1000.0)
        if response.status != 200 or b"<outcome>0</outcome>" not in body:
            self.errors += 1
            self.first_error = self.first_error or f"{response.status} {body[:200]!r}"
        return body

    def iteration(self) -> None:
        """call_request, get_user_call_report (the new call's id), call_action disconnect."""
        self.one(self.call)
        body = self.one(self.report)
        match = CALLID.search(body or b"")
        if match:
            self.one(self.hangup + match.group(1).decode())
        if time.monotonic() >= self.start_at:
            self.done += 1

    def result(self) -> tuple:
        self.conn.close()
        return self.latencies, self.errors, self.first_error, self.done


def _wait_until(moment: float) -> None:
    while time.monotonic() < moment:       # every worker starts before anyone sends
        time.sleep(0.005)


def _load_worker(port: int, token: str, begin_at: float, start_at: float, end_at: float,
                 iterations: int, results: Any) -> None:
    """Warm up from ``begin_at``, measure from ``start_at`` until ``end_at`` (or for
    ``iterations`` iterations), then report latencies. Times are ``time.monotonic()``,
    which is one clock for every process on Linux."""
    mix = _Mix(port, token, start_at, float("inf") if iterations else end_at)
    _wait_until(begin_at)
    while (time.monotonic() < end_at) if not iterations else (mix.done < iterations):
        if iterations and time.monotonic() > end_at:       # the bound on a budgeted run
            break
        mix.iteration()
    results.put(mix.result())


def _paired_worker(targets: list[tuple[int, str]], begin_at: float, start_at: float, end_at: float,
                   slice_seconds: float, results: Any) -> None:
    """Like :func:`_load_worker`, for several servers in turn: time is cut into slices, and
    slice k goes to target k mod n (every worker switches at the same moments)."""
    mixes = [_Mix(port, token, start_at, end_at) for port, token in targets]
    _wait_until(begin_at)
    while (now := time.monotonic()) < end_at:
        mixes[int((now - begin_at) / slice_seconds) % len(mixes)].iteration()
    results.put([mix.result() for mix in mixes])


@dataclass
class LoadResult:
    concurrency: int
    seconds: float
    requests: int = 0
    iterations: int = 0
    errors: int = 0
    first_error: str = ""
    latencies: list[float] = field(default_factory=list, repr=False)
    peak_rss_kib: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        values = sorted(self.latencies)
        return values[min(len(values) - 1, int(q * len(values)))]


def _run_workers(target: Callable, worker_args: list[tuple], start_at: float, end_at: float,
                 rss_pid: int | None) -> tuple[list, int, float]:
    """One process per ``worker_args`` entry running ``target(*args, results)``; their results,
    the peak RSS of ``rss_pid`` while they ran, and when measuring began."""
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                      else "spawn")
    results = ctx.Queue()
    workers = [ctx.Process(target=target, args=(*args, results), daemon=True) for args in worker_args]
    for worker in workers:
        worker.start()
    peak = 0
    while time.monotonic() < start_at:
        time.sleep(0.05)
    began = time.monotonic()
    collected = []
    while len(collected) < len(workers) and time.monotonic() < end_at + 30:
        if rss_pid:
            peak = max(peak, proc_kib(rss_pid))
        try:
            collected.append(results.get(timeout=0.25))
        except Exception:  # noqa: BLE001 - queue.Empty: keep sampling
            pass
    for worker in workers:
        worker.join(timeout=5)
        if worker.is_alive():
            worker.terminate()
    if len(collected) < len(workers):
        collected.append(None)      # noted by _tally as workers that never reported
    return collected, peak, began


def _tally(result: LoadResult, reported: tuple | None) -> None:
    if reported is None:
        result.first_error = result.first_error or "worker(s) never reported"
        return
    latencies, errors, first_error, done = reported
    result.latencies.extend(latencies)
    result.requests += len(latencies)
    result.errors += errors
    result.iterations += done
    result.first_error = result.first_error or first_error


def run_load(port: int, tokens: list[str], seconds: float, warmup: float = 1.0,
             iterations: int = 0, rss_pid: int | None = None, max_seconds: float = 120.0) -> LoadResult:
    """``len(tokens)`` worker processes, one keep-alive connection and one token each."""
    begin_at = time.monotonic() + 1.0               # time for the processes to start
    start_at = begin_at + warmup
    end_at = start_at + (seconds if not iterations else max_seconds)
    collected, peak, began = _run_workers(
        _load_worker, [(port, token, begin_at, start_at, end_at, iterations) for token in tokens],
        start_at, end_at, rss_pid)
    elapsed = min(time.monotonic(), end_at) - began if not iterations else time.monotonic() - began
    result = LoadResult(len(tokens), seconds if not iterations else elapsed, peak_rss_kib=peak)
    for reported in collected:
        _tally(result, reported)
    return result


def run_paired(ports: list[int], tokens: list[list[str]], seconds: float, slice_seconds: float = 0.25,
               rss_pid: int | None = None) -> list[LoadResult]:
    """Several servers measured in interleaved time slices: ``len(tokens[0])`` worker processes,
    each with one connection per server (worker w uses ``tokens[i][w]`` on ``ports[i]``), all
    switching server every ``slice_seconds``; each server gets ``seconds`` of slices."""
    slices = max(1, round(seconds / slice_seconds))
    begin_at = time.monotonic() + 1.0
    start_at = begin_at + 2 * len(ports) * slice_seconds          # warm-up: two slices each
    end_at = start_at + slices * len(ports) * slice_seconds
    worker_args = [([(port, tokens[i][w]) for i, port in enumerate(ports)], begin_at, start_at, end_at,
                    slice_seconds) for w in range(len(tokens[0]))]
    collected, peak, _ = _run_workers(_paired_worker, worker_args, start_at, end_at, rss_pid)
    results = [LoadResult(len(tokens[0]), slices * slice_seconds, peak_rss_kib=peak) for _ in ports]
    for reported in collected:
        for i, result in enumerate(results):
            _tally(result, None if reported is None else reported[i])
    return results


# -- the measurements -------------------------------------------------------------------------
def print_load(name: str, result: LoadResult) -> None:
    print(f"  {name:<9} c={result.concurrency}  {result.rps:8.0f} req/s   "
          f"p50 {result.pct(.5):6.2f} ms   p99 {result.pct(.99):6.2f} ms   "
          f"errors {result.errors}" + (f"  (first: {result.first_error})" if result.errors else ""))


def compare_with_ceiling(mine: "Running", ceiling: "Running", seconds: float, loads: dict,
                         slice_seconds: float = 0.25) -> dict[int, float]:
    """ccemu and the ceiling, both up, in interleaved quarter-second slices: a shared or
    throttled machine drifts by tens of per cent within seconds, and slices this short see
    the same drift. Returns ccemu's requests over the ceiling's, per concurrency."""
    ratios: dict[int, float] = {}
    for concurrency in (1, 8):
        tokens = ["vostro_token"] if concurrency == 1 else new_tenant_tokens(mine.port, concurrency)
        ours, theirs = run_paired([mine.port, ceiling.port], [tokens, ["vostro_token"] * concurrency],
                                  seconds, slice_seconds, rss_pid=mine.pid)
        loads[("ccemu", concurrency)], loads[("ceiling", concurrency)] = ours, theirs
        print_load("ccemu", ours)
        print_load("ceiling", theirs)
        ratios[concurrency] = ours.requests / theirs.requests if theirs.requests else float("nan")
    return ratios


def compile_package() -> None:
    """Write ccemu's bytecode, as installing it does (pip compiles on install; so does the
    image's build). An editable checkout under PYTHONDONTWRITEBYTECODE would otherwise
    compile part of the package again on every start, and the cold start would time the
    compiler."""
    import emulators
    compileall.compile_dir(Path(emulators.__file__).parent, quiet=1)


def cold_starts(target: Target, runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        port = free_port()
        started = time.perf_counter()
        process = spawn(target.command(port))
        try:
            if not wait_healthy(port, target.health, process):
                raise RuntimeError(f"{target.name} did not become healthy "
                                   f"(exit status {process.poll()})")
            times.append(time.perf_counter() - started)
        finally:
            stop(process)
    return times


class Running:
    """A target's server process for the duration of a ``with`` block."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Running":
        self.process = spawn(self.target.command(self.port))
        if not wait_healthy(self.port, self.target.health, self.process):
            stop(self.process)
            raise RuntimeError(f"{self.target.name} did not start")
        self.target.setup(self.port)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.process:
            stop(self.process)

    @property
    def pid(self) -> int:
        assert self.process
        return self.process.pid


def new_tenant_tokens(port: int, count: int) -> list[str]:
    """Tokens of ``count`` fresh tenants: parallel workers must not hang up each other's calls."""
    tokens = []
    for _ in range(count):
        tenant = call_json(port, "POST", "/_emulator/tenants", {})
        tokens.append(tenant["credentials"]["voispeed"]["tokens"][0])
    return tokens


# -- push deliveries --------------------------------------------------------------------------------
class Receiver:
    """A local integrator endpoint that counts the pushes it receives (raw WSGI, keep-alive).

    While :attr:`gate` is clear, requests wait in the receiver: the emulator's
    deliveries back up, and releasing the gate measures how fast it drains them.
    """

    def __init__(self) -> None:
        from emulators.core.server import Server
        self.gate = threading.Event()
        self.gate.set()
        self._lock = threading.Lock()
        self.reset()
        self.server = Server(self._app, "127.0.0.1", 0).start()
        self.url = f"{self.server.url}/logger"

    def reset(self) -> None:
        with self._lock:
            self.count = 0
            self.events: dict[str, int] = {}
            self.first = self.last = 0.0

    def _app(self, environ: dict, start_response: Callable) -> list[bytes]:
        self.gate.wait(60)
        now = time.monotonic()
        match = re.search(r"(?:^|&)event_name=([^&]*)", environ.get("QUERY_STRING", ""))
        with self._lock:
            self.count += 1
            self.first = self.first or now
            self.last = now
            name = match.group(1) if match else "?"
            self.events[name] = self.events.get(name, 0) + 1
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"OK"]

    def stop(self) -> None:
        self.gate.set()
        self.server.stop()


def configure_push(port: int, tenant: str, token: str, url: str) -> None:
    """Point the tenant's VOIspeed integration module at ``url``: the control-plane call
    of the lead's design, and the one place to adjust if that call changes. The long
    timeout lets deliveries wait at a closed receiver gate without being retried."""
    call_json(port, "PUT", f"/_emulator/surfaces/voispeed/settings?tenant={tenant}", {
        "modules": [{"token": token, "url": url, "events": [1, 8, 9, 10, 12, 14, 15, 16, 17],
                     "users": [], "timeout": 60}]})


def journal_out(port: int, tenant: str) -> list[dict]:
    payload = call_json(port, "GET", f"/_emulator/journal?tenant={tenant}&surface=voispeed"
                                     f"&direction=out&limit=1000000")
    return payload["entries"] if isinstance(payload, dict) else payload


def _push_phase(port: int, receiver: Receiver, calls: int, concurrency: int, backlog: bool) -> dict[str, Any]:
    """``calls`` calls on fresh tenants; with ``backlog`` the receiver holds every push until
    the calls are done, so the rate is the emulator's delivery capacity, not the call rate."""
    tenants = [call_json(port, "POST", "/_emulator/tenants", {}) for _ in range(concurrency)]
    tokens = []
    for tenant in tenants:
        token = tenant["credentials"]["voispeed"]["tokens"][0]
        configure_push(port, tenant["id"], token, receiver.url)
        tokens.append(token)
    receiver.reset()
    if backlog:
        receiver.gate.clear()
    load = run_load(port, tokens, seconds=0, warmup=0, iterations=max(1, calls // concurrency),
                    max_seconds=120)
    released = time.monotonic()
    receiver.gate.set()
    # Wait until the receiver stops receiving, watching only this process's counter: polling
    # the emulator's journal meanwhile (megabytes of JSON) would slow the very drain measured.
    expected = 2 * load.iterations                   # outgoing_call + call_disconnect_out per call
    deadline = time.monotonic() + 60
    settled_at, last_seen = time.monotonic(), -1
    while time.monotonic() < deadline:
        if receiver.count != last_seen:
            settled_at, last_seen = time.monotonic(), receiver.count
        quiet = time.monotonic() - settled_at
        if (receiver.count >= expected and quiet > 0.5) or quiet > 5:
            break
        time.sleep(0.05)
    journalled = [e for t in tenants for e in journal_out(port, t["id"])]
    ids = {e["delivery_id"] for e in journalled}
    ok = {e["delivery_id"] for e in journalled if e["outcome"] == "ok"}
    retried = sum(1 for e in journalled if e.get("attempt", 1) > 1)
    began = released if backlog else receiver.first
    window = receiver.last - began
    return {
        "calls": load.iterations, "load_errors": load.errors, "first_error": load.first_error,
        "deliveries": len(ids), "delivered_ok": len(ok), "received": receiver.count, "retried": retried,
        "lost": max(0, len(ids) - receiver.count),
        "rate": receiver.count / window if receiver.count > 1 and window > 0 else 0.0,
        "calls_seconds": load.seconds,
        "events": dict(sorted(receiver.events.items())),
    }


def measure_pushes(port: int, calls: int, concurrency: int = 8) -> dict[str, dict[str, Any]]:
    receiver = Receiver()
    try:
        return {"live": _push_phase(port, receiver, calls, concurrency, backlog=False),
                "backlog": _push_phase(port, receiver, calls, concurrency, backlog=True)}
    finally:
        receiver.stop()


# -- report ----------------------------------------------------------------------------------------
def verdict(ok: bool | None) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "FAIL")


def fmt(value: float | None, spec: str = ".1f", unit: str = "") -> str:
    if value is None or value != value:  # None or NaN
        return "n/a"
    return f"{value:{spec}}{unit}"


def section(title: str) -> None:
    print(f"\n== {title}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs (load 3 s, soak 10 s)")
    parser.add_argument("--no-wiremock", action="store_true", help="skip the WireMock columns")
    parser.add_argument("--pushes", type=int, default=0, help="calls in the push test (default 1000, quick 300)")
    args = parser.parse_args()
    load_seconds = 3.0 if args.quick else 10.0      # per target and concurrency
    soak_seconds = 10.0 if args.quick else 60.0
    push_calls = args.pushes or (300 if args.quick else 1000)
    failures: list[str] = []

    wiremock: Target | None = None
    if not args.no_wiremock:
        if not shutil.which("java"):
            print("WireMock: skipped (no java on PATH)")
        else:
            jar = wiremock_jar()
            if jar:
                wiremock = wiremock_target(jar)
            else:
                print("WireMock: skipped (npm could not install the wiremock package)")

    print(f"ccemu foundation benchmark — {'quick' if args.quick else 'full'} run, "
          f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}")

    # 1. cold start -----------------------------------------------------------------------
    section("cold start to healthy (median of 3)")
    compile_package()
    cold: dict[str, float | None] = {}
    for target in filter(None, (CCEMU, wiremock)):
        try:
            times = cold_starts(target)
            cold[target.name] = statistics.median(times)
            print(f"  {target.name:<9} {cold[target.name]:.3f} s   runs: "
                  + ", ".join(f"{t:.3f}" for t in times))
        except Exception as exc:  # noqa: BLE001 - reported, the rest still runs
            cold[target.name] = None
            print(f"  {target.name:<9} failed: {exc}")
            failures.append(f"cold start {target.name}")
    ratio = (cold.get("ccemu") / cold["WireMock"]
             if cold.get("ccemu") and cold.get("WireMock") else None)
    print(f"  ratio ccemu/WireMock {fmt(ratio, '.2f')}   goal <= {GOALS['cold_ratio']}   "
          f"{verdict(None if ratio is None else ratio <= GOALS['cold_ratio'])}")

    # 2. requests/s and latency, 3. RSS -----------------------------------------------------------
    section(f"seri_endpoint stateful mix (call_request, get_user_call_report, call_action "
            f"disconnect), {load_seconds:g} s per target and concurrency: ccemu and the ceiling "
            f"in interleaved quarter-second slices, WireMock after")
    loads: dict[tuple[str, int], LoadResult] = {}
    ratios: dict[int, float] = {}
    rss: dict[str, dict[str, float]] = {}
    push: dict[str, dict[str, Any]] | None = None
    try:
        with Running(CCEMU) as running:
            time.sleep(1.0)
            rss["ccemu"] = {"idle": mib(proc_kib(running.pid))}
            try:
                with Running(CEILING) as ceiling:
                    ratios = compare_with_ceiling(running, ceiling, load_seconds, loads)
            except Exception as exc:  # noqa: BLE001 - reported, the rest still runs
                print(f"  ceiling   failed: {exc}")
                failures.append("load ceiling")
            # for the record: this process served the comparisons, ~25 s of load so far
            rss["ccemu"]["after_comparisons"] = mib(proc_kib(running.pid, "VmHWM"))
            try:
                push = measure_pushes(running.port, push_calls)
            except Exception as exc:  # noqa: BLE001 - the surface may not push yet
                print(f"  push test failed: {exc}")
                failures.append("push deliveries")
        # the goal's 60 s of load, in a process of their own: its ended calls stay in the
        # history (~1.7 KB each), so the peak follows how many calls the load made before
        with Running(CCEMU) as running:
            time.sleep(1.0)
            soak = run_load(running.port, new_tenant_tokens(running.port, 8), soak_seconds,
                            rss_pid=running.pid)
            rss["ccemu"]["peak"] = mib(max(soak.peak_rss_kib, proc_kib(running.pid, "VmHWM")))
            rss["ccemu"]["soak_rps"] = soak.rps
            rss["ccemu"]["soak_calls"] = soak.requests / 3
            rss["ccemu"]["soak_errors"] = soak.errors
    except Exception as exc:  # noqa: BLE001
        print(f"  ccemu     failed: {exc}")
        failures.append("load ccemu")
    if wiremock:
        try:
            with Running(wiremock) as running:
                time.sleep(1.0)
                rss[wiremock.name] = {"idle": mib(proc_kib(running.pid))}
                for concurrency in (1, 8):
                    result = run_load(running.port, ["vostro_token"] * concurrency, load_seconds,
                                      rss_pid=running.pid)
                    loads[(wiremock.name, concurrency)] = result
                    print_load(wiremock.name, result)
                rss[wiremock.name]["peak"] = mib(proc_kib(running.pid, "VmHWM"))
        except Exception as exc:  # noqa: BLE001
            print(f"  {wiremock.name:<9} failed: {exc}")
            failures.append(f"load {wiremock.name}")
    for concurrency in (1, 8):
        ratio = ratios.get(concurrency)
        print(f"  c={concurrency}: ccemu/ceiling {fmt(ratio, '.2f')}x   "
              f"goal >= {GOALS['ceiling_ratio']}x   "
              f"{verdict(None if ratio is None else ratio >= GOALS['ceiling_ratio'])}")
    mine = loads.get(("ccemu", 1))
    p50 = mine.pct(.5) if mine else None
    print(f"  ccemu p50 at c=1 {fmt(p50, '.2f', ' ms')}   goal <= {GOALS['p50_c1_ms']} ms   "
          f"{verdict(None if p50 is None or p50 != p50 else p50 <= GOALS['p50_c1_ms'])}")

    section(f"memory (RSS), peak during {soak_seconds:g} s of load at c=8")
    for name, values in rss.items():
        print(f"  {name:<9} idle {fmt(values.get('idle'), '.1f', ' MiB')}   "
              f"peak {fmt(values.get('peak'), '.1f', ' MiB')}"
              + (f"   (soak: {values['soak_rps']:.0f} req/s, {values['soak_calls']:.0f} calls, "
                 f"errors {values['soak_errors']})" if "soak_rps" in values else "")
              + (f"\n  ccemu     peak of the process that served the comparisons first (for the record): "
                 f"{values['after_comparisons']:.1f} MiB" if "after_comparisons" in values else ""))
    idle, peak = rss.get("ccemu", {}).get("idle"), rss.get("ccemu", {}).get("peak")
    print(f"  ccemu idle goal <= {GOALS['idle_rss_mib']:g} MiB {verdict(None if idle is None else idle <= GOALS['idle_rss_mib'])}"
          f"   peak goal <= {GOALS['peak_rss_mib']:g} MiB {verdict(None if peak is None else peak <= GOALS['peak_rss_mib'])}")

    # 4. push deliveries -----------------------------------------------------------------------
    section(f"VOIspeed push deliveries to a local receiver ({push_calls} calls at c=8, per phase)")
    if push:
        for phase, label in (("live", "live (pushes delivered while the calls are made)"),
                             ("backlog", "backlog (receiver held until the calls are done, then drained)")):
            p = push[phase]
            print(f"  {label}")
            print(f"    calls {p['calls']} in {p['calls_seconds']:.1f} s (request errors {p['load_errors']})   "
                  f"deliveries journalled {p['deliveries']} (ok {p['delivered_ok']}, retried attempts "
                  f"{p['retried']})   received {p['received']}   lost {p['lost']}")
            print(f"    rate {p['rate']:.0f} deliveries/s   events: {p['events']}")
            if p["first_error"]:
                print(f"    first request error: {p['first_error']}")
        best = push["backlog"]
        ok = (best["rate"] >= GOALS["push_rate"] and best["received"] > 0
              and all(push[ph]["lost"] == 0 for ph in push))
        print(f"  goal >= {GOALS['push_rate']:g}/s (backlog drain) and 0 lost   {verdict(ok)}")
    else:
        print("  n/a")

    if failures:
        print(f"\nsections that could not run: {', '.join(failures)}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve-ceiling":
        serve_ceiling(int(sys.argv[2]))
    else:
        sys.exit(main())
