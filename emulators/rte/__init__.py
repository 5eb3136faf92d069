"""Enreach RTE: the SignalR hub of real-time events, and the EnreachAPI side clients call first.

* EnreachAPI (:mod:`.api`): discovery ``GET /api/user?user=…``, login
  ``POST /enreachapi/authuser/<email>/``, ``users/me``, ``queues/``, and
  ``token/<userId>/rte/`` answering the hub address and a JWT (:mod:`.tokens`);
* the hub (:mod:`.hub`): ``POST /rte/hub/negotiate`` (versions 0 and 1) and
  the WebSocket at ``/rte/hub`` speaking the JSON hub protocol, with the
  methods Subscribe, Unsubscribe, UnsubscribeAll and AvailableSubscriptions;
* events (:mod:`.projection`): the engine's domain events as the document's
  User, Queue and CallList events, pushed as ``MessageReceived``.

The catalogue is data in :mod:`.spec`; per-tenant settings in :mod:`.settings`;
FIDELITY.md says what is documented and what is inferred.
"""
from __future__ import annotations

from flask import Flask, current_app

from emulators.core.app import Surface

from . import settings
from .api import API_PREFIX, DISCOVERY_PATH, HUB_PATH

PREFIXES = (API_PREFIX + "/", DISCOVERY_PATH, HUB_PATH)


class RteService:
    """The surface's process-wide parts: the token authority, the hub, the projection."""

    def __init__(self, emulator) -> None:
        from .hub.registry import Hub
        from .projection import Projection
        from .tokens import TokenAuthority
        self.emulator = emulator
        self.tokens = TokenAuthority()
        self.hub = Hub(emulator)
        self.projection = Projection(emulator, self.hub)


def service_of(app: Flask) -> RteService:
    return app.extensions["ccemu.rte"]


def install(app: Flask, emulator) -> None:
    from . import api, control, cors
    from .hub import routes as hub_routes
    service = RteService(emulator)
    app.extensions["ccemu.rte"] = service
    cors.install(app, PREFIXES)
    api.register(app, emulator, service)
    hub_routes.register(app, emulator, service)
    control.register(app, emulator, service)
    service.projection.install()


def tenant_of(req) -> str | None:
    """The pipeline hook: the tenant of a hub token or of an EnreachAPI caller."""
    service = current_app.extensions.get("ccemu.rte")
    if service is None:
        return None
    emulator = service.emulator
    if req.path.startswith(HUB_PATH):
        from .hub.routes import tenant_of as hub_tenant
        return hub_tenant(service, req)
    from .api import tenant_of as api_tenant
    return api_tenant(emulator, req)


SURFACE = Surface(
    name=settings.SURFACE_NAME,
    install=install,
    description="Enreach RTE: SignalR hub of real-time events, with the EnreachAPI login and token endpoints",
    on_tenant=settings.on_tenant,
    prefixes=PREFIXES,
    tenant_of=tenant_of,
    get_settings=settings.get_settings,
    put_settings=settings.put_settings,
    credentials=settings.credentials,
)
