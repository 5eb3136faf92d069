"""Routes answered straight from WSGI, ahead of Flask's request machinery.

A surface whose one endpoint carries nearly all of an integration's traffic
(VOIspeed's ``seri_endpoint.php``: every call, action and report) registers it
here. Flask's per-request work — request context, URL adapter, the hook
chain, a ``Response`` object — was measured at about 190 µs of a 330 µs
stateful request: more than the state machine, the events and the report
together. Served here, such a request keeps the same pipeline as a Flask
route of a surface (:mod:`.pipeline`: fault rules first, one journal entry
after), and the
surface's own code is the same: it gets a :class:`DirectRequest` (werkzeug's
``Request`` underneath, not Flask's proxy) and returns a :class:`Reply`.

Everything else (control plane, GraphQL, SignalR, pages) stays on Flask.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from typing import Callable, NamedTuple

from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wrappers import Request

from .pipeline import admit, journal_request

log = logging.getLogger(__name__)

FAULT_CONTENT_TYPE = "text/html; charset=utf-8"   # what Flask gives a fault rule's text body


class Reply(NamedTuple):
    body: str
    content_type: str
    status: int = 200


class DirectRequest:
    """What a direct route's handlers get: ``environ`` and ``method`` at once, and the
    rest of werkzeug's :class:`~werkzeug.wrappers.Request` (``args``, ``form``, ``headers``…)
    through :attr:`request`, built on first use: most requests need none of it, and
    building it took 2.6 µs of each."""

    __slots__ = ("environ", "method", "_request")

    def __init__(self, environ: dict) -> None:
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        self._request: Request | None = None

    @property
    def request(self) -> Request:
        if self._request is None:   # no environ <-> request cycle for the GC to find
            self._request = Request(self.environ, populate_request=False)
        return self._request

    def __getattr__(self, name: str):
        return getattr(self.request, name)


@dataclass(frozen=True, slots=True)
class DirectRoute:
    surface: str
    handle: Callable[[DirectRequest], Reply]
    tenant_of: Callable[[DirectRequest], str | None]   # for the journal and the fault rules
    path: str = ""                                     # set by DirectRoutes.add


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
        req = DirectRequest(environ)
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
