"""VOIspeed: the user interface of the VOIspeed PBX integration guide.

* ``GET /PBX/seri_endpoint.php?service=…&token=…`` answering ``<result>`` XML
  (:mod:`.routes`, :mod:`.handlers`, :mod:`.render`);
* user events pushed as HTTP GET query strings to each integration module's
  notification URL (:mod:`.projection`);
* per-tenant integration modules (token, URL, events, users) on the control
  plane at ``/_emulator/surfaces/voispeed/settings`` (:mod:`.settings`).

The vendor's catalogue (tables, services, parameters, errors, event
parameters) is data in :mod:`.spec`; FIDELITY.md says what is documented and
what is inferred.
"""
from __future__ import annotations

from flask import Flask

from emulators.core.app import Surface

from . import settings
from .routes import register, tenant_of


def install(app: Flask, emulator) -> None:
    from .projection import Projection
    register(app, emulator)
    Projection(emulator).install()


SURFACE = Surface(
    name=settings.SURFACE_NAME,
    install=install,
    description="VOIspeed PBX user interface: seri_endpoint.php services and user event pushes",
    on_tenant=settings.on_tenant,
    prefixes=("/PBX/",),
    tenant_of=tenant_of,
    get_settings=settings.get_settings,
    put_settings=settings.put_settings,
    credentials=settings.credentials,
)
