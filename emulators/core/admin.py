"""The control plane under ``/_emulator/``: JSON endpoints for tests and people.

Health, version, tenants, reset, seed, directory, behaviour, scenarios, clock,
journal, faults, each surface's integration settings, and engine operations
(place calls, act on parties, drive agents). Errors are JSON
``{"error": {"code", "message"}}`` with 400 (bad input), 404 (unknown id) or
409 (illegal state). ``/_emulator/openapi.json`` describes it all.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from flask import Blueprint, jsonify, request

from . import scenarios
from .openapi import build_openapi, doc
from .states import EngineError, IllegalOperation, InvalidArgument, NotFound
from .tenants import DEFAULT_TENANT

MAX_BODY = 1024 * 1024
MAX_WAIT = 60.0


class ControlError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _package_version() -> str:
    try:
        return version("ccemu")
    except PackageNotFoundError:
        return "0+unknown"


def control_plane(emulator) -> Blueprint:
    bp = Blueprint("control_plane", __name__)
    engine = emulator.engine

    # -- plumbing --------------------------------------------------------------------
    @bp.errorhandler(ControlError)
    def _control_error(exc: ControlError):
        return jsonify(error={"code": exc.code, "message": exc.message}), exc.status

    @bp.errorhandler(EngineError)
    def _engine_error(exc: EngineError):
        status = {NotFound: 404, IllegalOperation: 409, InvalidArgument: 400}.get(type(exc), 400)
        return jsonify(error={"code": exc.code, "message": exc.message, **exc.details}), status

    @bp.errorhandler(KeyError)
    def _key_error(exc: KeyError):
        return jsonify(error={"code": "not_found", "message": str(exc.args[0] if exc.args else exc)}), 404

    @bp.errorhandler(ValueError)
    def _value_error(exc: ValueError):
        return jsonify(error={"code": "invalid", "message": str(exc)}), 400

    def body() -> dict:
        if request.content_length and request.content_length > MAX_BODY:
            raise ControlError(413, "too_large", f"request body over {MAX_BODY} bytes")
        if not request.data:
            return {}
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise ControlError(400, "invalid", "the body must be a JSON object")
        return data

    def tenant_id(data: dict | None = None) -> str:
        tid = (data or {}).get("tenant") or request.args.get("tenant") or DEFAULT_TENANT
        emulator.tenants.get(tid)   # KeyError -> 404
        emulator.backlog.settle(tid)     # work a surface's reply accepted shows here already
        return tid

    def number(value: Any, name: str) -> float:
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ControlError(400, "invalid", f"{name} must be a number") from None

    def tenant_view(tenant) -> dict:
        credentials: dict[str, Any] = {}
        for name, surface in emulator.surfaces.items():
            if surface.credentials:
                credentials[name] = surface.credentials(emulator, tenant)
        return {"id": tenant.id, "seed": tenant.seed, "clock": tenant.clock.describe(),
                "credentials": credentials}

    # -- health and identity -----------------------------------------------------------
    @bp.get("/health")
    @doc("Health: 200 when every surface is ready, else 503")
    def health():
        surfaces = emulator.ready()
        ok = all(surfaces.values())
        return jsonify(status="ok" if ok else "starting", surfaces=surfaces), 200 if ok else 503

    @bp.get("/version")
    @doc("Emulator version and surfaces")
    def version_():
        return jsonify(name="ccemu", version=_package_version(), surfaces=sorted(emulator.surfaces))

    @bp.get("/openapi.json")
    @doc("This document")
    def openapi():
        from flask import current_app
        rules = [r for r in current_app.url_map.iter_rules() if r.endpoint.startswith(bp.name + ".")]
        return jsonify(build_openapi(rules, _package_version()))

    # -- tenants, reset, seed ---------------------------------------------------------
    @bp.get("/tenants")
    @doc("List tenants")
    def tenants():
        return jsonify(tenants=[tenant_view(emulator.tenants.get(t)) for t in emulator.tenants.ids()])

    @bp.post("/tenants")
    @doc("Create a tenant with fresh credentials", body={"id": "string", "seed": "integer", "clock": "string"})
    def create_tenant():
        data = body()
        seed = int(number(data.get("seed", emulator.config.seed), "seed"))
        clock = data.get("clock")
        if clock not in (None, "real", "virtual"):
            raise ControlError(400, "invalid", "clock must be real or virtual")
        try:
            tenant = emulator.new_tenant(data.get("id"), seed, clock_mode=clock)
        except KeyError as exc:
            raise ControlError(409, "exists", str(exc.args[0])) from None
        return jsonify(tenant_view(tenant)), 201

    @bp.get("/tenants/<tid>")
    @doc("One tenant with its credentials")
    def get_tenant(tid: str):
        return jsonify(tenant_view(emulator.tenants.get(tid)))

    @bp.delete("/tenants/<tid>")
    @doc("Delete a tenant and everything it holds")
    def delete_tenant(tid: str):
        if tid == DEFAULT_TENANT:
            raise ControlError(409, "illegal_state", "the default tenant cannot be deleted; reset it")
        emulator.tenants.get(tid)
        engine.forget(tid)
        emulator.journal.clear(tenant=tid)
        emulator.delivery.cancel(tenant=tid)
        emulator.tenants.delete(tid)
        return jsonify(deleted=tid)

    @bp.post("/reset")
    @doc("Reset everything, or one tenant ({tenant})", body={"tenant": "string"})
    def reset():
        data = body()
        tid = data.get("tenant") or request.args.get("tenant")
        if tid:
            return jsonify(reset=tid, tenant=tenant_view(emulator.reset_tenant(tenant_id(data))))
        emulator.reset()
        return jsonify(reset="all")

    @bp.post("/seed")
    @doc("Regenerate a tenant's directory from a seed", body={"tenant": "string", "seed": "integer"})
    def seed():
        data = body()
        tid = tenant_id(data)
        seed_value = int(number(data.get("seed", emulator.tenants.get(tid).seed), "seed"))
        tenant = emulator.tenants.get(tid)
        with tenant.lock:
            tenant.seed = seed_value
            tenant.directory = emulator.tenants._directory_factory(seed_value)
        counts = {kind: len(items) for kind, items in tenant.directory.to_dict().items()}
        return jsonify(tenant=tid, seed=seed_value, directory=counts)

    # -- directory and behaviour ------------------------------------------------------
    @bp.get("/directory")
    @doc("A tenant's directory")
    def get_directory():
        return jsonify(emulator.tenants.get(tenant_id()).directory.to_dict())

    @bp.put("/directory")
    @doc("Replace a tenant's directory", body={"users": "array", "ring_groups": "array"})
    def put_directory():
        from .directory import Directory
        data = body()
        tenant = emulator.tenants.get(tenant_id(data))
        data.pop("tenant", None)
        directory = Directory.from_dict(data)
        with tenant.lock:
            tenant.directory = directory
        return jsonify(directory.to_dict())

    @bp.post("/directory/<kind>")
    @doc("Add or replace one entity of a kind (users, ring_groups, queues, …)")
    def put_entity(kind: str):
        data = body()
        tenant = emulator.tenants.get(tenant_id(data))
        data.pop("tenant", None)
        with tenant.lock:
            entity = tenant.directory.put(kind, data)
        from dataclasses import asdict
        return jsonify(asdict(entity)), 201

    @bp.delete("/directory/<kind>/<int:entity_id>")
    @doc("Delete one entity")
    def delete_entity(kind: str, entity_id: int):
        tenant = emulator.tenants.get(tenant_id())
        with tenant.lock:
            if not tenant.directory.delete(kind, entity_id):
                raise ControlError(404, "not_found", f"no {kind} with id {entity_id}")
        return jsonify(deleted=entity_id)

    @bp.get("/behaviour")
    @doc("Far-end behaviour rules of a tenant")
    def get_behaviour():
        return jsonify(engine.state(tenant_id()).behaviour.to_dict())

    @bp.put("/behaviour")
    @doc("Replace far-end behaviour rules", body={"rules": "array", "ring_timeout": "number"})
    def put_behaviour():
        data = body()
        behaviour = engine.state(tenant_id(data)).behaviour
        rules = data.get("rules", [])
        if not isinstance(rules, list):
            raise ControlError(400, "invalid", "rules must be a list")
        behaviour.replace(rules, data.get("ring_timeout"))
        return jsonify(behaviour.to_dict())

    # -- scenarios ----------------------------------------------------------------------
    @bp.post("/scenarios/run")
    @doc("Run a scenario (YAML text or object, or a bundled one by name)",
         body={"tenant": "string", "scenario": "string|object", "name": "string"})
    def run_scenario():
        data = body()
        tid = tenant_id(data)
        source = data.get("scenario")
        if source is None and data.get("name"):
            source = _bundled(data["name"])
        if source is None:
            raise ControlError(400, "invalid", "give 'scenario' (YAML text or object) or 'name'")
        try:
            result = scenarios.run(engine, tid, source)
        except scenarios.ScenarioError as exc:
            raise ControlError(400, "invalid", str(exc)) from None
        return jsonify(result), 200 if result["ok"] else 422

    @bp.get("/scenarios")
    @doc("Bundled scenarios")
    def list_scenarios():
        return jsonify(scenarios=sorted(p.stem for p in _scenario_dir().glob("*.yaml")))

    # -- clock --------------------------------------------------------------------------
    @bp.get("/clock")
    @doc("A tenant's clock")
    def get_clock():
        return jsonify(emulator.tenants.get(tenant_id()).clock.describe())

    @bp.put("/clock")
    @doc("Set a tenant's clock mode, time or speed", body={"mode": "string", "now": "number", "scale": "number"})
    def put_clock():
        data = body()
        clock = emulator.tenants.get(tenant_id(data)).clock
        clock.configure(mode=data.get("mode"),
                        now=None if data.get("now") is None else number(data["now"], "now"),
                        scale=None if data.get("scale") is None else number(data["scale"], "scale"))
        return jsonify(clock.describe())

    @bp.post("/clock/advance")
    @doc("Advance a tenant's clock, firing due timers", body={"seconds": "number"})
    def advance_clock():
        data = body()
        clock = emulator.tenants.get(tenant_id(data)).clock
        fired = clock.advance(number(data.get("seconds", 0), "seconds"))
        return jsonify(fired=fired, **clock.describe())

    # -- journal ----------------------------------------------------------------------------
    def journal_filters(source: dict) -> dict:
        filters: dict[str, Any] = {}
        for key in ("tenant", "surface", "direction", "target", "method", "outcome"):
            if source.get(key):
                filters[key] = str(source[key])
        if source.get("status") not in (None, ""):
            filters["status"] = int(number(source["status"], "status"))
        if source.get("since") not in (None, ""):
            filters["since"] = int(number(source["since"], "since"))
        params = {k[6:]: str(v) for k, v in source.items() if k.startswith("param.")}
        params.update({str(k): str(v) for k, v in (source.get("params") or {}).items()})
        if params:
            filters["params"] = params
        return filters

    @bp.get("/journal")
    @doc("Journal entries; filters tenant, surface, direction, target, method, status, outcome, since, param.NAME")
    def journal():
        filters = journal_filters(request.args.to_dict())
        emulator.backlog.settle(filters.get("tenant"))
        limit = int(number(request.args.get("limit", 1000), "limit"))
        entries = emulator.journal.query(**filters)
        return jsonify(entries=[e.to_dict() for e in entries[-limit:]] if limit > 0 else [])

    @bp.post("/journal/wait")
    @doc("Block until a matching journal entry exists, or time out (404)",
         body={"timeout": "number", "surface": "string", "params": "object"})
    def journal_wait():
        data = body()
        timeout = min(max(number(data.get("timeout", 5), "timeout"), 0.0), MAX_WAIT)
        filters = journal_filters(data)
        emulator.backlog.settle(filters.get("tenant"))
        entry = emulator.journal.wait_for(timeout, **filters)
        if entry is None:
            raise ControlError(404, "timeout", f"no matching journal entry within {timeout} s")
        return jsonify(entry.to_dict())

    @bp.delete("/journal")
    @doc("Clear the journal (of one tenant with ?tenant=)")
    def clear_journal():
        emulator.journal.clear(tenant=request.args.get("tenant"))
        return jsonify(cleared=True)

    # -- faults -------------------------------------------------------------------------------
    @bp.get("/faults")
    @doc("Fault rules")
    def faults():
        return jsonify(faults=[r.to_dict() for r in emulator.faults.list()])

    @bp.post("/faults")
    @doc("Add a fault rule (latency, error, drop)",
         body={"action": "string", "surface": "string", "direction": "string", "target": "string",
               "latency_ms": "number", "status": "integer", "times": "integer"})
    def add_fault():
        return jsonify(emulator.faults.add(body()).to_dict()), 201

    @bp.delete("/faults")
    @doc("Remove every fault rule")
    def clear_faults():
        emulator.faults.clear()
        return jsonify(cleared=True)

    @bp.delete("/faults/<rule_id>")
    @doc("Remove one fault rule")
    def remove_fault(rule_id: str):
        if not emulator.faults.remove(rule_id):
            raise ControlError(404, "not_found", f"no fault rule {rule_id}")
        return jsonify(removed=rule_id)

    # -- surface settings -------------------------------------------------------------------------
    def surface(name: str):
        found = emulator.surfaces.get(name)
        if found is None or found.get_settings is None:
            raise ControlError(404, "not_found", f"no surface {name!r} with settings")
        return found

    @bp.get("/surfaces/<name>/settings")
    @doc("A surface's integration settings for a tenant")
    def get_settings(name: str):
        return jsonify(surface(name).get_settings(emulator, emulator.tenants.get(tenant_id())))

    @bp.put("/surfaces/<name>/settings")
    @doc("Replace a surface's integration settings for a tenant")
    def put_settings(name: str):
        data = body()
        found = surface(name)
        tenant = emulator.tenants.get(tenant_id(data))
        data.pop("tenant", None)
        return jsonify(found.put_settings(emulator, tenant, data))

    from .admin_engine import engine_routes
    engine_routes(bp, emulator, body, tenant_id, ControlError)
    return bp


def _scenario_dir():
    from pathlib import Path
    import fixtures
    return Path(fixtures.__file__).with_name("scenarios")


def _bundled(name: str) -> str:
    path = _scenario_dir() / f"{name}.yaml"
    if not path.is_file() or "/" in name or "\\" in name:
        raise ControlError(404, "not_found", f"no bundled scenario {name!r}")
    return path.read_text(encoding="utf-8")
