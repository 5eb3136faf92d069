"""The document's rate limit: 100 requests per minute per API key, on the tenant's clock.

A sliding window: a request is admitted when fewer than the limit were
admitted in the 60 seconds before it. Rejected requests do not count. The
window follows the tenant's clock, so a test on a virtual clock sees the
limit lift exactly when it advances time past the oldest request.
"""
from __future__ import annotations

import math
import threading
from collections import deque
from typing import Callable

WINDOW = 60.0


class RateLimiter:
    def __init__(self, limit: Callable[[], int], now: Callable[[], float]):
        self._limit = limit
        self._now = now
        self._lock = threading.Lock()
        self._admitted: dict[str, deque] = {}

    def admit(self, key: str) -> float | None:
        """None when admitted; else the seconds to wait (for ``Retry-After``)."""
        limit = self._limit()
        now = self._now()
        with self._lock:
            times = self._admitted.setdefault(key, deque())
            while times and times[0] <= now - WINDOW:
                times.popleft()
            if limit > 0 and len(times) >= limit:
                return max(times[0] + WINDOW - now, 0.001)
            times.append(now)
            return None

    def remaining(self, key: str) -> int:
        now = self._now()
        with self._lock:
            times = self._admitted.get(key, ())
            used = sum(1 for t in times if t > now - WINDOW)
        return max(self._limit() - used, 0)

    @staticmethod
    def retry_after_header(wait: float) -> str:
        return str(max(1, math.ceil(wait)))

    def reset(self) -> None:
        with self._lock:
            self._admitted.clear()
