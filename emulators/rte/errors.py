"""Every error the surface answers, built in one place, in the vendor's format.

EnreachAPI is an ASP.NET Web API: its errors are JSON ``{"Message": "…"}``
with the status, and clients parse the body before looking at the status, so
every error has a JSON body (FIELD-NOTES). The hub's HTTP refusals follow
ASP.NET Core (401 with ``WWW-Authenticate: Bearer``, 404 for an unknown
connection id, 409 for one already in use); its in-protocol errors are the
texts of ASP.NET Core 3.1 SignalR, where the ``Type: message`` detail is added
only with detailed errors enabled.
"""
from __future__ import annotations

from flask import Response

from .dotnet import dumps

JSON = "application/json; charset=utf-8"

UNAUTHORIZED = "Authorization has been denied for this request."
INVALID_REQUEST = "The request is invalid."


class ApiError(Exception):
    """An EnreachAPI error: raised anywhere in a handler, rendered by :func:`api_response`."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def api_response(error: ApiError) -> Response:
    response = Response(dumps({"Message": error.message}), status=error.status, content_type=JSON)
    for key, value in error.headers.items():
        response.headers[key] = value
    return response


def unauthorized() -> ApiError:
    return ApiError(401, UNAUTHORIZED)


def not_found_route(url: str) -> ApiError:
    return ApiError(404, f"No HTTP resource was found that matches the request URI '{url}'.")


def not_found(what: str) -> ApiError:
    return ApiError(404, f"{what} was not found.")


def forbidden() -> ApiError:
    return ApiError(403, "The user is not allowed to access this resource.")


def method_not_allowed(method: str) -> ApiError:
    return ApiError(405, f"The requested resource does not support http method '{method}'.")


def too_many_requests(limit: int, retry_after: int) -> ApiError:
    return ApiError(429, f"API calls quota exceeded! maximum admitted {limit} per Minute.",
                    {"Retry-After": str(max(1, retry_after))})


# -- the hub's HTTP refusals (before any WebSocket upgrade) -----------------------------------
def hub_unauthorized(www_authenticate: str) -> Response:
    """ASP.NET's JWT handler: 401, empty body, the reason in ``WWW-Authenticate``."""
    return Response(b"", status=401, headers={"WWW-Authenticate": www_authenticate})


def hub_not_found() -> Response:
    return Response(b"No Connection with that ID", status=404, content_type="text/plain")


def hub_conflict() -> Response:
    return Response(b"Connection ID already in use", status=409, content_type="text/plain")


def hub_bad_request(text: str) -> Response:
    return Response(text.encode(), status=400, content_type="text/plain")


# -- hub protocol error texts ---------------------------------------------------------------
def with_detail(message: str, exception_type: str, detail: str, detailed: bool) -> str:
    return f"{message} {exception_type}: {detail}" if detailed else message


def binding_failure(target: str, detail: str, detailed: bool, exception_type: str = "InvalidDataException") -> str:
    return with_detail(f"Failed to invoke '{target}' due to an error on the server.", exception_type, detail, detailed)


def unknown_method(target: str, detailed: bool) -> str:
    return binding_failure(target, "Method does not exist.", detailed, "HubException")


def method_failed(target: str, detail: str, detailed: bool) -> str:
    return with_detail(f"An unexpected error occurred invoking '{target}' on the server.",
                       "Exception", detail, detailed)


def non_streaming(target: str) -> str:
    return f"The client attempted to invoke the non-streaming '{target}' method with a streaming invocation."


def closed_with_error(exception_type: str, detail: str, detailed: bool) -> str:
    return with_detail("Connection closed with an error.", exception_type, detail, detailed)


def too_big(limit: int) -> str:
    return (f"The maximum message size of {limit}B was exceeded. "
            "The message size can be configured in AddHubOptions.")


HANDSHAKE_CANCELED = "Handshake was canceled."
HANDSHAKE_FAILED = "An unexpected error occurred during connection handshake."


def protocol_not_supported(protocol: str) -> str:
    return f"The protocol '{protocol}' is not supported."


def version_not_supported(protocol: str, version: object) -> str:
    return f"The server does not support version {version} of the '{protocol}' protocol."
