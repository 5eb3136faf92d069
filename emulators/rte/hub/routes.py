"""The hub's HTTP surface: ``POST {hub}/negotiate`` and the WebSocket upgrade at ``{hub}``.

Both take the token as ``Authorization: Bearer …`` or ``?access_token=…`` and
answer 401 for a missing, bad or expired one, *before* anything is upgraded
(the 101 is written here, only after every check passed). Both paths work
with and without a trailing slash.

Negotiate: no ``negotiateVersion`` → the version-0 reply (the Python clients
come back with ``id=<connectionId>``); ``negotiateVersion=1`` or more → version 1
with a ``connectionToken``. Only ``WebSockets`` with ``Text`` is offered.

Upgrade: ``id`` names a negotiated connection (unknown or expired → 404, in
use → 409, another user's → 403); no ``id`` is a client that skipped
negotiation and gets a fresh connection.
"""
from __future__ import annotations

import secrets

from flask import Flask, Response, request

from .. import errors
from ..api import HUB_PATH, json_response
from ..org import Organization
from ..settings import SURFACE_NAME, settings_of
from ..tokens import TokenRejected
from .connection import HubConnection
from .websocket import accept_response, upgrade_problem


ENVIRON_CLAIMS = "ccemu.rte.claims"


def bearer_token(req) -> str | None:
    header = req.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return req.args.get("access_token") or None


def authenticate(service, req):
    """The token's claims (checked once per request), or TokenRejected."""
    environ = req.environ
    if ENVIRON_CLAIMS not in environ:
        try:
            environ[ENVIRON_CLAIMS] = service.tokens.verify(bearer_token(req), service.emulator.tenants,
                                                            SURFACE_NAME)
        except TokenRejected as exc:
            environ[ENVIRON_CLAIMS] = exc
    result = environ[ENVIRON_CLAIMS]
    if isinstance(result, TokenRejected):
        raise result
    return result


def tenant_of(service, req) -> str | None:
    try:
        return authenticate(service, req).tenant_id
    except TokenRejected:
        return None


def register(app: Flask, emulator, service) -> None:
    hub = service.hub

    def negotiate():
        if request.method != "POST":
            return Response(b"", status=405, headers={"Allow": "POST"})
        try:
            claims = authenticate(service, request)
        except TokenRejected as exc:
            return errors.hub_unauthorized(exc.www_authenticate)
        raw = request.args.get("negotiateVersion")
        if raw is None:
            version = 0
        else:
            try:
                version = min(int(raw), 1)
            except ValueError:
                return json_response({"error": f"The client requested an invalid protocol version '{raw}'"})
            if version < 0:
                return json_response({"error": f"The client requested an invalid protocol version '{raw}'"})
        return json_response(hub.negotiate(claims.tenant_id, claims.user_id, version))

    def connect():
        try:
            claims = authenticate(service, request)
        except TokenRejected as exc:
            return errors.hub_unauthorized(exc.www_authenticate)
        problem = upgrade_problem(request.environ)
        if problem is not None:
            # includes plain GETs: the transports this hub does not offer (SSE, long polling)
            return errors.hub_bad_request(f"{problem}: this hub accepts WebSocket connections only.")
        tenant = emulator.tenants.find(claims.tenant_id)
        user = Organization(tenant).user_by_guid(claims.user_id) if tenant is not None else None
        if user is None:
            return errors.hub_unauthorized('Bearer error="invalid_token", '
                                           'error_description="The user no longer exists"')
        key = request.args.get("id")
        if key is not None:
            pending = hub.claim(key)
            if pending == "unknown":
                return errors.hub_not_found()
            if pending == "in use":
                return errors.hub_conflict()
            if pending.tenant_id != claims.tenant_id or pending.user_id != claims.user_id:
                hub.release(key)
                return Response(b"", status=403)
            connection_id = pending.connection_id
        else:
            connection_id = secrets.token_urlsafe(16)
        sock = request.environ["werkzeug.socket"]
        try:
            sock.sendall(accept_response(request.environ["HTTP_SEC_WEBSOCKET_KEY"]))
        except OSError:
            hub.release(key)
            return Response(b"", status=400)
        conn = HubConnection(hub, sock, tenant=tenant, user=user, claims=claims,
                             settings=settings_of(tenant), connection_id=connection_id)
        hub.add(conn)
        hub.journal_connection(conn, "open")
        try:
            conn.run()
        finally:
            hub.remove(conn)
            hub.release(key)
            hub.journal_connection(conn, "closed", detail=conn.close_reason)
        return Response(b"", status=101)

    for path in (HUB_PATH, HUB_PATH + "/"):
        # a WebSocket rule: Werkzeug routes upgrade requests only to rules marked so
        app.add_url_rule(path, "rte_hub" + ("_slash" if path.endswith("/") else ""), connect,
                         methods=["GET"], websocket=True)
    for path in (HUB_PATH + "/negotiate", HUB_PATH + "/negotiate/"):
        app.add_url_rule(path, "rte_negotiate" + ("_slash" if path.endswith("/") else ""), negotiate,
                         methods=["POST", "GET", "PUT", "DELETE"])
