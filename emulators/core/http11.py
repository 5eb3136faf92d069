"""HTTP/1.1 for the one server: persistent connections, a fast header reader,
and the WSGI response writer.

Werkzeug's development handler answers every request with ``Connection: close``;
load generators, test sessions and real integrations keep connections open, and
a new TCP connection plus a new thread per request would dominate latency. So
this handler speaks HTTP/1.1 persistent connections properly (``Content-Length``
or chunked bodies, unread request bodies drained, ``Connection: close``
honoured) and notices when a WebSocket takes the socket over.
"""
from __future__ import annotations

import logging
import socket
from typing import Any

from werkzeug.serving import WSGIRequestHandler
from werkzeug.wsgi import LimitedStream

from .deferred import AFTER_RESPONSE, run_after_response
from .http_response import Response

log = logging.getLogger("emulators.core.server")

#: A keep-alive connection idle this long is closed (WebSockets are exempt).
KEEPALIVE_TIMEOUT = 300.0

#: Unread request bodies up to this size are drained to keep the connection;
#: larger ones close it.
MAX_DRAIN = 1024 * 1024

_CONNECTION_ERRORS = (ConnectionError, TimeoutError, BrokenPipeError, OSError)


class _TrackedSocket:
    """The connection socket handed to a WebSocket upgrade, noting whether it was taken over.

    simple-websocket writes its ``101 Switching Protocols`` straight to the
    socket, bypassing WSGI. Once that happened the connection is no longer HTTP:
    the handler must not write the dummy response flask-sock returns afterwards,
    nor read another request from it.
    """

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self.taken = False
        self.recv = sock.recv
        self.recv_into = sock.recv_into
        self.fileno = sock.fileno

    def send(self, data: bytes, *flags: int) -> int:
        self.taken = True
        return self._sock.send(data, *flags)

    def sendall(self, data: bytes, *flags: int) -> None:
        self.taken = True
        self._sock.sendall(data, *flags)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class Headers:
    """Request headers as parsed by :meth:`RequestHandler.parse_request`.

    The standard library parses headers with the ``email`` package: about 50 µs
    a request, a tenth of a whole bare-Flask round trip. This keeps the part of
    :class:`email.message.Message` that the handler and werkzeug use.
    """

    __slots__ = ("_items", "_first")

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._items = items
        self._first: dict[str, str] = {}
        for name, value in items:
            self._first.setdefault(name.lower(), value)

    def get(self, name: str, default: Any = None) -> Any:
        return self._first.get(name.lower(), default)

    def __getitem__(self, name: str) -> str | None:
        return self._first.get(name.lower())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._first

    def get_all(self, name: str, failobj: Any = None) -> Any:
        found = [v for k, v in self._items if k.lower() == name.lower()]
        return found or failobj

    def items(self) -> list[tuple[str, str]]:
        return list(self._items)

    def keys(self) -> list[str]:
        return [k for k, _ in self._items]

    def values(self) -> list[str]:
        return [v for _, v in self._items]

    def __iter__(self):
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self._items)


class RequestHandler(WSGIRequestHandler):
    """WSGI over HTTP/1.1 with persistent connections, and no access log."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True   # small responses must not wait for delayed ACKs
    timeout = KEEPALIVE_TIMEOUT

    # -- quiet -------------------------------------------------------------
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s - %s", self.address_string(), format % args)

    def log_error(self, format: str, *args: Any) -> None:
        log.debug("%s - %s", self.address_string(), format % args)

    # -- parsing -----------------------------------------------------------
    def parse_request(self) -> bool:
        """:meth:`http.server.BaseHTTPRequestHandler.parse_request` with a fast header reader.

        Same rules as the standard library (request line, versions, HTTP/0.9,
        ``Connection``, ``Expect: 100-continue``, the 100-header and 64 KiB-line limits).
        """
        self.command = None
        self.request_version = version = self.default_request_version
        self.close_connection = True
        requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        self.requestline = requestline
        words = requestline.split()
        if not words:
            return False
        if len(words) >= 3:
            version = words[-1]
            try:
                if not version.startswith("HTTP/"):
                    raise ValueError
                parts = version.split("/", 1)[1].split(".")
                if len(parts) != 2 or not all(p.isdigit() and len(p) <= 10 for p in parts):
                    raise ValueError
                number = int(parts[0]), int(parts[1])
            except (ValueError, IndexError):
                self.send_error(400, f"Bad request version ({version!r})")
                return False
            if number >= (1, 1) and self.protocol_version >= "HTTP/1.1":
                self.close_connection = False
            if number >= (2, 0):
                self.send_error(505, f"Invalid HTTP version ({version})")
                return False
            self.request_version = version
        if not 2 <= len(words) <= 3:
            self.send_error(400, f"Bad request syntax ({requestline!r})")
            return False
        command, path = words[:2]
        if len(words) == 2:
            self.close_connection = True
            if command != "GET":
                self.send_error(400, f"Bad HTTP/0.9 request type ({command!r})")
                return False
        self.command, self.path = command, path
        if self.path.startswith("//"):
            self.path = "/" + self.path.lstrip("/")

        items: list[tuple[str, str]] = []
        while True:
            line = self.rfile.readline(65537)
            if len(line) > 65536:
                self.send_error(431, "Line too long")
                return False
            if line in (b"\r\n", b"\n", b""):
                break
            if len(items) >= 100:
                self.send_error(431, "Too many headers")
                return False
            text = line.decode("iso-8859-1").rstrip("\r\n")
            if text[:1] in (" ", "\t") and items:      # obsolete line folding
                name, value = items[-1]
                items[-1] = (name, f"{value} {text.strip()}")
                continue
            name, colon, value = text.partition(":")
            if not colon or not name.strip():
                self.send_error(400, "Bad header line")
                return False
            items.append((name.strip(), value.strip()))
        self.headers = Headers(items)  # type: ignore[assignment]

        connection = self.headers.get("Connection", "").lower()
        if connection == "close":
            self.close_connection = True
        elif connection == "keep-alive" and self.protocol_version >= "HTTP/1.1":
            self.close_connection = False
        expect = self.headers.get("Expect", "").lower()
        if (expect == "100-continue" and self.protocol_version >= "HTTP/1.1"
                and self.request_version >= "HTTP/1.1"):
            if not self.handle_expect_100():
                return False
        return True

    # -- one request -------------------------------------------------------
    def run_wsgi(self) -> None:  # called for every do_<METHOD>
        environ = self.make_environ()
        upgrade = (self.headers.get("Upgrade") is not None
                   and "upgrade" in self.headers.get("Connection", "").lower())
        tracked: _TrackedSocket | None = None
        if upgrade:
            # a WebSocket may stay idle for hours: no keep-alive timeout for it
            self.connection.settimeout(None)
            tracked = _TrackedSocket(self.connection)
            environ["werkzeug.socket"] = tracked

        body: Any = environ["wsgi.input"]
        if not environ.get("wsgi.input_terminated"):
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
                if length < 0:
                    raise ValueError
            except ValueError:
                self.send_error(400, "Bad Content-Length")
                self.close_connection = True
                return
            body = LimitedStream(self.rfile, length)
            environ["wsgi.input"] = body

        response = Response(self)
        in_flight = self.server.in_flight
        if not upgrade:     # a WebSocket is in the app for its whole life: not a request in progress
            in_flight.add(self)
        if len(in_flight) == 1 and not upgrade:
            # nothing else in progress: work the app accepts can wait until the reply is out,
            # cutting the client's wait. With other requests in flight the machine is busy
            # anyway, and resuming after the send costs another hand-over of the GIL (measured:
            # +10 % CPU per request at 8 concurrent clients), so the app then does it at once.
            environ[AFTER_RESPONSE] = []
        try:
            app_iter = self.server.app(environ, response.start_response)
            try:
                if tracked is not None and tracked.taken:
                    self.close_connection = True       # the socket is a WebSocket now
                    return
                if isinstance(app_iter, (list, tuple)):
                    response.send_whole(b"".join(app_iter))
                else:
                    for chunk in app_iter:
                        if chunk:
                            response.write(chunk)
                    response.finish()
            finally:
                close = getattr(app_iter, "close", None)
                if close is not None:
                    close()
                # work the app accepted: now, while the client reads the reply, and before this
                # connection's next request is read (even when the client has gone)
                run_after_response(environ)
        except _CONNECTION_ERRORS:
            self.close_connection = True
            return
        except Exception:
            log.exception("error on %s %s", self.command, self.path)
            self.close_connection = True
            if not response.headers_sent:
                try:
                    response.send_plain_error()
                except _CONNECTION_ERRORS:
                    pass
            return
        finally:
            in_flight.discard(self)

        if upgrade:
            self.close_connection = True
        elif not self.close_connection:
            self._drain(body)

    def _drain(self, body: Any) -> None:
        """Read what the app left of the request body, so the next request parses."""
        try:
            if isinstance(body, LimitedStream):
                remaining = body.limit - body.tell()
                if remaining > MAX_DRAIN:
                    self.close_connection = True
                elif remaining > 0:
                    body.exhaust()
            else:  # chunked (DechunkedInput)
                drained = 0
                while True:
                    data = body.read(64 * 1024)
                    if not data:
                        break
                    drained += len(data)
                    if drained > MAX_DRAIN:
                        self.close_connection = True
                        break
        except Exception:
            self.close_connection = True
