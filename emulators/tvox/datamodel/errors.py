"""Errors of the Data Model API, all in the GraphQL ``errors`` shape.

:class:`DataModelError` is raised by resolvers (bad search criteria, refused
SQL, budgets) and becomes one entry of ``errors`` with its ``path``.
:func:`error_body` builds the body of the errors answered before GraphQL runs
(authentication, rate limit, malformed requests): ``{"errors": [{"message"}]}``.
"""
from __future__ import annotations

from typing import Any


class DataModelError(Exception):
    """A request the vendor would reject with a GraphQL error (never an HTTP 500)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def error_body(message: str, **extensions: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"message": message}
    if extensions:
        error["extensions"] = extensions
    return {"errors": [error]}


MISSING_KEY = "missing API key: send it in the X-Telenia-APIKey header"
INVALID_KEY = "invalid API key"
RATE_LIMITED = "rate limit exceeded: at most {limit} requests per minute, retry in {seconds} s"
NO_QUERY = "no query provided: send the query in the 'query' parameter (GET) or JSON body field (POST)"
BAD_JSON = "the request body could not be decoded as JSON: {detail}"
BAD_VARIABLES = "variables must be a JSON object"
METHOD = "method not allowed: use GET or POST"
INTERNAL = "internal error while executing the query"
