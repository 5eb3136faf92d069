"""RTE hub benchmark: connect, fan-out latency, sustained deliveries, memory per connection.

Starts the emulator (the RTE surface alone, tuned as ``ccemu up`` tunes it) in a
child process on 127.0.0.1, logs the demo user in through the EnreachAPI flow,
then from this process:

1. connects N clients (default 1,000): negotiate, WebSocket upgrade, SignalR
   handshake, Subscribe to one (entity, event) — and prints the time;
2. publishes one event at a time through the control plane and measures, per
   delivery, publish-to-receipt latency (wall clock of the same machine), over
   several rounds — p50/p99/max;
3. publishes events back to back (4 in flight) for a bounded time and prints
   deliveries/s (events × subscribers, counted at the clients);
4. prints the server's RSS and threads before and after the connections, and
   RSS per connection.

The clients are plain non-blocking sockets read by one ``selectors`` loop that
notes each arrival time before anything else and counts pushes by a byte
search (no parsing), so the client side costs as little as it can next to the
server on the same machine. Every loop is bounded in count and time; all
traffic stays on 127.0.0.1.

    python tests/benchmarks/bench_rte.py [--clients 1000] [--rounds 20] [--seconds 5] [--untuned] [--verbose]

Not collected by pytest (the file name does not match ``test_*.py``).
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import resource
import selectors
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

PUSH = b'"target":"MessageReceived"'
_tails: dict[int, bytes] = {}


def count_pushes(sock: socket.socket) -> int:
    """Pushes in what the socket has, counting one split across two reads once."""
    fd = sock.fileno()
    data = _tails.get(fd, b"") + sock.recv(1 << 20)
    _tails[fd] = data[-(len(PUSH) - 1):]
    return data.count(PUSH)


def _raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# -- the server (child process) -------------------------------------------------------------
def serve(untuned: bool) -> None:
    """Child: the emulator with the RTE surface on a free port; stops when stdin closes."""
    _raise_fd_limit()
    from emulators.app import create_app
    from emulators.core.app import Config
    from emulators.core.server import Server, tune_interpreter
    if not untuned:
        tune_interpreter()
    app = create_app(Config(clock="real"), surfaces=["rte"])
    emulator = app.extensions["ccemu"]
    emulator.surfaces["rte"].put_settings(emulator, emulator.tenants.get("default"), {"requestsPerMinute": 0})
    server = Server(app, "127.0.0.1", 0).start()
    print(server.port, flush=True)
    sys.stdin.read()
    server.stop()


def proc_status(pid: int) -> dict[str, int]:
    out: dict[str, int] = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Threads"):
                out[key] = int(value.split()[0])
    return out


# -- HTTP and WebSocket by hand ----------------------------------------------------------------
def http_request(method: str, target: str, port: int, headers: dict[str, str] | None = None,
                 body: bytes = b"") -> bytes:
    head = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    return (f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {len(body)}\r\n"
            f"{head}\r\n").encode() + body


def read_response(sock: socket.socket, buffer: bytearray) -> bytes:
    """One whole HTTP response from a blocking socket (Content-Length bodies); the body."""
    while b"\r\n\r\n" not in buffer:
        buffer += sock.recv(65536)
    end = buffer.index(b"\r\n\r\n") + 4
    length = next((int(line.split(b":")[1]) for line in buffer[:end].split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(buffer) < end + length:
        buffer += sock.recv(65536)
    body = bytes(buffer[end:end + length])
    del buffer[:end + length]
    return body


def call(port: int, method: str, target: str, headers: dict | None = None, body: bytes = b"") -> bytes:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(http_request(method, target, port, headers, body))
        return read_response(sock, bytearray())


def text_frame(text: str) -> bytes:
    """A client frame: masked, with a zero key (which leaves the payload as it is)."""
    data = text.encode()
    length = len(data)
    head = bytes((0x81, 0x80 | length)) if length < 126 else bytes((0x81, 0x80 | 126)) + length.to_bytes(2, "big")
    return head + b"\0\0\0\0" + data


def read_until(sock: socket.socket, buffer: bytearray, marker: bytes) -> None:
    while marker not in buffer:
        data = sock.recv(65536)
        if not data:
            raise ConnectionError("the hub closed the connection")
        buffer += data


def connect(port: int, token: str, user: str) -> tuple[socket.socket, float]:
    """negotiate → upgrade → handshake → Subscribe; a connected, subscribed socket."""
    started = time.perf_counter()
    key = json.loads(call(port, "POST", "/rte/hub/negotiate?negotiateVersion=1",
                          {"Authorization": f"Bearer {token}"}))["connectionToken"]
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall((f"GET /rte/hub?id={key}&access_token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                  "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").encode())
    buffer = bytearray()
    read_until(sock, buffer, b"\r\n\r\n")
    assert buffer.startswith(b"HTTP/1.1 101"), bytes(buffer[:60])
    sock.sendall(text_frame('{"protocol":"json","version":1}\x1e'))
    read_until(sock, buffer, b"{}\x1e")
    sock.sendall(text_frame(json.dumps({"type": 1, "invocationId": "1", "target": "Subscribe", "arguments": [
        [{"EntityId": user, "EventName": "UserAlert"}]]}) + "\x1e"))
    read_until(sock, buffer, b'"type":3')
    assert b'"subscribed":true' in buffer, bytes(buffer[-200:])
    sock.setblocking(False)
    return sock, time.perf_counter() - started


class Publisher:
    """Keep-alive sockets posting events to the control plane, read by the same selector."""

    def __init__(self, port: int, user: str, sockets: int) -> None:
        self.port, self.user = port, user
        self.socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(sockets)]
        for sock in self.socks:
            sock.setblocking(False)
        self.buffers = {s.fileno(): bytearray() for s in self.socks}
        self.idle = list(self.socks)
        self.answered = 0

    def send(self, value: str) -> None:
        body = json.dumps({"tenant": "default", "eventName": "UserAlert", "entityId": self.user,
                           "data": {"Value": value}}).encode()
        sock = self.idle.pop()
        sock.sendall(http_request("POST", "/_emulator/surfaces/rte/events", self.port,
                                  {"Content-Type": "application/json"}, body))

    def readable(self, sock: socket.socket) -> None:
        buffer = self.buffers[sock.fileno()]
        buffer += sock.recv(1 << 20)
        while b"\r\n\r\n" in buffer:
            end = buffer.index(b"\r\n\r\n") + 4
            length = next(int(line.split(b":")[1]) for line in buffer[:end].split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            if len(buffer) < end + length:
                return
            assert buffer.startswith(b"HTTP/1.1 200"), bytes(buffer[:100])
            del buffer[:end + length]
            self.answered += 1
            self.idle.append(sock)


# -- the benchmark ---------------------------------------------------------------------------------
def bench(port: int, server_pid: int, args) -> None:
    email = "demo@example.com"
    login = json.loads(call(port, "POST", f"/enreachapi/authuser/{email}/", {"Content-Type": "application/json"},
                            json.dumps({"UserName": email, "Password": "demo"}).encode()))
    basic = base64.b64encode(f"{email}:{login['SecretKey']}".encode()).decode()
    token = json.loads(call(port, "GET", f"/enreachapi/token/{login['UserID']}/rte/",
                            {"Authorization": "Basic " + basic}))["Token"]
    user = login["UserID"]
    before = proc_status(server_pid)

    started = time.perf_counter()
    with ThreadPoolExecutor(32) as pool:
        results = list(pool.map(lambda _: connect(port, token, user), range(args.clients)))
    connect_total = time.perf_counter() - started
    clients = [sock for sock, _ in results]
    times = sorted(t for _, t in results)
    n = len(clients)
    time.sleep(0.5)
    after = proc_status(server_pid)
    print(f"connect:   {n} clients (negotiate + upgrade + handshake + Subscribe, 32 at a time) in "
          f"{connect_total:.2f} s; per client p50 {times[n // 2] * 1000:.1f} ms, "
          f"p99 {times[int(n * 0.99) - 1] * 1000:.1f} ms")
    print(f"memory:    server RSS {before['VmRSS'] / 1024:.1f} → {after['VmRSS'] / 1024:.1f} MiB, threads "
          f"{before['Threads']} → {after['Threads']}: {(after['VmRSS'] - before['VmRSS']) / n:.1f} KiB "
          f"and one thread per connection")

    selector = selectors.DefaultSelector()
    for sock in clients:
        selector.register(sock, selectors.EVENT_READ, None)
    publisher = Publisher(port, user, 4)
    for sock in publisher.socks:
        selector.register(sock, selectors.EVENT_READ, publisher)
    for sock in clients:              # drop anything still unread (the SubscribeDetails push)
        try:
            sock.recv(65536)
        except BlockingIOError:
            pass

    def pump(until_count: int, deadline: float, arrivals: list | None) -> int:
        """Read until ``until_count`` pushes arrived (or the deadline); returns pushes seen."""
        seen = 0
        while seen < until_count and time.monotonic() < deadline:
            for key, _ in selector.select(0.05):
                if key.data is publisher:
                    publisher.readable(key.fileobj)
                    continue
                arrived = time.time_ns()
                pushes = count_pushes(key.fileobj)
                seen += pushes
                if arrivals is not None and pushes:
                    arrivals.append(arrived)
        return seen

    latencies: list[float] = []
    for round_ in range(args.rounds):
        arrivals: list[int] = []
        sent = time.time_ns()
        publisher.send(str(sent))
        seen = pump(n, time.monotonic() + 30, arrivals)
        if seen < n:
            print(f"fan-out:   round {round_}: only {seen} of {n} deliveries within 30 s")
        latencies += [(a - sent) / 1e6 for a in arrivals]
        if args.verbose:
            print(f"  round {round_}: first delivery {(min(arrivals) - sent) / 1e6:.1f} ms, "
                  f"last {(max(arrivals) - sent) / 1e6:.1f} ms")
        while publisher.answered < round_ + 1:
            pump(1, time.monotonic() + 0.05, None)
    latencies.sort()
    print(f"fan-out:   1 event → {n} clients, {args.rounds} rounds: publish-to-receipt "
          f"p50 {latencies[len(latencies) // 2]:.1f} ms, p99 {latencies[int(len(latencies) * 0.99) - 1]:.1f} ms, "
          f"max {latencies[-1]:.1f} ms")

    events = seen = 0
    started = time.perf_counter()
    stop = time.monotonic() + args.seconds
    while time.monotonic() < stop and events < 100_000:
        while publisher.idle and time.monotonic() < stop:
            publisher.send("sustained")
            events += 1
        seen += _pump_some(selector, publisher)
    deadline = time.monotonic() + 60
    while seen < events * n and time.monotonic() < deadline:
        seen += _pump_some(selector, publisher)
    elapsed = time.perf_counter() - started
    print(f"sustained: {events} events × {n} clients = {seen} deliveries in {elapsed:.2f} s → "
          f"{seen / elapsed:,.0f} deliveries/s{'' if seen >= events * n else ' (not all arrived)'}")
    peak = proc_status(server_pid)
    print(f"server:    peak RSS {peak['VmHWM'] / 1024:.1f} MiB, threads {peak['Threads']}")
    for sock in clients + publisher.socks:
        sock.close()


def _pump_some(selector, publisher) -> int:
    """One select round: pushes counted at the clients, publish answers consumed."""
    seen = 0
    for key, _ in selector.select(0.01):
        if key.data is publisher:
            publisher.readable(key.fileobj)
        else:
            seen += count_pushes(key.fileobj)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--untuned", action="store_true", help="keep CPython's default GIL switch interval")
    parser.add_argument("--verbose", action="store_true", help="print each fan-out round")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.untuned)
        return
    _raise_fd_limit()
    child = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve"] +
                             (["--untuned"] if args.untuned else []),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        port = int(child.stdout.readline())
        bench(port, child.pid, args)
    finally:
        child.stdin.close()
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()


if __name__ == "__main__":
    main()
