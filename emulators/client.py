"""Python client for the ccemu control plane (``/_emulator/…``).

    from emulators.client import EmulatorClient
    emu = EmulatorClient("http://127.0.0.1:8080")
    tenant = emu.create_tenant()
    emu.advance(tenant["id"], 30)
    emu.wait_for(tenant=tenant["id"], surface="voispeed", direction="out",
                 params={"event_name": "call_answered"}, timeout=2)
"""
from __future__ import annotations

from typing import Any

import requests


class EmulatorError(Exception):
    """The control plane answered with an error (``status``, ``code``, ``message``)."""

    def __init__(self, status: int, code: str, message: str, body: Any = None):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.body = status, code, message, body


class EmulatorClient:
    def __init__(self, base_url: str, timeout: float = 10.0, session: requests.Session | None = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()

    # -- plumbing ------------------------------------------------------------------
    def request(self, method: str, path: str, json: Any = None, params: dict | None = None,
                timeout: float | None = None, expect: tuple[int, ...] = (200, 201)) -> Any:
        response = self.session.request(method, f"{self.base_url}/_emulator{path}", json=json,
                                        params=params, timeout=timeout or self.timeout)
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code not in expect:
            error = (data or {}).get("error", {}) if isinstance(data, dict) else {}
            raise EmulatorError(response.status_code, error.get("code", "http_error"),
                                error.get("message", response.text[:200]), data)
        return data

    # -- state ---------------------------------------------------------------------
    def health(self) -> dict:
        return self.request("GET", "/health", expect=(200, 503))

    def version(self) -> dict:
        return self.request("GET", "/version")

    def reset(self, tenant: str | None = None) -> dict:
        return self.request("POST", "/reset", json={"tenant": tenant} if tenant else {})

    def create_tenant(self, tenant_id: str | None = None, seed: int | None = None,
                      clock: str | None = None) -> dict:
        body = {k: v for k, v in {"id": tenant_id, "seed": seed, "clock": clock}.items() if v is not None}
        return self.request("POST", "/tenants", json=body)

    def tenant(self, tenant_id: str) -> dict:
        return self.request("GET", f"/tenants/{tenant_id}")

    def delete_tenant(self, tenant_id: str) -> dict:
        return self.request("DELETE", f"/tenants/{tenant_id}")

    def seed(self, tenant: str | None = None, seed: int | None = None) -> dict:
        return self.request("POST", "/seed", json={k: v for k, v in {"tenant": tenant, "seed": seed}.items()
                                                   if v is not None})

    def directory(self, tenant: str | None = None) -> dict:
        return self.request("GET", "/directory", params={"tenant": tenant} if tenant else None)

    def put_entity(self, kind: str, entity: dict, tenant: str | None = None) -> dict:
        return self.request("POST", f"/directory/{kind}", json={**entity, **({"tenant": tenant} if tenant else {})})

    def set_behaviour(self, rules: list[dict], tenant: str | None = None, ring_timeout: float | None = None) -> dict:
        body: dict[str, Any] = {"rules": rules}
        if tenant:
            body["tenant"] = tenant
        if ring_timeout is not None:
            body["ring_timeout"] = ring_timeout
        return self.request("PUT", "/behaviour", json=body)

    # -- settings of a surface ----------------------------------------------------------
    def settings(self, surface: str, tenant: str | None = None) -> dict:
        return self.request("GET", f"/surfaces/{surface}/settings", params={"tenant": tenant} if tenant else None)

    def put_settings(self, surface: str, settings: dict, tenant: str | None = None) -> dict:
        return self.request("PUT", f"/surfaces/{surface}/settings",
                            json={**settings, **({"tenant": tenant} if tenant else {})})

    # -- clock ----------------------------------------------------------------------------
    def clock(self, tenant: str | None = None) -> dict:
        return self.request("GET", "/clock", params={"tenant": tenant} if tenant else None)

    def set_clock(self, tenant: str | None = None, mode: str | None = None, now: float | None = None,
                  scale: float | None = None) -> dict:
        body = {k: v for k, v in {"tenant": tenant, "mode": mode, "now": now, "scale": scale}.items()
                if v is not None}
        return self.request("PUT", "/clock", json=body)

    def advance(self, tenant: str | None, seconds: float) -> dict:
        return self.request("POST", "/clock/advance", json={"tenant": tenant, "seconds": seconds})

    # -- scenarios and engine operations ---------------------------------------------------
    def run_scenario(self, scenario: str | dict | None = None, tenant: str | None = None,
                     name: str | None = None) -> dict:
        body = {k: v for k, v in {"scenario": scenario, "tenant": tenant, "name": name}.items() if v is not None}
        return self.request("POST", "/scenarios/run", json=body, expect=(200, 422))

    def place_call(self, from_: str, to: str, type: str = "inbound", tenant: str | None = None, **extra) -> dict:
        return self.request("POST", "/calls", json={"type": type, "from": from_, "to": to, "tenant": tenant, **extra})

    def calls(self, tenant: str | None = None) -> list[dict]:
        return self.request("GET", "/calls", params={"tenant": tenant} if tenant else None)["calls"]

    def call(self, call_id: str, tenant: str | None = None) -> dict:
        return self.request("GET", f"/calls/{call_id}", params={"tenant": tenant} if tenant else None)

    def party(self, call_id: str, party: str, operation: str, tenant: str | None = None, **body) -> dict:
        """``party`` is a party id, an extension, a number, or ``caller`` / ``callee``."""
        return self.request("POST", f"/calls/{call_id}/parties/{party}/{operation}", json={"tenant": tenant, **body})

    def agent(self, user: str, operation: str, tenant: str | None = None, **body) -> dict:
        return self.request("POST", f"/agents/{user}/{operation}", json={"tenant": tenant, **body})

    # -- journal and faults ------------------------------------------------------------------
    def journal(self, **filters) -> list[dict]:
        params = {k: v for k, v in filters.items() if v is not None and k != "params"}
        params.update({f"param.{k}": v for k, v in (filters.get("params") or {}).items()})
        return self.request("GET", "/journal", params=params)["entries"]

    def wait_for(self, timeout: float = 5.0, **filters) -> dict | None:
        """The first journal entry matching ``filters`` (waiting up to ``timeout`` s), else None."""
        try:
            return self.request("POST", "/journal/wait", json={"timeout": timeout, **filters},
                                timeout=timeout + self.timeout)
        except EmulatorError as exc:
            if exc.code == "timeout":
                return None
            raise

    def add_fault(self, **rule) -> dict:
        return self.request("POST", "/faults", json=rule)

    def clear_faults(self) -> dict:
        return self.request("DELETE", "/faults")
