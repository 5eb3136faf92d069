"""Routes answered straight from WSGI, ahead of Flask's request machinery.

A surface whose one endpoint carries nearly all of an integration's traffic
(VOIspeed's ``seri_endpoint.php``: every call, action and report) registers it
here. Flask's per-request work — request context, URL adapter, the hook
chain, a ``Response`` object — was measured at about 190 µs of a 330 µs
stateful request: more than the state machine, the events and the report
together. Served here, such a request keeps the same pipeline as a Flask
route of a surface (:mod:`.pipeline`: fault rules first, one journal entry
after), and the
surface's own code is the same: it gets a werkzeug ``Request`` (not Flask's
proxy) and returns a :class:`Reply`.

Everything else (control plane, GraphQL, SignalR, pages) stays on Flask.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from typing import Callable

from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wrappers import Request

from .pipeline import admit, journal_request

log = logging.getLogger(__name__)

FAULT_CONTENT_TYPE = "text/html; charset=utf-8"   # what Flask gives a fault rule's text body


@dataclass(frozen=True, slots=True)
class Reply:
    body: str
    content_type: str
    status: int = 200


@dataclass(frozen=True, slots=True)
class DirectRoute:
    surface: str
    handle: Callable[[Request], Reply]
    tenant_of: Callable[[Request], str | None]     # for the journal and the fault rules
    path: str = ""                                 # set by DirectRoutes.add


class DirectRoutes:
    """A WSGI app: registered paths served here, every other request handed to ``app``."""

    def __init__(self, app, emulator) -> None:
        self.app = app
        self.emulator = emulator
        self.routes: dict[str, DirectRoute] = {}

    def add(self, path: str, route: DirectRoute) -> None:
        self.routes[path] = replace(route, path=path)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO")
        route = self.routes.get(path)
        if route is None:
            return self.app(environ, start_response)
        path = route.path       # the registered string, shared by every journal entry
        started = time.perf_counter()
        req = Request(environ, populate_request=False)   # no environ <-> request cycle for the GC to find
        emulator = self.emulator
        tenant = route.tenant_of(req)
        answer = admit(emulator, route.surface, tenant, path, environ)
        if answer is None:
            try:
                reply = route.handle(req)
            except Exception:   # the surface answers its own errors; this is a bug, not a crash
                log.exception("%s request failed", route.surface)
                reply = Reply("internal error", "text/plain; charset=utf-8", 500)
        else:
            reply = Reply(answer[0], FAULT_CONTENT_TYPE, answer[1])
        data = reply.body.encode()
        status = reply.status
        start_response(f"{status} {HTTP_STATUS_CODES.get(status, 'UNKNOWN')}",
                       [("Content-Type", reply.content_type), ("Content-Length", str(len(data)))])
        journal_request(emulator, route.surface, tenant, path, environ, status, started, reply.body)
        return [data]


def direct_routes(flask_app) -> DirectRoutes:
    """The app's direct routes (installed by :func:`emulators.core.app.create_core_app`)."""
    return flask_app.extensions["ccemu.direct"]
