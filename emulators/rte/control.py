"""The surface's own control-plane routes, beside the core's settings route.

- ``POST /_emulator/surfaces/rte/events`` publishes one RTE event as the
  vendor's own API would produce it. Several documented events have no
  engine counterpart (``UserActionMobileCall``, ``UserAlert``,
  ``UserConfigurationSetNextCLI``, ``UserSetting``, ``UserContactCard``,
  ``UserAction``…): tests and integrators fire them here. Body::

      {"tenant": "t-…", "eventName": "UserAlert", "entityId": "<GUID>",
       "data": {"AlertId": "…", "ConditionName": "…"}}

  ``entityId`` may be given as ``user`` (extension or id) or ``queue`` (id)
  instead; ``data`` keys are the document's property names in any case; the
  rest of the event is filled as for engine-made events.
- ``GET /_emulator/surfaces/rte/connections?tenant=…`` lists live hub
  connections with their subscriptions and queue depth.
"""
from __future__ import annotations

from flask import Flask, jsonify, request

from emulators.core.tenants import DEFAULT_TENANT

from . import ids, spec
from .projection.payload import build

BASE = "/_emulator/surfaces/rte"


def _error(status: int, message: str):
    return jsonify(error={"code": "invalid" if status == 400 else "not_found", "message": message}), status


def register(app: Flask, emulator, service) -> None:
    @app.post(BASE + "/events")
    def publish_event():
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _error(400, "a JSON object is required")
        tenant = emulator.tenants.find(str(body.get("tenant") or DEFAULT_TENANT))
        if tenant is None:
            return _error(404, f"no tenant {body.get('tenant')!r}")
        event = spec.event(str(body.get("eventName") or ""))
        if event is None:
            return _error(400, f"eventName must be one of {list(spec.EVENT_NAMES)}")
        entity = _entity(tenant, body, event)
        if entity is None:
            return _error(400, f"{event.name} needs an entityId of a {event.entity} of the tenant "
                               f"(or 'user' / 'queue')")
        data = body.get("data") or {}
        if not isinstance(data, dict):
            return _error(400, "data must be an object of the event's properties")
        names = {p.name.lower(): p.name for p in event.props}
        unknown = [k for k in data if str(k).lower() not in names]
        if unknown:
            return _error(400, f"{event.name} has no properties {unknown}; it has {[p.name for p in event.props]}")
        values = {names[str(k).lower()]: v for k, v in data.items()}
        defaults = {"OrganizationId": ids.organization(tenant), "UserId": entity if event.entity == "user" else None,
                    "QueueId": entity if event.entity == "queue" else None}
        for name, value in defaults.items():
            if name in {p.name for p in event.props} and value is not None:
                values.setdefault(name, value)
        try:
            payload = build(event, values, tenant=tenant, entity_id=entity, at=tenant.clock.now())
        except (TypeError, ValueError) as exc:
            return _error(400, f"a property has a value of the wrong type: {exc}")
        delivered = service.hub.publish(tenant.id, entity, event, payload)
        return jsonify(eventName=event.name, entityId=entity, recipients=delivered, data=payload)

    @app.get(BASE + "/connections")
    def connections():
        tenant = request.args.get("tenant")
        return jsonify(connections=[c.describe() for c in service.hub.connections(tenant)])


def _entity(tenant, body: dict, event) -> str | None:
    from .org import Organization
    organization = Organization(tenant)
    if body.get("entityId"):
        guid = str(body["entityId"]).lower()
        return guid if organization.entity_kind(guid) == event.entity else None
    directory = tenant.directory
    if event.entity == "user" and body.get("user") is not None:
        ref = str(body["user"])
        user = directory.user_by_extension(ref) or (directory.users.get(int(ref)) if ref.isdigit() else None)
        return ids.user(tenant, user.id) if user else None
    if event.entity in ("queue", "calllist") and body.get("queue") is not None:
        ref = str(body["queue"])
        queue = directory.queues.get(int(ref)) if ref.isdigit() else None
        if queue is None:
            return None
        return ids.queue(tenant, queue.id) if event.entity == "queue" else ids.call_list(tenant, queue.id)
    return None
