"""The emulator object and the Flask app factory.

:class:`Emulator` holds all process state (tenants, engine, bus, journal,
faults, deliveries). Vendor surfaces plug in as :class:`Surface` objects; core
never imports them: ``emulators.app`` (outside core) lists them.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from flask import Flask, g, request

from .bus import Bus
from .clock import REAL, Scheduler
from .deferred import Backlog
from .delivery import Delivery
from .direct import DirectRoutes
from .directory import Directory
from .engine import Engine
from .faults import Faults
from .pipeline import admit, journal_request
from .journal import RESPONSE_SNIPPET, Journal
from .tenants import DEFAULT_TENANT, TenantStore

log = logging.getLogger(__name__)


@dataclass
class Config:
    clock: str = REAL                       # clock mode of new tenants
    seed: int = 0                           # seed of the default tenant
    journal_size: int = 20_000              # entries kept (oldest dropped first)
    surfaces: tuple[str, ...] | None = None  # None = every surface
    public_url: str = ""                    # how clients reach us, when behind a proxy


@dataclass
class Surface:
    """A vendor surface: a name and how to install itself on the app."""

    name: str
    install: Callable[[Flask, "Emulator"], None]
    description: str = ""
    # per-tenant setup when a tenant is created (e.g. grant demo credentials)
    on_tenant: Callable[["Emulator", Any], None] | None = None
    ready: Callable[[], bool] = field(default=lambda: True)
    # URL path prefixes this surface serves: requests under them are journaled and faulted
    prefixes: tuple[str, ...] = ()
    # which tenant a request belongs to (from its credential), before the surface handles it
    tenant_of: Callable[[Any], str | None] | None = None
    # the surface's integration settings on the control plane: get(emu, tenant) / put(emu, tenant, body)
    get_settings: Callable[["Emulator", Any], dict] | None = None
    put_settings: Callable[["Emulator", Any, dict], dict] | None = None
    # demo credentials of a tenant, listed by the control plane: {kind: [values]}
    credentials: Callable[["Emulator", Any], dict] | None = None


class Emulator:
    def __init__(self, config: Config | None = None,
                 directory_factory: Callable[[int], Directory] | None = None):
        self.config = config or Config()
        self.started_at = time.time()
        self.scheduler = Scheduler(on_error=lambda exc: log.exception("timer failed", exc_info=exc))
        self.bus = Bus()
        self.journal = Journal(maxlen=self.config.journal_size)
        self.faults = Faults()
        self.delivery = Delivery(self.journal, self.faults)
        self.backlog = Backlog()        # work replies accepted and run after sending them
        if directory_factory is None:
            from fixtures.directory import build_directory
            directory_factory = build_directory
        self.tenants = TenantStore(self.scheduler, directory_factory, self.config.clock)
        self.engine = Engine(self.tenants, self.bus)
        self.surfaces: dict[str, Surface] = {}

    def add_surface(self, surface: Surface) -> None:
        self.surfaces[surface.name] = surface

    def new_tenant(self, tenant_id: str | None = None, seed: int | None = None, **kwargs):
        """Create a tenant and let every surface set itself up for it."""
        tenant = self.tenants.create(tenant_id, self.config.seed if seed is None else seed, **kwargs)
        for surface in self.surfaces.values():
            if surface.on_tenant:
                surface.on_tenant(self, tenant)
        return tenant

    def reset_tenant(self, tenant_id: str):
        self.engine.forget(tenant_id)
        self.journal.clear(tenant=tenant_id)
        self.delivery.cancel(tenant=tenant_id)
        seed = self.tenants.get(tenant_id).seed
        self.tenants.delete(tenant_id)
        return self.new_tenant(tenant_id, seed)

    def reset(self):
        """Everything back to the embedded defaults: only the default tenant, freshly seeded."""
        for tenant_id in self.tenants.ids():
            self.engine.forget(tenant_id)
            self.tenants.delete(tenant_id)
        self.journal.clear()
        self.delivery.cancel()
        self.faults.clear()
        return self.new_tenant(DEFAULT_TENANT, self.config.seed)

    def ready(self) -> dict[str, bool]:
        return {name: bool(surface.ready()) for name, surface in self.surfaces.items()}

    def close(self) -> None:
        self.delivery.close()
        self.scheduler.stop()


def create_core_app(emulator: Emulator) -> Flask:
    """A Flask app with the journal hook and the control plane; surfaces add their routes."""
    app = Flask("ccemu")
    app.config["EMULATOR"] = emulator
    app.extensions["ccemu"] = emulator

    install_request_pipeline(app, emulator)
    app.wsgi_app = app.extensions["ccemu.direct"] = DirectRoutes(app.wsgi_app, emulator)
    from .admin import control_plane
    app.register_blueprint(control_plane(emulator), url_prefix="/_emulator")
    return app


def finish(app: Flask, emulator: Emulator) -> Flask:
    """Install every surface, then create the default tenant (so surfaces can seed it)."""
    for surface in emulator.surfaces.values():
        surface.install(app, emulator)
    emulator.new_tenant(DEFAULT_TENANT, emulator.config.seed)
    return app


def surface_for_path(emulator: Emulator, path: str) -> Surface | None:
    for surface in emulator.surfaces.values():
        if path.startswith(surface.prefixes):      # one C call per surface: this runs on every request
            return surface
    return None


def install_request_pipeline(app: Flask, emulator: Emulator) -> None:
    """Fault rules before, journal entry after, every request a surface serves."""

    @app.before_request
    def _before():
        g.ccemu_started = time.perf_counter()
        surface = surface_for_path(emulator, request.path)
        g.ccemu_surface = surface
        if surface is None:
            return None
        tenant = surface.tenant_of(request) if surface.tenant_of else None
        g.ccemu_tenant = tenant
        return admit(emulator, surface.name, tenant, request.path, request.environ)

    @app.after_request
    def _after(response):
        surface = getattr(g, "ccemu_surface", None)
        if surface is not None:
            body = b"" if response.direct_passthrough or response.is_streamed else response.get_data()
            journal_request(emulator, surface.name, getattr(g, "ccemu_tenant", None), request.path,
                            request.environ, response.status_code, g.ccemu_started,
                            body[:RESPONSE_SNIPPET].decode("utf-8", "replace"))
        return response


def current_emulator() -> Emulator:
    from flask import current_app
    return current_app.extensions["ccemu"]
