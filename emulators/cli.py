"""``ccemu``: start the emulators, run scenarios, seed tenants, read the journal.

Every command but ``up`` talks to a running emulator over its control plane
(``/_emulator/…``) with plain HTTP, so it works the same against a local
``ccemu up``, a container, or an emulator started by a test session.

Output is meant for people: colour only when the terminal has it (rich
detects it, and honours ``NO_COLOR``), a spinner while waiting on long work,
and one clear line, no traceback, when something goes wrong.
"""
from __future__ import annotations

import json
import logging
import sys
import threading
import time
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from .core.clock import MODES, REAL
from .cli_serve import (DEFAULT_TENANT, CliError, _base, _compact, _console, _working, build_app,
                        build_servers, parse_surface_ports, print_banner)
from .core.server import Server, freeze_startup_heap, serve_until_stopped, tune_interpreter

DEFAULT_URL = "http://127.0.0.1:8080"
HTTP_TIMEOUT = 10.0
SCENARIO_TIMEOUT = 600.0

# -- HTTP to the control plane -------------------------------------------------------
def _api(method: str, url: str, *, timeout: float = HTTP_TIMEOUT,
         accept: tuple[int, ...] = (), **kwargs: Any) -> Any:
    """One control-plane call: the decoded JSON (or text), or a :class:`CliError`.

    Statuses in ``accept`` are answers to show, not failures (a scenario that
    failed is a 422 carrying its steps; a surface still starting is a 503).
    """
    base = url.split("/_emulator", 1)[0]
    import requests   # only the remote commands need an HTTP client; `ccemu up` starts faster without
    try:
        response = requests.request(method, url, timeout=timeout, **kwargs)
    except requests.ConnectionError:
        raise CliError(f"cannot reach the emulator at {base} (is `ccemu up` running there?)") from None
    except requests.Timeout:
        raise CliError(f"the emulator at {base} did not answer within {timeout:g} s") from None
    except requests.RequestException as exc:
        raise CliError(f"request to {url} failed: {exc}") from None
    try:
        payload: Any = response.json()
    except ValueError:
        payload = response.text
    if response.status_code >= 400 and response.status_code not in accept:
        detail = payload
        if isinstance(payload, dict):
            detail = payload.get("error") or payload.get("message") or payload.get("detail") or payload
            if isinstance(detail, dict):
                detail = detail.get("message") or json.dumps(detail)
        detail = str(detail).strip().splitlines()[0] if str(detail).strip() else response.reason
        raise CliError(f"{method} {url} → {response.status_code}: {detail}")
    return payload


# -- commands --------------------------------------------------------------------
@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ccemu", prog_name="ccemu")
def main() -> None:
    """Standalone fake servers for contact-centre and PBX vendor APIs."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="Port serving every surface and the control plane (0: a free port).")
@click.option("--clock", type=click.Choice(MODES), default=REAL, show_default=True,
              help="Clock of new tenants: real time, or virtual (moves only when told).")
@click.option("--seed", default=0, show_default=True, type=int,
              help="Seed of the default tenant's directory and data.")
@click.option("--surface", "surfaces", multiple=True, metavar="NAME",
              help="Serve only this surface (repeatable; default: all).")
@click.option("--surface-port", "surface_ports", multiple=True, metavar="NAME=PORT",
              help="Also serve the same emulator on PORT for surface NAME (repeatable).")
def up(host: str, port: int, clock: str, seed: int, surfaces: tuple[str, ...],
       surface_ports: tuple[str, ...]) -> None:
    """Start the emulators in this process until Ctrl-C or SIGTERM."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    tune_interpreter()   # this process is the server's: tune it for many sockets
    ports = parse_surface_ports(surface_ports)
    console = _console()
    with _working("starting the emulators…"):
        app = build_app(clock, seed, surfaces)
        servers = build_servers(app, host, port, ports)
        freeze_startup_heap()
    try:
        serve_until_stopped([server for _, server in servers],
                            on_started=lambda: print_banner(console, app, servers))
    finally:
        emulator = app.extensions.get("ccemu")
        if emulator is not None and hasattr(emulator, "close"):
            emulator.close()
    console.print("stopped.")


@main.group()
def scenario() -> None:
    """Scenarios: YAML scripts of calls and agents, run by the engine."""


@scenario.command("run")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--url", default=None, metavar="URL",
              help="Emulator to run it on (default: a temporary one in this process).")
@click.option("--tenant", default=DEFAULT_TENANT, show_default=True, help="Tenant to run it for.")
def scenario_run(file: Any, url: str | None, tenant: str) -> None:
    """Run the scenario in FILE and print its steps."""
    text = file.read()
    console = _console()
    if url:
        result = _run_scenario(_base(url), tenant, text, getattr(file, "name", "scenario"))
        _print_scenario_result(console, result)
        _exit_on_failed(result)
        return
    with _working("starting a temporary emulator…"):
        app = build_app()
        server = Server(app, "127.0.0.1", 0).start()
    try:
        result = _run_scenario(server.url, tenant, text, getattr(file, "name", "scenario"))
        _print_scenario_result(console, result)
        entries = _journal_entries(_api("GET", f"{server.url}/_emulator/journal",
                                        params={"tenant": tenant}))
        console.print(f"[bold]journal[/] ({len(entries)} entries)")
        for entry in entries:
            console.print(_journal_line(entry))
    finally:
        server.stop()
        emulator = app.extensions.get("ccemu")
        if emulator is not None and hasattr(emulator, "close"):
            emulator.close()
    _exit_on_failed(result)


def _run_scenario(base: str, tenant: str, text: str, name: str) -> Any:
    with _working(f"running {name}…"):
        return _api("POST", f"{base}/_emulator/scenarios/run", timeout=SCENARIO_TIMEOUT,
                    accept=(422,), json={"tenant": tenant, "scenario": text})


def _print_scenario_result(console: Console, result: Any) -> None:
    steps = result.get("steps") if isinstance(result, dict) else None
    if not isinstance(steps, list):
        console.print(_compact(result, limit=10_000), markup=False)
        return
    failed = 0
    for number, step in enumerate(steps, 1):
        ok = not (isinstance(step, dict) and (step.get("ok") is False or step.get("error")))
        failed += not ok
        mark = "[green]✓[/]" if ok else "[red]✗[/]"
        console.print(f"{mark} {number:>3}  {escape(_step_text(step))}")
    summary = {k: v for k, v in result.items()
               if k not in ("steps", "ok", "failed_step") and v not in ("", {}, [], None)}
    console.print(f"[bold]{len(steps)} step(s), {failed} failed[/]"
                  + (f"  {escape(_compact(summary))}" if summary else ""))


def _step_text(step: Any) -> str:
    if not isinstance(step, dict):
        return _compact(step)
    name = step.get("action") or step.get("op") or step.get("name")
    if isinstance(step.get("error"), str):
        return f"{name}  {step['error']}"
    shown = {k: v for k, v in step.items() if k not in ("step", "action", "op", "name", "ok", "at")}
    if set(shown) == {"result"}:
        shown = shown["result"]
    return f"{name}  {_compact(shown)}" if shown not in ({}, None, "") else str(name)


def _exit_on_failed(result: Any) -> None:
    if isinstance(result, dict) and result.get("ok") is False:
        failed = [s for s in result.get("steps") or [] if isinstance(s, dict) and s.get("ok") is False]
        if failed:
            step = failed[0]
            raise CliError(f"step {step.get('step', '?')} ({step.get('action', '?')}) failed: "
                           f"{step.get('error', 'no detail')}")
        raise CliError(str(result.get("error") or "the scenario failed"))


@main.command()
@click.argument("what", required=False, default="directory", type=click.Choice(["directory", "tvox"]))
@click.option("--url", default=DEFAULT_URL, show_default=True, help="The emulator.")
@click.option("--tenant", default=DEFAULT_TENANT, show_default=True, help="Tenant to seed.")
@click.option("--seed", "seed_value", default=0, show_default=True, type=int,
              help="Seed: the same seed gives the same directory and data.")
@click.option("--months", default=None, help="tvox: months to generate, e.g. 2020-05,2020-06.")
@click.option("--steps", default=None, type=click.IntRange(1, 5_000_000),
              help="tvox: call steps per month.")
def seed(what: str, url: str, tenant: str, seed_value: int, months: str | None, steps: int | None) -> None:
    """(Re)seed a tenant: its directory (default), or its TVox Data Model statistics (`tvox`)."""
    console = _console()
    if what == "tvox":
        body: dict[str, Any] = {"tenant": tenant, "datamodel": {"seed": seed_value}}
        if months:
            body["datamodel"]["months"] = months
        if steps:
            body["datamodel"]["steps"] = steps
        with _working(f"generating TVox statistics for {tenant}…"):
            result = _api("PUT", f"{_base(url)}/_emulator/surfaces/tvox/settings", json=body,
                          timeout=SCENARIO_TIMEOUT)
        console.print(f"seeded the TVox Data Model of [bold]{escape(tenant)}[/] with seed {seed_value}")
    else:
        with _working(f"seeding {tenant}…"):
            result = _api("POST", f"{_base(url)}/_emulator/seed",
                          json={"tenant": tenant, "seed": seed_value})
        console.print(f"seeded tenant [bold]{escape(tenant)}[/] with seed {seed_value}")
    _print_summary(console, result)


def _print_summary(console, result: Any) -> None:
    if not isinstance(result, dict):
        console.print(_compact(result, limit=10_000), markup=False)
        return
    for key, value in result.items():
        if isinstance(value, (list, tuple)):
            shown = f"{len(value)}"
        elif isinstance(value, dict):
            shown = ", ".join(f"{k}: {len(v) if isinstance(v, (list, dict)) else v}" for k, v in value.items())
        else:
            shown = str(value)
        console.print(f"  {key:<14} {escape(shown)}")


@main.command()
@click.option("--url", default=DEFAULT_URL, show_default=True, help="The emulator.")
@click.option("--tenant", default=None, help="Only this tenant's entries.")
@click.option("--surface", default=None, help="Only this surface's entries.")
@click.option("--follow", "-f", is_flag=True, help="Keep printing new entries (Ctrl-C stops).")
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(0.1, 60),
              help="Seconds between polls with --follow.")
def journal(url: str, tenant: str | None, surface: str | None, follow: bool, interval: float) -> None:
    """Print the journal: every request served and every delivery made."""
    console = _console()
    endpoint = f"{_base(url)}/_emulator/journal"
    params = {k: v for k, v in (("tenant", tenant), ("surface", surface)) if v}
    payload = _api("GET", endpoint, params=params)
    entries = _journal_entries(payload)
    for entry in entries:
        console.print(_journal_line(entry))
    if not follow:
        if not entries:
            console.print("[dim]no journal entries[/]")
        return
    since = _next_since(payload, entries, None)
    stop = threading.Event()
    try:
        while not stop.wait(interval):
            query = dict(params)
            if since is not None:
                query["since"] = since
            payload = _api("GET", endpoint, params=query)
            entries = _journal_entries(payload)
            for entry in entries:
                console.print(_journal_line(entry))
            since = _next_since(payload, entries, since)
    except KeyboardInterrupt:
        pass


def _journal_entries(payload: Any) -> list[Any]:
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        for key in ("entries", "journal", "items"):
            if isinstance(payload.get(key), list):
                return payload[key]
    return []


def _next_since(payload: Any, entries: list[Any], current: Any) -> Any:
    """The cursor for the next poll: the server's, else the last entry's sequence."""
    if isinstance(payload, dict):
        for key in ("next", "cursor", "since"):
            if payload.get(key) is not None:
                return payload[key]
    for entry in reversed(entries):
        if isinstance(entry, dict):
            for key in ("seq", "id"):
                if entry.get(key) is not None:
                    return entry[key]
    return current


def _journal_line(entry: Any) -> str:
    if not isinstance(entry, dict):
        return escape(_compact(entry))
    when = entry.get("time") or entry.get("at") or entry.get("timestamp") or ""
    if isinstance(when, (int, float)):
        when = time.strftime("%H:%M:%S", time.localtime(when)) + f".{int(when * 1000) % 1000:03d}"
    surface = entry.get("surface") or ""
    kind = entry.get("direction") or entry.get("kind") or entry.get("type") or ""
    kind = {"in": "←", "out": "→"}.get(kind, kind)
    method = entry.get("method") or ""
    target = entry.get("path") or entry.get("url") or entry.get("target") or ""
    status = entry.get("status") if entry.get("status") is not None else entry.get("outcome", "")
    elapsed = entry.get("elapsed_ms", entry.get("duration_ms"))
    colour = "green" if isinstance(status, int) and status < 400 else "red" if isinstance(status, int) else "white"
    parts = [f"[dim]{escape(str(when))}[/]", f"[magenta]{escape(str(surface))}[/]",
             escape(str(kind)), escape(str(method)), escape(_compact(target, 120)),
             f"[{colour}]{escape(str(status))}[/]"]
    if isinstance(elapsed, (int, float)):
        parts.append(f"[dim]{elapsed:.1f} ms[/]")
    outcome = entry.get("outcome")
    if outcome and outcome != "ok" and outcome != status:
        parts.append(f"[yellow]{escape(str(outcome))}[/]")
    if entry.get("tenant"):
        parts.append(f"[dim]tenant={escape(str(entry['tenant']))}[/]")
    return " ".join(p for p in parts if p and p != "[dim][/]")


@main.command()
@click.option("--url", default=DEFAULT_URL, show_default=True, help="The emulator.")
def health(url: str) -> None:
    """Is the emulator up, and is every surface ready?"""
    console = _console()
    payload = _api("GET", f"{_base(url)}/_emulator/health", accept=(503,))
    if isinstance(payload, dict):
        status = str(payload.get("status", "ok"))
        colour = "green" if status == "ok" else "yellow"
        console.print(f"[bold {colour}]{escape(status)}[/]  {escape(_base(url))}")
        for key, value in payload.items():
            if key == "status":
                continue
            if isinstance(value, dict):
                value = ", ".join(f"{k}: {'ready' if v is True else 'NOT READY' if v is False else v}"
                                  for k, v in value.items())
            console.print(f"  {key:<10} {escape(str(value))}")
        surfaces = payload.get("surfaces")
        if isinstance(surfaces, dict) and not all(v is not False for v in surfaces.values()):
            raise CliError("some surfaces are not ready")
        if status != "ok":
            raise CliError(f"the emulator is not healthy: {status}")
    else:
        console.print(f"[bold green]ok[/]  {escape(_compact(payload))}")


from .cli_conform import conform  # noqa: E402  (after main: it registers on it)

main.add_command(conform)

if __name__ == "__main__":  # python -m emulators.cli
    sys.exit(main())
