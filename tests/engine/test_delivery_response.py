"""Delivery's ``on_response``: the final answer of a delivery (a PBX reading an
IVR script's reply), handed over before the delivery counts as finished."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from emulators.core.delivery import Delivery
from emulators.core.faults import Faults
from emulators.core.journal import Journal


@pytest.fixture
def script():
    """A local script answering ``command=1\\r\\nnode_key=2`` (or 500 under /down)."""
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            status, body = (500, b"oops") if self.path.startswith("/down") else (200, b"command=1\r\nnode_key=2")
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def parts():
    journal, faults = Journal(), Faults()
    delivery = Delivery(journal, faults, workers=2)
    yield delivery, faults
    delivery.close()


def test_on_response_gets_the_status_and_the_whole_body_before_flush_returns(parts, script):
    delivery, _ = parts
    answers = []
    delivery.push(tenant="t", surface="voispeed", url=script + "/ivr.php", retries=0,
                  on_response=lambda status, body: answers.append((status, body)))
    assert delivery.flush(10)
    assert answers == [(200, b"command=1\r\nnode_key=2")]


def test_on_response_gets_the_failing_status_once_retries_are_spent(parts, script):
    delivery, _ = parts
    answers = []
    delivery.push(tenant="t", surface="voispeed", url=script + "/down", retries=1, backoff=0.01,
                  on_response=lambda status, body: answers.append(status))
    assert delivery.flush(10)
    assert answers == [500]


def test_on_response_gets_none_when_nothing_answered(parts):
    delivery, _ = parts
    answers = []
    delivery.push(tenant="t", surface="voispeed", url="http://127.0.0.1:9/ivr.php", retries=0,
                  on_response=lambda status, body: answers.append((status, body)))
    assert delivery.flush(10)
    assert answers == [(None, b"")]


def test_an_injected_error_fault_is_the_response(parts, script):
    delivery, faults = parts
    faults.add({"surface": "voispeed", "direction": "out", "action": "error", "status": 503, "body": "busy"})
    answers = []
    delivery.push(tenant="t", surface="voispeed", url=script + "/ivr.php", retries=0,
                  on_response=lambda status, body: answers.append((status, body)))
    assert delivery.flush(10)
    assert answers == [(503, b"busy")]
