"""How many WebSockets the one server holds, and what they cost.

Starts a tiny flask-sock echo app on :class:`emulators.core.server.Server` in a
child process, opens N concurrent WebSocket clients from this process (default
2,000), and prints: connect time, an echo round trip on every socket, the
server's RSS / threads / address space, and the latency of plain HTTP requests
while all the sockets are open. Everything stays on 127.0.0.1; every loop is
bounded.

    python tests/benchmarks/bench_websockets.py [--clients 2000] [--http 200] [--untuned]

Needs the ``websocket-client`` package (``pip install websocket-client``).
Not collected by pytest (the file name does not match ``test_*.py``).
"""
from __future__ import annotations

import argparse
import http.client
import os
import resource
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def _raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# -- the server side (child process) ---------------------------------------------
def serve() -> None:
    """Child: serve an echo WebSocket and /ping on a free port; stop when stdin closes.

    ``--untuned`` keeps CPython's default GIL switch interval, for comparison.
    """
    _raise_fd_limit()
    from flask import Flask
    from flask_sock import Sock

    from emulators.core.server import Server, tune_interpreter

    if "--untuned" not in sys.argv:
        tune_interpreter()      # as `ccemu up` does

    app = Flask("bench-ws")
    sock = Sock(app)

    @app.get("/ping")
    def ping():
        return "<result><code>0</code></result>", 200, {"Content-Type": "text/xml"}

    @sock.route("/echo")
    def echo(ws):
        try:
            while True:
                ws.send(ws.receive())
        except Exception:  # noqa: BLE001 - the client went away mid-echo
            return

    server = Server(app, "127.0.0.1", 0).start()
    print(server.port, flush=True)
    sys.stdin.read()          # the parent closes our stdin to stop us
    server.stop()


# -- measurements -----------------------------------------------------------------
def proc_status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM, VmSize (KiB) and Threads of a process, from /proc."""
    wanted = {"VmRSS", "VmHWM", "VmSize", "Threads"}
    out: dict[str, int] = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in wanted:
                out[key] = int(value.split()[0])
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def http_latencies(port: int, count: int) -> list[float]:
    """``count`` GETs on one keep-alive connection, plus a fresh connection each 10th."""
    latencies = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for i in range(count):
        if i % 10 == 0:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        started = time.perf_counter()
        conn.request("GET", "/ping")
        response = conn.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, response.status
    conn.close()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--http", type=int, default=200, help="plain HTTP requests while open")
    parser.add_argument("--connectors", type=int, default=16, help="client threads that connect")
    parser.add_argument("--untuned", action="store_true",
                        help="server keeps CPython's default GIL switch interval")
    parser.add_argument("--bursts", type=int, default=3,
                        help="rounds of 'every client sends at once'")
    args = parser.parse_args()
    try:
        import websocket  # websocket-client
    except ImportError:
        print("needs the websocket-client package: pip install websocket-client", file=sys.stderr)
        return 2
    _raise_fd_limit()

    command = [sys.executable, os.path.abspath(__file__), "--serve"]
    if args.untuned:
        command.append("--untuned")
    child = subprocess.Popen(command,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    sockets: list = []
    try:
        port = int(child.stdout.readline())
        url = f"ws://127.0.0.1:{port}/echo"
        idle = proc_status(child.pid)
        baseline_http = http_latencies(port, args.http)

        connect_ms: list[float] = []
        failures: list[str] = []
        lock = threading.Lock()

        def connect(_: int) -> None:
            started = time.perf_counter()
            try:
                ws = websocket.create_connection(url, timeout=30)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                with lock:
                    failures.append(type(exc).__name__)
                return
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                sockets.append(ws)
                connect_ms.append(elapsed)

        started, cpu0 = time.perf_counter(), cpu_seconds(child.pid)
        with ThreadPoolExecutor(args.connectors) as pool:
            list(pool.map(connect, range(args.clients)))
        connect_total = time.perf_counter() - started
        connect_cpu = cpu_seconds(child.pid) - cpu0

        # every socket alive: one echo each, sent one after the other
        started, cpu0 = time.perf_counter(), cpu_seconds(child.pid)
        echoed = 0
        for i, ws in enumerate(sockets):
            ws.send(f"m{i}")
            if ws.recv() == f"m{i}":
                echoed += 1
        serial_total = time.perf_counter() - started
        serial_cpu = cpu_seconds(child.pid) - cpu0

        # the worst case for threads: every client sends at the same moment
        bursts = []
        burst_ok = True
        for _ in range(args.bursts):
            started, cpu0 = time.perf_counter(), cpu_seconds(child.pid)
            try:
                for ws in sockets:
                    ws.send("b")
                burst_ok &= all(ws.recv() == "b" for ws in sockets)
            except websocket.WebSocketException as exc:
                print(f"  burst failed: {type(exc).__name__} {exc} "
                      f"after {time.perf_counter() - started:.1f} s")
                burst_ok = False
                break
            bursts.append((time.perf_counter() - started, cpu_seconds(child.pid) - cpu0))

        loaded = proc_status(child.pid)
        during_http = http_latencies(port, args.http)
        after_http = proc_status(child.pid)

        print(f"WebSocket clients requested   {args.clients}")
        print(f"  connected                   {len(sockets)}  (failed: {len(failures)}"
              f"{' ' + ', '.join(sorted(set(failures))) if failures else ''})")
        print(f"  connect wall time           {connect_total:.2f} s with {args.connectors} "
              f"connecting threads ({len(sockets) / connect_total:.0f} connections/s)")
        if connect_ms:
            print(f"  handshake p50 / p99         {pct(connect_ms, .5):.1f} / {pct(connect_ms, .99):.1f} ms")
        print(f"  server CPU for the connects {connect_cpu:.2f} s "
              f"({1000 * connect_cpu / max(1, len(sockets)):.2f} ms per connection)")
        print(f"  echo, one socket at a time  {echoed}/{len(sockets)} in {serial_total:.2f} s "
              f"(server CPU {serial_cpu:.2f} s)")
        for i, (wall, cpu) in enumerate(bursts, 1):
            print(f"  burst {i}: all send at once  {len(sockets)} echoes in {wall:.2f} s "
                  f"(server CPU {cpu:.2f} s)")
        print("server process" + (" (untuned: default GIL switch interval)" if args.untuned
                                  else " (tune_interpreter(), as ccemu up)"))
        print(f"  idle          RSS {mib(idle['VmRSS'])}, threads {idle['Threads']}, "
              f"address space {mib(idle['VmSize'])}")
        print(f"  {len(sockets)} open  RSS {mib(loaded['VmRSS'])}, threads {loaded['Threads']}, "
              f"address space {mib(loaded['VmSize'])}")
        if sockets:
            per = (loaded["VmRSS"] - idle["VmRSS"]) / len(sockets)
            print(f"  per WebSocket               {per:.1f} KiB RSS")
        print(f"  peak RSS (VmHWM)            {mib(after_http['VmHWM'])}")
        print(f"plain HTTP GET /ping ({args.http} requests, keep-alive, new connection every 10th)")
        print(f"  before sockets  p50 {pct(baseline_http, .5):.2f} ms  p99 {pct(baseline_http, .99):.2f} ms")
        print(f"  while open      p50 {pct(during_http, .5):.2f} ms  p99 {pct(during_http, .99):.2f} ms"
              f"  (all {len(during_http)} answered 200)")
        ok = len(sockets) == args.clients and echoed == len(sockets) and burst_ok
        print("result: " + ("OK" if ok else "FAILED"))
        return 0 if ok else 1
    finally:
        closer = ThreadPoolExecutor(16)
        list(closer.map(lambda ws: ws.close(timeout=1), sockets))
        closer.shutdown()
        if child.stdin:
            child.stdin.close()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()


if __name__ == "__main__":
    if "--serve" in sys.argv:
        serve()
    else:
        sys.exit(main())
