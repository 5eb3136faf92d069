"""One tenant seen as an Enreach organisation: users, queues and callback lists
with GUIDs, the logins that reach them, and who may subscribe to what.

Everything is computed from the tenant's directory when asked (the directory
can be replaced at run time through the control plane), so nothing here can
go stale.

Logins. Enreach users log in with their e-mail address. The default tenant
answers ``demo@example.com`` / ``demo`` (the demo user is the Customer care
agent on extension 40, the agent of the bundled queue scenario, known by the
demo address only) and every other directory user's own address with its
directory password. Tenants share
seeds, and so e-mail addresses; a login of another tenant carries the tenant
id after a ``+`` in its local part: ``demo+t-1a2b@example.com``,
``mario.rossi+t-1a2b@example.it``. The ``credentials`` hook lists a tenant's
demo login.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Iterator

from emulators.core.tenants import DEFAULT_TENANT

from . import ids

DEMO_LOCAL, DEMO_DOMAIN = "demo", "example.com"
DEMO_USER_ID = 3                 # extension 40, agent of queue 700 in the default directory
_SECRET_SALT = b"ccemu-enreachapi-secret-key"


@dataclass(frozen=True, slots=True)
class OrgUser:
    tenant: object
    user: object                 # emulators.core.directory.User
    login: str                   # the e-mail address this user logs in with (= Enreach UserName)
    demo: bool = False

    @property
    def id(self) -> str:
        return ids.user(self.tenant, self.user.id)

    @property
    def username(self) -> str:
        return self.login


def qualify(tenant_id: str, email: str) -> str:
    """A directory address as a login of this tenant (unchanged in the default tenant)."""
    if tenant_id == DEFAULT_TENANT or "@" not in email:
        return email.lower()
    local, _, domain = email.lower().rpartition("@")
    return f"{local}+{tenant_id}@{domain}"


def demo_login(tenant_id: str) -> str:
    return qualify(tenant_id, f"{DEMO_LOCAL}@{DEMO_DOMAIN}")


def tenant_and_address(tenants, login: str) -> tuple[object | None, str]:
    """Which tenant a login belongs to, and the address to look up in its directory."""
    login = (login or "").strip().lower()
    local, at, domain = login.rpartition("@")
    if not at:
        return None, login
    if "+" in local:
        base, _, tenant_id = local.rpartition("+")
        tenant = tenants.find(tenant_id)
        if tenant is not None and tenant_id != DEFAULT_TENANT:
            return tenant, f"{base}@{domain}"
    return tenants.find(DEFAULT_TENANT), login


class Organization:
    """The RTE/EnreachAPI view of one tenant."""

    def __init__(self, tenant) -> None:
        self.tenant = tenant
        self.directory = tenant.directory
        self.id = ids.organization(tenant)
        self._index: dict[str, tuple[str, int]] | None = None

    def _entities(self) -> dict[str, tuple[str, int]]:
        """GUID → (kind, engine id) for every user, queue and callback list (built once)."""
        if self._index is None:
            index: dict[str, tuple[str, int]] = {}
            for user_id in self.directory.users:
                index[ids.user(self.tenant, user_id)] = ("user", user_id)
            for queue_id in self.directory.queues:
                index[ids.queue(self.tenant, queue_id)] = ("queue", queue_id)
                index[ids.call_list(self.tenant, queue_id)] = ("calllist", queue_id)
            self._index = index
        return self._index

    def lookup(self, guid: str) -> tuple[str, int] | None:
        return self._entities().get(guid.lower()) if isinstance(guid, str) else None

    # -- users ---------------------------------------------------------------------
    def demo_user_id(self) -> int | None:
        users = self.directory.users
        return DEMO_USER_ID if DEMO_USER_ID in users else (min(users) if users else None)

    def demo_user(self) -> OrgUser | None:
        user_id = self.demo_user_id()
        return self.org_user(self.directory.users[user_id]) if user_id is not None else None

    def org_user(self, user) -> OrgUser:
        """The demo user is known by the demo address only; others by their directory address."""
        if user.id == self.demo_user_id():
            return OrgUser(self.tenant, user, demo_login(self.tenant.id), demo=True)
        login = qualify(self.tenant.id, user.email or f"user{user.id}@{DEMO_DOMAIN}")
        return OrgUser(self.tenant, user, login)

    def users(self) -> Iterator[OrgUser]:
        for user in self.directory.users.values():
            yield self.org_user(user)

    def by_address(self, address: str) -> OrgUser | None:
        """The user whose (unqualified) address this is; the demo address names the demo user."""
        address = address.lower()
        if address == f"{DEMO_LOCAL}@{DEMO_DOMAIN}":
            return self.demo_user()
        for user in self.directory.users.values():
            found = self.org_user(user)
            if not found.demo and (user.email or f"user{user.id}@{DEMO_DOMAIN}").lower() == address:
                return found
        return None

    def user_by_guid(self, guid: str) -> OrgUser | None:
        found = self.lookup(guid)
        return self.org_user(self.directory.users[found[1]]) if found and found[0] == "user" else None

    def user_guid(self, user_id: int | None) -> str | None:
        return ids.user(self.tenant, user_id) if user_id is not None else None

    def username(self, user_id: int | None) -> str:
        user = self.directory.users.get(user_id) if user_id is not None else None
        return self.org_user(user).login if user is not None else ""

    # -- queues and callback lists ----------------------------------------------------------
    def queue_by_guid(self, guid: str):
        found = self.lookup(guid)
        return self.directory.queues[found[1]] if found and found[0] == "queue" else None

    def call_list_by_guid(self, guid: str):
        """The queue whose callback list this is."""
        found = self.lookup(guid)
        return self.directory.queues[found[1]] if found and found[0] == "calllist" else None

    def queues_of(self, user_id: int) -> list:
        return [q for q in self.directory.queues.values() if user_id in q.agents]

    # -- who may subscribe to what ---------------------------------------------------------
    def entity_kind(self, guid: str) -> str | None:
        """user, queue or calllist when ``guid`` names one of this organisation's entities."""
        found = self.lookup(guid)
        return found[0] if found else None

    def may_see(self, me: OrgUser, kind: str, guid: str, visibility: str) -> bool:
        """``organization``: every entity of the organisation; ``own``: the user, their queues
        and those queues' callback lists only."""
        if self.entity_kind(guid) != kind:
            return False
        if visibility != "own":
            return True
        if kind == "user":
            return guid.lower() == me.id
        return self.lookup(guid)[1] in {q.id for q in self.queues_of(me.user.id)}


def secret_key(tenant, user_id: int) -> str:
    """The user's API secret: stable for a tenant, seed and user, in every process."""
    message = f"{tenant.id}/{tenant.seed}/{user_id}".encode()
    return hmac.new(_SECRET_SALT, message, hashlib.sha256).hexdigest()[:40]


def check_password(org_user: OrgUser, password: str, demo_password: str) -> bool:
    expected = demo_password if org_user.demo else (org_user.user.password or "")
    return bool(expected) and hmac.compare_digest(expected.encode(), (password or "").encode())


def check_secret(org_user: OrgUser, secret: str) -> bool:
    return hmac.compare_digest(secret_key(org_user.tenant, org_user.user.id).encode(), (secret or "").encode())
