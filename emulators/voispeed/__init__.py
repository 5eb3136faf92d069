"""VOIspeed: the user and extended interfaces, IVR scripts and contact sync of
the VOIspeed PBX integration guide.

* ``GET /PBX/seri_endpoint.php?service=…&token=…`` answering ``<result>`` XML
  (:mod:`.routes`; user services :mod:`.handlers`, extended services
  :mod:`.extended`, phonebook and contact sync :mod:`.phonebook_services`;
  :mod:`.render`);
* user events and extended (SSN) events pushed as HTTP GET query strings to
  each integration module's notification URL (:mod:`.projection`, :mod:`.ssn`);
* IVR nodes that call a partner's script and obey its ``command=N`` reply
  (:mod:`.ivr_script`);
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
    from .ivr_script import IvrScripts
    from .projection import Projection
    from .ssn import SsnProjection
    register(app, emulator)
    Projection(emulator).install()
    SsnProjection(emulator).install()
    IvrScripts(emulator).install()


SURFACE = Surface(
    name=settings.SURFACE_NAME,
    install=install,
    description="VOIspeed PBX: seri_endpoint.php user and extended services, event pushes, IVR scripts, "
                "contact sync",
    on_tenant=settings.on_tenant,
    prefixes=("/PBX/",),
    tenant_of=tenant_of,
    get_settings=settings.get_settings,
    put_settings=settings.put_settings,
    credentials=settings.credentials,
)
