"""Stable GUIDs for the RTE view of a tenant's entities.

Enreach identifies everything by GUID; the engine by small integers and
strings. A GUID here is a UUIDv5 of (tenant id, seed, kind, engine id), so:

- the same tenant and seed give the same GUIDs in every process and after a
  reset (tests and documentation examples can hard-code the default tenant's);
- two tenants never share a GUID, so an entity of another tenant is simply
  not found (and refused as ``Unauthorized``) rather than silently aliased.

Calls get a GUID from their id *and* creation time: engine call ids restart
after a tenant reset, but a client may still hold the old call's GUID.
"""
from __future__ import annotations

import uuid
from functools import lru_cache

NAMESPACE = uuid.UUID("6f1c1d0e-6a52-5b7e-9a55-0c4e0ed1a7c3")   # ccemu's RTE namespace (fixed)


@lru_cache(maxsize=65536)
def guid(tenant_id: str, seed: int, kind: str, key: object) -> str:
    """The GUID of entity ``key`` of ``kind`` (user, queue, calllist, organization, …) in a tenant."""
    return str(uuid.uuid5(NAMESPACE, f"{tenant_id}\x1f{seed}\x1f{kind}\x1f{key}"))


def organization(tenant) -> str:
    return guid(tenant.id, tenant.seed, "organization", "")


def user(tenant, user_id: int) -> str:
    return guid(tenant.id, tenant.seed, "user", user_id)


def queue(tenant, queue_id: int) -> str:
    return guid(tenant.id, tenant.seed, "queue", queue_id)


def call_list(tenant, queue_id: int) -> str:
    """Each queue has one callback list (the engine keeps callbacks per queue)."""
    return guid(tenant.id, tenant.seed, "calllist", queue_id)


def call(tenant, call_snapshot: dict) -> str:
    return guid(tenant.id, tenant.seed, "call", f"{call_snapshot['id']}@{call_snapshot['created_at']!r}")


def leg(tenant, call_snapshot: dict, party_id: str) -> str:
    return guid(tenant.id, tenant.seed, "leg", f"{call_snapshot['id']}@{call_snapshot['created_at']!r}/{party_id}")


def callback(tenant, callback_id: str, created_at: float) -> str:
    return guid(tenant.id, tenant.seed, "callback", f"{callback_id}@{created_at!r}")


def profile(tenant, availability: str) -> str:
    """The availability profile a mode maps to (one per availability state)."""
    return guid(tenant.id, tenant.seed, "profile", availability)


def event_id() -> str:
    """Each pushed event has its own id; events are not entities, so a random one."""
    return str(uuid.uuid4())
