"""The Playground at /datamodel: an interactive GraphQL IDE with a headers editor, working offline.

The browser check drives the page in the system Chromium through playwright-core
(``npm install --prefix tests/tvox/browser``); it is skipped only when Chromium,
node or playwright-core are not installed.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from emulators.core.server import Server

BROWSER_DIR = Path(__file__).with_name("browser")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def test_playground_page_is_served_without_a_key(dm):
    r = dm.client.get("/datamodel")
    assert r.status_code == 200 and r.mimetype == "text/html"
    page = r.get_data(as_text=True)
    assert "GraphQLPlayground.init" in page and "/datamodel/query" in page and "X-Telenia-APIKey" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_playground_assets_are_local(dm):
    js = dm.client.get("/datamodel/static/playground.js", headers={"Accept-Encoding": "gzip, br"})
    assert js.status_code == 200 and js.headers["Content-Encoding"] == "gzip"
    plain = dm.client.get("/datamodel/static/playground.js")
    assert plain.status_code == 200 and b"GraphQLPlayground" in plain.data
    assert dm.client.get("/datamodel/static/playground.css").status_code == 200
    assert dm.client.get("/datamodel/static/nothing.js").status_code == 404


def _browser_missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    if shutil.which("node") is None:
        return "node is not installed"
    if not (BROWSER_DIR / "node_modules" / "playwright-core").exists():
        return "playwright-core is not installed (npm install --prefix tests/tvox/browser)"
    return None


@pytest.mark.skipif(_browser_missing() is not None, reason=_browser_missing() or "")
def test_running_a_query_in_headless_chromium_shows_its_result(app, emu):
    from .conftest import tenant_api
    tenant = emu.new_tenant(clock_mode="virtual")
    api = tenant_api(app, emu, tenant)
    expected = api.data("{ inboundCallsCount(search: { year: 2020, month: 5 }) }")
    server = Server(app, host="127.0.0.1", port=0).start()
    try:
        done = subprocess.run(
            ["node", "playground_check.mjs", server.url, api.key,
             "{ inboundCallsCount(search: { year: 2020, month: 5 }) }"],
            cwd=BROWSER_DIR, capture_output=True, text=True, timeout=180, env={**os.environ, "CHROMIUM": CHROMIUM})
    finally:
        server.stop()
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert json.loads(out["result"]) == {"data": expected}
    assert out["offsite"] == []          # nothing fetched from outside the emulator
