"""The image, the compose file and the package metadata agree with the CLI.

No Docker engine is needed: the files are parsed and their commands are
checked against the same ``ccemu up`` the CLI tests run.
"""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from emulators import cli
from emulators.app import available_surfaces

ROOT = Path(__file__).resolve().parents[1]
PORTS = {"voispeed": 8081, "tvox": 8082, "rte": 8083, "cti": 8084}
# one compose service for every surface the emulator has, no more
SURFACES = {name: PORTS[name] for name in available_surfaces()}
HEALTH = "/_emulator/health"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "docker" / "Dockerfile").read_text()


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", dockerfile)
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def parse_up(argv: list[str]):
    """Parse argv with the real ``ccemu up`` command; fails as the CLI would."""
    assert argv[:2] == ["ccemu", "up"], argv
    return cli.up.make_context("up", list(argv[2:]))


# -- compose.yaml ---------------------------------------------------------------------------
def test_each_surface_is_a_service(compose):
    assert set(compose["services"]) == set(SURFACES)


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_every_service_builds_the_same_image(compose, name):
    build = compose["services"][name]["build"]
    assert build == {"context": ".", "dockerfile": "docker/Dockerfile"}
    assert (ROOT / build["dockerfile"]).is_file()


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_every_service_runs_ccemu_up_for_its_surface(compose, name):
    command = compose["services"][name]["command"]
    context = parse_up(command)
    assert context.params["host"] == "0.0.0.0"
    assert context.params["port"] == 8080
    assert context.params["surfaces"] == (name,)


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_every_service_publishes_its_port(compose, name):
    assert compose["services"][name]["ports"] == [f"{SURFACES[name]}:8080"]


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_every_service_is_health_checked_on_the_control_plane(compose, name):
    check = compose["services"][name]["healthcheck"]
    assert check["test"][0] in ("CMD", "CMD-SHELL")
    assert f"http://127.0.0.1:8080{HEALTH}" in " ".join(check["test"])


# -- docker/Dockerfile --------------------------------------------------------------------------
def test_image_is_python_311_slim(dockerfile):
    assert ("FROM", "python:3.11-slim") in instructions(dockerfile)


def test_image_installs_the_package(dockerfile):
    runs = [args for keyword, args in instructions(dockerfile) if keyword == "RUN"]
    assert any(re.search(r"\bpip install \.(\s|$)", run) for run in runs)


def test_image_exposes_8080(dockerfile):
    assert ("EXPOSE", "8080") in instructions(dockerfile)


def test_image_health_check_hits_the_control_plane_with_python(dockerfile):
    checks = [args for keyword, args in instructions(dockerfile) if keyword == "HEALTHCHECK"]
    assert len(checks) == 1
    assert "python" in checks[0] and f"http://127.0.0.1:8080{HEALTH}" in checks[0]


def test_image_command_is_ccemu_up(dockerfile):
    commands = [args for keyword, args in instructions(dockerfile) if keyword == "CMD"]
    assert len(commands) == 1
    argv = json.loads(commands[0])
    context = parse_up(argv)
    assert context.params["host"] == "0.0.0.0"
    assert context.params["port"] == 8080


# -- pyproject.toml -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_ccemu_console_script(pyproject):
    assert pyproject["project"]["scripts"]["ccemu"] == "emulators.cli:main"


def test_pytest_plugin_entry_point(pyproject):
    assert pyproject["project"]["entry-points"]["pytest11"]["ccemu"] == "emulators.pytest_plugin"


def test_readme_starts_with_the_newcomer_commands():
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```[a-z]*\n(.*?)```", text, re.S)
    assert block, "README has no fenced block"
    assert block.group(1).strip().splitlines() == [
        "pip install -e . && ccemu up",
        "pip install -e '.[test]' && pytest -n auto",
    ]


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    assert "pip install -e '.[test]' && pytest -n auto" in script
