"""One outbound HTTP request over a shared urllib3 pool.

The delivery workers send through urllib3 directly: requests' session
machinery (hooks, cookie jars, adapter look-ups) cost about half of each push,
and pushes are on the path of every call event. urllib3 is what requests runs
on, so the wire behaviour (keep-alive, redirects, encodings) is the same.
"""
from __future__ import annotations

import base64
import json as jsonlib
from typing import Any
from urllib.parse import urlencode


FORM = "application/x-www-form-urlencoded"


def new_pool(connections: int):
    import urllib3   # loaded with the first delivery, not at start-up
    # redirects are followed as browsers and requests do; our own retries happen one level up
    return urllib3.PoolManager(num_pools=64, maxsize=connections, block=False,
                               retries=urllib3.Retry(total=None, connect=0, read=0, status=0,
                                                     redirect=5, raise_on_redirect=False))


def send(pool, method: str, url: str, *, params: dict | None = None,
         data: dict | None = None, json: Any = None, headers: dict | None = None,
         auth: tuple[str, str] | None = None, timeout: float = 5.0) -> tuple[int, bytes]:
    """Send and return (status, body). Network errors raise urllib3's exceptions."""
    if params:
        url = f"{url}{'&' if '?' in url else '?'}{urlencode(params, doseq=True)}"
    out_headers = dict(headers or {})
    body: bytes | None = None
    if data is not None:
        body = urlencode(data, doseq=True).encode("utf-8")
        out_headers.setdefault("Content-Type", FORM)
    elif json is not None:
        body = jsonlib.dumps(json).encode("utf-8")
        out_headers.setdefault("Content-Type", "application/json")
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode("utf-8")).decode("ascii")
        out_headers["Authorization"] = f"Basic {token}"
    response = pool.request(method, url, body=body, headers=out_headers, timeout=timeout,
                            preload_content=True)
    return response.status, response.data
