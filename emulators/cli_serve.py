"""What `ccemu up` does before serving: build the app, bind its ports, print the banner."""
from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Iterator

import click
from rich.console import Console
from rich.markup import escape

from .core.clock import REAL
from .core.server import Server

DEFAULT_TENANT = "default"

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


def _compact(value: Any, limit: int = 160) -> str:
    text = value if isinstance(value, str) else json.dumps(value, separators=(", ", ": "),
                                                           default=str, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
