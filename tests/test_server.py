"""The one server: HTTP/1.1 keep-alive done right, WebSockets beside HTTP, clean stop."""
from __future__ import annotations

import http.client
import json
import socket
import threading
import time

import pytest
import simple_websocket
from flask import Flask, Response, request
from flask_sock import Sock

from emulators.core.server import Server, serve_until_stopped


@pytest.fixture(scope="module")
def app() -> Flask:
    app = Flask("server-test")
    sock = Sock(app)

    @app.get("/xml")
    def xml():
        return "<result><outcome>0</outcome></result>", 200, {"Content-Type": "text/xml"}

    @app.post("/ignore")
    def ignore():
        return "ignored"

    @app.post("/echo")
    def echo():
        return request.get_data()

    @app.get("/stream")
    def stream():
        return Response(iter(["a", "bb", "ccc"]))

    @app.get("/close")
    def close():
        return "bye", 200, {"Connection": "close"}

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    @app.get("/headers")
    def headers():
        return {"long": request.headers.get("X-Long"), "rep": request.headers.get("X-Rep")}

    @sock.route("/ws")
    def ws(connection):
        while True:
            connection.send(connection.receive())

    return app


@pytest.fixture(scope="module")
def server(app):
    server = Server(app, "127.0.0.1", 0).start()
    yield server
    server.stop()


def raw(server: Server, data: bytes, reads: int = 1) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(data)
        chunks = []
        for _ in range(reads):
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def test_port_zero_gives_a_free_port_and_its_url(server):
    assert server.port > 0
    assert server.url == f"http://127.0.0.1:{server.port}"


def test_url_of_a_server_on_every_interface_names_loopback(app):
    server = Server(app, "0.0.0.0", 0)
    try:
        assert server.url == f"http://127.0.0.1:{server.port}"
    finally:
        server.stop()


def test_requests_share_one_keep_alive_connection(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/xml")
    first = conn.getresponse()
    assert first.read() == b"<result><outcome>0</outcome></result>"
    assert first.getheader("Content-Length") == "37"
    assert first.getheader("Connection") is None
    sock = conn.sock
    for path in ("/xml", "/stream", "/nope", "/xml"):
        conn.request("GET", path)
        conn.getresponse().read()
    assert conn.sock is sock
    conn.close()


def test_streamed_body_is_chunked(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/stream")
    response = conn.getresponse()
    assert response.getheader("Transfer-Encoding") == "chunked"
    assert response.read() == b"abbccc"
    conn.close()


def test_unread_request_body_does_not_break_the_next_request(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("POST", "/ignore", body=b"x" * 100_000)
    assert conn.getresponse().read() == b"ignored"
    conn.request("POST", "/ignore", body=iter([b"ab", b"cd"]), encode_chunked=True)
    assert conn.getresponse().read() == b"ignored"
    conn.request("GET", "/xml")
    assert conn.getresponse().status == 200
    conn.close()


def test_chunked_request_body_is_read(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("POST", "/echo", body=iter([b"ab", b"cd"]), encode_chunked=True)
    assert conn.getresponse().read() == b"abcd"
    conn.close()


def test_head_has_headers_and_no_body(server):
    reply = raw(server, b"HEAD /xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", reads=3)
    head, _, body = reply.partition(b"\r\n\r\n")
    assert b"Content-Length: 37" in head and body == b""


def test_client_connection_close_is_honoured(server):
    reply = raw(server, b"GET /xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", reads=3)
    assert b"Connection: close" in reply


def test_app_connection_close_is_honoured(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/close")
    response = conn.getresponse()
    assert response.read() == b"bye" and response.will_close
    conn.close()


def test_http_10_keep_alive_on_request(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        for _ in range(2):
            sock.sendall(b"GET /xml HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            reply = sock.recv(65536)
            assert reply.startswith(b"HTTP/1.1 200") and b"Connection: keep-alive" in reply


def test_http_10_without_keep_alive_is_closed(server):
    reply = raw(server, b"GET /xml HTTP/1.0\r\n\r\n", reads=3)
    assert b"Connection: close" in reply and reply.endswith(b"</result>")


def test_bad_header_line_is_400(server):
    assert raw(server, b"GET /xml HTTP/1.1\r\nno colon here\r\n\r\n").startswith(b"HTTP/1.1 400")


def test_too_many_headers_is_431(server):
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(101))
    assert raw(server, b"GET /xml HTTP/1.1\r\n" + headers + b"\r\n").startswith(b"HTTP/1.1 431")


def test_folded_and_repeated_headers_reach_the_app(server):
    reply = raw(server, b"GET /headers HTTP/1.1\r\nX-Long: one\r\n two\r\nX-Rep: a\r\nX-Rep: b\r\n"
                        b"Connection: close\r\n\r\n", reads=3)
    body = json.loads(reply.partition(b"\r\n\r\n")[2])
    assert body == {"long": "one two", "rep": "a,b"}


def test_an_app_error_is_a_500_and_the_server_lives_on(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/boom")
    assert conn.getresponse().status == 500
    conn.close()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/xml")
    assert conn.getresponse().status == 200
    conn.close()


def test_websockets_and_http_together(server):
    sockets = [simple_websocket.Client.connect(f"ws://127.0.0.1:{server.port}/ws") for _ in range(20)]
    try:
        for i, ws in enumerate(sockets):
            ws.send(f"m{i}")
        assert [ws.receive(timeout=5) for ws in sockets] == [f"m{i}" for i in range(20)]
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", "/xml")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        for ws in sockets:
            ws.close()


def test_stop_closes_open_connections_and_the_port(app):
    server = Server(app, "127.0.0.1", 0).start()
    ws = simple_websocket.Client.connect(f"ws://127.0.0.1:{server.port}/ws")
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/xml")
    conn.getresponse().read()
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 2
    deadline = time.monotonic() + 5
    while ws.connected and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not ws.connected
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
    server.stop()  # idempotent


def test_a_busy_port_raises_oserror(app, server):
    with pytest.raises(OSError):
        Server(app, "127.0.0.1", server.port)


def test_serve_until_stopped_returns_when_told(app):
    server = Server(app, "127.0.0.1", 0)
    stop = threading.Event()
    thread = threading.Thread(target=serve_until_stopped, args=([server], stop))
    thread.start()
    conn = None
    try:
        deadline = time.monotonic() + 5
        while not server.running and time.monotonic() < deadline:
            time.sleep(0.01)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", "/xml")
        assert conn.getresponse().status == 200
    finally:
        stop.set()
        thread.join(timeout=5)
        if conn:
            conn.close()
    assert not thread.is_alive() and not server.running


def test_a_process_the_server_owns_is_tuned_for_a_long_lived_heap():
    """`ccemu up` tunes its own process (never a host's pytest): switch interval, collector
    thresholds, and the startup heap left out of later collections."""
    import subprocess
    import sys

    from emulators.core.server import MANY_THREADS_SWITCH_INTERVAL, SERVER_GC_THRESHOLDS
    probe = ("import gc, sys\n"
             "from emulators.core.server import freeze_startup_heap, tune_interpreter\n"
             "tune_interpreter(); freeze_startup_heap()\n"
             "print(json.dumps([gc.get_threshold(), gc.get_freeze_count(), sys.getswitchinterval()]))\n")
    out = subprocess.run([sys.executable, "-c", "import json\n" + probe], capture_output=True, text=True,
                         check=True).stdout
    thresholds, frozen, switch_interval = json.loads(out)
    assert tuple(thresholds) == SERVER_GC_THRESHOLDS
    assert frozen > 1000        # the modules and objects imported so far
    assert switch_interval == pytest.approx(MANY_THREADS_SWITCH_INTERVAL)
