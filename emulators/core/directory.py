"""Tenants and the entities of their phone systems, with canonical ids.

One vendor-neutral model: users with extensions and terminals, ring groups,
queues (services) with skills and agents, gateways, IVRs as node trees,
voicemail boxes, park lines, meeting rooms and departments. Every vendor
surface maps its own ids and names onto these.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any


@dataclass
class Device:
    id: int
    user_id: int
    kind: str = "sip"            # sip | mobile | usb | dect
    label: str = ""
    number: str = ""             # for mobile terminals: the mobile number


@dataclass
class User:
    id: int
    extension: str
    name: str
    surname: str
    email: str = ""
    office: str = ""
    home: str = ""
    mobile: str = ""
    fax: str = ""
    department_id: int | None = None
    devices: list[Device] = field(default_factory=list)
    mode: str = "normal"         # normal | dnd | away | divert
    divert_number: str = ""
    phrase: str = ""
    chat_status: str = "available"
    password: str = ""
    skills: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.name} {self.surname}".strip()


@dataclass
class RingGroup:
    id: int
    name: str
    number: str
    members: list[int] = field(default_factory=list)   # user ids, in ring order
    ring_mode: str = "simultaneous"                    # simultaneous | cyclic | progressive | queue
    ring_timeout: float = 20.0
    overflow_number: str = ""


@dataclass
class Queue:
    id: int
    name: str
    number: str
    agents: list[int] = field(default_factory=list)    # user ids
    skills: list[str] = field(default_factory=list)
    max_wait: float = 120.0
    overflow_number: str = ""
    wrap_up: float = 0.0                               # after-call work seconds


@dataclass
class Gateway:
    id: int
    name: str
    kind: str = "voip"           # voip | isdn | gsm | analogue
    lines: int = 30
    registered: bool = True
    prefix: str = ""


@dataclass
class IvrNode:
    id: int
    parent_id: int | None = None
    key: str = ""                # the input that leads here from the parent
    name: str = ""
    message: str = ""
    input_type: int = 0          # VOIspeed Table 11 values are the vendor-neutral ones too
    input_length: int = 0
    input_terminator: str = "#"
    input_timeout: float = 5.0   # type 3: seconds of silence after the last digit that end the input
    waiting_time: float = 0.0    # types 1-3: seconds the node waits for (complete) input; 0 = for ever
    audio_loop: bool = False     # the message repeats: with no action the caller stays (e.g. on hold)
    action: int = 0              # 0 none, 1 next node, 2 make call, 3 run script
    called_type: int | None = None
    called_id: int | None = None
    called_number: str = ""
    script: str = ""
    tag: str = ""


@dataclass
class Ivr:
    id: int
    name: str
    number: str
    nodes: list[IvrNode] = field(default_factory=list)

    def node(self, node_id: int) -> IvrNode | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def root(self) -> IvrNode | None:
        return next((n for n in self.nodes if n.parent_id is None), None)

    def child(self, node_id: int, key: str) -> IvrNode | None:
        return next((n for n in self.nodes if n.parent_id == node_id and n.key == key), None)


@dataclass
class VoicemailBox:
    id: int
    name: str
    number: str
    owner_user_id: int | None = None


@dataclass
class ParkLine:
    id: int
    name: str
    number: str


@dataclass
class MeetingRoom:
    id: int
    name: str
    number: str


@dataclass
class Department:
    id: int
    name: str


_ROUTABLE = (("users", "user"), ("ring_groups", "ring_group"), ("queues", "queue"), ("ivrs", "ivr"),
             ("voicemail_boxes", "voicemail_box"), ("park_lines", "park_line"),
             ("meeting_rooms", "meeting_room"))
_ROUTABLE_TABLES = attrgetter(*(kind for kind, _ in _ROUTABLE))

ENTITY_TYPES: dict[str, type] = {
    "users": User, "ring_groups": RingGroup, "queues": Queue, "gateways": Gateway,
    "ivrs": Ivr, "voicemail_boxes": VoicemailBox, "park_lines": ParkLine,
    "meeting_rooms": MeetingRoom, "departments": Department,
}


@dataclass
class Directory:
    """The configured entities of one tenant's phone system."""

    users: dict[int, User] = field(default_factory=dict)
    ring_groups: dict[int, RingGroup] = field(default_factory=dict)
    queues: dict[int, Queue] = field(default_factory=dict)
    gateways: dict[int, Gateway] = field(default_factory=dict)
    ivrs: dict[int, Ivr] = field(default_factory=dict)
    voicemail_boxes: dict[int, VoicemailBox] = field(default_factory=dict)
    park_lines: dict[int, ParkLine] = field(default_factory=dict)
    meeting_rooms: dict[int, MeetingRoom] = field(default_factory=dict)
    departments: dict[int, Department] = field(default_factory=dict)

    #: look-up tables, made on first use and dropped by put() and delete(); also remade when a
    #: table's size changes, so an entity added or removed by hand is seen. An entity whose
    #: extension or number is edited in place must be put() again.
    _index: "_Index | None" = field(default=None, init=False, repr=False, compare=False)

    # -- look-ups ----------------------------------------------------------
    def _lookups(self) -> "_Index":
        index = self._index
        sizes = tuple(map(len, _ROUTABLE_TABLES(self)))     # on every call's path: no generator
        if index is None or index.sizes != sizes:
            index = self._index = _Index.of(self, sizes)
        return index

    def user_by_extension(self, extension: str) -> User | None:
        return self._lookups().extensions.get(str(extension).strip())

    def device(self, device_id: int) -> Device | None:
        return next((d for u in self.users.values() for d in u.devices if d.id == device_id), None)

    def resolve_number(self, number: str) -> tuple[str, Any] | None:
        """What an internal number reaches: ("user"|"ring_group"|"queue"|"ivr"|…, entity)."""
        return self._lookups().numbers.get(number)

    def free_gateway(self, busy_lines: dict[int, int]) -> Gateway | None:
        for gateway in self.gateways.values():
            if gateway.registered and busy_lines.get(gateway.id, 0) < gateway.lines:
                return gateway
        return None

    # -- (de)serialisation, for the control plane and fixtures --------------
    def to_dict(self) -> dict[str, list[dict]]:
        return {kind: [asdict(e) for e in getattr(self, kind).values()] for kind in ENTITY_TYPES}

    @classmethod
    def from_dict(cls, data: dict[str, list[dict]]) -> "Directory":
        directory = cls()
        for kind, items in (data or {}).items():
            if kind not in ENTITY_TYPES:
                raise ValueError(f"unknown entity kind {kind!r}; expected one of {sorted(ENTITY_TYPES)}")
            for item in items or []:
                directory.put(kind, item)
        return directory

    def put(self, kind: str, item: dict) -> Any:
        """Add or replace one entity from a plain dict (unknown keys are an error)."""
        if kind not in ENTITY_TYPES:
            raise ValueError(f"unknown entity kind {kind!r}; expected one of {sorted(ENTITY_TYPES)}")
        entity = _build(ENTITY_TYPES[kind], item)
        getattr(self, kind)[entity.id] = entity
        self._index = None
        return entity

    def delete(self, kind: str, entity_id: int) -> bool:
        if kind not in ENTITY_TYPES:
            raise ValueError(f"unknown entity kind {kind!r}")
        self._index = None
        return getattr(self, kind).pop(entity_id, None) is not None


@dataclass(frozen=True, slots=True)
class _Index:
    sizes: tuple[int, ...]
    numbers: dict[str, tuple[str, Any]]     # extension or number → (kind, entity), first in _ROUTABLE order
    extensions: dict[str, User]             # a user's extension → the first such user

    @classmethod
    def of(cls, directory: "Directory", sizes: tuple[int, ...]) -> "_Index":
        numbers: dict[str, tuple[str, Any]] = {}
        for kind, singular in _ROUTABLE:
            for entity in getattr(directory, kind).values():
                for value in (getattr(entity, "extension", None), getattr(entity, "number", None)):
                    if isinstance(value, str):
                        numbers.setdefault(value, (singular, entity))
        extensions: dict[str, User] = {}
        for user in directory.users.values():
            extensions.setdefault(user.extension, user)
        return cls(sizes, numbers, extensions)


def _build(cls: type, item: dict) -> Any:
    known = {f.name for f in fields(cls)}
    unknown = set(item) - known
    if unknown:
        raise ValueError(f"{cls.__name__} has no field(s) {sorted(unknown)}")
    if "id" not in item:
        raise ValueError(f"{cls.__name__} needs an id")
    values = dict(item)
    if cls is User:
        values["devices"] = [d if isinstance(d, Device) else _build(Device, {"user_id": item["id"], **d})
                             for d in item.get("devices", [])]
    if cls is Ivr:
        values["nodes"] = [n if isinstance(n, IvrNode) else _build(IvrNode, n) for n in item.get("nodes", [])]
    return cls(**values)


_NUMBER_JUNK = re.compile(r"[^\d+*#]")


def normalise_number(raw: str | None) -> str:
    """Digits with an optional leading '+'; a '+' that form-decoding turned into a space comes back."""
    text = (raw or "").strip()
    if (raw or "").startswith(" ") and text[:1].isdigit():
        text = "+" + text
    plus = text.startswith("+") or text.startswith("00")
    digits = _NUMBER_JUNK.sub("", text).lstrip("+")
    if text.startswith("00"):
        digits = digits[2:]
    return ("+" if plus else "") + digits
