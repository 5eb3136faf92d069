"""get_entities: the rows of each Table 1 entity type, as the guide's result XML shows them.

Users, ring groups, gateways, IVRs, terminals, company voicemail boxes and
park lines follow the guide's element lists and order; meeting rooms and
departments (no XML in the guide) are inferred. Live values (a user's
``av_status``, a gateway's ``busy_lines``, a park line's parked call) come
from the engine's live calls at the time of the request.
"""
from __future__ import annotations

from typing import Any, Callable

from emulators.core.states import PartyState

from . import views
from .entities import QUEUE_GROUP_BASE
from .errors import Errors, ServiceError
from .render import Items
from .tables import AvStatus, EntityType, GatewayStatus, GatewayType, RingMode, TerminalType

_MODE_STATUS = {"dnd": AvStatus.DND, "away": AvStatus.ABSENT, "divert": AvStatus.IN_DIVERSION}
_CHAT_STATUS = {"available": AvStatus.AVAILABLE, "busy": AvStatus.BUSY, "dnd": AvStatus.DND,
                "away": AvStatus.ABSENT, "absent": AvStatus.ABSENT, "offline": AvStatus.UNAVAILABLE,
                "unavailable": AvStatus.UNAVAILABLE}
_RING_MODES = {"simultaneous": RingMode.SIMULTANEOUS, "cyclic": RingMode.CYCLIC,
               "progressive": RingMode.PROGRESSIVE, "queue": RingMode.AUTOMATIC_QUEUING}
_GATEWAY_TYPES = {"voip": GatewayType.VOIP_CARRIER, "isdn": GatewayType.ISDN_LINE,
                  "gsm": GatewayType.GSM_NETWORK, "analogue": GatewayType.ANALOGUE_LINE}
_TERMINAL_TYPES = {"sip": TerminalType.SIP, "usb": TerminalType.USB, "dect": TerminalType.DECT,
                   "mobile": TerminalType.MOBILE}

#: (container, item) of each type's list
CONTAINERS: dict[EntityType, tuple[str, str]] = {
    EntityType.USER: ("users", "user"), EntityType.RING_GROUP: ("groups", "group"),
    EntityType.GATEWAY: ("gateways", "gateway"), EntityType.IVR: ("ivrs", "ivr"),
    EntityType.TERMINAL: ("devices", "device"), EntityType.COMPANY_VOICEMAIL: ("voicemails", "voicemail"),
    EntityType.MEETING_ROOM: ("meeting_rooms", "meeting_room"), EntityType.PARK_LINE: ("lines", "park_line"),
    EntityType.DEPARTMENT: ("departments", "department"),
}


class Live:
    """What the live calls say about entities, computed once per request."""

    def __init__(self, engine, tenant) -> None:
        self.calls = engine.calls(tenant.id)
        self.user_state: dict[int, AvStatus] = {}
        self.busy_lines: dict[int, int] = {}
        self.in_room: dict[int, int] = {}
        self.parked: dict[int, tuple[Any, Any]] = {}
        for call in self.calls:
            for party in call.parties:
                if not party.live:
                    continue
                if party.user_id is not None:
                    status = AvStatus.RINGING if party.state is PartyState.RINGING else AvStatus.BUSY
                    if self.user_state.get(party.user_id) is not AvStatus.BUSY:
                        self.user_state[party.user_id] = status
                elif party.kind == "external" and party.entity_id is not None:
                    self.busy_lines[party.entity_id] = self.busy_lines.get(party.entity_id, 0) + 1
                elif party.kind == "meeting_room":
                    self.in_room[party.entity_id] = self.in_room.get(party.entity_id, 0) + 1
                elif party.kind == "park_line":
                    self.parked[party.entity_id] = (call, party)


def av_status(user, live: Live) -> AvStatus:
    if user.id in live.user_state:
        return live.user_state[user.id]
    return _MODE_STATUS.get(user.mode, AvStatus.AVAILABLE)


def _member(user) -> dict[str, Any]:
    return {"id": user.id, "identity": user.full_name, "extension": user.extension}


def _users(ctx) -> list[dict]:
    return [{"id": u.id, "name": u.name, "surname": u.surname, "extension": u.extension, "email": u.email,
             "chat_status": _CHAT_STATUS.get(u.chat_status, AvStatus.UNKNOWN), "av_status": av_status(u, ctx.live),
             "numoffice": u.office, "numhome": u.home, "nummobile": u.mobile, "numfax": u.fax,
             "phrase": u.phrase} for u in ctx.directory.users.values()]


def _groups(ctx) -> list[dict]:
    users = ctx.directory.users
    rows = [{"id": g.id, "name": g.name, "is_broadcast": 0, "visible": 1, "member_login": 0, "pick_disabled": 0,
             "ring_mode": _RING_MODES.get(g.ring_mode, RingMode.SIMULTANEOUS),
             "users": Items("user", [_member(users[m]) for m in g.members if m in users])}
            for g in ctx.directory.ring_groups.values()]
    rows += [{"id": QUEUE_GROUP_BASE + q.id, "name": q.name, "is_broadcast": 0, "visible": 1, "member_login": 1,
              "pick_disabled": 1, "ring_mode": RingMode.AUTOMATIC_QUEUING,
              "users": Items("user", [_member(users[a]) for a in q.agents if a in users])}
             for q in ctx.directory.queues.values()]
    return rows


def _gateways(ctx) -> list[dict]:
    return [{"id": g.id, "name": g.name, "type": _GATEWAY_TYPES.get(g.kind, GatewayType.VOIP_CARRIER),
             "enabled": 1, "link_status": GatewayStatus.REGISTERED if g.registered else GatewayStatus.NOT_REGISTERED,
             "lines": g.lines, "busy_lines": ctx.live.busy_lines.get(g.id, 0), "host_port": f"192.0.2.{g.id % 250}:5060"}
            for g in ctx.directory.gateways.values()]


def node_row(node) -> dict[str, Any]:
    input_type, action = node.input_type, node.action
    return {
        "node_id": node.id, "parent_id": -1 if node.parent_id is None else node.parent_id,
        "description": node.name, "select_key": node.key, "go_back_key": "", "audio_type": 1,
        "audio_message": node.message, "audio_loop": 1 if node.audio_loop else 0, "input_type": input_type,
        "input_length": node.input_length if input_type == 1 else "",
        "term_char": (node.input_terminator or "#") if input_type == 2 else "",
        "timeout_last_digit": node.input_timeout if input_type == 3 else "",
        "waiting_input_time": node.waiting_time if input_type else "", "action": action,
        "called_type": node.called_type if action == 2 and node.called_type is not None else "",
        "called_id": node.called_id if action == 2 and node.called_id is not None else "",
        "called_external_number": node.called_number if action == 2 else "",
        "script": node.script if action == 3 else "",
    }


def _ivrs(ctx) -> list[dict]:
    return [{"id": i.id, "name": i.name, "description": f"{i.name} ({i.number})",
             "nodes": Items("node", [node_row(n) for n in i.nodes])} for i in ctx.directory.ivrs.values()]


def _devices(ctx) -> list[dict]:
    owner = ctx.directory.users.get(ctx.owner_id) if ctx.owner_id is not None else None
    if ctx.owner_id is None:
        return []            # the guide: without owner_id "a null list"
    if owner is None:
        raise ServiceError(Errors.ENTITY_NOT_FOUND)
    return [{"id": d.id, "user_agent": f"ccemu {d.kind} terminal",
             "device_type": _TERMINAL_TYPES.get(d.kind, TerminalType.UNKNOWN),
             "host_port": "" if d.kind == "mobile" else f"198.51.100.{d.id % 250}:5060", "registered": 1}
            for d in owner.devices]


def _voicemails(ctx) -> list[dict]:
    waiting = {m["box_id"] for m in ctx.voicemails}
    return [{"id": b.id, "vmid": b.id, "vmname": b.name, "vmcode": b.number,
             "vmtobelisten": 1 if b.id in waiting else 0, "rectobelisten": 0}
            for b in ctx.directory.voicemail_boxes.values() if b.owner_user_id is None]


def _meeting_rooms(ctx) -> list[dict]:
    return [{"id": r.id, "name": r.name, "number": r.number, "participants": ctx.live.in_room.get(r.id, 0)}
            for r in ctx.directory.meeting_rooms.values()]


def _park_lines(ctx) -> list[dict]:
    rows = []
    for line in ctx.directory.park_lines.values():
        call, party = ctx.live.parked.get(line.id, (None, None))
        row = {"id": line.id, "linecode": line.number, "number": "", "name": "", "parktime": "",
               "status": AvStatus.AVAILABLE, "note": "", "user_id": ""}
        if call is not None:
            caller = call.caller()
            parker = ctx.directory.user_by_extension(call.transferred_from or "") if call.transferred_from else None
            parker = parker or (ctx.directory.users.get(caller.user_id) if caller.user_id else None)
            row.update(number=caller.number, name=ctx.name_of(caller.number), parktime=views.timestamp(party.created_at),
                       status=AvStatus.BUSY, user_id=parker.id if parker else "")
        rows.append(row)
    return rows


def _departments(ctx) -> list[dict]:
    users = ctx.directory.users.values()
    return [{"id": d.id, "name": d.name,
             "users": Items("user", [_member(u) for u in users if u.department_id == d.id])}
            for d in ctx.directory.departments.values()]


ROWS: dict[EntityType, Callable[[Any], list[dict]]] = {
    EntityType.USER: _users, EntityType.RING_GROUP: _groups, EntityType.GATEWAY: _gateways,
    EntityType.IVR: _ivrs, EntityType.TERMINAL: _devices, EntityType.COMPANY_VOICEMAIL: _voicemails,
    EntityType.MEETING_ROOM: _meeting_rooms, EntityType.PARK_LINE: _park_lines,
    EntityType.DEPARTMENT: _departments,
}


class Context:
    def __init__(self, engine, tenant, owner_id: int | None, name_of: Callable[[str], str]) -> None:
        self.directory = tenant.directory
        self.live = Live(engine, tenant)
        self.voicemails = engine.state(tenant.id).voicemails
        self.owner_id = owner_id
        self.name_of = name_of


def entity_rows(engine, tenant, entity_type: EntityType, entity_id: int | None, owner_id: int | None,
                name_of: Callable[[str], str]) -> list[dict]:
    """The rows for a get_entities request; ENTITY_NOT_FOUND for an ``entity_id`` not listed."""
    rows = ROWS[entity_type](Context(engine, tenant, owner_id, name_of))
    if entity_id is not None and (owner_id is not None or entity_type is not EntityType.TERMINAL):
        rows = [r for r in rows if r["id"] == entity_id]
        if not rows:
            raise ServiceError(Errors.ENTITY_NOT_FOUND)
    return rows
