"""CORS for browser clients of the EnreachAPI and the hub.

Browser apps (and browser extensions, a common RTE client) call negotiate and
the REST API from another origin, with credentials: the Microsoft client
sends negotiate ``withCredentials``, which needs the origin echoed (``*`` is
refused) and ``Access-Control-Allow-Credentials``. Preflight requests are
answered here with 204.
"""
from __future__ import annotations

from flask import Flask, Response, request

ALLOWED_HEADERS = ("Authorization, Content-Type, X-Requested-With, X-SignalR-User-Agent, "
                   "X-Json-Serializer, Accept")
ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS"


def install(app: Flask, prefixes: tuple[str, ...]) -> None:
    def ours() -> bool:
        return any(request.path.startswith(p) for p in prefixes)

    @app.before_request
    def _preflight():
        if request.method == "OPTIONS" and ours() and request.headers.get("Origin"):
            return Response(b"", status=204)
        return None

    @app.after_request
    def _headers(response):
        origin = request.headers.get("Origin")
        if origin and ours():
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Credentials"] = "true"
            response.headers["Vary"] = "Origin"
            if request.method == "OPTIONS":
                response.headers["Access-Control-Allow-Headers"] = \
                    request.headers.get("Access-Control-Request-Headers", ALLOWED_HEADERS)
                response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
                response.headers["Access-Control-Max-Age"] = "600"
        return response
