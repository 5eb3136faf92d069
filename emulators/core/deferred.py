"""Work a request accepts now and runs right after its reply is sent.

Vendors' command APIs answer before they execute: VOIspeed's ``call_request``
replies ``outcome 0`` with a ``request_id`` "at once", and a failure that shows
up later arrives as a ``cmd_failed`` event. A surface hands such work to
:meth:`Backlog.defer`; the server that put a list under :data:`AFTER_RESPONSE`
in the WSGI environ (ours, :mod:`.http11`, when no other request is in
progress) runs it on the connection's thread once the reply is written, before
it reads that connection's next request. So:

- a client that waits for the reply gets it without waiting for the work, and
  its next request on the same connection sees the work done;
- a request of the same tenant on another connection first waits for the
  tenant's accepted work (:meth:`Backlog.settle`), so no client, test or control
  plane call sees a reply's effects missing;
- anywhere else (a busy server, the Flask test client, another WSGI server)
  the work runs before the reply, as if nothing were deferred.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

log = logging.getLogger(__name__)

AFTER_RESPONSE = "ccemu.after_response"   # environ key: callables the server runs after the reply
SETTLE_SECONDS = 10.0                     # the longest a request waits for another one's accepted work


class Backlog:
    """Per tenant, the accepted work that has not run yet."""

    def __init__(self) -> None:
        self._pending: dict[str, int] = {}
        self._cond = threading.Condition(threading.Lock())
        self._waiters = 0

    def defer(self, environ: dict, tenant_id: str, work: Callable[[], None]) -> None:
        """Run ``work`` after the reply when the server can, else now."""
        after = environ.get(AFTER_RESPONSE)
        if after is None:
            work()
            return
        with self._cond:
            self._pending[tenant_id] = self._pending.get(tenant_id, 0) + 1
        after.append(lambda: self._run(tenant_id, work))

    def _run(self, tenant_id: str, work: Callable[[], None]) -> None:
        try:
            work()
        except Exception:   # the reply is gone: nobody else would hear of it
            log.exception("work accepted for tenant %s failed", tenant_id)
        finally:
            with self._cond:
                left = self._pending[tenant_id] - 1
                if left:
                    self._pending[tenant_id] = left
                else:
                    del self._pending[tenant_id]
                if self._waiters:
                    self._cond.notify_all()

    def settle(self, tenant_id: str | None, timeout: float = SETTLE_SECONDS) -> None:
        """Wait until the tenant's accepted work has run (other connections' replies included)."""
        # the common case, and every request of a client that waits for its replies on one
        # connection: nothing of this tenant pending, so no lock (a dict look-up is atomic)
        if tenant_id is None or tenant_id not in self._pending:
            return
        with self._cond:
            self._waiters += 1
            try:
                self._cond.wait_for(lambda: tenant_id not in self._pending, timeout)
            finally:
                self._waiters -= 1


def run_after_response(environ: dict) -> None:
    """The server's side: run what the app deferred (each callable guards itself)."""
    for work in environ.get(AFTER_RESPONSE) or ():
        work()
