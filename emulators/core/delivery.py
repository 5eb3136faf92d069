"""Outbound HTTP deliveries with ordering, retries, backoff, auth and journal entries.

Projections push events to integrators (VOIspeed's GET query strings, TVox's
Basic-Auth form POSTs) through :class:`Delivery`, never inline: the engine must
not wait on a partner's server, and a partner that is down must not lose events.

* Deliveries sharing ``(tenant, url, order_key)`` form a *lane* and go out
  strictly one after another in push order; a retrying delivery holds back the
  rest of its lane (``outgoing_call`` must arrive before ``call_answered``).
  Only a lane's head is ever queued, in flight or waiting to retry.
* Different lanes run concurrently on a few lazily started daemon workers, each
  sharing one keep-alive urllib3 pool (see :mod:`http_send`).
* A failed attempt (non-2xx, timeout, connection error) is retried after
  ``backoff * 2**(attempt-1)`` seconds (capped) from a timer heap served by one
  thread, so no worker sleeps; after ``retries`` extra attempts it is given up.
* Every attempt is a journal entry; "out" fault rules apply before sending.
* ``on_response(status, body)`` hands the final attempt's answer (status None
  when nothing came back) to a caller that needs it — e.g. a PBX obeying an
  IVR script's reply — before the delivery counts as finished, so
  :meth:`Delivery.flush` also waits for what the caller does with it.
"""
from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable

from . import http_send
from .faults import Faults
from .journal import OUT, Journal

log = logging.getLogger(__name__)


@dataclass(slots=True, eq=False)
class _Job:
    id: str
    tenant: str
    surface: str
    url: str
    method: str
    params: dict | None
    data: dict | None
    json: Any
    headers: dict | None
    auth: tuple[str, str] | None
    timeout: float
    retries: int
    backoff: float
    max_backoff: float
    lane: tuple | None
    on_done: Callable[[bool], None] | None
    on_response: Callable[[int | None, bytes], None] | None = None
    logged: dict[str, str] = field(default_factory=dict)  # params as journalled
    attempt: int = 0
    cancelled: bool = False


class Delivery:
    def __init__(self, journal: Journal, faults: Faults, workers: int = 4):
        self.journal = journal
        self.faults = faults
        # 4 workers: measured on 2 cores, more threads lose more to the GIL than they gain
        # in overlap (2 reach ~2,300 pushes/s, 8 ~1,700), and 4 still ride out slow receivers
        self.max_workers = max(1, workers)
        self._pool = None      # made with the first worker: importing no HTTP stack at start-up
        self._lock = threading.Lock()
        self._has_work = threading.Condition(self._lock)
        self._has_timer = threading.Condition(self._lock)
        self._all_done = threading.Condition(self._lock)
        self._ready: deque[_Job] = deque()
        self._timers: list[tuple[float, int, _Job]] = []
        self._lanes: dict[tuple, deque[_Job]] = {}
        self._jobs: dict[str, _Job] = {}           # every job not yet finished
        self._workers: list[threading.Thread] = []
        self._idle = 0
        self._timer_thread: threading.Thread | None = None
        self._closed = False
        self._ids = itertools.count(1)
        self._seq = itertools.count()

    # -- public ------------------------------------------------------------
    def push(self, *, tenant: str, surface: str, url: str, method: str = "GET",
             params: dict | None = None, data: dict | None = None, json: Any = None,
             headers: dict | None = None, auth: tuple[str, str] | None = None,
             timeout: float = 5.0, retries: int = 5, backoff: float = 0.5,
             max_backoff: float = 30.0, order_key: Any = None,
             on_done: Callable[[bool], None] | None = None,
             on_response: Callable[[int | None, bytes], None] | None = None) -> str:
        """Queue one delivery and return its id (journal entries carry it)."""
        if retries < 0 or backoff < 0 or max_backoff < 0 or timeout <= 0:
            raise ValueError("retries, backoff and max_backoff must be >= 0 and timeout > 0")
        logged = {str(k): str(v) for k, v in params.items()} if params else {}
        if data:
            logged.update((str(k), str(v)) for k, v in data.items())
        lane = None if order_key is None else (tenant, url, order_key)
        job = _Job(f"d-{next(self._ids)}", tenant, surface, url, method.upper(), params, data,
                   json, headers, auth, timeout, retries, backoff, max_backoff, lane, on_done,
                   on_response, logged)
        with self._lock:
            if self._closed:
                raise RuntimeError("delivery is closed")
            self._jobs[job.id] = job
            if lane is None:
                self._make_ready(job)
            elif lane in self._lanes:
                self._lanes[lane].append(job)  # waits for the jobs ahead of it
            else:
                self._lanes[lane] = deque((job,))
                self._make_ready(job)
        return job.id

    def pending(self, tenant: str | None = None) -> int:
        """Deliveries queued, in flight or waiting to retry."""
        with self._lock:
            if tenant is None:
                return len(self._jobs)
            return sum(1 for j in self._jobs.values() if j.tenant == tenant)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until nothing is pending; False if time ran out first."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._jobs:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._all_done.wait(remaining)
        return True

    def cancel(self, tenant: str | None = None) -> None:
        """Drop queued and retrying work (of one tenant, or all). Attempts in flight
        finish but are neither retried nor reported to ``on_done``."""
        with self._lock:
            dropped = [j for j in self._jobs.values() if tenant is None or j.tenant == tenant]
            for job in dropped:
                job.cancelled = True
                del self._jobs[job.id]
                if job.lane is not None:
                    self._lanes.pop(job.lane, None)
            self._ready = deque(j for j in self._ready if not j.cancelled)
            self._timers = [t for t in self._timers if not t[2].cancelled]
            heapq.heapify(self._timers)
            if not self._jobs:
                self._all_done.notify_all()

    def close(self) -> None:
        """Stop the workers and the timer thread; queued work is dropped."""
        self.cancel()
        with self._lock:
            self._closed = True
            self._has_work.notify_all()
            self._has_timer.notify_all()

    # -- scheduling (caller holds the lock) ----------------------------------
    def _make_ready(self, job: _Job) -> None:
        self._ready.append(job)
        if self._idle:  # idle = waiting and not yet woken, so a burst grows the pool
            self._idle -= 1
            self._has_work.notify()
        elif len(self._workers) < self.max_workers:
            worker = threading.Thread(target=self._work, daemon=True,
                                      name=f"ccemu-delivery-{len(self._workers) + 1}")
            self._workers.append(worker)
            worker.start()

    def _retry_later(self, job: _Job) -> None:
        delay = min(job.max_backoff, job.backoff * 2 ** (job.attempt - 1))
        heapq.heappush(self._timers, (time.monotonic() + delay, next(self._seq), job))
        if self._timer_thread is None:
            self._timer_thread = threading.Thread(target=self._run_timers, daemon=True,
                                                  name="ccemu-delivery-timers")
            self._timer_thread.start()
        self._has_timer.notify()

    def _finish(self, job: _Job) -> None:
        del self._jobs[job.id]
        if job.lane is not None:
            lane = self._lanes[job.lane]
            lane.popleft()
            if lane:
                self._make_ready(lane[0])
            else:
                del self._lanes[job.lane]
        if not self._jobs:
            self._all_done.notify_all()

    # -- threads -----------------------------------------------------------
    def _run_timers(self) -> None:
        with self._lock:
            while not self._closed:
                if not self._timers:
                    self._has_timer.wait()
                    continue
                wait = self._timers[0][0] - time.monotonic()
                if wait > 0:
                    self._has_timer.wait(wait)
                    continue
                job = heapq.heappop(self._timers)[2]
                if not job.cancelled:
                    self._make_ready(job)

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._ready and not self._closed:
                    self._idle += 1  # the waker takes it back off
                    self._has_work.wait()
                if self._closed:
                    return
                job = self._ready.popleft()
                if self._pool is None:
                    self._pool = http_send.new_pool(self.max_workers)
            try:
                self._attempt(job, self._pool)
            except Exception:  # a bug here must not shrink the pool
                log.exception("delivery %s failed unexpectedly", job.id)

    def _attempt(self, job: _Job, pool) -> None:
        job.attempt += 1
        status, detail, response, content = None, "", "", b""
        started = time.perf_counter()
        try:
            rule = self.faults.match(surface=job.surface, direction=OUT, tenant=job.tenant,
                                     target=job.url, params=job.logged)
            if rule is not None and rule.action == "latency":
                time.sleep(rule.latency_ms / 1000.0)
            if rule is not None and rule.action == "error":
                status, response, detail = rule.status, rule.body, f"fault {rule.id}: HTTP {rule.status}, nothing sent"
                content = (rule.body or "").encode("utf-8")
            elif rule is not None and rule.action == "drop":
                detail = f"fault {rule.id}: dropped, nothing sent"
            else:
                status, body = http_send.send(pool, job.method, job.url, params=job.params, data=job.data,
                                              json=job.json, headers=job.headers, auth=job.auth,
                                              timeout=job.timeout)
                content = body if job.on_response is not None else b""
                response = body[:512].decode("utf-8", "replace")
        except Exception as exc:  # timeouts, refused connections, bad URLs: a failed attempt
            detail = f"{type(exc).__name__}: {exc}"[:500]
        duration_ms = (time.perf_counter() - started) * 1000.0

        ok = status is not None and 200 <= status < 300
        retry = not ok and job.attempt <= job.retries and not job.cancelled
        outcome = "ok" if ok else "retrying" if retry else "gave_up"
        if not ok and not detail:
            detail = f"HTTP {status}"
        if job.cancelled and not ok:
            detail += " (cancelled)"
        self.journal.record(tenant=job.tenant, surface=job.surface, direction=OUT,
                            method=job.method, target=job.url, params=job.logged,
                            status=status, attempt=job.attempt, duration_ms=duration_ms,
                            outcome=outcome, detail=detail, delivery_id=job.id,
                            response=response)
        if job.on_response is not None and not retry and not job.cancelled:
            try:
                job.on_response(status, content)
            except Exception:
                log.exception("on_response of delivery %s failed", job.id)
        with self._lock:
            if job.cancelled:
                return
            if retry:
                self._retry_later(job)
                return
            self._finish(job)
        if job.on_done is not None:
            try:
                job.on_done(ok)
            except Exception:
                log.exception("on_done of delivery %s failed", job.id)
