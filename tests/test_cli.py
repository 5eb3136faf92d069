"""The ``ccemu`` command line: help, errors a person can act on, and serving."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from emulators import cli
from emulators.app import create_app
from emulators.core.app import Config
from emulators.core.server import Server

ROOT = Path(__file__).resolve().parents[1]
HELLO = ROOT / "fixtures" / "scenarios" / "hello_world.yaml"


def invoke(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def running():
    """An emulator served in this process, for the commands that talk HTTP."""
    app = create_app(Config())
    server = Server(app, "127.0.0.1", 0).start()
    yield server.url
    server.stop()
    app.extensions["ccemu"].close()


# -- help ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [[], ["up"], ["scenario"], ["scenario", "run"], ["seed"],
                                     ["journal"], ["health"]])
def test_every_command_has_help(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_up_help_lists_its_options():
    output = invoke("up", "--help").output
    for option in ("--host", "--port", "--clock", "--seed", "--surface", "--surface-port"):
        assert option in output


# -- errors: one clear line, non-zero exit, no traceback ---------------------------------------
@pytest.mark.parametrize("command", [["health"], ["seed"], ["journal"],
                                     ["scenario", "run", str(HELLO)]])
def test_unreachable_emulator_is_one_clear_line(command):
    url = closed_port_url()
    result = invoke(*command, "--url", url)
    assert result.exit_code != 0
    assert f"cannot reach the emulator at {url}" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_url_without_scheme_is_rejected():
    result = invoke("health", "--url", "127.0.0.1:8080")
    assert result.exit_code != 0
    assert "--url must start with http://" in result.output


def test_unknown_clock_mode_is_a_usage_error():
    result = invoke("up", "--clock", "sundial")
    assert result.exit_code == 2
    assert "sundial" in result.output


@pytest.mark.parametrize("value", ["voispeed", "=8081", "voispeed=http", "voispeed=70000"])
def test_surface_port_must_be_name_equals_port(value):
    with pytest.raises(cli.CliError):
        cli.parse_surface_ports([value])


def test_surface_ports_parse():
    assert cli.parse_surface_ports(["voispeed=8081", "tvox=8082"]) == {"voispeed": 8081, "tvox": 8082}


# -- building the servers of `ccemu up` ----------------------------------------------------------
def test_one_app_is_served_on_the_main_port_and_each_surface_port():
    app = create_app(Config())
    servers = cli.build_servers(app, "127.0.0.1", 0, {"voispeed": 0})
    try:
        assert [name for name, _ in servers] == [None, "voispeed"]
        for _, server in servers:
            server.start()
        main, extra = servers[0][1], servers[1][1]
        assert main.port != extra.port
        # one process, one state: a tenant created through one port is seen through the other
        created = requests.post(f"{main.url}/_emulator/tenants", json={}, timeout=5).json()
        seen = requests.get(f"{extra.url}/_emulator/tenants/{created['id']}", timeout=5)
        assert seen.status_code == 200
        hello = requests.get(f"{extra.url}/PBX/seri_endpoint.php", params={
            "service": "call_request", "token": "vostro_token", "ext": "35", "number": "187"}, timeout=5)
        assert "<outcome>0</outcome>" in hello.text
    finally:
        for _, server in servers:
            server.stop()
        app.extensions["ccemu"].close()


def test_a_port_for_a_surface_not_served_is_refused():
    app = create_app(Config())
    try:
        with pytest.raises(cli.CliError, match="not served"):
            cli.build_servers(app, "127.0.0.1", 0, {"nosuch": 0})
    finally:
        app.extensions["ccemu"].close()


def test_a_busy_port_is_reported_not_raised():
    app = create_app(Config())
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        try:
            with pytest.raises(cli.CliError, match="cannot listen on 127.0.0.1"):
                cli.build_servers(app, "127.0.0.1", busy.getsockname()[1])
        finally:
            app.extensions["ccemu"].close()


def test_unknown_surface_is_reported():
    with pytest.raises(cli.CliError, match="unknown surface"):
        cli.build_app(surfaces=["nosuch"])


def test_banner_lists_urls_credentials_and_the_hello_world():
    app = create_app(Config())
    servers = cli.build_servers(app, "127.0.0.1", 0)
    console = cli.Console(record=True, width=200)
    try:
        cli.print_banner(console, app, servers)
    finally:
        servers[0][1].stop()
        app.extensions["ccemu"].close()
    text = console.export_text()
    url = servers[0][1].url
    assert f"base URL       {url}" in text
    assert f"{url}/PBX/seri_endpoint.php" in text
    assert "vostro_token" in text and "mio_token" in text and "567897655" in text
    assert (f"curl '{url}/PBX/seri_endpoint.php?service=call_request&token=vostro_token"
            "&ext=35&number=187'") in text


# -- the commands against a running emulator ----------------------------------------------------
def test_health_of_a_running_emulator(running):
    result = invoke("health", "--url", running)
    assert result.exit_code == 0
    assert result.output.startswith("ok")
    assert "voispeed: ready" in result.output


def test_seed_prints_what_was_seeded(running):
    tenant = requests.post(f"{running}/_emulator/tenants", json={}, timeout=5).json()["id"]
    result = invoke("seed", "--url", running, "--tenant", tenant, "--seed", "7")
    assert result.exit_code == 0
    assert f"seeded tenant {tenant} with seed 7" in result.output
    assert re.search(r"users: \d+", result.output)


def test_seed_tvox_generates_the_data_model_months_asked_for(running):
    tenant = requests.post(f"{running}/_emulator/tenants", json={}, timeout=5).json()["id"]
    result = invoke("seed", "tvox", "--url", running, "--tenant", tenant, "--seed", "3",
                    "--months", "2021-03", "--steps", "300")
    assert result.exit_code == 0, result.output
    assert f"seeded the TVox Data Model of {tenant} with seed 3" in result.output
    settings = requests.get(f"{running}/_emulator/surfaces/tvox/settings", params={"tenant": tenant},
                            timeout=5).json()["datamodel"]
    assert settings["seed"] == 3 and settings["months"] == ["2021-03"]


def test_seed_of_an_unknown_tenant_fails_clearly(running):
    result = invoke("seed", "--url", running, "--tenant", "nobody-here")
    assert result.exit_code != 0
    assert "404" in result.output and "nobody-here" in result.output
    assert "Traceback" not in result.output


def test_journal_prints_requests_served(running):
    tenant = requests.post(f"{running}/_emulator/tenants", json={}, timeout=5).json()
    token = tenant["credentials"]["voispeed"]["tokens"][0]
    requests.get(f"{running}/PBX/seri_endpoint.php", timeout=5, params={
        "service": "get_user_call_report", "token": token, "ext": "35", "limit": "1"})
    result = invoke("journal", "--url", running, "--tenant", tenant["id"], "--surface", "voispeed")
    assert result.exit_code == 0
    assert "voispeed" in result.output and "/PBX/seri_endpoint.php" in result.output


def test_scenario_run_against_a_url(running):
    tenant = requests.post(f"{running}/_emulator/tenants", json={}, timeout=5).json()["id"]
    result = invoke("scenario", "run", str(HELLO), "--url", running, "--tenant", tenant)
    assert result.exit_code == 0, result.output
    assert "7 step(s), 0 failed" in result.output


def test_a_failing_scenario_exits_non_zero(running, tmp_path):
    scenario = tmp_path / "bad.yaml"
    scenario.write_text("name: bad\nsteps:\n  - originate: {from: '9999', to: '187'}\n")
    result = invoke("scenario", "run", str(scenario), "--url", running)
    assert result.exit_code != 0
    assert "step 1 (originate) failed" in result.output
    assert "Traceback" not in result.output


def test_scenario_run_without_url_uses_a_temporary_emulator():
    result = invoke("scenario", "run", str(HELLO))
    assert result.exit_code == 0, result.output
    assert "7 step(s), 0 failed" in result.output
    assert "journal (" in result.output


# -- `ccemu up` as a process ------------------------------------------------------------------
def test_up_serves_until_sigterm():
    process = subprocess.Popen(
        [sys.executable, "-m", "emulators.cli", "up", "--port", "0"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_COLOR": "1"})
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            match = re.search(r"base URL\s+(http://\S+)", line)
            url = match.group(1) if match else None
        assert url, "no banner"
        assert requests.get(f"{url}/_emulator/health", timeout=5).status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        assert "stopped." in process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
