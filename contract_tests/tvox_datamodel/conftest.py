"""Target of the TVox Data Model contract suite: any base URL + API key, default an in-process emulator.

Choose the target with (first found wins):

- environment ``TVOX_DATAMODEL_URL`` (e.g. ``https://tvox.example.com``) and ``TVOX_DATAMODEL_KEY``;
- ``--target-url`` (the root contract conftest's option, when it defines one) with ``TVOX_DATAMODEL_KEY``;
- nothing: an emulator started in-process, reached with the document's placeholder key.

The suite sends about 45 requests, under the documented 100 a minute. The rate
limit check spends a whole minute's quota: it runs against the in-process
emulator (on a tenant of its own) and against another target only with
``TVOX_DATAMODEL_CHECK_RATE_LIMIT=1``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

PLACEHOLDER_KEY = "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"


@dataclass
class Target:
    base: str
    key: str
    emulator: Any = None           # the in-process Emulator, when there is one
    session: requests.Session = field(default_factory=requests.Session)

    @property
    def endpoint(self) -> str:
        return f"{self.base}/datamodel/query"

    def post(self, query: str, variables: dict | None = None, key: str | None = "", **kw) -> requests.Response:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = self.key if key == "" else key
        if key is not None:
            headers["X-Telenia-APIKey"] = key
        body = {"query": query, **({"variables": variables} if variables else {})}
        return self.session.post(self.endpoint, json=body, headers=headers, timeout=60, **kw)

    def get(self, query: str, key: str | None = "") -> requests.Response:
        key = self.key if key == "" else key
        headers = {"X-Telenia-APIKey": key} if key is not None else {}
        return self.session.get(self.endpoint, params={"query": query}, headers=headers, timeout=60)

    def data(self, query: str, variables: dict | None = None) -> dict:
        reply = self.post(query, variables)
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert "errors" not in body, body["errors"]
        return body["data"]


@pytest.fixture(scope="session")
def target(request):
    url = os.environ.get("TVOX_DATAMODEL_URL") or request.config.getoption("--target-url", default=None)
    if url:
        yield Target(url.rstrip("/"), os.environ.get("TVOX_DATAMODEL_KEY", PLACEHOLDER_KEY))
        return
    from emulators.app import create_app
    from emulators.core.app import Config
    from emulators.core.server import Server
    app = create_app(Config(), surfaces=["tvox"])
    server = Server(app, host="127.0.0.1", port=0).start()
    try:
        yield Target(server.url, PLACEHOLDER_KEY, app.extensions["ccemu"])
    finally:
        server.stop()
        app.extensions["ccemu"].close()
