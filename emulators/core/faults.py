"""Fault rules: latency, errors and drops, matched per surface.

A test that must prove a client copes with a slow, failing or vanishing
vendor adds a :class:`FaultRule` through the control plane. Surfaces ask
:meth:`Faults.match` before serving a request ("in"); the delivery worker asks
before every outbound attempt ("out"). A rule can expire after ``times``
matches, so "fail the next two webhooks" needs no cleanup.
"""
from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field, fields

ACTIONS = ("latency", "error", "drop")
DIRECTIONS = ("in", "out")


@dataclass
class FaultRule:
    id: str
    action: str                     # "latency" | "error" | "drop"
    surface: str = "*"              # a surface name, or "*" for every surface
    direction: str = "in"           # "in" = requests we serve, "out" = deliveries we make
    tenant: str | None = None       # None = every tenant
    target: str = ""                # substring of path/URL; "" = any
    params: dict[str, str] = field(default_factory=dict)  # every key must equal
    latency_ms: float = 0
    status: int = 500
    body: str = ""
    times: int | None = None        # matches left before the rule expires; None = forever

    def to_dict(self) -> dict:
        return {f.name: (dict(self.params) if f.name == "params" else getattr(self, f.name))
                for f in fields(self)}

    def matches(self, surface: str, direction: str, tenant: str | None, target: str,
                params: dict | None) -> bool:
        if self.direction != direction:
            return False
        if self.surface != "*" and self.surface != surface:
            return False
        if self.tenant is not None and self.tenant != tenant:
            return False
        if self.target and self.target not in target:
            return False
        if self.params:
            given = params or {}
            for k, v in self.params.items():
                if k not in given or str(given[k]) != v:
                    return False
        return True


_KEYS = {f.name for f in fields(FaultRule)}


def _number(spec: dict, key: str, kind: type, minimum: float | None = None):
    value = spec[key]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"fault {key!r} must be a number, not {value!r}")
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ValueError(f"fault {key!r} must be a number, not {value!r}") from None
    if minimum is not None and number < minimum:
        raise ValueError(f"fault {key!r} must be at least {minimum}, not {value!r}")
    return number


def validate(spec: dict, rule_id: str) -> FaultRule:
    """Turn a JSON-ish spec into a rule, or raise ValueError saying what is wrong."""
    if not isinstance(spec, dict):
        raise ValueError("a fault must be an object")
    unknown = sorted(set(spec) - _KEYS)
    if unknown:
        raise ValueError(f"unknown fault field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_KEYS))}")
    spec = dict(spec)
    action = spec.get("action")
    if action not in ACTIONS:
        raise ValueError(f"fault action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if spec.get("direction", "in") not in DIRECTIONS:
        raise ValueError(f"fault direction must be 'in' or 'out', not {spec['direction']!r}")
    for key in ("id", "surface", "target", "body"):
        if key in spec and not isinstance(spec[key], str):
            raise ValueError(f"fault {key!r} must be a string")
    if spec.get("tenant") is not None and not isinstance(spec["tenant"], str):
        raise ValueError("fault 'tenant' must be a string or null")
    params = spec.get("params") or {}
    if not isinstance(params, dict):
        raise ValueError("fault 'params' must be an object of name: value")
    spec["params"] = {str(k): str(v) for k, v in params.items()}
    if "latency_ms" in spec:
        spec["latency_ms"] = _number(spec, "latency_ms", float, 0)
    if "status" in spec:
        spec["status"] = _number(spec, "status", int, 100)
        if spec["status"] > 599:
            raise ValueError(f"fault 'status' must be an HTTP status (100-599), not {spec['status']}")
    if spec.get("times") is not None:
        spec["times"] = _number(spec, "times", int, 1)
    if action == "latency" and not spec.get("latency_ms"):
        raise ValueError("a latency fault needs a positive 'latency_ms'")
    spec["id"] = spec.get("id") or rule_id
    if not spec.get("surface"):
        spec["surface"] = "*"
    return FaultRule(**spec)


class Faults:
    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    def add(self, spec: dict) -> FaultRule:
        """Validate and add a rule; a rule with an existing id replaces it in place."""
        rule = validate(spec, f"fault-{next(self._ids)}")
        with self._lock:
            for i, old in enumerate(self._rules):
                if old.id == rule.id:
                    self._rules = [*self._rules[:i], rule, *self._rules[i + 1:]]
                    break
            else:
                self._rules = [*self._rules, rule]
        return rule

    def remove(self, rule_id: str) -> bool:
        with self._lock:
            kept = [r for r in self._rules if r.id != rule_id]
            removed = len(kept) != len(self._rules)
            self._rules = kept
        return removed

    def clear(self, tenant: str | None = None) -> None:
        """Remove every rule, or only the rules bound to one tenant."""
        with self._lock:
            self._rules = [] if tenant is None else [r for r in self._rules if r.tenant != tenant]

    def list(self) -> list[FaultRule]:
        return list(self._rules)

    def has_rules(self) -> bool:
        """A lock-free check for the hot path: most requests meet no fault at all."""
        return bool(self._rules)

    def match(self, *, surface: str, direction: str, tenant: str | None, target: str,
              params: dict | None = None) -> FaultRule | None:
        """The first matching rule in insertion order, counting one use of it."""
        if not self._rules:  # the common case: no faults, no lock
            return None
        with self._lock:
            for rule in self._rules:
                if rule.matches(surface, direction, tenant, target, params):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self._rules = [r for r in self._rules if r is not rule]
                    return rule
        return None

    def __len__(self) -> int:
        return len(self._rules)
