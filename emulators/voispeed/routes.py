"""The VOIspeed service endpoint: ``/PBX/seri_endpoint.php``.

One pipeline for every request, each step answering the vendor's own XML
error (never an HTTP error, never a 500), in this order:

1. size: a query string (or POST form body) over ``MAX_QUERY_BYTES`` → "request
   too large"; a multipart body (phonebook_import_sync's contacts) may reach
   ``MAX_SYNC_BYTES``;
2. method: GET (the guide's) or POST with a form body (accepted for robustness;
   query string values win) → else "method not allowed";
3. authentication: ``token`` must belong to a module of some tenant → else "invalid token";
4. service: present and known → "missing parameter service" or "unknown
   service"; an extended or contact service needs a module with the extended
   interface enabled → "service not enabled"; phonebook_import_sync needs
   POST → "method not allowed";
5. parameters, by the catalogue (``Service.parse``); unknown ones are ignored;
6. the handler (user services :mod:`.handlers`, extended services
   :mod:`.extended`, phonebook and contact sync :mod:`.phonebook_services`),
   which renders the reply.

Every reply is HTTP 200 ``text/xml``, errors included, as a PHP endpoint that
reports failures in its body does; clients read ``<outcome>``.

The endpoint is a direct route (:mod:`emulators.core.direct`): served ahead of
Flask's request machinery, with the same fault rules and journal entry. The hot
path does no copying: the query string is parsed once into a plain dict, the
tenant found for the journal is reused, the module is a dict look-up, and
replies are string concatenations (:mod:`.render`).
"""
from __future__ import annotations

import logging

from flask import Flask
from werkzeug.exceptions import HTTPException

from emulators.core.direct import DirectRequest, DirectRoute, Reply, direct_routes
from emulators.core.pipeline import query_args

from .errors import Errors, ServiceError
from .extended import EXTENDED_HANDLERS
from .handlers import HANDLERS as USER_HANDLERS
from .handlers import Request
from .params import MAX_QUERY_BYTES
from .phonebook_services import PHONEBOOK_HANDLERS
from .render import XML_CONTENT_TYPE, render_error
from .services_ext import SERVICES
from .settings import SURFACE_NAME

log = logging.getLogger(__name__)

PATH = "/PBX/seri_endpoint.php"
ENVIRON_TENANT = "ccemu.voispeed.tenant"
ENVIRON_QUERY = "ccemu.voispeed.query"
_UNSET = object()
#: largest multipart body (phonebook_import_sync): 10,000 contacts are about 3 MB
MAX_SYNC_BYTES = 32 * 1024 * 1024
SYNC_SERVICE = "phonebook_import_sync"
HANDLERS = {**USER_HANDLERS, **EXTENDED_HANDLERS, **PHONEBOOK_HANDLERS}


def _multipart(environ) -> bool:
    return environ.get("CONTENT_TYPE", "").lower().startswith("multipart/form-data")


def _body_length(environ) -> int | None:
    """The POST body's declared length: 0 without a body, None when unreadable."""
    length = environ.get("CONTENT_LENGTH")
    if not length or environ.get("REQUEST_METHOD") != "POST":
        return 0
    return int(length) if length.isdigit() else None


def _too_large(environ) -> bool:
    if len(environ.get("QUERY_STRING", "")) > MAX_QUERY_BYTES:
        return True
    length = _body_length(environ)
    return length is None or length > (MAX_SYNC_BYTES if _multipart(environ) else MAX_QUERY_BYTES)


def query_of(req) -> dict[str, str]:
    """The request's parameters as a plain dict, first value of a repeated name
    winning: the query string, plus the form body of a POST (query string first).

    Computed once per request. A plain dict because the catalogue probes every
    parameter it knows, and a werkzeug MultiDict raises (and catches) an
    exception for each one that is absent."""
    environ = req.environ
    query = environ.get(ENVIRON_QUERY)
    if query is None:
        query = query_args(environ)
        if req.method == "POST" and not _too_large(environ):
            # werkzeug's Request, for the form body (Flask's 404s under /PBX/ come as one already)
            full = req.request if isinstance(req, DirectRequest) else req
            full.max_content_length = full.max_form_memory_size = MAX_SYNC_BYTES
            try:
                form = full.form
            except (HTTPException, ValueError):     # a broken body counts as no form
                form = {}
            if form:
                query = dict(query)     # the query string's own dict is what the journal shows
                for key, value in form.items():
                    query.setdefault(key, value)
        environ[ENVIRON_QUERY] = query
    return query


def authenticate(tenants, req):
    """The tenant owning the request's token (or None), looked up once per request."""
    environ = req.environ
    tenant = environ.get(ENVIRON_TENANT, _UNSET)
    if tenant is _UNSET:
        token = None if _too_large(environ) else query_of(req).get("token")
        tenant = tenants.by_credential(SURFACE_NAME, token) if token else None
        environ[ENVIRON_TENANT] = tenant
    return tenant


def serve(emulator, req) -> str:
    """Run the pipeline for one request; ServiceError becomes the reply's <error>."""
    if _too_large(req.environ):
        raise ServiceError(Errors.REQUEST_TOO_LARGE)
    if req.method not in ("GET", "POST", "HEAD"):
        raise ServiceError(Errors.METHOD_NOT_ALLOWED)
    tenant = authenticate(emulator.tenants, req)
    if tenant is None:
        raise ServiceError(Errors.INVALID_TOKEN)
    query = query_of(req)
    state = tenant.settings.get(SURFACE_NAME)
    module = state.modules.by_token.get(query.get("token")) if state is not None else None
    if module is None:   # revoked between the pipeline hook and here
        raise ServiceError(Errors.INVALID_TOKEN)
    name = query.get("service")
    if not name:
        raise ServiceError(Errors.MISSING_PARAMETER, name="service")
    if name == "call_action" and "mode" in query and "action" not in query:
        name = "set_user_mode"      # the guide's set_user_mode example says service=call_action
    service = SERVICES.get(name)
    handler = HANDLERS.get(name)
    if service is None:
        raise ServiceError(Errors.UNKNOWN_SERVICE)
    if handler is None:
        raise ServiceError(Errors.SERVICE_NOT_AVAILABLE)
    if service.interface != "user" and not module.extended:
        raise ServiceError(Errors.SERVICE_NOT_ENABLED)
    if name == SYNC_SERVICE and req.method != "POST":
        raise ServiceError(Errors.METHOD_NOT_ALLOWED)
    if name != SYNC_SERVICE and (_body_length(req.environ) or 0) > MAX_QUERY_BYTES:
        raise ServiceError(Errors.REQUEST_TOO_LARGE)
    params = service.parse(query)
    environ = req.environ
    return handler(Request(emulator, tenant, state, module, name, params, req.method,
                           lambda work: emulator.backlog.defer(environ, tenant.id, work)))


def register(app: Flask, emulator) -> None:
    def seri_endpoint(req) -> Reply:
        try:
            body = serve(emulator, req)
        except ServiceError as exc:
            body = render_error(exc.text)
        except Exception:   # the process stays up and the client gets the vendor's shape
            log.exception("voispeed request failed")
            body = render_error(Errors.INTERNAL_ERROR.text())
        return Reply(body, XML_CONTENT_TYPE)

    # every method: the pipeline answers the ones the endpoint does not take with the vendor's error
    direct_routes(app).add(PATH, DirectRoute(SURFACE_NAME, seri_endpoint,
                                             lambda req: tenant_id(emulator.tenants, req)))


def tenant_id(tenants, req) -> str | None:
    """The id of the tenant owning the request's token (for the journal and the fault rules)."""
    tenant = authenticate(tenants, req)
    return tenant.id if tenant is not None else None


def tenant_of(req) -> str | None:
    """The pipeline hook for the surface's other paths (Flask's 404s under /PBX/)."""
    from emulators.core.app import current_emulator
    return tenant_id(current_emulator().tenants, getattr(req, "_get_current_object", lambda: req)())
