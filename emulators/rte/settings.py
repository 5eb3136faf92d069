"""Per-tenant RTE settings, on the control plane at ``/_emulator/surfaces/rte/settings``.

The document leaves these open; the defaults are ASP.NET Core SignalR's own
(keep-alive 15 s, client timeout 30 s, handshake 15 s, 32 KiB messages,
no detailed errors) and what the emulator chose (token lifetime, queue
bounds, rate limit). Keys are camelCase on the wire::

    {"tokenLifetime": 3600, "keepAliveInterval": 15, "maxMessageSize": 32768, …}

Hub connections read their tenant's settings when they open; a change applies
to connections opened after it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from . import org as orgs
from .dotnet import camel

SURFACE_NAME = "rte"
VISIBILITY = ("organization", "own")


@dataclass(frozen=True)
class RteSettings:
    token_lifetime: float = 3600.0          # seconds a hub token is valid (tenant clock)
    clock_skew: float = 0.0                 # leeway when checking "exp" (ASP.NET's default would be 300)
    keep_alive_interval: float = 15.0       # send a Ping after this much silence
    client_timeout_interval: float = 30.0   # after the client's first Ping: close after this much silence
    handshake_timeout: float = 15.0
    close_timeout: float = 5.0              # a closing client has this long to take its last frames
    max_message_size: int = 32 * 1024       # largest hub message accepted from a client
    send_queue_messages: int = 10_000       # per-connection outgoing bound (messages) …
    send_queue_bytes: int = 8 * 1024 * 1024  # … and bytes; beyond either the connection is closed
    detailed_errors: bool = False           # append "Type: message" to hub errors, as EnableDetailedErrors
    push_details: bool = True               # also push SubscribeDetails & co. to the caller
    announce_on_connect: bool = True        # push AvailableSubscriptions after the handshake
    visibility: str = "organization"        # which entities a user may subscribe to
    requests_per_minute: int = 600          # EnreachAPI calls per user and minute (tenant clock); 0 = no limit
    demo_password: str = "demo"

    def to_dict(self) -> dict[str, Any]:
        return {camel("".join(p.title() for p in k.split("_"))): v for k, v in asdict(self).items()}


_WIRE_TO_FIELD = {camel("".join(p.title() for p in f.name.split("_"))): f for f in fields(RteSettings)}


def parse(body: Any, current: RteSettings) -> RteSettings:
    """Settings from a (partial) JSON object; ValueError, the control plane's 400, when wrong."""
    if not isinstance(body, dict):
        raise ValueError("rte settings are a JSON object, e.g. {\"tokenLifetime\": 60}")
    unknown = set(body) - set(_WIRE_TO_FIELD)
    if unknown:
        raise ValueError(f"unknown rte setting(s) {sorted(unknown)}; expected {sorted(_WIRE_TO_FIELD)}")
    changes: dict[str, Any] = {}
    for key, value in body.items():
        field = _WIRE_TO_FIELD[key]
        default = getattr(RteSettings, field.name)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValueError(f"{key} must be true or false")
        elif isinstance(default, (int, float)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"{key} must be a number >= 0")
            value = int(value) if isinstance(default, int) else float(value)
        elif key == "visibility":
            if value not in VISIBILITY:
                raise ValueError(f"visibility must be one of {VISIBILITY}")
        elif not isinstance(value, str) or not value:
            raise ValueError(f"{key} must be a non-empty string")
        changes[field.name] = value
    result = replace(current, **changes)
    if result.max_message_size < 1024:
        raise ValueError("maxMessageSize must be at least 1024")
    if result.keep_alive_interval <= 0 or result.handshake_timeout <= 0:
        raise ValueError("keepAliveInterval and handshakeTimeout must be > 0")
    return result


class RteState:
    """What the surface keeps per tenant (``tenant.settings["rte"]``)."""

    def __init__(self) -> None:
        self.settings = RteSettings()


def state_of(tenant) -> RteState:
    return tenant.surface_settings(SURFACE_NAME, RteState)


def settings_of(tenant) -> RteSettings:
    return state_of(tenant).settings


def on_tenant(emulator, tenant) -> None:
    state_of(tenant)
    organization = orgs.Organization(tenant)
    # the organisation id identifies the tenant of a hub token
    emulator.tenants.grant(SURFACE_NAME, "org:" + organization.id, tenant.id)


def get_settings(emulator, tenant) -> dict:
    return settings_of(tenant).to_dict()


def put_settings(emulator, tenant, body: dict) -> dict:
    state = state_of(tenant)
    with tenant.lock:
        state.settings = parse(body, state.settings)
    return state.settings.to_dict()


def credentials(emulator, tenant) -> dict:
    """The tenant's demo login: e-mail and password (any other user logs in with its own address)."""
    return {"logins": [orgs.demo_login(tenant.id)], "passwords": [settings_of(tenant).demo_password]}
