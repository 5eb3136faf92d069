"""The official Microsoft SignalR JavaScript client (``@microsoft/signalr`` from npm, run by
Node), unchanged, against the hub: token endpoint, AvailableSubscriptions, Subscribe,
MessageReceived from a scenario, Unsubscribe, reconnect, a bad token refused with 401,
skipNegotiation.

The client is installed from ``tests/rte/js/package-lock.json`` with ``npm ci`` the
first time it is needed (once, under a file lock, for all xdist workers); CI can do
it beforehand: ``npm ci --prefix tests/rte/js``. Without Node the test is skipped.
"""
from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from emulators.rte import ids
from emulators.rte import org as orgs

JS_DIR = Path(__file__).with_name("js")
INSTALLED = JS_DIR / "node_modules" / "@microsoft" / "signalr" / "package.json"


def node_client() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        pytest.skip("Node.js is not installed: the JavaScript client cannot run")
    if not INSTALLED.exists():
        if npm is None:
            pytest.fail("npm is needed to install @microsoft/signalr (npm ci --prefix tests/rte/js)")
        with open(JS_DIR / ".install.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not INSTALLED.exists():
                done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=JS_DIR, capture_output=True,
                                      text=True, timeout=600)
                if done.returncode != 0:
                    pytest.fail(f"npm ci failed:\n{done.stdout}\n{done.stderr}")
    return node


@pytest.fixture(scope="module")
def node():
    return node_client()


def run(node: str, base_url: str, tenant) -> dict:
    done = subprocess.run([node, str(JS_DIR / "rte_client.mjs"), base_url, orgs.demo_login(tenant.id), "demo",
                           tenant.id], capture_output=True, text=True, timeout=120, cwd=JS_DIR)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no report from node:\n{done.stdout}\n{done.stderr}"
    report = json.loads(lines[-1])
    assert report["ok"], f"{report.get('error')}\n{done.stderr}"
    return {k: v for step in report["steps"] for k, v in (step.items() if isinstance(step, dict) else [(step, True)])}


def test_the_microsoft_js_client_works_unchanged(node, base_url, tenant):
    steps = run(node, base_url, tenant)
    queue, agent = ids.queue(tenant, 1), ids.user(tenant, 3)
    assert steps["connected"] == "Connected"
    assert steps["available"] == 51
    assert all(r["subscribed"] for r in steps["subscribed"])
    assert [m["subscription"]["eventName"] for m in steps["messages"] if m["subscription"]["entityId"] == queue] \
        == ["queuecallincoming", "queuecallinarrived", "queuecallinuserallocated", "queuecallinuserconnected",
            "queuecallindisconnected"]
    allocated = next(m for m in steps["messages"] if m["subscription"]["eventName"] == "queuecallinuserallocated")
    assert allocated["eventType"] == 102 and allocated["userId"] == agent
    assert [r["subscribed"] for r in steps["unsubscribed"]] == [False] * 5
    assert steps["unsubscribeAll"] is True
    assert steps["stopped"] == "Disconnected"
    assert steps["reconnected"] == "Connected" and steps["availableAgain"] == 51
    assert steps["unknownMethod"].endswith("Failed to invoke 'NoSuchMethod' due to an error on the server.")
    assert steps["tokens"] >= 3            # the factory was asked again for every (re)connection
    assert "401" in steps["badToken"]
    assert steps["skipNegotiation"] == 51
