"""Fixtures for the VOIspeed surface: a fresh emulator per test (virtual clock),
a client that speaks seri_endpoint and parses replies loosely, and a real local
HTTP receiver for event pushes."""
from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from emulators.app import create_app
from emulators.core.app import Config
from emulators.voispeed import SURFACE
from emulators.voispeed import tables as spec_tables
from tests.receiver import Receiver

ENDPOINT = "/PBX/seri_endpoint.php"


@dataclass
class Reply:
    status: int
    content_type: str
    text: str

    @property
    def outcome(self) -> int:
        return int(re.search(r"<outcome>\s*(\d+)\s*</outcome>", self.text)[1])

    @property
    def request_id(self) -> str:
        return re.search(r"<request_id>\s*(\w+)\s*</request_id>", self.text)[1]

    @property
    def error(self) -> str:
        return self.xml.findtext("error")

    @property
    def xml(self) -> ET.Element:
        return ET.fromstring(self.text.encode("utf-8"))


class Seri:
    """seri_endpoint.php through the Flask test client."""

    def __init__(self, client) -> None:
        self.client = client

    def url(self, query: str) -> Reply:
        """A request from the guide's own text: ``URL?service=…`` or a full URL."""
        query = query.split("?", 1)[1] if "?" in query else query
        return self._reply(self.client.get(f"{ENDPOINT}?{query}"))

    def get(self, **params) -> Reply:
        return self._reply(self.client.get(f"{ENDPOINT}?{urlencode(params)}"))

    def post(self, **params) -> Reply:
        return self._reply(self.client.post(ENDPOINT, data=params))

    @staticmethod
    def _reply(response) -> Reply:
        return Reply(response.status_code, response.content_type, response.get_data(as_text=True))


@pytest.fixture
def app():
    app = create_app(Config(clock="virtual"))
    yield app
    app.extensions["ccemu"].close()


@pytest.fixture
def emu(app):
    return app.extensions["ccemu"]


@pytest.fixture
def seri(app) -> Seri:
    return Seri(app.test_client())


@pytest.fixture
def default(emu):
    return emu.tenants.get("default")


@pytest.fixture
def tenant(emu):
    """A fresh tenant of its own, with one module and a random token."""
    return emu.new_tenant()


def token_of(tenant) -> str:
    return SURFACE.credentials(None, tenant)["tokens"][0]


@pytest.fixture
def listen(emu, receiver):
    """``listen(tenant, token=…, **module)``: make one module of the tenant (the
    first, or the one with ``token``) push to the receiver with a short backoff;
    the tenant's other modules are kept. Returns the module's token."""
    def point(tenant, **changes) -> str:
        modules = SURFACE.get_settings(emu, tenant)["modules"]
        token = changes.pop("token", None) or modules[0]["token"]
        others = [m for m in modules if m["token"] != token]
        mine = {"token": token, "url": receiver.url, "backoff": 0.01, **changes}
        SURFACE.put_settings(emu, tenant, {"modules": [mine, *others]})
        return token
    return point


# -- a real local receiver ---------------------------------------------------------------

@pytest.fixture
def receiver():
    r = Receiver("/logger.php")
    yield r
    r.close()


@pytest.fixture
def another_receiver():
    r = Receiver("/logger.php")
    yield r
    r.close()


@pytest.fixture
def delivered(emu, receiver):
    """``delivered()``: wait until every queued push went out (no sleeps); the receiver."""
    def wait() -> Receiver:
        assert emu.delivery.flush(timeout=10), "pushes still pending after 10 s"
        return receiver
    return wait


# -- extended interface helpers ------------------------------------------------------------

@pytest.fixture
def sync(app):
    """``sync(contacts, verbose=False, raw=None, token="mio_token")``: phonebook_import_sync as
    the guide says, a multipart/form-data POST with one field ``contacts``."""
    import json
    client = app.test_client()

    def post(contacts=None, verbose: bool = False, raw: str | None = None, token: str = "mio_token") -> Reply:
        form = {"contacts": raw if raw is not None else json.dumps(contacts)}
        if verbose:
            form["verbose_output"] = "1"
        response = client.post(f"{ENDPOINT}?service=phonebook_import_sync&token={token}", data=form,
                               content_type="multipart/form-data")
        return Seri._reply(response)
    return post


@pytest.fixture
def ssn(emu, default, listen, delivered):
    """Listen to every sent extended (SSN) event (and no user event) on mio_token;
    call to get the receiver once every push went out."""
    listen(default, token="mio_token", events=[], ssn_events=sorted(int(e) for e in spec_tables.SENT_EXTENDED_EVENTS))
    return delivered


class Script:
    """A partner's IVR script: answers ``reply`` (a str, or a callable of the
    query dict), with ``status`` and after ``delay`` seconds; records every query."""

    def __init__(self) -> None:
        self.queries: list[dict[str, str]] = []
        self.raw: list[str] = []
        self.reply: object = "command=0"
        self.status = 200
        self.delay = 0.0
        script = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                import time
                parts = urlsplit(self.path)
                query = dict(parse_qsl(parts.query, keep_blank_values=True))
                script.queries.append(query)
                script.raw.append(parts.query)
                body = script.reply(query) if callable(script.reply) else script.reply
                if script.delay:
                    time.sleep(script.delay)
                data = body.encode("utf-8")
                try:
                    self.send_response(script.status)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = self.base + "/logger_ivr.php"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def script():
    s = Script()
    yield s
    s.close()
