"""The Data Model's HTTP surface: ``/datamodel/query`` (GET and POST) and the Playground.

One pipeline per request, every failure answered in the GraphQL ``errors``
shape, never an HTTP 500:

1. CORS preflight (``OPTIONS``) is answered directly (browser report tools);
2. authentication: ``X-Telenia-APIKey`` (any casing) must be a key of some
   tenant → else 401;
3. rate limit: 100 requests per minute per key on the tenant's clock → else
   429 with ``Retry-After``;
4. the request: GET ``?query=`` (``variables`` as JSON text,
   ``operationName``) or POST JSON ``{"query", "variables"?,
   "operationName"?}`` (also ``application/graphql`` bodies) → else 400;
5. execution (strawberry); the answer is ``{"data": …}`` with ``errors`` only
   when there are errors, and ``data`` only when execution started, as the
   document says; GraphQL errors are HTTP 200.
"""
from __future__ import annotations

import json
import logging

from flask import Flask, Response, request

from . import errors as msg
from .errors import error_body
from .playground import register_playground
from .ratelimit import RateLimiter
from .state import datamodel_of

log = logging.getLogger(__name__)

QUERY_PATH = "/datamodel/query"
KEY_HEADER = "X-Telenia-APIKey"
SURFACE = "tvox"
MAX_BODY = 1024 * 1024
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, X-Telenia-APIKey, Accept", "Access-Control-Max-Age": "600"}


class RequestError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def _json(body: dict, status: int = 200, headers: dict | None = None) -> Response:
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    response = Response(text, status=status, content_type="application/json")
    for key, value in {**CORS, **(headers or {})}.items():
        response.headers[key] = value
    return response


def api_key(req) -> str | None:
    value = req.headers.get(KEY_HEADER)
    return value.strip() if value else None


def authenticate(emulator, req):
    key = api_key(req)
    if not key:
        raise RequestError(401, msg.MISSING_KEY, {"WWW-Authenticate": KEY_HEADER})
    tenant = emulator.tenants.by_credential(SURFACE, key)
    if tenant is None:
        raise RequestError(401, msg.INVALID_KEY, {"WWW-Authenticate": KEY_HEADER})
    return tenant, key


def limit(dm, key: str) -> None:
    wait = dm.limiter.admit(key)
    if wait is not None:
        retry = RateLimiter.retry_after_header(wait)
        raise RequestError(429, msg.RATE_LIMITED.format(limit=dm.limits.rate_limit, seconds=retry),
                           {"Retry-After": retry})


def graphql_request(req) -> tuple[str, dict | None, str | None]:
    """(query, variables, operationName) from a GET query string or a POST body."""
    if req.method == "GET":
        source = req.args
        variables = source.get("variables")
        if variables:
            try:
                variables = json.loads(variables)
            except ValueError as exc:
                raise RequestError(400, msg.BAD_JSON.format(detail=exc)) from None
        query, operation = source.get("query"), source.get("operationName")
    else:
        if (req.content_length or 0) > MAX_BODY:
            raise RequestError(413, f"request body over {MAX_BODY} bytes")
        raw = req.get_data(cache=False)
        if (req.mimetype or "") == "application/graphql":
            query, variables, operation = raw.decode("utf-8", "replace"), None, None
        else:
            try:
                body = json.loads(raw or b"null")
            except ValueError as exc:
                raise RequestError(400, msg.BAD_JSON.format(detail=exc)) from None
            if not isinstance(body, dict):
                raise RequestError(400, msg.NO_QUERY)
            query, variables, operation = body.get("query"), body.get("variables"), body.get("operationName")
    if not isinstance(query, str) or not query.strip():
        raise RequestError(400, msg.NO_QUERY)
    if variables is not None and not isinstance(variables, dict):
        raise RequestError(400, msg.BAD_VARIABLES)
    if operation is not None and not isinstance(operation, str):
        operation = None
    return query, variables or None, operation or None


def execute(dm, tenant, query: str, variables: dict | None, operation: str | None) -> dict:
    """Run one GraphQL request against the tenant's Data Model; the response body."""
    from .schema import SCHEMA
    context = {"datamodel": dm, "tenant": tenant, "executed": False}
    try:
        result = SCHEMA.execute_sync(query, variables, context, operation_name=operation)
    except Exception as exc:   # no operation / unknown operationName / mutation: request errors
        return error_body(str(exc) or exc.__class__.__name__)
    body: dict = {}
    if context["executed"] or result.data is not None:
        body["data"] = result.data
    if result.errors:
        body["errors"] = [e.formatted for e in result.errors]
    return body


def register(app: Flask, emulator) -> None:
    def query_endpoint() -> Response:
        if request.method == "OPTIONS":
            return Response(status=204, headers=CORS)
        try:
            if request.method not in ("GET", "POST"):
                raise RequestError(405, msg.METHOD, {"Allow": "GET, POST, OPTIONS"})
            tenant, key = authenticate(emulator, request)
            dm = datamodel_of(tenant)
            limit(dm, key)
            query, variables, operation = graphql_request(request)
            return _json(execute(dm, tenant, query, variables, operation))
        except RequestError as exc:
            return _json(error_body(exc.message), exc.status, exc.headers)
        except Exception:    # the process stays up and the client gets the vendor's shape
            log.exception("Data Model request failed")
            return _json(error_body(msg.INTERNAL), 200)

    app.add_url_rule(QUERY_PATH, "tvox_datamodel_query", query_endpoint,
                     methods=["GET", "POST", "OPTIONS", "PUT", "PATCH", "DELETE"])
    register_playground(app)


def tenant_of(req) -> str | None:
    """The pipeline hook: the tenant of the request's API key (journal and faults)."""
    from emulators.core.app import current_emulator
    key = api_key(req)
    tenant = current_emulator().tenants.by_credential(SURFACE, key) if key else None
    return tenant.id if tenant is not None else None
