"""OpenAPI 3 description of the control plane, built from its own routes.

Each view carries a summary and its body fields through :func:`doc`, so the
document cannot drift from the routes that exist.
"""
from __future__ import annotations

import re
from typing import Any, Callable

_TYPES = {"string": {"type": "string"}, "integer": {"type": "integer"}, "number": {"type": "number"},
          "boolean": {"type": "boolean"}, "array": {"type": "array", "items": {}},
          "object": {"type": "object"}, "string|object": {"oneOf": [{"type": "string"}, {"type": "object"}]}}


def doc(summary: str, body: dict[str, str] | None = None) -> Callable:
    def mark(view: Callable) -> Callable:
        view.openapi = {"summary": summary, "body": body or {}}
        return view
    return mark


def _path(rule: str) -> tuple[str, list[dict]]:
    params = []

    def replace(match: re.Match) -> str:
        converter, name = match.group(1), match.group(2)
        params.append({"name": name, "in": "path", "required": True,
                       "schema": {"type": "integer" if converter == "int" else "string"}})
        return "{" + name + "}"
    return re.sub(r"<(?:(\w+):)?(\w+)>", replace, rule), params


def build_openapi(rules: list, version: str) -> dict[str, Any]:
    from flask import current_app
    paths: dict[str, dict] = {}
    for rule in rules:
        view = current_app.view_functions[rule.endpoint]
        meta = getattr(view, "openapi", {"summary": rule.endpoint, "body": {}})
        path, params = _path(rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            operation: dict[str, Any] = {
                "summary": meta["summary"], "operationId": f"{rule.endpoint.split('.')[-1]}_{method.lower()}",
                "parameters": params + [{"name": "tenant", "in": "query", "required": False,
                                         "schema": {"type": "string"},
                                         "description": "tenant id (default: default)"}],
                "responses": {"200": {"description": "OK", "content": {"application/json": {}}},
                              "400": {"$ref": "#/components/responses/Error"},
                              "404": {"$ref": "#/components/responses/Error"},
                              "409": {"$ref": "#/components/responses/Error"}},
            }
            if method in ("POST", "PUT", "PATCH"):
                operation["requestBody"] = {"required": False, "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {k: _TYPES.get(v, {"type": "string"}) for k, v in meta["body"].items()}}}}}
            paths.setdefault(path, {})[method.lower()] = operation
    return {
        "openapi": "3.0.3",
        "info": {"title": "ccemu control plane", "version": version,
                 "description": "Drive and observe the ccemu emulators: tenants, clock, journal, faults, "
                                "scenarios, directory and engine operations."},
        "paths": dict(sorted(paths.items())),
        "components": {"responses": {"Error": {"description": "Error", "content": {"application/json": {
            "schema": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                "code": {"type": "string"}, "message": {"type": "string"}}}}}}}}}},
    }
