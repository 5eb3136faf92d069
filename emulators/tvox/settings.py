"""Per-tenant TVox settings and credentials.

The Data Model authenticates with an API key (``X-Telenia-APIKey``). Keys are
credentials of the tenant store (``tenants.grant("tvox", key, tenant)``), so
the request pipeline knows a request's tenant before the surface runs. The
default tenant accepts the document's placeholder key
``XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`` (the document's curl commands run
verbatim); every other tenant gets a fresh key shaped like it.

On the control plane (``/_emulator/surfaces/tvox/settings``) a tenant's
settings read and change as::

    {"datamodel": {"api_keys": [...], "rate_limit": 100, "query_seconds": 5.0, "max_rows": 10000,
                   "seed": 0, "months": ["2020-05"], "steps": 6000, "materialized": false}}

Putting ``seed``/``months``/``steps`` regenerates the tenant's data.
"""
from __future__ import annotations

import uuid
from typing import Any

from emulators.core.tenants import DEFAULT_TENANT

from .datamodel.state import datamodel_of

SURFACE_NAME = "tvox"
PLACEHOLDER_KEY = "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"
MAX_KEY = 200


def new_key() -> str:
    return str(uuid.uuid4()).upper()


def on_tenant(emulator, tenant) -> None:
    key = PLACEHOLDER_KEY if tenant.id == DEFAULT_TENANT else new_key()
    emulator.tenants.grant(SURFACE_NAME, key, tenant.id)


def keys_of(emulator, tenant) -> list[str]:
    return sorted(c for _, c in emulator.tenants.credentials_of(tenant.id, SURFACE_NAME))


def credentials(emulator, tenant) -> dict[str, list[str]]:
    return {"api_key": keys_of(emulator, tenant)}


def get_settings(emulator, tenant) -> dict[str, Any]:
    dm = datamodel_of(tenant)
    from .datamodel.seed import DEFAULT_STEPS, parse_months
    months = [f"{y:04d}-{m:02d}" for y, m in parse_months(dm.months)]
    return {"datamodel": {"api_keys": keys_of(emulator, tenant), **dm.limits.to_dict(), "seed": dm.seed,
                          "months": months, "steps": dm.steps or DEFAULT_STEPS, "materialized": dm.materialized}}


def _number(value: Any, name: str, kind=float, low: float = 0) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number") from None
    if number < low:
        raise ValueError(f"{name} must be at least {low}")
    return number


def put_settings(emulator, tenant, body: dict) -> dict[str, Any]:
    data = body.get("datamodel", body) if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise ValueError("settings must be an object: {\"datamodel\": {...}}")
    known = {"api_keys", "rate_limit", "query_seconds", "max_rows", "seed", "months", "steps", "materialized"}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown datamodel settings {sorted(unknown)}; known: {sorted(known)}")
    dm = datamodel_of(tenant)
    if "rate_limit" in data:
        dm.limits.rate_limit = _number(data["rate_limit"], "rate_limit", int)
    if "query_seconds" in data:
        dm.limits.query_seconds = _number(data["query_seconds"], "query_seconds", float, 0.01)
    if "max_rows" in data:
        dm.limits.max_rows = _number(data["max_rows"], "max_rows", int, 1)
    if "api_keys" in data:
        _replace_keys(emulator, tenant, data["api_keys"])
    if any(k in data for k in ("seed", "months", "steps")):
        from .datamodel.seed import parse_months, seed_tvox
        months = parse_months(data.get("months", dm.months))
        steps = _number(data.get("steps", dm.steps or 6000), "steps", int)
        if steps > 200_000:
            raise ValueError("steps over 200000 per month: use `ccemu seed tvox` for big datasets")
        seed_tvox(tenant, int(_number(data.get("seed", dm.seed), "seed", int)), months, steps=steps)
        dm.months, dm.steps = months, steps
    return get_settings(emulator, tenant)


def _replace_keys(emulator, tenant, keys: Any) -> None:
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and 0 < len(k) <= MAX_KEY
                                                         for k in keys):
        raise ValueError("api_keys must be a non-empty list of strings")
    old = set(keys_of(emulator, tenant))
    granted = []
    try:
        for key in keys:
            if key not in old:
                emulator.tenants.grant(SURFACE_NAME, key, tenant.id)
                granted.append(key)
    except ValueError:
        for key in granted:
            emulator.tenants.revoke(SURFACE_NAME, key)
        raise
    for key in old - set(keys):
        emulator.tenants.revoke(SURFACE_NAME, key)
