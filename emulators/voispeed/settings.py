"""Per-tenant VOIspeed settings: the integration modules, and the surface's small
runtime state (the request-id counter).

An *integration module* is what the guide's "User and extended interface
configuration" creates in the web configurator: a token that authenticates
service requests, a notification URL that receives event pushes, the events
selected and the users of interest. Each module has exactly one token (as in
the product); the default tenant has one module per token of the guide's
examples (``vostro_token``, ``mio_token``, ``567897655``), none with a URL.

Tokens are credentials of the tenant store (``tenants.grant("voispeed", …)``),
so a token identifies its tenant in the request pipeline before the surface
runs. Replacing the modules grants the new tokens first (all or nothing) and
only then revokes the old ones.

Each module may also use the extended interface (``extended``, default on:
"Enable extended commands") and selects the extended (SSN) events pushed to its
URL (``ssn_events``, default none, as a module has to enable them). Per tenant,
``ivr`` holds what the PBX's IVR scripts see and how long it waits for them:
``{"license_id", "script_timeout"}``.
"""
from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from emulators.core.tenants import DEFAULT_TENANT

from .call_report import ReportIndex
from .phonebook import Phonebook
from .tables import DECOMMISSIONED_EXTENDED_EVENTS, SENT_EXTENDED_EVENTS, SENT_USER_EVENTS, UserEvent

SURFACE_NAME = "voispeed"
GUIDE_TOKENS = ("vostro_token", "mio_token", "567897655")
DEFAULT_EVENTS: tuple[int, ...] = tuple(sorted(int(e) for e in SENT_USER_EVENTS))
MAX_TOKEN = 256
MAX_MODULES = 100

# delivery policy of a module's pushes (the guide is silent; see FIDELITY.md)
DEFAULT_TIMEOUT = 5.0
DEFAULT_RETRIES = 5
DEFAULT_BACKOFF = 0.5

SSN_CODES = frozenset(int(e) for e in SENT_EXTENDED_EVENTS)
#: the guide's IVR logger line shows license_id=MP3026487718 (the default tenant's)
GUIDE_LICENSE_ID = "MP3026487718"
DEFAULT_SCRIPT_TIMEOUT = 5.0
MAX_SCRIPT_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class Module:
    """One integration module. ``key`` is a non-secret fingerprint of the token:
    it travels in a call's ``origin`` so a later ``cmd_failed`` finds its module."""

    token: str
    name: str = ""
    url: str = ""
    events: frozenset[int] = frozenset(DEFAULT_EVENTS)
    users: frozenset[str] = frozenset()          # extensions; empty = every user
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    key: str = ""
    extended: bool = True                        # may use the extended services and contact sync
    ssn_events: frozenset[int] = frozenset()     # extended (SSN) event codes pushed to url

    def wants(self, code: int, ext: str) -> bool:
        return bool(self.url) and code in self.events and (not self.users or ext in self.users)

    def wants_ssn(self, code: int) -> bool:
        return bool(self.url) and code in self.ssn_events

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "token": self.token, "url": self.url,
                "events": sorted(self.events), "users": sorted(self.users, key=_ext_order),
                "timeout": self.timeout, "retries": self.retries, "backoff": self.backoff,
                "extended": self.extended, "ssn_events": sorted(self.ssn_events)}


def _ext_order(ext: str) -> tuple[int, str]:
    return (int(ext), ext) if ext.isdigit() else (1 << 62, ext)


def token_key(token: str) -> str:
    return hashlib.blake2s(token.encode("utf-8"), digest_size=6).hexdigest()


@dataclass(frozen=True)
class Modules:
    """An immutable set of modules with the look-ups the hot paths need."""

    modules: tuple[Module, ...] = ()
    by_token: dict[str, Module] = field(default_factory=dict)
    by_key: dict[str, Module] = field(default_factory=dict)
    pushing: tuple[Module, ...] = ()               # the modules that have a URL

    @classmethod
    def of(cls, modules: list[Module]) -> "Modules":
        return cls(tuple(modules), {m.token: m for m in modules}, {m.key: m for m in modules},
                   tuple(m for m in modules if m.url))

    def to_dict(self) -> dict[str, Any]:
        return {"modules": [m.to_dict() for m in self.modules]}


@dataclass(frozen=True)
class IvrSettings:
    """What the tenant's IVR nodes send to their scripts, and how long they wait."""

    license_id: str = GUIDE_LICENSE_ID
    script_timeout: float = DEFAULT_SCRIPT_TIMEOUT

    def to_dict(self) -> dict[str, Any]:
        return {"license_id": self.license_id, "script_timeout": self.script_timeout}


def license_id_of(tenant_id: str) -> str:
    """The guide's license id for the default tenant; a stable one of the same shape otherwise."""
    if tenant_id == DEFAULT_TENANT:
        return GUIDE_LICENSE_ID
    digest = int(hashlib.blake2s(tenant_id.encode("utf-8"), digest_size=8).hexdigest(), 16)
    return f"MP{digest % 10**10:010d}"


class VoispeedState:
    """What the surface keeps per tenant (``tenant.settings["voispeed"]``): the
    modules, the request-id counter, the phonebook, the call report's index,
    the transfer references between communications and the IVR settings."""

    def __init__(self, modules: Modules, ivr: IvrSettings | None = None) -> None:
        self.modules = modules          # replaced whole, never mutated
        self.ivr = ivr or IvrSettings()
        self.phonebook = Phonebook()
        self.report = ReportIndex()
        self.refs: dict[str, str] = {}  # call id -> the communication it was transferred with
        self._lock = threading.Lock()
        self._last_request_id = 0

    def next_request_id(self, now: float) -> int:
        """Numeric, unique and increasing per tenant, shaped like the guide's
        ``15652770917203``: the clock's epoch seconds followed by four digits."""
        with self._lock:
            rid = max(self._last_request_id + 1, int(now) * 10_000)
            self._last_request_id = rid
            return rid


# -- building and validating modules ---------------------------------------------

def new_token() -> str:
    return secrets.token_hex(16)


def parse_module(data: Any, index: int) -> Module:
    """A module from plain data; ValueError (the control plane's 400) when it is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"module {index} must be an object")
    known = {"name", "token", "url", "events", "users", "timeout", "retries", "backoff", "extended", "ssn_events"}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"module {index} has unknown field(s) {sorted(unknown)}; expected {sorted(known)}")
    token = data.get("token") or new_token()
    if not isinstance(token, str) or len(token) > MAX_TOKEN or token != token.strip():
        raise ValueError(f"module {index}: token must be a string of 1..{MAX_TOKEN} characters, no spaces around")
    url = data.get("url") or ""
    if not isinstance(url, str) or url and (urlsplit(url).scheme not in ("http", "https")
                                            or not urlsplit(url).netloc):
        raise ValueError(f"module {index}: url must be empty or an http(s) URL")
    events = data.get("events")
    if events is None:
        events = DEFAULT_EVENTS
    valid_codes = {int(e) for e in UserEvent}
    if not isinstance(events, list | tuple) or any(type(e) is not int or e not in valid_codes for e in events):
        raise ValueError(f"module {index}: events must be a list of Table 6 codes {sorted(valid_codes)}")
    ssn_events = data.get("ssn_events") or []
    decommissioned = {int(e) for e in DECOMMISSIONED_EXTENDED_EVENTS}
    if not isinstance(ssn_events, list | tuple) or any(type(e) is not int or e not in SSN_CODES for e in ssn_events):
        raise ValueError(f"module {index}: ssn_events must be a list of extended event codes {sorted(SSN_CODES)}"
                         f" ({sorted(decommissioned)} is decommissioned)")
    extended = data.get("extended", True)
    if not isinstance(extended, bool):
        raise ValueError(f"module {index}: extended must be true or false")
    users = data.get("users") or []
    if not isinstance(users, list | tuple) or any(not str(u).strip().isdigit() for u in users):
        raise ValueError(f"module {index}: users must be a list of extensions")
    return Module(token=token, name=str(data.get("name") or ""), url=url, events=frozenset(events),
                  users=frozenset(str(u).strip() for u in users),
                  timeout=_number(data, "timeout", DEFAULT_TIMEOUT, index, low=0.001),
                  retries=int(_number(data, "retries", DEFAULT_RETRIES, index, integer=True)),
                  backoff=_number(data, "backoff", DEFAULT_BACKOFF, index),
                  key=token_key(token), extended=extended, ssn_events=frozenset(ssn_events))


def _number(data: dict, name: str, default: float, index: int, low: float = 0.0,
            integer: bool = False) -> float:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < low \
            or (integer and value != int(value)):
        raise ValueError(f"module {index}: {name} must be a {'whole ' if integer else ''}number >= {low:g}")
    return float(value)


def parse_ivr(data: Any, current: IvrSettings) -> IvrSettings:
    if not isinstance(data, dict) or set(data) - {"license_id", "script_timeout"}:
        raise ValueError('ivr settings are {"license_id": text, "script_timeout": seconds}')
    license_id = data.get("license_id", current.license_id)
    if not isinstance(license_id, str) or not license_id.strip() or len(license_id) > 64:
        raise ValueError("ivr.license_id must be a text of 1..64 characters")
    timeout = data.get("script_timeout", current.script_timeout)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout <= MAX_SCRIPT_TIMEOUT:
        raise ValueError(f"ivr.script_timeout must be a number of seconds in (0, {MAX_SCRIPT_TIMEOUT:g}]")
    return IvrSettings(license_id.strip(), float(timeout))


def parse_settings(body: Any) -> list[Module]:
    if not isinstance(body, dict) or not isinstance(body.get("modules"), list):
        raise ValueError('voispeed settings are {"modules": [{token, url, events, users, name, extended, '
                         'ssn_events}, …], "ivr": {license_id, script_timeout}}')
    if len(body["modules"]) > MAX_MODULES:
        raise ValueError(f"at most {MAX_MODULES} modules")
    modules = [parse_module(m, i) for i, m in enumerate(body["modules"])]
    tokens = [m.token for m in modules]
    if len(set(tokens)) != len(tokens):
        raise ValueError("each module needs its own token")
    return modules


def default_modules(tenant_id: str) -> list[Module]:
    """The default tenant answers the guide's example tokens; any other gets a fresh one."""
    if tenant_id == DEFAULT_TENANT:
        names = ("Hello world", "call_request example", "call_action examples")
        return [Module(token=t, name=n, key=token_key(t)) for t, n in zip(GUIDE_TOKENS, names)]
    token = new_token()
    return [Module(token=token, name="Integration", key=token_key(token))]


# -- the surface's hooks --------------------------------------------------------------

def state_of(tenant) -> VoispeedState:
    return tenant.surface_settings(SURFACE_NAME, lambda: VoispeedState(
        Modules(), IvrSettings(license_id=license_id_of(tenant.id))))


def install_modules(emulator, tenant, modules: list[Module]) -> Modules:
    """Grant the new tokens (all or nothing), then revoke the ones no longer used."""
    store = emulator.tenants
    state = state_of(tenant)
    with tenant.lock:
        old = {m.token for m in state.modules.modules}
        granted: list[str] = []
        try:
            for module in modules:
                if module.token not in old:
                    store.grant(SURFACE_NAME, module.token, tenant.id)
                    granted.append(module.token)
        except ValueError:
            for token in granted:
                store.revoke(SURFACE_NAME, token)
            raise ValueError("a token is already used by another tenant") from None
        new = Modules.of(modules)
        state.modules = new
        for token in old - {m.token for m in modules}:
            store.revoke(SURFACE_NAME, token)
        return new


def on_tenant(emulator, tenant) -> None:
    modules = default_modules(tenant.id)
    try:
        install_modules(emulator, tenant, modules)
    except ValueError:
        # a guide token was taken over by another tenant's settings: keep the rest
        free = [m for m in modules if emulator.tenants.by_credential(SURFACE_NAME, m.token) is None]
        install_modules(emulator, tenant, free)


def get_settings(emulator, tenant) -> dict:
    state = state_of(tenant)
    return {**state.modules.to_dict(), "ivr": state.ivr.to_dict()}


def put_settings(emulator, tenant, body: dict) -> dict:
    modules = parse_settings(body)
    state = state_of(tenant)
    ivr = parse_ivr(body["ivr"], state.ivr) if "ivr" in body else state.ivr
    install_modules(emulator, tenant, modules)
    state.ivr = ivr
    return get_settings(emulator, tenant)


def credentials(emulator, tenant) -> dict:
    return {"tokens": [m.token for m in state_of(tenant).modules.modules]}
