"""The live state the engine keeps per tenant: calls, history and its indexes,
agents, queue waiting lists, callbacks and voicemail messages."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from .behaviour import Behaviour
from .calls import Call
from .tenants import Tenant

HISTORY_LIMIT = 200_000        # ended calls kept per tenant (oldest dropped first)
USER_HISTORY_LIMIT = 20_000    # calls kept in each user's index


@dataclass
class AgentStatus:
    user_id: int
    state: str = "logged_out"
    reason: str = ""
    queues: list[int] = field(default_factory=list)
    since: float = 0.0


@dataclass
class TenantCalls:
    """The live state of one tenant's phone system."""

    tenant: Tenant
    behaviour: Behaviour = field(default_factory=Behaviour)
    calls: dict[str, Call] = field(default_factory=dict)        # live calls
    history: deque = field(default_factory=lambda: deque(maxlen=HISTORY_LIMIT))  # ended calls, oldest first
    ended: dict[str, Call] = field(default_factory=dict)        # the history by call id
    by_user: dict[int, deque] = field(default_factory=dict)     # user id -> their calls, oldest first
    agents: dict[int, AgentStatus] = field(default_factory=dict)
    waiting: dict[int, list[str]] = field(default_factory=dict)  # queue id -> call ids in arrival order
    callbacks: dict[str, dict] = field(default_factory=dict)
    voicemails: list[dict] = field(default_factory=list)
    next_call: int = 3249            # so the first call is 3250, the guide's example call id
    next_party: int = 1

    def new_call_id(self) -> str:
        self.next_call += 1
        return str(self.next_call)

    def new_party_id(self) -> str:
        self.next_party += 1
        return f"p{self.next_party}"
