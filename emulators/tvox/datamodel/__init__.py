"""The TVox Data Model: the document's statistics tables in SQLite, and the GraphQL API over them.

Modules, by job:

- the document as data: :mod:`.catalogue` (tables, areas), :mod:`.tables_tvox`,
  :mod:`.tables_addressbook`, :mod:`.tables_support`, :mod:`.docschema`
  (reads "Schema Types" for the conformance checks);
- storage: :mod:`.store` (a tenant's in-memory SQLite), :mod:`.state` (lazy
  store, limits), :mod:`.ratelimit`;
- data: :mod:`.seed` (``seed_tvox``), :mod:`.gen_pipeline` (a month, chunk by
  chunk: :mod:`.gen_calls` draws, :mod:`.gen_stage` stages, :mod:`.gen_sql`
  builds, :mod:`.gen_worker` draws alongside), :mod:`.gen_rows`,
  :mod:`.gen_people`, :mod:`.gen_support`, :mod:`.site`, :mod:`.projection`
  (engine calls → rows);
- the API: :mod:`.schema` (Query), :mod:`.schema_objects`, :mod:`.schema_inputs`,
  :mod:`.schema_enums`, :mod:`.scalars`, :mod:`.search` / :mod:`.compare` /
  :mod:`.interactions` / :mod:`.contacts` / :mod:`.advanced` (+ :mod:`.mysqlfuncs`),
  :mod:`.hoist`, :mod:`.rows`, :mod:`.sitetime`, :mod:`.errors`;
- HTTP: :mod:`.http`, :mod:`.playground`.
"""
from __future__ import annotations

__all__ = ["install_datamodel", "seed_tvox", "warm"]


def install_datamodel(app, emulator) -> None:
    """Routes, the engine projection, and closing a deleted tenant's database."""
    from .http import register
    from .projection import Projection
    from .state import find_datamodel

    register(app, emulator)
    Projection(emulator).install()
    live: dict = {}

    def on_change(action: str, tenant_id: str) -> None:
        if action == "created":
            live[tenant_id] = emulator.tenants.find(tenant_id)
        elif action == "deleted":
            tenant = live.pop(tenant_id, None)
            dm = find_datamodel(tenant) if tenant is not None else None
            if dm is not None:
                dm.close()
    emulator.tenants.on_change(on_change)


def seed_tvox(tenant, seed=None, months=None, progress=None, steps=None) -> dict:
    """(Re)generate a tenant's Data Model data; see :func:`.seed.seed_tvox` (imported lazily: faker is slow to load)."""
    from .seed import seed_tvox as run
    return run(tenant, seed, months, progress, steps)


def warm(emulator, tenant_id: str = "default"):
    """Make a tenant's database now (e.g. in a background thread after ``ccemu up``)."""
    from .state import datamodel_of
    return datamodel_of(emulator.tenants.get(tenant_id)).store()
