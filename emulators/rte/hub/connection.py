"""One hub connection: the handshake, incoming messages, keep-alive, closing.

The request thread that upgraded the socket becomes the connection's reader
(:meth:`HubConnection.run`) and returns when the connection is over; all
writing goes through the connection's :class:`~.writer.Outbox`. Lifecycle:

1. handshake: the first record must be ``{"protocol":"json","version":V}``
   within ``handshakeTimeout``; the reply ``{}`` goes out alone, first. A bad
   handshake is answered ``{"error": …}`` and the socket closed.
2. messages: invocations are dispatched (:mod:`.methods`) and answered with a
   Completion when they carry an ``invocationId``; Pings start the client
   timeout (only clients that ping are ever timed out); Close ends.
3. closing: ``{"type":7}`` (with ``error`` when the server closes because of
   a problem), then a WebSocket close 1000; a protocol error (broken JSON, an
   invalid message, a message over ``maxMessageSize``) closes with ASP.NET's
   "Connection closed with an error.".

Subscriptions die with the connection.
"""
from __future__ import annotations

import socket
import threading
import time
from typing import Any

from .. import errors, spec
from . import methods, protocol
from .protocol import HandshakeRefused, ProtocolError
from .websocket import (NORMAL_CLOSURE, BrokenFrame, FrameReader, TooBig, close_frame, pong_frame)
from .writer import TICK, Outbox


RECV_BYTES = 65536


class HubConnection:
    def __init__(self, hub, sock, *, tenant, user, claims, settings, connection_id: str) -> None:
        self.hub = hub
        self.sock = sock
        self.tenant = tenant
        self.user = user                    # OrgUser
        self.claims = claims
        self.settings = settings            # RteSettings, as they were when the connection opened
        self.connection_id = connection_id
        self.subscriptions: set[tuple[str, str]] = set()   # (entity GUID, event key); guarded by the hub
        self.outbox = Outbox(sock, hub.writer, settings.send_queue_messages, settings.send_queue_bytes,
                             self._overflowed)
        now = time.monotonic()
        self.opened_at = now
        self.last_received = now
        self.handshaken = False
        self.client_pings = False
        self.closing = False
        self.close_deadline: float | None = None
        self.close_reason = ""
        self._buffer = ""
        self._close_lock = threading.Lock()
        # one WebSocket message may batch many records; each record is held to maxMessageSize
        self._frames = FrameReader(max(settings.max_message_size * 16, 1024 * 1024))

    # -- the reader ---------------------------------------------------------------------------
    def run(self) -> None:
        """Read until the client goes away or the connection is closed; then clean up."""
        try:
            while True:
                try:
                    data = self.sock.recv(RECV_BYTES)
                except OSError:
                    break
                if not data:
                    break
                self.last_received = time.monotonic()
                if not self._on_bytes(data):
                    # the client closed: let our answer to its close go out before the socket does
                    self.outbox.drained.wait(self.settings.close_timeout)
                    break
        finally:
            self.close_reason = self.close_reason or "client went away"
            self.outbox.kill()

    def _on_bytes(self, data: bytes) -> bool:
        """Feed socket bytes; False once the WebSocket is finished."""
        try:
            incoming = self._frames.feed(data)
        except TooBig:
            self._fail(ProtocolError(errors.too_big(self.settings.max_message_size)))
            return True
        except BrokenFrame as exc:
            self._end_websocket(exc.code, exc.reason)
            return False
        for item in incoming:
            if item.kind == "ping":
                self.outbox.put(pong_frame(item.data))
            elif item.kind == "close":
                code = item.data[0] if isinstance(item.data, tuple) else NORMAL_CLOSURE
                self._end_websocket(int(code) if int(code) not in (1005, 1006) else NORMAL_CLOSURE, "")
                return False
            elif not self.closing:
                text = item.data
                if isinstance(text, bytes):
                    try:
                        text = text.decode("utf-8")
                    except UnicodeDecodeError:
                        self._fail(ProtocolError("Invalid UTF-8 in a binary frame."))
                        continue
                self._on_text(text)
        return True

    def _on_text(self, text: str) -> None:
        self._buffer += text
        records, self._buffer = protocol.split_records(self._buffer)
        limit = self.settings.max_message_size
        for record in records:
            if self.closing:
                return
            if protocol.utf8_length(record, limit) > limit:
                self._fail(ProtocolError(errors.too_big(limit)))
                return
            if not self.handshaken:
                self._handshake(record)
            else:
                self._on_record(record)
        if not self.closing and protocol.utf8_length(self._buffer, limit) > limit:
            self._fail(ProtocolError(errors.too_big(limit)))

    # -- handshake ----------------------------------------------------------------------------
    def _handshake(self, record: str) -> None:
        try:
            protocol.parse_handshake(record)
        except HandshakeRefused as exc:
            message = exc.message
            if exc.detail and self.settings.detailed_errors:
                message = f"{message} {exc.detail}"
            self._finish([protocol.handshake_error(message), close_frame()], reason=f"handshake refused: "
                                                                                       f"{exc.detail or message}")
            self.hub.journal_connection(self, "handshake", outcome="error", detail=exc.detail or message)
            return
        self.handshaken = True
        self.outbox.put(protocol.HANDSHAKE_OK)
        self.hub.journal_connection(self, "handshake")
        if self.settings.announce_on_connect:
            self.outbox.put(protocol.invocation(spec.DETAILS_TARGET[spec.AVAILABLE], [list(spec.EVENT_NAMES)]))

    # -- messages -----------------------------------------------------------------------------
    def _on_record(self, record: str) -> None:
        try:
            message = protocol.parse_message(record)
        except ProtocolError as exc:
            self._fail(exc)
            return
        if message is None:
            return
        kind = message.type
        if kind == protocol.INVOCATION:
            self._invoke(message)
        elif kind == protocol.STREAM_INVOCATION:
            self._refuse_stream(message)
        elif kind == protocol.PING:
            self.client_pings = True
        elif kind == protocol.CLOSE:
            self._finish([protocol.CLOSE_FRAME, close_frame()], reason="client sent Close")
        elif kind == protocol.COMPLETION:
            # the hub never invokes the client expecting a result (ASP.NET 3.1 refuses these too)
            self._fail(ProtocolError(f"Received unsupported message: Completion {{ InvocationId: "
                                     f"\"{message.invocation_id}\" }}", "NotSupportedException"))
        # StreamItem and CancelInvocation name nothing this hub runs: ignored

    def _invoke(self, message: protocol.HubMessage) -> None:
        started = time.perf_counter()
        outcome = methods.invoke(self, message.target, message.arguments, self.settings.detailed_errors)
        if outcome.error is None and self.settings.push_details and outcome.name in spec.DETAILS_TARGET:
            self.outbox.put(protocol.invocation(spec.DETAILS_TARGET[outcome.name], [outcome.result]))
        if message.invocation_id is not None:
            if outcome.error is not None:
                self.outbox.put(protocol.completion(message.invocation_id, error=outcome.error))
            else:
                self.outbox.put(protocol.completion(message.invocation_id, result=outcome.result))
        self.hub.journal_invocation(self, message, outcome, (time.perf_counter() - started) * 1000.0)

    def _refuse_stream(self, message: protocol.HubMessage) -> None:
        found = methods.METHODS.get(message.target.lower())
        error = errors.non_streaming(message.target) if found else \
            errors.unknown_method(message.target, self.settings.detailed_errors)
        if message.invocation_id is not None:
            self.outbox.put(protocol.completion(message.invocation_id, error=error))

    # -- closing ------------------------------------------------------------------------------
    def close(self, error: str | None = None, allow_reconnect: bool = False, reason: str = "",
              drop_queued: bool = False) -> None:
        """Close from the server side: SignalR Close, then WebSocket close, then the socket."""
        frames = [protocol.close(error, allow_reconnect)] if self.handshaken else []
        self._finish(frames + [close_frame()], reason=reason or error or "closed by the server",
                     drop_queued=drop_queued)

    def _fail(self, exc: ProtocolError) -> None:
        message = errors.closed_with_error(exc.exception_type, exc.detail, self.settings.detailed_errors)
        self.hub.journal_connection(self, "protocol error", outcome="error", detail=exc.detail)
        self.close(error=message, reason=f"protocol error: {exc.detail}")

    def _overflowed(self) -> None:
        """The outbox is full: this client does not keep up. Close it; others are unaffected."""
        if self.closing:
            return
        detail = (f"the client did not read its messages: more than {self.settings.send_queue_messages} "
                  f"messages or {self.settings.send_queue_bytes} bytes were waiting")
        self.hub.journal_connection(self, "outgoing queue full", outcome="dropped", detail=detail)
        message = errors.closed_with_error("InvalidOperationException", detail, self.settings.detailed_errors)
        self.close(error=message, allow_reconnect=True, reason="outgoing queue full", drop_queued=True)

    def _finish(self, frames: list[bytes], reason: str, drop_queued: bool = False) -> None:
        with self._close_lock:
            if self.closing:
                return
            self.closing = True
        self.close_reason = reason
        self.close_deadline = time.monotonic() + self.settings.close_timeout
        self.hub.unsubscribe_all(self)
        self.outbox.finish(frames, drop_queued=drop_queued)

    def _end_websocket(self, code: int, reason: str) -> None:
        """The client closed (or broke) the WebSocket: answer its close and stop."""
        if not self.closing:
            self._finish([close_frame(code if code != 1005 else NORMAL_CLOSURE)], reason=reason or
                         f"client closed the WebSocket ({code})")

    # -- the writer's tick (once a second) ---------------------------------------------------------
    def tick(self, now: float) -> None:
        settings = self.settings
        if self.closing:
            if self.close_deadline is not None and now > self.close_deadline:
                self.close_deadline = None
                self._abort()
            return
        if not self.handshaken:
            if now - self.opened_at > settings.handshake_timeout:
                self._finish([protocol.handshake_error(errors.HANDSHAKE_CANCELED), close_frame()],
                             reason="no handshake in time")
            return
        if self.client_pings and settings.client_timeout_interval > 0 and \
                now - self.last_received > settings.client_timeout_interval:
            self.hub.journal_connection(self, "client timeout", outcome="error")
            self.close(reason="client timeout")
            return
        # ticks come once a second: ping when the silence would pass the interval before the next
        if now - self.outbox.last_put + TICK > settings.keep_alive_interval:
            self.outbox.put(protocol.PING_FRAME)

    def _abort(self) -> None:
        """The client did not finish closing in time: cut the socket (the reader then ends)."""
        self.outbox.shutdown(socket.SHUT_RDWR)

    def describe(self) -> dict[str, Any]:
        return {"connectionId": self.connection_id, "tenant": self.tenant.id, "userId": self.user.id,
                "userName": self.user.username, "handshaken": self.handshaken,
                "subscriptions": [{"entityId": e, "eventName": n} for e, n in sorted(self.subscriptions)],
                "queued": self.outbox.backlog, "sent": self.outbox.sent_frames, "closing": self.closing}
