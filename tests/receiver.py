"""A real local HTTP receiver for push and webhook tests: it records every
request and fails on demand, like an integrator's server that goes down and
comes back."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Received:
    method: str
    path: str
    query: str                       # the raw query string, as the guide's logger.php writes it
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.query, keep_blank_values=True))

    @property
    def names(self) -> list[str]:
        return [k for k, _ in parse_qsl(self.query, keep_blank_values=True)]

    @property
    def event_name(self) -> str:
        return self.params.get("event_name", "")

    @property
    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode()))


class Receiver:
    """Answers 200, except 503 for the first ``fail_first`` requests and always
    for paths under ``/down``. Every request is in ``attempts``; only those
    answered 200 are in ``received``."""

    def __init__(self, path: str = "") -> None:
        self.received: list[Received] = []
        self.attempts: list[Received] = []
        self.fail_first = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"   # keep-alive, like a real integrator's server
            disable_nagle_algorithm = True  # headers and body go in separate writes

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = Received(self.command, parts.path, parts.query, dict(self.headers.items()), body)
                with receiver.lock:
                    fail = parts.path.startswith("/down") or receiver.failed < receiver.fail_first
                    receiver.attempts.append(request)
                    if not fail:
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
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{path}"
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    @property
    def failed(self) -> int:
        return len(self.attempts) - len(self.received)

    def events(self, ext: str | None = None) -> list[str]:
        return [r.event_name for r in self.received if ext is None or r.params.get("ext") == ext]

    def of(self, event_name: str, ext: str | None = None) -> list[Received]:
        return [r for r in self.received
                if r.event_name == event_name and (ext is None or r.params.get("ext") == ext)]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
