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
from contextlib import contextmanager
from typing import Any, Iterator

import click
from rich.console import Console
from rich.markup import escape

from .core.clock import MODES, REAL
from .core.server import Server, serve_until_stopped, tune_interpreter

DEFAULT_URL = "http://127.0.0.1:8080"
DEFAULT_TENANT = "default"
HTTP_TIMEOUT = 10.0
SCENARIO_TIMEOUT = 600.0

#: Where a person starts on each surface, when the surface does not say itself
#: (a Surface may carry an ``entry`` attribute, which wins).
ENTRY_PATHS = {
    "voispeed": "/PBX/seri_endpoint.php",
    "tvox": "/datamodel",
    "rte": "/api/user?user=demo@example.com",
}

HELLO_WORLD = ("/PBX/seri_endpoint.php?service=call_request&token=vostro_token"
               "&ext=35&number=187")


class CliError(click.ClickException):
    """A failure explained in one line on stderr; exit status 1, no traceback."""

    def show(self, file: Any = None) -> None:
        _console(stderr=True).print(f"[bold red]error:[/] {escape(self.format_message())}")


def _console(stderr: bool = False) -> Console:
    # made per use, so it writes to the sys.stdout/stderr of the moment (tests
    # swap them) and decides about colour for that stream
    return Console(stderr=stderr, soft_wrap=True, highlight=False)


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


def _base(url: str) -> str:
    url = url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise CliError(f"--url must start with http:// or https:// (got {url!r})")
    return url


@contextmanager
def _working(message: str) -> Iterator[None]:
    """A spinner on terminals; nothing on pipes and files."""
    console = _console(stderr=True)
    if console.is_terminal:
        with console.status(message):
            yield
    else:
        yield


def _compact(value: Any, limit: int = 160) -> str:
    text = value if isinstance(value, str) else json.dumps(value, separators=(", ", ": "),
                                                           default=str, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- building and serving the app ---------------------------------------------------
def build_app(clock: str = REAL, seed: int = 0, surfaces: tuple[str, ...] | list[str] = ()):
    """The Flask app of every requested surface (all when none is named)."""
    try:
        from .app import create_app
        from .core.app import Config
    except ImportError as exc:
        raise CliError(f"the emulator app cannot be loaded: {exc}") from None
    names = list(surfaces) or None
    config = Config(clock=clock, seed=seed, surfaces=tuple(names) if names else None)
    try:
        return create_app(config, surfaces=names)
    except (KeyError, ValueError) as exc:
        message = exc.args[0] if exc.args else exc
        raise CliError(f"cannot build the emulator: {message}") from None


def parse_surface_ports(values: tuple[str, ...] | list[str]) -> dict[str, int]:
    """``["voispeed=8081", …]`` → ``{"voispeed": 8081}``, with errors a person can act on."""
    ports: dict[str, int] = {}
    for value in values:
        name, sep, port = value.partition("=")
        name = name.strip()
        if not sep or not name:
            raise CliError(f"--surface-port expects NAME=PORT (got {value!r})")
        try:
            number = int(port)
            if not 0 <= number <= 65535:
                raise ValueError
        except ValueError:
            raise CliError(f"--surface-port {value!r}: {port!r} is not a port number") from None
        ports[name] = number
    return ports


def build_servers(app: Any, host: str, port: int,
                  surface_ports: dict[str, int] | None = None) -> list[tuple[str | None, Server]]:
    """One bound :class:`Server` for ``port`` plus one per ``surface_ports`` entry.

    Every server serves the same app, hence the same single in-memory state; the
    extra ports only give a surface the address a client expects. Returns
    ``[(None, main), (surface, server), …]``, not yet started. Ports are bound
    here, so a busy port fails now, before anything runs.
    """
    surface_ports = surface_ports or {}
    known = set(_surfaces(app))
    unknown = [name for name in surface_ports if known and name not in known]
    if unknown:
        raise CliError(f"--surface-port names a surface that is not served: {', '.join(unknown)}"
                       f" (served: {', '.join(sorted(known))})")
    servers: list[tuple[str | None, Server]] = []
    try:
        for name, number in [(None, port), *surface_ports.items()]:
            try:
                servers.append((name, Server(app, host, number)))
            except OSError as exc:
                raise CliError(f"cannot listen on {host}:{number}: {exc.strerror or exc}") from None
    except BaseException:
        for _, server in servers:
            server.stop()
        raise
    return servers


def _surfaces(app: Any) -> dict[str, Any]:
    emulator = app.extensions.get("ccemu")
    return dict(getattr(emulator, "surfaces", {}) or {})


def _entry_url(base: str, name: str, surface: Any) -> str:
    path = getattr(surface, "entry", None) or ENTRY_PATHS.get(name, "/")
    return base + path


def demo_credentials(app: Any, tenant: str = DEFAULT_TENANT) -> dict[str, list[str]]:
    """The credentials of ``tenant`` per surface, read from the control plane in-process."""
    try:
        response = app.test_client().get(f"/_emulator/tenants/{tenant}")
        payload = response.get_json(silent=True) if response.status_code == 200 else None
    except Exception:  # noqa: BLE001 - the banner must not fail on it
        return {}
    raw = (payload or {}).get("credentials") if isinstance(payload, dict) else None
    return _group_credentials(raw)


def _group_credentials(raw: Any) -> dict[str, list[str]]:
    """Accept ``{surface: [..] | str | {..}}`` or ``[[surface, credential], …]`` / dicts."""
    grouped: dict[str, list[str]] = {}
    if isinstance(raw, dict):
        for surface, value in raw.items():
            if isinstance(value, (list, tuple)):
                grouped[surface] = [_compact(v) for v in value]
            elif isinstance(value, dict):   # {"tokens": [...], "api_key": "..."}
                grouped[surface] = [
                    f"{key}: {', '.join(map(str, v)) if isinstance(v, (list, tuple)) else v}"
                    for key, v in value.items()]
            else:
                grouped[surface] = [_compact(value)]
    elif isinstance(raw, (list, tuple)):
        for item in raw:
            if isinstance(item, dict):
                surface = str(item.get("surface", "?"))
                value = item.get("credential", item.get("value", item))
            elif isinstance(item, (list, tuple)) and len(item) == 2:
                surface, value = str(item[0]), item[1]
            else:
                surface, value = "?", item
            grouped.setdefault(surface, []).append(_compact(value))
    return grouped


def print_banner(console: Console, app: Any, servers: list[tuple[str | None, Server]]) -> None:
    main_server = servers[0][1]
    base = main_server.url
    surfaces = _surfaces(app)
    extra = {name: server.url for name, server in servers[1:]}
    console.print(f"[bold]ccemu[/] is up — one process, {len(surfaces)} surface(s)")
    console.print(f"  base URL       [cyan]{base}[/]")
    console.print(f"  control plane  [cyan]{base}/_emulator/health[/]  (OpenAPI: {base}/_emulator/openapi.json)")
    for name, surface in surfaces.items():
        line = f"  {name:<14} [cyan]{_entry_url(base, name, surface)}[/]"
        if name in extra:
            line += f"  also [cyan]{_entry_url(extra[name], name, surface)}[/]"
        description = getattr(surface, "description", "")
        if description:
            line += f"  [dim]{escape(description)}[/]"
        console.print(line)
    credentials = demo_credentials(app)
    if credentials:
        console.print("demo credentials (tenant default)")
        for surface, values in credentials.items():
            console.print(f"  {surface:<14} {escape('; '.join(values))}")
    if "voispeed" in surfaces:
        url = extra.get("voispeed", base)
        console.print(f"try it           curl '{url}{HELLO_WORLD}'", markup=False)
    console.print("[dim]Ctrl-C stops it.[/]")


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
    print_banner(console, app, servers)
    try:
        serve_until_stopped([server for _, server in servers])
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


# -- partner-side conformance -----------------------------------------------------------
@main.group()
def conform() -> None:
    """Partner-side conformance: drive your receivers and scripts as the vendor's system would."""


def _conform_finish(report: Any, junit: str, summary: str) -> None:
    """Print the readable summary, write it and the JUnit XML; exit 1 on a failed check."""
    report.write(junit, summary)
    console = _console()
    for case in report.cases:
        mark = "[green]PASS[/]" if case.ok else "[red]FAIL[/]"
        console.print(f"{mark}  {escape(case.name)}: {escape(case.message)}")
    for note in report.notes:
        console.print(f"[dim]{escape(note)}[/]")
    console.print(f"[bold]{len(report.cases)} checks, {report.failures} failed[/]  "
                  f"JUnit: {escape(junit)}  summary: {escape(summary)}")
    if not report.ok:
        sys.exit(1)


@conform.command("voispeed-ivr")
@click.option("--url", required=True, metavar="URL", help="The partner's IVR script (as a node's script URL).")
@click.option("--input", "inputs", multiple=True, metavar="DIGITS",
              help="Caller input to send (repeatable; default: 1, 2, 123456 and none).")
@click.option("--ivrid", default="9", show_default=True, help="ivrid to send.")
@click.option("--nodeid", default="0", show_default=True, help="nodeid to send.")
@click.option("--tag", default="-1", show_default=True, help="tag to send (-1: the node has none).")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(0.1, 60),
              help="Seconds the PBX waits for the script.")
@click.option("--junit", default="conform-voispeed-ivr.xml", show_default=True, help="JUnit XML to write.")
@click.option("--summary", default="conform-voispeed-ivr.txt", show_default=True, help="Summary to write.")
def conform_voispeed_ivr(url: str, inputs: tuple[str, ...], ivrid: str, nodeid: str, tag: str, timeout: float,
                         junit: str, summary: str) -> None:
    """Drive a VOIspeed IVR script: every reply must be an instruction the PBX can obey."""
    from .voispeed.conformance import DEFAULT_INPUTS, check_ivr_script
    with _working(f"calling {url}…"):
        report = check_ivr_script(_base(url), inputs=inputs or DEFAULT_INPUTS, ivrid=ivrid, nodeid=nodeid,
                                  tag=tag, timeout=timeout)
    _conform_finish(report, junit, summary)


@conform.command("voispeed-events")
@click.option("--url", required=True, metavar="URL", help="The partner's event receiver (a module's URL).")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(0.1, 60),
              help="Seconds to wait for each answer.")
@click.option("--junit", default="conform-voispeed-events.xml", show_default=True, help="JUnit XML to write.")
@click.option("--summary", default="conform-voispeed-events.txt", show_default=True, help="Summary to write.")
def conform_voispeed_events(url: str, timeout: float, junit: str, summary: str) -> None:
    """Send every VOIspeed user and extended (SSN) event to a receiver and report its answers."""
    from .voispeed.conformance import check_event_receiver
    with _working(f"pushing to {url}…"):
        report = check_event_receiver(_base(url), timeout=timeout)
    _conform_finish(report, junit, summary)


if __name__ == "__main__":  # python -m emulators.cli
    sys.exit(main())
