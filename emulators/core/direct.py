"""Routes answered straight from WSGI, ahead of Flask's request machinery.

A surface whose one endpoint carries nearly all of an integration's traffic
(VOIspeed's ``seri_endpoint.php``: every call, action and report) registers it
here. Flask's per-request work — request context, URL adapter, the hook
chain, a ``Response`` object — was measured at about 190 µs of a 330 µs
stateful request: more than the state machine, the events and the report
together. Served here, such a request keeps the same pipeline as a Flask
route of a surface — fault rules first, one journal entry after — and the
surface's own code is the same: it gets a werkzeug ``Request`` (not Flask's
proxy) and returns a :class:`Reply`.

Everything else (control plane, GraphQL, SignalR, pages) stays on Flask.
"""
from __future__ import annotations

import logging
import socket
import sys
import time
from dataclasses import dataclass, replace
from typing import Callable
from urllib.parse import parse_qsl

from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wrappers import Request

log = logging.getLogger(__name__)

QUERY_ARGS = "ccemu.query_args"      # environ key: the parsed query string, computed once
FAULT_CONTENT_TYPE = "text/html; charset=utf-8"   # what Flask gives a fault rule's text body
DROPPED = 499                         # the status journalled for a connection a fault rule dropped
SHARED_VALUE_CHARS = 64               # query values up to this long are interned (see query_args)
_intern = sys.intern


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


def query_args(environ: dict) -> dict[str, str]:
    """The query string as a plain dict (first value of a repeated name wins), parsed once.

    The common query — ASCII, nothing escaped — is split directly: ``parse_qsl`` is
    pure Python and cost about a tenth of a whole request. Anything else is decoded
    as werkzeug decodes ``request.args`` (UTF-8 bytes, bad sequences replaced).
    """
    args = environ.get(QUERY_ARGS)
    if args is None:
        qs = environ.get("QUERY_STRING", "")
        args = {}
        if qs.isascii() and "%" not in qs and "+" not in qs:
            for pair in qs.split("&"):
                if pair:
                    name, _, value = pair.partition("=")
                    if name not in args:
                        # the journal keeps these for its last 20,000 requests, and names and most
                        # values repeat (service=…, token=…, ext=…): one shared copy of each
                        args[_intern(name)] = _intern(value) if len(value) <= SHARED_VALUE_CHARS else value
        else:
            try:    # WSGI hands the raw bytes over as latin-1 text
                qs = qs.encode("latin-1").decode("utf-8", "replace")
            except UnicodeEncodeError:
                pass    # already decoded by whoever built this environ
            for name, value in parse_qsl(qs, keep_blank_values=True):
                args.setdefault(name, value)
        environ[QUERY_ARGS] = args
    return args


def inbound_fault(rule, environ: dict) -> tuple[str, int] | None:
    """Apply a matched "in" fault rule: None to go on serving (after a latency),
    else the (body, status) to answer instead."""
    if rule.action == "latency":
        time.sleep(rule.latency_ms / 1000.0)
        return None
    if rule.action == "error":
        return rule.body, rule.status
    sock = environ.get("werkzeug.socket")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    return "", DROPPED


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
        emulator.backlog.settle(tenant)     # what other connections' replies accepted comes first
        answer = None
        if emulator.faults.has_rules():
            rule = emulator.faults.match(surface=route.surface, direction="in", tenant=tenant,
                                         target=path, params=query_args(environ))
            if rule is not None:
                answer = inbound_fault(rule, environ)
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
        emulator.journal.record(
            tenant=tenant, surface=route.surface, direction="in", method=_intern(environ.get("REQUEST_METHOD", "")),
            target=path, params=dict(query_args(environ)), status=status,
            duration_ms=(time.perf_counter() - started) * 1000.0,
            outcome="ok" if status < 400 else "error", response=reply.body)   # the journal keeps a snippet
        return [data]


def direct_routes(flask_app) -> DirectRoutes:
    """The app's direct routes (installed by :func:`emulators.core.app.create_core_app`)."""
    return flask_app.extensions["ccemu.direct"]
