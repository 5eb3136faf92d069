"""The WebSocket transport of the hub: the upgrade, reading frames, writing frames.

Why not flask-sock / simple-websocket here: the hub needs one writer per
connection that never blocks (see :mod:`.writer`), frames encoded once and
shared by every subscriber of an event, no WebSocket-level pings (they kill
signalrcore) and no compression. So the upgrade is answered here (after the
token was checked, before any byte of the 101 is sent), incoming frames are
parsed with wsproto's frame decoder, and outgoing frames, which a server
never masks, are a few header bytes in front of the payload.

permessage-deflate is not accepted: clients then send plain frames, and the
server's shared frames stay valid for every client.
"""
from __future__ import annotations

import base64
import hashlib
import struct
from dataclasses import dataclass

_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
NORMAL_CLOSURE = 1000
MESSAGE_TOO_BIG = 1009
PROTOCOL_ERROR = 1002


def upgrade_problem(environ) -> str | None:
    """Why a request is not a usable WebSocket upgrade (None if it is)."""
    if environ.get("REQUEST_METHOD") != "GET":
        return "WebSocket upgrades use GET"
    if environ.get("HTTP_UPGRADE", "").lower() != "websocket":
        return "Not a WebSocket request"
    if "upgrade" not in environ.get("HTTP_CONNECTION", "").lower():
        return "Not a WebSocket request"
    if environ.get("HTTP_SEC_WEBSOCKET_VERSION", "") != "13":
        return "Unsupported WebSocket version"
    key = environ.get("HTTP_SEC_WEBSOCKET_KEY", "")
    try:
        if len(base64.b64decode(key, validate=True)) != 16:
            return "Invalid Sec-WebSocket-Key"
    except ValueError:
        return "Invalid Sec-WebSocket-Key"
    if environ.get("werkzeug.socket") is None:
        return "This server cannot upgrade the connection"
    return None


def accept_response(key: str) -> bytes:
    accept = base64.b64encode(hashlib.sha1(key.encode("ascii") + _GUID).digest()).decode("ascii")
    return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode("ascii")


# -- writing (server frames are never masked) ------------------------------------------------
def _frame(opcode: int, payload: bytes) -> bytes:
    length = len(payload)
    if length < 126:
        return bytes((0x80 | opcode, length)) + payload
    if length < 65536:
        return struct.pack("!BBH", 0x80 | opcode, 126, length) + payload
    return struct.pack("!BBQ", 0x80 | opcode, 127, length) + payload


def text_frame(data: bytes) -> bytes:
    """One final text frame around already UTF-8-encoded data."""
    return _frame(0x1, data)


def pong_frame(payload: bytes) -> bytes:
    return _frame(0xA, payload[:125])


def close_frame(code: int = NORMAL_CLOSURE, reason: str = "") -> bytes:
    return _frame(0x8, struct.pack("!H", code) + reason.encode("utf-8")[:123])


# -- reading ---------------------------------------------------------------------------------
@dataclass(slots=True)
class Incoming:
    kind: str              # "text" | "binary" | "ping" | "close"
    data: object = None    # str for text, bytes for binary/ping, (code, reason) for close


class TooBig(Exception):
    pass


class BrokenFrame(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class FrameReader:
    """Bytes from the socket → whole messages and control frames, with a size limit.

    A message is refused as soon as its parts exceed ``max_bytes`` (a client
    announcing a 1 GB frame is cut off after ``max_bytes``, not buffered).
    """

    def __init__(self, max_bytes: int) -> None:
        # wsproto (and h11 under it) took ~30 ms of every start: the first WebSocket imports it
        from wsproto.frame_protocol import FrameProtocol

        self.max_bytes = max_bytes
        self._protocol = FrameProtocol(client=False, extensions=[])
        self._parts: list = []
        self._size = 0

    def feed(self, data: bytes) -> list[Incoming]:
        from wsproto.frame_protocol import CloseReason, Opcode, ParseFailed

        self._protocol.receive_bytes(data)
        out: list[Incoming] = []
        try:
            for frame in self._protocol.received_frames():
                opcode = frame.opcode
                if opcode is Opcode.PING:
                    out.append(Incoming("ping", bytes(frame.payload)))
                elif opcode is Opcode.PONG:
                    continue
                elif opcode is Opcode.CLOSE:
                    out.append(Incoming("close", frame.payload))
                    break
                else:
                    payload = frame.payload
                    self._size += len(payload)
                    if self._size > self.max_bytes:
                        raise TooBig()
                    self._parts.append(payload)
                    if frame.message_finished:
                        text = isinstance(payload, str)
                        joined = ("" if text else b"").join(self._parts)
                        self._parts, self._size = [], 0
                        out.append(Incoming("text" if text else "binary", joined))
        except ParseFailed as exc:
            raise BrokenFrame(int(exc.code) if exc.code else int(CloseReason.PROTOCOL_ERROR), str(exc)) from None
        return out
