"""Fixtures for the TVox Data Model: an emulator per test module (virtual clock), a fresh
tenant with its own API key per test, and a client that speaks the API as the document does."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from emulators.app import create_app
from emulators.core.app import Config

PLACEHOLDER_KEY = "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"
ENDPOINT = "/datamodel/query"


@dataclass
class Reply:
    status: int
    headers: Any
    text: str

    @property
    def body(self) -> dict:
        return json.loads(self.text)

    @property
    def messages(self) -> list[str]:
        return [e["message"] for e in self.body.get("errors", [])]


def _with_key(key: str | None, headers: dict | None) -> dict:
    headers = dict(headers or {})
    if key is not None and not any(h.lower() == "x-telenia-apikey" for h in headers):
        headers["X-Telenia-APIKey"] = key
    return headers


class DataModel:
    """The Data Model API of one tenant through the Flask test client."""

    def __init__(self, client, key: str, tenant) -> None:
        self.client, self.key, self.tenant = client, key, tenant

    def post(self, query: str | None = None, variables: dict | None = None, body: Any = None,
             headers: dict | None = None, raw: str | bytes | None = None, **extra) -> Reply:
        sent = _with_key(self.key, {"Content-Type": "application/json", **(headers or {})})
        if raw is None:
            payload = body if body is not None else {"query": query, **({"variables": variables} if variables else {}),
                                                     **extra}
            raw = json.dumps(payload)
        r = self.client.post(ENDPOINT, data=raw, headers=sent)
        return Reply(r.status_code, r.headers, r.get_data(as_text=True))

    def get(self, query: str | None = None, headers: dict | None = None, **params) -> Reply:
        if query is not None:
            params["query"] = query
        r = self.client.get(ENDPOINT, query_string=params, headers=_with_key(self.key, headers))
        return Reply(r.status_code, r.headers, r.get_data(as_text=True))

    def data(self, query: str, variables: dict | None = None) -> dict:
        reply = self.post(query, variables)
        assert reply.status == 200, reply.text
        assert "errors" not in reply.body, reply.body["errors"]
        return reply.body["data"]

    def error(self, query: str, variables: dict | None = None) -> str:
        reply = self.post(query, variables)
        assert reply.status == 200, reply.text
        assert reply.body.get("errors"), reply.body
        return reply.messages[0]

    def sql(self, query: str, type_: str = "TVOX") -> list[dict]:
        return self.data("query($q: String!) { advancedQuery(type: %s, query: $q) }" % type_,
                         {"q": query})["advancedQuery"]


@pytest.fixture(scope="module")
def app():
    app = create_app(Config(clock="virtual"), surfaces=["tvox"])
    yield app
    app.extensions["ccemu"].close()


@pytest.fixture(scope="module")
def emu(app):
    return app.extensions["ccemu"]


def tenant_api(app, emu, tenant) -> DataModel:
    key = emu.surfaces["tvox"].credentials(emu, tenant)["api_key"][0]
    return DataModel(app.test_client(), key, tenant)


@pytest.fixture
def dm(app, emu):
    """The Data Model of a new tenant (own key, own rate limit, default dataset)."""
    tenant = emu.new_tenant(clock_mode="virtual")
    yield tenant_api(app, emu, tenant)
    emu.tenants.delete(tenant.id)


@pytest.fixture
def default_dm():
    """The default tenant of a fresh emulator, reached with the document's placeholder key."""
    app = create_app(Config(clock="virtual"), surfaces=["tvox"])
    emu = app.extensions["ccemu"]
    yield DataModel(app.test_client(), PLACEHOLDER_KEY, emu.tenants.get("default"))
    emu.close()


def interactions_query(field: str, search: str, selection: str = "id step") -> str:
    return "{ %s(search: { %s }) { %s } }" % (field, search, selection)
