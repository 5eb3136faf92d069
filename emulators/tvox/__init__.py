"""TVox: the Data Model API (GraphQL statistics over an embedded SQLite store).

* ``/datamodel/query`` (GET and POST) and the Playground at ``/datamodel``
  (:mod:`.datamodel.http`, :mod:`.datamodel.playground`);
* each tenant's statistics database, seeded lazily and fed by the engine's
  ended calls (:mod:`.datamodel.store`, :mod:`.datamodel.seed`,
  :mod:`.datamodel.projection`);
* per-tenant API keys and limits on the control plane at
  ``/_emulator/surfaces/tvox/settings`` (:mod:`.settings`).

The Notification Service (call-event webhooks) joins this package later as
its own subpackage. FIDELITY.md says what is documented and what is inferred.
"""
from __future__ import annotations

from flask import Flask

from emulators.core.app import Surface

from . import settings
from .datamodel import install_datamodel
from .datamodel.http import tenant_of


def install(app: Flask, emulator) -> None:
    install_datamodel(app, emulator)


SURFACE = Surface(
    name=settings.SURFACE_NAME,
    install=install,
    description="TVox Data Model: GraphQL statistics API (/datamodel/query) and its Playground",
    on_tenant=settings.on_tenant,
    prefixes=("/datamodel",),
    tenant_of=tenant_of,
    get_settings=settings.get_settings,
    put_settings=settings.put_settings,
    credentials=settings.credentials,
)
