"""The one HTTP + WebSocket server: used by the CLI, the tests and the image.

Why this shape:

- **One process.** All state lives in one in-memory :class:`~emulators.core.app.Emulator`,
  so there is exactly one server process; more ports mean more listeners on the
  same app, never more processes.
- **A thread per connection.** WebSocket surfaces (RTE's SignalR hub, CTI's STOMP
  socket) are written in blocking style with flask-sock / simple-websocket: each
  open socket parks a thread for its whole life. A fixed pool (gunicorn gthread)
  would be exhausted by a few dozen sockets; gevent would need monkey-patching,
  which is not acceptable inside pytest and pytest-xdist workers where this
  server also runs in-process. Idle threads cost little: they wait in ``recv``
  without the GIL, and their stacks are reserved, not touched.
- **Keep-alive that works.** Werkzeug's development handler answers every request
  with ``Connection: close``. Load generators, the ``requests`` sessions of the
  tests and real integrations keep connections open, and a new TCP connection
  plus a new thread per request would dominate latency, so this handler speaks
  HTTP/1.1 persistent connections properly (``Content-Length`` or chunked
  bodies, unread request bodies drained, ``Connection: close`` honoured).
- **Quiet.** No access log on stderr; failures go to the ``logging`` module.

Usage::

    server = Server(app, port=0).start()      # background daemon thread
    requests.get(server.url + "/_emulator/health")
    server.stop()

    Server(app, "0.0.0.0", 8080).serve_forever()   # blocking; Ctrl-C / SIGTERM stop it
"""
from __future__ import annotations

import gc
import logging
import signal
import socket
import sys
import threading
from typing import Any, Callable, Iterable

from werkzeug.serving import (
    ThreadedWSGIServer,
    get_sockaddr,
    select_address_family,
)

from .http11 import RequestHandler

log = logging.getLogger(__name__)

#: Pending connections the kernel queues while the accept loop catches up
#: (capped by ``net.core.somaxconn``). Thousands of clients connect at once in
#: the WebSocket tests.
LISTEN_BACKLOG = 4096

#: Stack reserved per thread. The default (8 MiB) is only address space, but
#: thousands of sockets mean thousands of threads (two per WebSocket: the
#: handler and simple-websocket's reader). 2 MiB keeps that at a few GiB of
#: address space; 1 MiB and less was measured to segfault on recursion through
#: C callbacks (``sorted(key=…)``) before Python's RecursionError could fire.
THREAD_STACK_SIZE = 2 * 1024 * 1024

#: GIL switch interval for a process that holds thousands of sockets. Every
#: thread waiting for the GIL wakes once per interval; with 2,000 WebSockets
#: whose clients all send at once, CPython's default (5 ms) spent most of the
#: CPU in those wake-ups (an echo to 2,000 clients: 15-50 s, against 0.5 s at 50 ms).
MANY_THREADS_SWITCH_INTERVAL = 0.05

#: Cyclic-collector thresholds for a server process. Its state (ended calls, the journal) is
#: long-lived and grows, and CPython's default (700 allocations per young collection, a full
#: collection once the old generation grew by a quarter) re-walked it all the time: measured on
#: the stateful seri_endpoint mix over 40,000 calls, 8 µs per request in the collector and
#: 200 ms pauses; with these thresholds and the startup heap frozen, 1.9 µs and 22 ms, same peak RSS.
SERVER_GC_THRESHOLDS = (20_000, 20, 10)


def _use_small_stacks() -> None:
    """Reserve less stack for threads created from now on, unless someone chose already."""
    # threading.stack_size() with no argument *resets* the size to the default
    # while returning it, so read it by setting ours and put back a prior choice.
    try:
        previous = threading.stack_size(THREAD_STACK_SIZE)
    except (ValueError, RuntimeError):  # platform without support: keep the default
        return
    if previous not in (0, THREAD_STACK_SIZE):
        threading.stack_size(previous)


def tune_interpreter(switch_interval: float = MANY_THREADS_SWITCH_INTERVAL) -> None:
    """Tune this whole process for thousands of mostly idle connection threads.

    Process-wide, so it is for processes the server owns (``ccemu up``, the
    image, benchmarks); a library server inside someone's pytest leaves the
    interpreter's scheduling alone unless the caller opts in.
    """
    _use_small_stacks()
    sys.setswitchinterval(switch_interval)
    gc.set_threshold(*SERVER_GC_THRESHOLDS)


def freeze_startup_heap() -> None:
    """Leave what startup built (modules, schemas, directories) out of every later collection.

    For a process the server owns, once its app is built: those objects live as long as the
    process, so walking them in each full collection is wasted (see :func:`gc.freeze`). No
    collection first: it took 17 ms of the start and found a dozen unreachable objects.
    """
    gc.freeze()


class _WSGIServer(ThreadedWSGIServer):
    """Werkzeug's threaded server, minus what does not scale or is too loud."""

    daemon_threads = True
    # socketserver would keep every handler thread in a list and reap it on each
    # accept: O(open connections) per connection. Stop() closes sockets instead.
    block_on_close = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.in_flight: set = set()     # handlers serving a request now (set.add/discard: atomic)
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        try:
            super().process_request(request, client_address)
        except RuntimeError:  # "can't start new thread": refuse this one, keep serving
            log.error("cannot start a thread for %s; connection refused", client_address)
            self.shutdown_request(request)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("connection from %s failed", client_address, exc_info=True)

    def close_connections(self) -> None:
        """Wake every handler thread (keep-alive waits, WebSockets) by shutting its socket."""
        with self._connections_lock:
            connections = list(self._connections)
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _listening_socket(host: str, port: int) -> socket.socket:
    family = select_address_family(host, port)
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(get_sockaddr(host, int(port), family))
        sock.listen(LISTEN_BACKLOG)
    except BaseException:
        sock.close()
        raise
    return sock


class Server:
    """Serve one WSGI app on one port, in a background thread or in the foreground.

    ``port=0`` picks a free port; read it back from :attr:`port` / :attr:`url`.
    Several ``Server`` objects may serve the same app on different ports: they
    share its single in-memory state.
    """

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 8080) -> None:
        self.app = app
        self.host = host
        _use_small_stacks()
        # Bind here, not in start(): a busy port is reported to the caller at once,
        # as an OSError rather than werkzeug's print-and-exit.
        listener = _listening_socket(host, port)
        try:
            self._server = _WSGIServer(host, 0, app, handler=RequestHandler,
                                       fd=listener.fileno())
        finally:
            listener.close()   # werkzeug duplicated the descriptor
        self.port: int = self._server.server_address[1]
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host = self.host
        if host in ("0.0.0.0", ""):
            host = "127.0.0.1"
        elif host == "::":
            host = "[::1]"
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and not self._stopped.is_set()

    def start(self) -> "Server":
        """Accept connections in a daemon thread; return once the socket listens."""
        with self._lock:
            if self._stopped.is_set():
                raise RuntimeError("a stopped Server cannot be restarted")
            if self._thread is None:
                # the socket already listens (bound in __init__): connections queue
                # in the backlog until the loop below accepts them
                self._thread = threading.Thread(
                    target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                    name=f"ccemu-server:{self.port}", daemon=True)
                self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the foreground until :meth:`stop`, SIGTERM or Ctrl-C."""
        serve_until_stopped([self])

    def stop(self) -> None:
        """Stop accepting, close the listener and every open connection. Idempotent."""
        with self._lock:
            if self._stopped.is_set():
                return
            self._stopped.set()
            thread = self._thread
        if thread is not None:
            self._server.shutdown()          # returns within poll_interval
            thread.join(timeout=5)
        self._server.server_close()
        self._server.close_connections()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<Server {self.url}{' running' if self.running else ''}>"


def serve_until_stopped(servers: Iterable[Server], stop: threading.Event | None = None,
                        on_started: Callable[[], None] | None = None) -> None:
    """Run ``servers`` until ``stop`` is set, one of them is stopped, SIGTERM or Ctrl-C.

    ``on_started`` runs once every server serves (the CLI prints its banner then, so
    the banner never delays the first request). Signal handlers are installed only
    when called from the main thread, and the previous handlers are restored on
    return. Every server is stopped on return.
    """
    servers = list(servers)
    stop = stop or threading.Event()
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                previous[signum] = signal.signal(signum, lambda *_: stop.set())
            except (ValueError, OSError):
                pass
    try:
        for server in servers:
            server.start()
        if on_started is not None:
            on_started()
        while not stop.wait(0.25):
            if any(server._stopped.is_set() for server in servers):
                break
    except KeyboardInterrupt:
        pass
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for server in servers:
            server.stop()
