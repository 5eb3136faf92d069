"""The SignalR JSON hub protocol: records, the handshake, messages in and out.

Every record is one JSON object followed by the record separator 0x1E; a
WebSocket message may carry several records (the JS client batches) and a
record may in principle span messages, so incoming text is buffered and split.
Outgoing messages carry only the fields the protocol defines (pysignalr
rejects anything else) and every server frame ends with 0x1E.

Message validation follows ASP.NET Core 3.1's ``JsonHubProtocol``: a record
that is not a valid message is a protocol error that closes the connection
(``ProtocolError``), unknown message types are ignored, and argument binding
problems are left to the dispatcher (they fail one invocation only).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..dotnet import dumps
from .websocket import text_frame

RS = "\x1e"
INVOCATION, STREAM_ITEM, COMPLETION, STREAM_INVOCATION, CANCEL_INVOCATION, PING, CLOSE = 1, 2, 3, 4, 5, 6, 7
SUPPORTED_JSON_VERSIONS = range(0, 3)     # signalrcore says 0, JS/.NET 1, stateful-reconnect clients 2

_NO_RESULT = object()


class ProtocolError(Exception):
    """A record that breaks the protocol: the connection is closed with an error."""

    def __init__(self, detail: str, exception_type: str = "InvalidDataException") -> None:
        super().__init__(detail)
        self.detail = detail
        self.exception_type = exception_type


@dataclass(slots=True)
class HubMessage:
    type: int
    target: str = ""
    invocation_id: str | None = None
    arguments: list[Any] = field(default_factory=list)
    error: str | None = None


# -- records -------------------------------------------------------------------------------
def split_records(buffer: str) -> tuple[list[str], str]:
    """Complete records and the unfinished rest."""
    if RS not in buffer:
        return [], buffer
    *records, rest = buffer.split(RS)
    return records, rest


def utf8_length(text: str, limit: int) -> int:
    """The UTF-8 size of ``text``, computed only when it might exceed ``limit``."""
    return len(text) if len(text) * 4 <= limit else len(text.encode("utf-8"))


# -- handshake -----------------------------------------------------------------------------
class HandshakeRefused(Exception):
    """The handshake is answered ``{"error": …}`` and the connection closed."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


def parse_handshake(record: str) -> tuple[str, int]:
    """``{"protocol": "json", "version": V}`` → (protocol, version); HandshakeRefused otherwise."""
    from .. import errors
    try:
        request = json.loads(record)
    except ValueError as exc:
        raise HandshakeRefused(errors.HANDSHAKE_FAILED, f"InvalidDataException: {exc}") from None
    if not isinstance(request, dict):
        raise HandshakeRefused(errors.HANDSHAKE_FAILED, "InvalidDataException: Unexpected JSON Token Type. "
                                                        "Expected a JSON Object.")
    protocol, version = request.get("protocol"), request.get("version")
    if protocol is None:
        raise HandshakeRefused(errors.HANDSHAKE_FAILED, "InvalidDataException: Missing required property 'protocol'.")
    if version is None:
        raise HandshakeRefused(errors.HANDSHAKE_FAILED, "InvalidDataException: Missing required property 'version'.")
    if not isinstance(protocol, str):
        raise HandshakeRefused(errors.HANDSHAKE_FAILED,
                               "InvalidDataException: Expected 'protocol' to be of type String.")
    if isinstance(version, bool) or not isinstance(version, int):
        raise HandshakeRefused(errors.HANDSHAKE_FAILED,
                               "InvalidDataException: Expected 'version' to be of type Integer.")
    if protocol != "json":
        raise HandshakeRefused(errors.protocol_not_supported(protocol))
    if version not in SUPPORTED_JSON_VERSIONS:
        raise HandshakeRefused(errors.version_not_supported(protocol, version))
    return protocol, version


HANDSHAKE_OK = text_frame(b"{}" + RS.encode())


def handshake_error(message: str) -> bytes:
    return text_frame((dumps({"error": message}) + RS).encode("utf-8"))


# -- messages in -----------------------------------------------------------------------------
def _required(message: dict, name: str, kind: type, kind_name: str) -> Any:
    if name not in message:
        raise ProtocolError(f"Missing required property '{name}'.")
    value = message[name]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ProtocolError(f"Expected '{name}' to be of type {kind_name}.")
    return value


def parse_message(record: str) -> HubMessage | None:
    """One record → a message; None for types this server ignores; ProtocolError when broken."""
    try:
        message = json.loads(record)
    except ValueError as exc:
        raise ProtocolError(f"Error reading JSON. {exc}") from None
    if not isinstance(message, dict):
        raise ProtocolError("Unexpected JSON Token Type. Expected a JSON Object.")
    kind = _required(message, "type", int, "Integer")
    if kind in (INVOCATION, STREAM_INVOCATION):
        invocation_id = message.get("invocationId")
        if invocation_id is not None and not isinstance(invocation_id, str):
            raise ProtocolError("Expected 'invocationId' to be of type String.")
        target = _required(message, "target", str, "String")
        arguments = _required(message, "arguments", list, "Array")
        return HubMessage(kind, target, invocation_id, arguments)
    if kind in (COMPLETION, CANCEL_INVOCATION, STREAM_ITEM):
        invocation_id = _required(message, "invocationId", str, "String")
        return HubMessage(kind, invocation_id=invocation_id, error=message.get("error"))
    if kind in (PING, CLOSE):
        error = message.get("error")
        return HubMessage(kind, error=error if isinstance(error, str) else None)
    return None      # a newer protocol's message type (Ack, Sequence, …): ignored, as ASP.NET 3.1 does


# -- messages out ----------------------------------------------------------------------------
def frame_of(message: dict) -> bytes:
    return text_frame((dumps(message) + RS).encode("utf-8"))


def invocation(target: str, arguments: list) -> bytes:
    """A server-to-client call: no invocationId (the server never waits for client results)."""
    return frame_of({"type": INVOCATION, "target": target, "arguments": arguments})


def completion(invocation_id: str, result: Any = _NO_RESULT, error: str | None = None) -> bytes:
    message: dict[str, Any] = {"type": COMPLETION, "invocationId": invocation_id}
    if error is not None:
        message["error"] = error
    elif result is not _NO_RESULT:
        message["result"] = result
    return frame_of(message)


def close(error: str | None = None, allow_reconnect: bool = False) -> bytes:
    message: dict[str, Any] = {"type": CLOSE}
    if error is not None:
        message["error"] = error
    if allow_reconnect:
        message["allowReconnect"] = True
    return frame_of(message)


PING_FRAME = frame_of({"type": PING})
CLOSE_FRAME = close()
