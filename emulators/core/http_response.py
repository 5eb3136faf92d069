"""The WSGI response writer of the one server's HTTP/1.1 handler (:mod:`.http11`):
status line and headers (a cached ``Date``, ``Content-Length`` for whole bodies,
chunked streams, ``Connection`` as the request and the app want), then the body,
in as few ``sendall`` calls as it takes."""
from __future__ import annotations

import email.utils
import time
from typing import Any


class _DateCache:
    """The ``Date`` header changes once a second; formatting it per request is waste."""

    def __init__(self) -> None:
        self._second = -1
        self._value = ""

    def get(self) -> str:
        now = int(time.time())
        if now != self._second:
            self._value = email.utils.formatdate(now, usegmt=True)
            self._second = now
        return self._value


_date = _DateCache()


class Response:
    """Status line, headers and body of one response, written to the handler's socket."""

    __slots__ = ("handler", "status", "headers", "headers_sent", "chunked", "no_body")

    def __init__(self, handler: Any) -> None:
        self.handler = handler
        self.status: str | None = None
        self.headers: list[tuple[str, str]] = []
        self.headers_sent = False
        self.chunked = False
        self.no_body = False

    def start_response(self, status: str, headers: list[tuple[str, str]], exc_info: Any = None):
        if exc_info:
            try:
                if self.headers_sent:
                    raise exc_info[1].with_traceback(exc_info[2])
            finally:
                exc_info = None
        elif self.status is not None:
            raise AssertionError("start_response called twice")
        self.status = status
        self.headers = list(headers)
        return self.write

    def _head(self, body_length: int | None) -> bytes:
        """Serialize status and headers; ``body_length`` is known for whole bodies."""
        handler = self.handler
        assert self.status is not None, "write() before start_response"
        code = int(self.status[:3])
        self.no_body = (handler.command == "HEAD" or code < 200 or code in (204, 304))
        lines = [f"{handler.protocol_version} {self.status}\r\n"]
        has_length = False
        app_connection = None
        for key, value in self.headers:
            lower = key.lower()
            if lower == "content-length":
                has_length = True
            elif lower == "connection":
                app_connection = value.lower()
            lines.append(f"{key}: {value}\r\n")
        if not any(k.lower() == "date" for k, _ in self.headers):
            lines.append(f"Date: {_date.get()}\r\n")
        if not has_length and code >= 200 and code not in (204, 304):
            if body_length is not None:
                lines.append(f"Content-Length: {body_length}\r\n")
            elif handler.command != "HEAD":
                if handler.request_version >= "HTTP/1.1":
                    self.chunked = True
                    lines.append("Transfer-Encoding: chunked\r\n")
                else:  # an HTTP/1.0 client learns the end of a stream from the close
                    handler.close_connection = True
        if app_connection is not None:
            if "close" in app_connection:
                handler.close_connection = True
        elif handler.close_connection:
            lines.append("Connection: close\r\n")
        elif handler.request_version == "HTTP/1.0":
            lines.append("Connection: keep-alive\r\n")
        lines.append("\r\n")
        self.headers_sent = True
        return "".join(lines).encode("latin-1")

    def send_whole(self, data: bytes) -> None:
        """The complete body at once: one ``sendall`` with the headers."""
        head = self._head(len(data))
        self.handler.connection.sendall(head if self.no_body else head + data)

    def write(self, data: bytes) -> None:
        """One piece of a streamed body (also the legacy WSGI ``write`` callable)."""
        head = self._head(None) if not self.headers_sent else b""
        if self.no_body or not data:
            if head:
                self.handler.connection.sendall(head)
            return
        if self.chunked:
            data = b"%x\r\n%s\r\n" % (len(data), data)
        self.handler.connection.sendall(head + data)

    def finish(self) -> None:
        if not self.headers_sent:
            self.send_whole(b"")
        elif self.chunked:
            self.handler.connection.sendall(b"0\r\n\r\n")

    def send_plain_error(self) -> None:
        body = b"Internal Server Error"
        self.status = "500 INTERNAL SERVER ERROR"
        self.headers = [("Content-Type", "text/plain; charset=utf-8")]
        self.send_whole(body)
