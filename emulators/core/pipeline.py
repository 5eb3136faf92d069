"""What every request a surface serves goes through, on Flask routes
(:func:`emulators.core.app.install_request_pipeline`) and direct routes
(:mod:`.direct`) alike: before it, the tenant's accepted work and the fault
rules (:func:`admit`); after it, one journal entry (:func:`journal_request`).
"""
from __future__ import annotations

import socket
import sys
import time
from urllib.parse import parse_qsl

QUERY_ARGS = "ccemu.query_args"      # environ key: the parsed query string, computed once
DROPPED = 499                         # the status journalled for a connection a fault rule dropped
SHARED_VALUE_CHARS = 64               # query values up to this long are interned (see query_args)
_intern = sys.intern


def query_args(environ: dict) -> dict[str, str]:
    """The query string as a plain dict (first value of a repeated name wins), parsed once.

    The common query — ASCII, nothing escaped — is split directly: ``parse_qsl`` is
    pure Python and cost about a tenth of a whole request. Anything else is decoded
    as werkzeug decodes ``request.args`` (UTF-8 bytes, bad sequences replaced).
    """
    args = environ.get(QUERY_ARGS)
    if args is None:
        qs = environ.get("QUERY_STRING", "")
        args = {}
        if qs.isascii() and "%" not in qs and "+" not in qs:
            for pair in qs.split("&"):
                if pair:
                    name, _, value = pair.partition("=")
                    if name not in args:
                        # the journal keeps these for its last 20,000 requests, and names and most
                        # values repeat (service=…, token=…, ext=…): one shared copy of each
                        args[_intern(name)] = _intern(value) if len(value) <= SHARED_VALUE_CHARS else value
        else:
            try:    # WSGI hands the raw bytes over as latin-1 text
                qs = qs.encode("latin-1").decode("utf-8", "replace")
            except UnicodeEncodeError:
                pass    # already decoded by whoever built this environ
            for name, value in parse_qsl(qs, keep_blank_values=True):
                args.setdefault(name, value)
        environ[QUERY_ARGS] = args
    return args


def admit(emulator, surface: str, tenant: str | None, path: str, environ: dict) -> tuple[str, int] | None:
    """Before a surface serves a request: wait for the work its tenant's earlier replies
    accepted (see :mod:`.deferred`), then apply the first matching "in" fault rule.
    None to serve the request (after a latency rule's delay), else the (body, status)
    to answer instead."""
    emulator.backlog.settle(tenant)
    if not emulator.faults.has_rules():
        return None
    rule = emulator.faults.match(surface=surface, direction="in", tenant=tenant, target=path,
                                 params=query_args(environ))
    if rule is None:
        return None
    if rule.action == "latency":
        time.sleep(rule.latency_ms / 1000.0)
        return None
    if rule.action == "error":
        return rule.body, rule.status
    sock = environ.get("werkzeug.socket")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    return "", DROPPED


def journal_request(emulator, surface: str, tenant: str | None, path: str, environ: dict,
                    status: int, started: float, response: str) -> None:
    """The request's journal entry (the journal keeps a snippet of ``response``)."""
    emulator.journal.record(
        tenant=tenant, surface=surface, direction="in", method=_intern(environ.get("REQUEST_METHOD", "")),
        target=path, params=dict(query_args(environ)), status=status,
        duration_ms=(time.perf_counter() - started) * 1000.0,
        outcome="ok" if status < 400 else "error", response=response)
