"""The engine's state machines as tables, and the typed errors for breaking them.

Every operation names the states it may start from; anything else is an
:class:`IllegalOperation`, which each vendor surface renders as its own error
(never an HTTP 500).
"""
from __future__ import annotations

from enum import Enum


class PartyState(str, Enum):
    IDLE = "idle"
    DIALING = "dialing"        # this side placed the call and waits for the far end
    RINGING = "ringing"        # this side is being alerted
    TALKING = "talking"
    HELD = "held"              # this side put the call on hold
    RELEASED = "released"


class AgentState(str, Enum):
    LOGGED_OUT = "logged_out"
    READY = "ready"
    NOT_READY = "not_ready"
    AFTER_CALL_WORK = "after_call_work"


class CallState(str, Enum):
    SETUP = "setup"            # nobody has answered yet
    CONNECTED = "connected"
    ENDED = "ended"


P = PartyState
PARTY_TRANSITIONS: dict[PartyState, frozenset[PartyState]] = {
    P.IDLE: frozenset({P.DIALING, P.RINGING, P.TALKING, P.RELEASED}),
    P.DIALING: frozenset({P.TALKING, P.RELEASED}),
    P.RINGING: frozenset({P.TALKING, P.RELEASED}),
    P.TALKING: frozenset({P.HELD, P.RELEASED}),
    P.HELD: frozenset({P.TALKING, P.RELEASED}),
    P.RELEASED: frozenset(),
}

# operation -> the party states it may be applied to
LIVE = frozenset({P.DIALING, P.RINGING, P.TALKING, P.HELD})
CONNECTED = frozenset({P.TALKING, P.HELD})
PARTY_OPERATIONS: dict[str, frozenset[PartyState]] = {
    "answer": frozenset({P.RINGING}),
    "reject": frozenset({P.RINGING}),
    "hangup": LIVE,
    "hold": frozenset({P.TALKING}),
    "retrieve": frozenset({P.HELD}),
    "mute": CONNECTED,
    "unmute": CONNECTED,
    "divert": frozenset({P.RINGING, P.TALKING, P.HELD}),
    "consult": CONNECTED,
    "dtmf": frozenset({P.DIALING, P.TALKING}),
    "record": CONNECTED,
    "pickup": frozenset({P.RINGING}),
    "monitor": CONNECTED,
    "barge": CONNECTED,
    "intercept": frozenset({P.RINGING, P.TALKING, P.HELD}),
}

A = AgentState
AGENT_TRANSITIONS: dict[AgentState, frozenset[AgentState]] = {
    A.LOGGED_OUT: frozenset({A.READY, A.NOT_READY}),
    A.READY: frozenset({A.NOT_READY, A.AFTER_CALL_WORK, A.LOGGED_OUT}),
    A.NOT_READY: frozenset({A.READY, A.NOT_READY, A.AFTER_CALL_WORK, A.LOGGED_OUT}),
    A.AFTER_CALL_WORK: frozenset({A.READY, A.NOT_READY, A.LOGGED_OUT}),
}


class EngineError(Exception):
    """Base of every error an engine operation can raise."""

    code = "error"

    def __init__(self, message: str, **details):
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(EngineError):
    code = "not_found"


class IllegalOperation(EngineError):
    """The operation is not allowed from the current state."""

    code = "illegal_state"


class InvalidArgument(EngineError):
    code = "invalid"


def check_party_operation(operation: str, state: PartyState, party_id: str) -> None:
    allowed = PARTY_OPERATIONS[operation]
    if state not in allowed:
        raise IllegalOperation(
            f"cannot {operation} party {party_id} in state {state.value}",
            operation=operation, state=state.value, allowed=sorted(s.value for s in allowed))


def check_party_transition(current: PartyState, target: PartyState, party_id: str) -> None:
    if target not in PARTY_TRANSITIONS[current]:
        raise IllegalOperation(f"party {party_id} cannot go from {current.value} to {target.value}",
                               state=current.value, target=target.value)


def check_agent_transition(current: AgentState, target: AgentState, agent: str) -> None:
    if target not in AGENT_TRANSITIONS[current]:
        raise IllegalOperation(f"agent {agent} cannot go from {current.value} to {target.value}",
                               state=current.value, target=target.value)
