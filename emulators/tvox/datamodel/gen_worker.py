"""The month generator's worker process, which stages chunks of days while the parent builds rows.

Both ends are here: :class:`Worker`, the parent's handle, and :func:`serve`, the
child's loop. The child is started as ``python -c BOOT`` rather than through
:mod:`multiprocessing`'s spawn, which re-runs the parent's main module in the
child (a benchmark or a server importing the whole GraphQL schema: a second of
the worker's time) and keeps the parent waiting until it has; this child
imports only what drawing needs, and the parent goes on at once.

Protocol, pickles over the child's stdin and stdout: the parent sends
``sys.path``, then ``(site, callers, chatters, year, month, seed)``, then one
``(staging file, kind, job)`` per chunk; the child answers each chunk, in order,
with ``(True, steps written)`` or ``(False, traceback text)``. It exits when its
stdin closes.
"""
from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
import threading
import traceback
from collections import deque
from concurrent.futures import Future
from types import SimpleNamespace

from .gen_calls import Gen
from .gen_rows import Month
from .gen_stage import Stage

BOOT = ("import pickle, sys; sys.path[:0] = pickle.load(sys.stdin.buffer); "
        f"from {__package__}.gen_worker import serve; serve()")
EXIT_SECONDS = 60.0           # how long closing waits for the child to finish its chunk and exit


class Worker:
    """The worker process, and a future for each chunk handed to it (answered in order)."""

    def __init__(self, site, callers: list, chatters: list, year: int, month: int, seed: int) -> None:
        # the interpreter's flags (-B, -X …) as multiprocessing passes them
        self.proc = subprocess.Popen([sys.executable, *subprocess._args_from_interpreter_flags(), "-c", BOOT],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pending: deque[Future] = deque()
        self._send([p for p in sys.path if isinstance(p, str)])
        self._send((site, callers, chatters, year, month, seed))
        self.reader = threading.Thread(target=self._read, name="tvox-generator-worker", daemon=True)
        self.reader.start()

    def submit(self, path: str, kind: str, job: list) -> Future:
        """Have the worker stage ``job`` into the staging file ``path``; the future's result is its steps."""
        future: Future = Future()
        self.pending.append(future)         # before sending: the answer can come at once
        self._send((path, kind, job))
        return future

    def close(self) -> None:
        """Let the child finish its chunk and exit (it is killed if it does not)."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join()
        self.proc.stdout.close()

    def _send(self, message) -> None:
        pickle.dump(message, self.proc.stdin, pickle.HIGHEST_PROTOCOL)
        self.proc.stdin.flush()

    def _read(self) -> None:
        try:
            while True:
                ok, value = pickle.load(self.proc.stdout)
                future = self.pending.popleft()
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(RuntimeError(f"the generator's worker process failed:\n{value}"))
        except (EOFError, OSError, pickle.UnpicklingError):
            pass                            # the child exited
        while self.pending:
            self.pending.popleft().set_exception(RuntimeError("the generator's worker process exited"))


def serve() -> None:
    """The child's loop (see the module docstring)."""
    # drawing makes millions of tuples and no reference cycles: the collector would only traverse them
    # (5% of the drawing's instructions)
    gc.disable()
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)           # whatever prints goes to stderr, not into the replies
    requests = sys.stdin.buffer
    site, callers, chatters, year, month, seed = pickle.load(requests)
    gen = Gen(site, SimpleNamespace(callers=callers, chatters=chatters), Month(year, month), seed)
    stages: dict[str, Stage] = {}
    while True:
        try:
            path, kind, job = pickle.load(requests)
        except EOFError:
            break
        try:
            if path not in stages:
                stages[path] = Stage(path, create=False)
            reply = (True, gen.stage(stages[path], kind, job))
        except Exception:               # the parent raises it; this process stays ready for the next job
            reply = (False, traceback.format_exc())
        pickle.dump(reply, replies)
        replies.flush()
    for stage in stages.values():
        stage.close()
