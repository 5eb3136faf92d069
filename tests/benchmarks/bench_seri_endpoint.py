"""seri_endpoint.php against a bare Flask app that returns fixed XML.

Run: ``python tests/benchmarks/bench_seri_endpoint.py [--http]``. Not collected by
pytest (no timing assertions in the suite). Goal: ≥ 0.9× the bare app's
throughput, p50 ≤ 1 ms.

Without ``--http`` each request is a WSGI call with a prebuilt environ, so the
numbers compare the two apps, not the HTTP server; with ``--http`` requests go
over keep-alive HTTP to ``emulators.core.server.Server``.
"""
from __future__ import annotations

import statistics
import sys
import time

from flask import Flask, Response
from werkzeug.test import EnvironBuilder

from emulators.app import create_app
from emulators.core.app import Config
from emulators.voispeed.render import XML_CONTENT_TYPE, render_ok

FIXED = render_ok(15652770917203)
QUERIES = {
    "probe (limit=1)": "service=get_user_call_report&token=mio_token&ext=35&limit=1",
    "bad token": "service=call_request&token=wrong&ext=35&number=187",
    "unknown call": "service=call_action&token=567897655&ext=35&call_id=1&action=hold",
    "set_user_mode": "service=set_user_mode&token=567897655&ext=35&mode=1",
}


def bare_app() -> Flask:
    app = Flask("bare")

    @app.get("/PBX/seri_endpoint.php")
    def endpoint():
        return Response(FIXED, content_type=XML_CONTENT_TYPE)
    return app


def wsgi_times(app, query: str, n: int) -> list[float]:
    base = EnvironBuilder(path="/PBX/seri_endpoint.php", query_string=query).get_environ()

    def start_response(status, headers, exc_info=None):
        return None
    times = []
    for _ in range(n):
        environ = dict(base)
        started = time.perf_counter()
        for chunk in app(environ, start_response):
            pass
        times.append(time.perf_counter() - started)
    return times


def http_times(app, query: str, n: int) -> list[float]:
    import requests
    from emulators.core.server import Server
    with Server(app, host="127.0.0.1", port=0) as server:
        session = requests.Session()
        url = f"{server.url}/PBX/seri_endpoint.php?{query}"
        session.get(url)
        times = []
        for _ in range(n):
            started = time.perf_counter()
            session.get(url).content
            times.append(time.perf_counter() - started)
        return times


def report(name: str, times: list[float], baseline: float | None) -> float:
    p50 = statistics.median(times)
    rate = 1 / statistics.mean(times)
    ratio = f"  {rate / baseline:.2f}x bare" if baseline else ""
    print(f"{name:18} p50 {p50 * 1e6:7.1f} us  {rate:9.0f} req/s{ratio}")
    return rate


def main() -> None:
    measure, n = (http_times, 2000) if "--http" in sys.argv else (wsgi_times, 20000)
    app = create_app(Config(clock="virtual"))
    measure(app, QUERIES["probe (limit=1)"], 500)       # warm up
    baseline = report("bare Flask", measure(bare_app(), "", n), None)
    for name, query in QUERIES.items():
        report(name, measure(app, query, n), baseline)
    app.extensions["ccemu"].close()


if __name__ == "__main__":
    main()
