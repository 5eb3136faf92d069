"""Real or virtual time, and the timers that run on it.

Every timestamp and every timer in the engine comes from a :class:`Clock`, so a
test can freeze time, jump it forward, or run it faster than the wall clock and
see ring timeouts and wrap-up timers fire exactly as they would in real life.

Each tenant owns a clock: parallel tests sharing one emulator can advance their
own time without firing each other's timers. One :class:`Scheduler` thread
serves the real-time and scaled clocks; a frozen (virtual) clock fires its
timers only inside :meth:`Clock.advance`, in the caller's thread, in due order,
which keeps virtual-time tests deterministic.
"""
from __future__ import annotations

import heapq
import itertools
import threading
import time
from dataclasses import dataclass
from typing import Callable

REAL = "real"
VIRTUAL = "virtual"
MODES = (REAL, VIRTUAL)


def _cancelled() -> None:
    pass


@dataclass(slots=True, eq=False)
class Timer:
    due: float
    seq: int
    callback: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True
        # a cancelled timer waits in the heap until it reaches the top (a ring timeout: up to
        # minutes); the closure it holds, and the call that holds, need not wait with it
        self.callback = _cancelled


class Clock:
    """A clock whose ``now()`` is ``origin + scale * elapsed_real``, plus jumps.

    ``scale`` 1 is real time, 0 is frozen, any other value runs time faster or
    slower than the wall clock.
    """

    _seq = itertools.count()

    def __init__(self, scheduler: "Scheduler | None" = None, mode: str = REAL,
                 start: float | None = None, scale: float | None = None):
        self._lock = threading.RLock()
        # held while timer callbacks run, so advance() returns only after every
        # callback that fell due (even one the scheduler thread had started) has finished
        self._running = threading.RLock()
        # a heap of (due, seq, timer): tuples compare in C, a dataclass's __lt__ in Python
        self._timers: list[tuple[float, int, Timer]] = []
        self._scheduler = scheduler
        self._set(mode=mode, start=start, scale=scale)

    # -- reading -----------------------------------------------------------
    def now(self) -> float:
        """Seconds since the epoch on this clock."""
        if self._scale == 0:
            return self._origin
        return self._origin + (time.monotonic() - self._real_origin) * self._scale

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def scale(self) -> float:
        return self._scale

    def describe(self) -> dict:
        return {"mode": self._mode, "now": self.now(), "scale": self._scale,
                "pending_timers": sum(1 for _, _, t in self._timers if not t.cancelled)}

    # -- changing ----------------------------------------------------------
    def _set(self, mode: str, start: float | None, scale: float | None) -> None:
        if mode not in MODES:
            raise ValueError(f"clock mode must be one of {MODES}")
        if scale is None:
            scale = 1.0 if mode == REAL else 0.0
        if scale < 0:
            raise ValueError("clock scale must not be negative")
        self._mode = mode
        self._origin = time.time() if start is None else float(start)
        self._real_origin = time.monotonic()
        self._scale = float(scale)

    def configure(self, mode: str | None = None, now: float | None = None,
                  scale: float | None = None) -> None:
        """Switch mode, set the current time, or change the speed."""
        with self._lock:
            current = self.now()
            mode = mode or self._mode
            if scale is None and mode != self._mode:
                scale = 1.0 if mode == REAL else 0.0
            self._set(mode, current if now is None else now,
                      self._scale if scale is None else scale)
        self._fire_due()
        self._wake()

    def advance(self, seconds: float) -> int:
        """Move time forward, firing every timer that falls due on the way.

        Timers fire one at a time at their own due time, so a timer that sets
        another timer inside the advanced window sees that one fire too.
        Returns how many timers fired.
        """
        if seconds < 0:
            raise ValueError("time only moves forward")
        fired = 0
        with self._running:
            target = self.now() + seconds
            fired = self._advance_to(target)
        self._wake()
        return fired

    def _advance_to(self, target: float) -> int:
        fired = 0
        while True:
            with self._lock:
                timer = self._pop_due(target)
                if timer is None:
                    self._jump_to(target)
                    break
                self._jump_to(max(timer.due, self.now()))
            timer.callback()
            fired += 1
        return fired

    def _jump_to(self, when: float) -> None:
        self._origin = when
        self._real_origin = time.monotonic()

    # -- timers ------------------------------------------------------------
    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        timer = Timer(self.now() + max(0.0, delay), next(self._seq), callback)
        with self._lock:
            heapq.heappush(self._timers, (timer.due, timer.seq, timer))
        if self._scheduler is not None:
            if self._scale > 0:
                self._scheduler.watch(self, delay / self._scale)
            elif delay <= 0:          # due now even on a frozen clock
                self._scheduler.watch(self, 0.0)
        return timer

    def _next(self) -> tuple[float, int, Timer] | None:
        """The earliest timer not cancelled (cancelled ones on the way are dropped); caller holds the lock."""
        timers = self._timers
        while timers and timers[0][2].cancelled:
            heapq.heappop(timers)
        return timers[0] if timers else None

    def _pop_due(self, until: float) -> Timer | None:
        first = self._next()
        if first is not None and first[0] <= until:
            return heapq.heappop(self._timers)[2]
        return None

    def _fire_due(self) -> int:
        fired = 0
        with self._running:
            while True:
                with self._lock:
                    timer = self._pop_due(self.now())
                if timer is None:
                    return fired
                try:
                    timer.callback()
                finally:
                    fired += 1

    def seconds_until_next(self) -> float | None:
        """Real seconds until the next timer is due; None when none can fall due."""
        with self._lock:
            first = self._next()
            if first is None or self._scale == 0:
                return None
            return max(0.0, (first[0] - self.now()) / self._scale)

    def has_timers(self) -> bool:
        with self._lock:
            return any(not t.cancelled for _, _, t in self._timers)

    def clear(self) -> None:
        with self._lock:
            self._timers.clear()

    def _wake(self) -> None:
        if self._scheduler is not None:
            self._scheduler.watch(self)


class Scheduler:
    """One daemon thread that fires the timers of every running clock."""

    def __init__(self, on_error: Callable[[BaseException], None] | None = None):
        self._clocks: set[Clock] = set()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self._on_error = on_error
        # monotonic time the sleeping thread will wake at; -inf while it is busy
        # (it re-reads every clock before sleeping again, so no wake-up is needed)
        self._wake_at = float("-inf")

    def watch(self, clock: Clock, real_delay: float | None = None) -> None:
        """Serve ``clock``; wake the thread only if something may now fall due
        before it would wake anyway (setting a timer is on every call's path)."""
        with self._cond:
            new = clock not in self._clocks
            self._clocks.add(clock)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="ccemu-clock", daemon=True)
                self._thread.start()
            if new or real_delay is None or time.monotonic() + real_delay < self._wake_at:
                self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._stopped:
                    return
                clocks = list(self._clocks)
            for clock in clocks:
                try:
                    clock._fire_due()
                except BaseException as exc:  # a broken callback must not stop time
                    if self._on_error:
                        self._on_error(exc)
            with self._cond:
                waits = []
                for clock in list(self._clocks):
                    wait = clock.seconds_until_next()
                    if wait is None and not clock.has_timers():
                        self._clocks.discard(clock)
                    elif wait is not None:
                        waits.append(wait)
                if self._stopped:
                    return
                timeout = min(waits) if waits else None
                self._wake_at = float("inf") if timeout is None else time.monotonic() + timeout
                self._cond.wait(timeout=timeout)
                self._wake_at = float("-inf")
