"""Outgoing traffic of every hub connection: bounded queues and one non-blocking writer.

Each connection has an :class:`Outbox`, a queue of ready-made WebSocket
frames bounded in messages and bytes. Whoever produces traffic (the event
fan-out, the connection's own reader answering invocations, the keep-alive
tick) only appends to outboxes; one :class:`Writer` thread writes them all
with non-blocking sends (``MSG_DONTWAIT``) and waits for writability on
sockets whose kernel buffer is full. So:

- a slow or dead client never delays anyone: its socket simply stops being
  writable and its outbox grows, while every other socket is written;
- a fan-out to N clients costs N deque appends and one wake-up, and the
  frame bytes are shared (server frames are unmasked, so identical);
- when an outbox would exceed its bound, the connection is closed: its
  queued frames are dropped, a SignalR Close (with an error and
  ``allowReconnect``) and a WebSocket close are queued past the bound, and
  the socket is shut after they are written or after ``closeTimeout``. Events
  are never dropped silently from a connection that stays open.

The writer also ticks once a second: keep-alive Pings after silence,
handshake and client timeouts, close deadlines (``conn.tick(now)``).
"""
from __future__ import annotations

import logging
import selectors
import socket
import threading
import time
from collections import deque
from typing import Callable

log = logging.getLogger(__name__)

_SEND_FLAGS = getattr(socket, "MSG_DONTWAIT", 0) | getattr(socket, "MSG_NOSIGNAL", 0)
BATCH_BYTES = 256 * 1024        # joined per send
MAX_ROUNDS = 8                  # sends per outbox per turn, so one busy client cannot starve others
TICK = 1.0                      # seconds between keep-alive/timeout checks


class Outbox:
    """One connection's outgoing frames. ``put`` from any thread; only the writer sends.

    One lock guards the queue *and* the socket: the writer holds it around its
    (non-blocking, so short) sends, and :meth:`kill` takes it before the socket
    may be closed, so a send never lands on a socket number already reused.
    """

    __slots__ = ("sock", "writer", "max_messages", "max_bytes", "on_overflow", "lock", "frames",
                 "queued_bytes", "pending", "scheduled", "accepting", "dead", "half_close", "drained",
                 "last_put", "sent_frames", "waiting_fd", "__weakref__")

    def __init__(self, sock, writer: "Writer", max_messages: int, max_bytes: int,
                 on_overflow: Callable[[], None]) -> None:
        self.sock = sock
        self.writer = writer
        self.max_messages = max_messages
        self.max_bytes = max_bytes
        self.on_overflow = on_overflow
        self.lock = threading.Lock()
        self.frames: deque[bytes] = deque()
        self.queued_bytes = 0
        self.pending: memoryview | None = None   # the unsent rest of the last send
        self.scheduled = False              # the writer knows this outbox has work
        self.accepting = True
        self.dead = False
        self.half_close = False             # shut our side once everything is written
        self.drained = threading.Event()    # set once the last frames of a finished outbox went out
        self.last_put = time.monotonic()
        self.sent_frames = 0
        self.waiting_fd: int | None = None  # registered with the writer's selector for writability

    def put(self, frame: bytes, wake: bool = True) -> bool:
        """Queue one frame; False if the connection no longer takes frames or just overflowed."""
        with self.lock:
            if not self.accepting:
                return False
            if len(self.frames) >= self.max_messages or self.queued_bytes + len(frame) > self.max_bytes:
                overflow = True
            else:
                overflow = False
                self.frames.append(frame)
                self.queued_bytes += len(frame)
                self.last_put = time.monotonic()
                schedule = not self.scheduled
                self.scheduled = True
        if overflow:
            self.on_overflow()
            return False
        if schedule:
            self.writer.schedule(self, wake)
        return True

    def finish(self, last_frames: list[bytes], drop_queued: bool = False) -> bool:
        """Queue the last frames (past the bound), take no more, and shut our side after them."""
        with self.lock:
            if not self.accepting:
                return False
            self.accepting = False
            if drop_queued:
                self.frames.clear()
                self.queued_bytes = 0
            self.frames.extend(last_frames)
            self.queued_bytes += sum(len(f) for f in last_frames)
            self.half_close = True
            schedule = not self.scheduled
            self.scheduled = True
        if schedule:
            self.writer.schedule(self)
        return True

    def kill(self) -> None:
        """The connection is over: never touch the socket again (called before it is closed)."""
        with self.lock:
            self.accepting = False
            self.frames.clear()
            self.dead = True
        self.drained.set()

    def shutdown(self, how: int) -> None:
        """Shut the socket (unless the connection is already over)."""
        with self.lock:
            if not self.dead:
                try:
                    self.sock.shutdown(how)
                except OSError:
                    pass

    @property
    def backlog(self) -> int:
        return len(self.frames)

    # -- writer side ----------------------------------------------------------------------
    def flush(self) -> str:
        """Write what can be written now: "done", "blocked", "more" (yielding) or "dead"."""
        with self.lock:
            if self.dead:
                return "dead"
            frames = self.frames
            for _ in range(MAX_ROUNDS):
                data = self.pending
                if data is None:
                    if not frames:
                        self.scheduled = False
                        if self.half_close:
                            self.half_close = False
                            try:
                                self.sock.shutdown(socket.SHUT_WR)
                            except OSError:
                                pass
                            self.drained.set()
                        return "done"
                    if len(frames) == 1:        # the common case of a fan-out: one shared frame
                        data = frames.popleft()
                        self.sent_frames += 1
                    else:
                        batch, size = [], 0
                        while frames and size < BATCH_BYTES:
                            frame = frames.popleft()
                            batch.append(frame)
                            size += len(frame)
                        self.sent_frames += len(batch)
                        data = b"".join(batch)
                    self.queued_bytes -= len(data)
                try:
                    sent = self.sock.send(data, _SEND_FLAGS)
                except (BlockingIOError, InterruptedError):
                    self.pending = data if isinstance(data, memoryview) else memoryview(data)
                    return "blocked"
                except OSError:
                    self.dead = True
                    self.drained.set()
                    return "dead"
                if sent < len(data):
                    self.pending = memoryview(data)[sent:]
                    return "blocked"
                self.pending = None
            return "more"


class Writer:
    """The one thread that writes every outbox, and ticks the connections."""

    def __init__(self, name: str = "ccemu-rte-writer") -> None:
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ, None)
        self._ready: deque[Outbox] = deque()
        self._waking = False
        self._registered: dict[int, Outbox] = {}   # fd -> outbox waiting for writability
        self._tickers: dict[int, object] = {}       # id -> object with .tick(now)
        self._tickers_lock = threading.Lock()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    # -- producers ------------------------------------------------------------------------
    def schedule(self, outbox: Outbox, wake: bool = True) -> None:
        self._ready.append(outbox)
        if wake:
            self.wake()

    def wake(self) -> None:
        if not self._waking:
            self._waking = True
            try:
                self._wake_w.send(b"\0", _SEND_FLAGS)
            except OSError:       # the wake-up pipe is full: the writer is awake anyway
                pass

    def add_ticker(self, ticker) -> None:
        with self._tickers_lock:
            self._tickers[id(ticker)] = ticker

    def remove_ticker(self, ticker) -> None:
        with self._tickers_lock:
            self._tickers.pop(id(ticker), None)

    def stop(self) -> None:
        self._stopped = True
        self.wake()

    # -- the thread -----------------------------------------------------------------------
    def _run(self) -> None:
        next_tick = time.monotonic() + TICK
        while not self._stopped:
            timeout = max(0.0, next_tick - time.monotonic()) if not self._ready else 0
            try:
                events = self._selector.select(timeout)
            except OSError:
                events = []
            for key, _ in events:
                if key.data is None:
                    try:
                        while self._wake_r.recv(4096):
                            pass
                    except (BlockingIOError, InterruptedError):
                        pass
                    except OSError:
                        pass
                else:
                    self._unregister(key.data)
                    self._ready.append(key.data)
            self._waking = False
            self._drain()
            now = time.monotonic()
            if now >= next_tick:
                next_tick = now + TICK
                self._tick(now)

    def _drain(self) -> None:
        ready = self._ready
        for _ in range(len(ready)):
            outbox = ready.popleft()
            try:
                result = outbox.flush()
            except Exception:      # never let one connection take the writer down
                log.exception("writing to a hub connection failed")
                result = "dead"
            if result == "blocked":
                self._register(outbox)
            elif result == "more":
                ready.append(outbox)

    def _register(self, outbox: Outbox) -> None:
        """Wait for the outbox's socket to become writable (writer thread only)."""
        fd = outbox.sock.fileno()
        if fd < 0:
            return
        previous = self._registered.get(fd)
        if previous is outbox:
            return
        if previous is not None:      # a dead connection's socket number, reused
            self._unregister(previous)
        try:
            self._selector.register(fd, selectors.EVENT_WRITE, outbox)
        except KeyError:              # the selector still maps a closed socket to this number
            self._selector.unregister(fd)
            self._selector.register(fd, selectors.EVENT_WRITE, outbox)
        except (OSError, ValueError):
            return
        self._registered[fd] = outbox
        outbox.waiting_fd = fd

    def _unregister(self, outbox: Outbox) -> None:
        fd, outbox.waiting_fd = outbox.waiting_fd, None
        if fd is None or self._registered.get(fd) is not outbox:
            return
        del self._registered[fd]
        try:
            self._selector.unregister(fd)
        except (KeyError, ValueError, OSError):
            pass

    def _tick(self, now: float) -> None:
        with self._tickers_lock:
            tickers = list(self._tickers.values())
        for ticker in tickers:
            try:
                ticker.tick(now)
            except Exception:
                log.exception("hub connection tick failed")
        # drop registrations of sockets that died while waiting for writability
        for fd, outbox in list(self._registered.items()):
            if outbox.dead:
                self._unregister(outbox)
