"""The TVox site a tenant's data describes: its agents, services and site codes.

Built from the tenant's directory, so the usernames in the statistics are the
users other surfaces know (``pin`` = the user's login, the local part of the
e-mail address) and the services are its queues and IVRs. Both the month
generator and the engine projection use it, so seeded rows and rows of calls
made through the engine look alike.
"""
from __future__ import annotations

import hashlib
import re
import uuid as uuidlib
from dataclasses import dataclass, field
from functools import lru_cache

PHONE_SITE = "d92061befe"      # the site code of the field notes' call ids (uniqueid@site)
VIDEO_SITE = "a7c3e90d12"      # video and chat are served by the multichannel site(s)
CHAT_SITE = "5b0e4f6a21"
SITES = {0: PHONE_SITE, 1001: VIDEO_SITE, 1004: CHAT_SITE}
MAIN_DID = "0452224600"        # the glossary's DNIS example


@dataclass(frozen=True)
class Agent:
    user_id: int
    username: str
    extension: str
    name: str
    surname: str
    email: str
    uuid: str


@dataclass(frozen=True)
class Service:
    code: str
    did: str
    agents: tuple[int, ...] = ()       # indexes into Site.agents
    ivr: bool = False


@dataclass
class Site:
    agents: list[Agent] = field(default_factory=list)
    phone: list[Service] = field(default_factory=list)
    video: list[Service] = field(default_factory=list)
    chat: list[Service] = field(default_factory=list)
    outbound: list[Service] = field(default_factory=list)

    def fingerprint(self) -> str:
        text = repr((self.agents, self.phone, self.video, self.chat, self.outbound))
        return hashlib.blake2s(text.encode(), digest_size=8).hexdigest()

    def agent_by_user(self, user_id: int | None) -> Agent | None:
        return next((a for a in self.agents if a.user_id == user_id), None)


def username_of(user) -> str:
    return _username(user.email, user.name, user.surname)


def _username(email: str | None, name: str, surname: str) -> str:
    local = (email or "").split("@", 1)[0]
    return local or f"{name}.{surname}".lower().replace(" ", "")


@lru_cache(maxsize=4096)
def service_code(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")[:30] or "SERVICE"


@lru_cache(maxsize=65536)
def user_uuid(user_id: int) -> str:
    """The user's address-book uuid (a uuid5 of the id: the same in every process; cached, uuid5 costs µs)."""
    return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"ccemu:tvox:user:{user_id}"))


def agent_of(user) -> Agent:
    """The TVox agent a directory user is (cached on the user's fields: a renamed user is a new agent)."""
    return _agent(user.id, user.extension, user.name, user.surname, user.email)


@lru_cache(maxsize=4096)
def _agent(user_id: int, extension: str, name: str, surname: str, email: str | None) -> Agent:
    return Agent(user_id, _username(email, name, surname), extension, name, surname, email or "", user_uuid(user_id))


def site_of(directory) -> Site:
    site = Site()
    index: dict[int, int] = {}
    for user in sorted(directory.users.values(), key=lambda u: u.id):
        index[user.id] = len(site.agents)
        site.agents.append(agent_of(user))
    everyone = tuple(range(len(site.agents)))
    for n, queue in enumerate(sorted(directory.queues.values(), key=lambda q: q.id)):
        members = tuple(index[a] for a in queue.agents if a in index) or everyone
        code = service_code(queue.name)
        site.phone.append(Service(code, MAIN_DID if n == 0 else f"04522246{n:02d}", members))
        site.video.append(Service("VIDEO_" + code, "", members))
        site.chat.append(Service("CHAT_" + code, "", members))
        site.outbound.append(Service("OUT_" + code, MAIN_DID, members))
    for ivr in sorted(directory.ivrs.values(), key=lambda i: i.id):
        site.phone.append(Service(service_code(ivr.name), f"0452224{ivr.number[-3:]}", everyone, ivr=True))
    if not site.phone:
        site.phone.append(Service("CUSTOMER_CARE", MAIN_DID, everyone))
        site.video.append(Service("VIDEO_CUSTOMER_CARE", "", everyone))
        site.chat.append(Service("CHAT_CUSTOMER_CARE", "", everyone))
        site.outbound.append(Service("OUT_CUSTOMER_CARE", MAIN_DID, everyone))
    return site
