"""Options and targets of the contract suites.

Every suite runs against ``--target-url`` (a real vendor system or a running
ccemu) with the credentials given on the command line, or, without a target,
against an emulator started in-process on a free port for this session (one
per xdist worker).

    pytest contract_tests                                  # in-process emulator
    pytest contract_tests/voispeed --target-url https://pbx.example.it \\
        --voispeed-token <token> --voispeed-ext 35         # a real VOIspeed PBX
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("contract", "vendor API contract suites")
    group.addoption("--target-url", default=None,
                    help="base URL of the system under test (default: an in-process emulator)")
    group.addoption("--voispeed-token", default=None,
                    help="VOIspeed integration module token (required with --target-url)")
    group.addoption("--voispeed-ext", default="35",
                    help="an extension of the VOIspeed target (default: 35)")
    group.addoption("--voispeed-call-number", default=None,
                    help="number the VOIspeed call_request check may really call; without it "
                         "that check is skipped against a --target-url (in-process: 187)")


@dataclass(frozen=True)
class Target:
    url: str
    in_process: bool


class _InProcess:
    """ccemu on a free local port: core's Server, or werkzeug's if that is unavailable."""

    def __init__(self) -> None:
        from emulators.app import create_app
        from emulators.core.app import Config
        self.app = create_app(Config())
        try:
            from emulators.core.server import Server
            self._server = Server(self.app, host="127.0.0.1", port=0).start()
            self.url = self._server.url
            self._stop = self._server.stop
        except ImportError:
            from werkzeug.serving import make_server
            server = make_server("127.0.0.1", 0, self.app, threaded=True)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.url = f"http://127.0.0.1:{server.server_port}"
            self._stop = server.shutdown

    def stop(self) -> None:
        self._stop()
        self.app.extensions["ccemu"].close()


@pytest.fixture(scope="session")
def target(request) -> Target:
    url = request.config.getoption("--target-url")
    if url:
        yield Target(url.rstrip("/"), in_process=False)
        return
    emulator = _InProcess()
    try:
        yield Target(emulator.url, in_process=True)
    finally:
        emulator.stop()
