"""Tenants: one isolated phone system each, with its own directory, clock and settings.

Every credential a vendor surface accepts (a VOIspeed token, a TVox API key,
an RTE organisation, a CTI company) belongs to exactly one tenant, so parallel
test workers can share one emulator without seeing each other's calls,
events, rate limits or time.
"""
from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from .clock import REAL, Clock, Scheduler
from .directory import Directory

DEFAULT_TENANT = "default"


@dataclass
class Tenant:
    id: str
    seed: int
    directory: Directory
    clock: Clock
    # per-surface integration settings, owned by that surface (e.g. VOIspeed modules)
    settings: dict[str, Any] = field(default_factory=dict)
    # one lock serialises every engine operation and timer of this tenant
    lock: threading.RLock = field(default_factory=threading.RLock)

    def surface_settings(self, surface: str, factory: Callable[[], Any]) -> Any:
        with self.lock:
            if surface not in self.settings:
                self.settings[surface] = factory()
            return self.settings[surface]


class TenantStore:
    """All tenants and the credential index that maps a secret to its tenant."""

    def __init__(self, scheduler: Scheduler, directory_factory: Callable[[int], Directory],
                 clock_mode: str = REAL):
        self._scheduler = scheduler
        self._directory_factory = directory_factory
        self.clock_mode = clock_mode
        self._tenants: dict[str, Tenant] = {}
        self._credentials: dict[tuple[str, str], str] = {}
        self._lock = threading.RLock()
        self._listeners: list[Callable[[str, str], None]] = []

    # -- lifecycle -----------------------------------------------------------
    def on_change(self, listener: Callable[[str, str], None]) -> None:
        """``listener(action, tenant_id)`` is called after "created" and "reset"/"deleted"."""
        self._listeners.append(listener)

    def _notify(self, action: str, tenant_id: str) -> None:
        for listener in self._listeners:
            listener(action, tenant_id)

    def create(self, tenant_id: str | None = None, seed: int = 0,
               directory: Directory | None = None, clock_mode: str | None = None) -> Tenant:
        tenant_id = tenant_id or f"t-{secrets.token_hex(6)}"
        with self._lock:
            if tenant_id in self._tenants:
                raise KeyError(f"tenant {tenant_id!r} already exists")
            tenant = Tenant(tenant_id, seed, directory or self._directory_factory(seed),
                            Clock(self._scheduler, mode=clock_mode or self.clock_mode))
            self._tenants[tenant_id] = tenant
        self._notify("created", tenant_id)
        return tenant

    def reset(self, tenant_id: str) -> Tenant:
        """Back to the tenant's seeded state: directory, clock, settings and credentials."""
        with self._lock:
            old = self.get(tenant_id)
            old.clock.clear()
            self._drop_credentials(tenant_id)
            del self._tenants[tenant_id]
        self._notify("deleted", tenant_id)
        return self.create(tenant_id, old.seed)

    def delete(self, tenant_id: str) -> None:
        with self._lock:
            tenant = self.get(tenant_id)
            tenant.clock.clear()
            self._drop_credentials(tenant_id)
            del self._tenants[tenant_id]
        self._notify("deleted", tenant_id)

    def get(self, tenant_id: str) -> Tenant:
        try:
            return self._tenants[tenant_id]
        except KeyError:
            raise KeyError(f"no tenant {tenant_id!r}") from None

    def find(self, tenant_id: str) -> Tenant | None:
        return self._tenants.get(tenant_id)

    def ids(self) -> list[str]:
        return list(self._tenants)

    # -- credentials -----------------------------------------------------------
    def grant(self, surface: str, credential: str, tenant_id: str) -> None:
        """Make ``credential`` authenticate as ``tenant_id`` on ``surface``."""
        with self._lock:
            owner = self._credentials.get((surface, credential))
            if owner is not None and owner != tenant_id:
                raise ValueError(f"{surface} credential is already used by another tenant")
            self._credentials[(surface, credential)] = tenant_id

    def revoke(self, surface: str, credential: str) -> None:
        with self._lock:
            self._credentials.pop((surface, credential), None)

    def by_credential(self, surface: str, credential: str | None) -> Tenant | None:
        if not credential:
            return None
        tenant_id = self._credentials.get((surface, credential))
        return self._tenants.get(tenant_id) if tenant_id else None

    def credentials_of(self, tenant_id: str, surface: str | None = None) -> list[tuple[str, str]]:
        return [(s, c) for (s, c), t in self._credentials.items()
                if t == tenant_id and (surface is None or s == surface)]

    def _drop_credentials(self, tenant_id: str) -> None:
        for key in [k for k, t in self._credentials.items() if t == tenant_id]:
            del self._credentials[key]
