"""How simulated far ends act, chosen by number pattern.

A rule says what the party at a matching number does when the engine calls
it: answer after n seconds, be busy, never answer, reject, be unreachable,
and optionally hang up n seconds after answering. Rules are tried in order;
the first match wins. Without a matching rule external numbers answer after
two seconds and stay on the line, and internal users ring until someone
answers through an API (or the ring timeout passes).
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import asdict, dataclass, fields

ACTIONS = ("answer", "busy", "no_answer", "reject", "unavailable")


@dataclass(frozen=True)
class Rule:
    pattern: str = "*"            # glob ("39*"), exact number, or "re:<regex>"
    action: str = "answer"
    after: float = 2.0            # seconds before answering / rejecting
    hangup_after: float | None = None   # seconds after answering; None = stays on the line
    dtmf: str = ""                # digits this end sends once connected (e.g. to an IVR)
    applies_to: str = "external"  # external | internal | any

    def matches(self, number: str, internal: bool) -> bool:
        if self.applies_to == "external" and internal or self.applies_to == "internal" and not internal:
            return False
        if self.pattern.startswith("re:"):
            return re.fullmatch(self.pattern[3:], number) is not None
        return fnmatch.fnmatchcase(number, self.pattern) or fnmatch.fnmatchcase(number.lstrip("+"), self.pattern)

    def to_dict(self) -> dict:
        return asdict(self)


def parse_rule(spec: dict) -> Rule:
    """A rule from plain data; ValueError with a clear message when it is wrong."""
    known = {f.name for f in fields(Rule)}
    unknown = set(spec) - known
    if unknown:
        raise ValueError(f"unknown behaviour field(s) {sorted(unknown)}; expected {sorted(known)}")
    rule = Rule(**spec)
    if rule.action not in ACTIONS:
        raise ValueError(f"behaviour action must be one of {ACTIONS}")
    if rule.applies_to not in ("external", "internal", "any"):
        raise ValueError("applies_to must be external, internal or any")
    if rule.after < 0 or (rule.hangup_after is not None and rule.hangup_after < 0):
        raise ValueError("behaviour delays must not be negative")
    if rule.pattern.startswith("re:"):
        try:
            re.compile(rule.pattern[3:])
        except re.error as exc:
            raise ValueError(f"bad behaviour regex: {exc}") from None
    return rule


DEFAULT_EXTERNAL = Rule(pattern="*", action="answer", after=2.0)
RING_TIMEOUT = 30.0               # seconds an unanswered party rings before "no answer"


class Behaviour:
    """The ordered rules of one tenant."""

    def __init__(self, rules: list[Rule] | None = None, ring_timeout: float = RING_TIMEOUT):
        self.rules: list[Rule] = list(rules or [])
        self.ring_timeout = ring_timeout

    def for_number(self, number: str, internal: bool) -> Rule | None:
        for rule in self.rules:
            if rule.matches(number, internal):
                return rule
        return None if internal else DEFAULT_EXTERNAL

    def replace(self, specs: list[dict], ring_timeout: float | None = None) -> None:
        rules = [parse_rule(s) for s in specs]
        if ring_timeout is not None:
            if ring_timeout <= 0:
                raise ValueError("ring_timeout must be positive")
            self.ring_timeout = float(ring_timeout)
        self.rules = rules

    def to_dict(self) -> dict:
        return {"ring_timeout": self.ring_timeout, "rules": [r.to_dict() for r in self.rules]}
