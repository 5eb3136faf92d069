"""A real local HTTP receiver for delivery tests: records requests, fails on demand."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode()))


class Receiver:
    """Answers 200, except 503 for the first ``fail_first`` requests and always
    for paths under ``/down``. Only requests answered 2xx are in ``received``."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.failed = 0
        self.fail_first = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like a real integrator's server
            disable_nagle_algorithm = True  # headers and body go in separate writes

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = Received(self.command, parts.path, dict(parse_qsl(parts.query)),
                                   dict(self.headers.items()), body)
                with receiver.lock:
                    fail = parts.path.startswith("/down") or receiver.failed < receiver.fail_first
                    if fail:
                        receiver.failed += 1
                    else:
                        receiver.received.append(request)
                status, reply = (503, b"unavailable") if fail else (200, b"OK")
                self.send_response(status)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            do_GET = do_POST = _serve

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()
