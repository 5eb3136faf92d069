"""EnreachAPI's per-user request quota: a fixed one-minute window on the tenant's clock.

The real API throttles per caller and answers 429 with ``Retry-After``. The
window runs on the tenant's clock so a test can reach the limit and then
advance virtual time past it instead of sleeping.
"""
from __future__ import annotations

import threading

WINDOW = 60.0


class RateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, str], tuple[int, int]] = {}   # (tenant, who) -> (window, count)

    def hit(self, tenant, identity: str, limit: int) -> int | None:
        """Count one request; None if allowed, else the seconds until the window resets."""
        if limit <= 0:
            return None
        now = tenant.clock.now()
        window = int(now // WINDOW)
        key = (tenant.id, identity)
        with self._lock:
            current, count = self._windows.get(key, (window, 0))
            if current != window:
                current, count = window, 0
            count += 1
            self._windows[key] = (current, count)
            if len(self._windows) > 100_000:       # bounded: forget old windows
                self._windows = {k: v for k, v in self._windows.items() if v[0] == window}
        if count <= limit:
            return None
        return int((window + 1) * WINDOW - now) + 1
