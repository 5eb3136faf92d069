"""Calls that end in the engine become rows of the Data Model (``call.ended`` on the bus).

So statistics reconcile with what the other surfaces reported live: every
ended call gets a call detail record (``ast_cdr_yyyymm``); an inbound call
that reached a queue or an IVR is an inbound service interaction
(``ast_calls_yyyymm``, one step); a user's call to an outside number is an
outbound service call (``ast_calls_outbound_yyyymm``); a recorded call has a
``smartrec_yyyymm`` row, a call abandoned in queue an
``ast_calls_abandoned_yyyymm`` row, an IVR passage ``ast_ivr_records_bis``
rows. The month is the call's start on the site's wall clock (the tenant's
clock, so virtual-time tests land in the month they simulate).
"""
from __future__ import annotations

import logging
import random
from functools import lru_cache, partial

from .gen_rows import (ABANDONED_COLS, CDR_COLS, INBOUND_COLS, IVR_COLS, OUTBOUND_COLS, SMARTREC_COLS, Month,
                       month_of)
from .site import PHONE_SITE, Agent, Service, Site, agent_of, service_code
from .sitetime import local_day
from .state import datamodel_of

log = logging.getLogger(__name__)


def _party(call: dict, role: str) -> dict | None:
    return next((p for p in call["parties"] if p["role"] == role), None)


def _agent_party(call: dict) -> dict | None:
    answered = [p for p in call["parties"] if p["role"] == "callee" and p["user_id"] is not None
                and p["answered_at"] is not None]
    return answered[0] if answered else None


def _status(call: dict, caller: dict | None, agent: dict | None) -> str:
    if agent is not None:
        if any(p["cause"] == "transferred" for p in call["parties"]) or call.get("transferred_from"):
            return "RTB"
        return "RC" if caller is not None and caller["released_by"] == "self" else "RA"
    if call["outcome"] in ("abandoned", "cancelled"):
        return "H"
    return "T"


def _service(call: dict, directory) -> Service | None:
    if call.get("queue_id") is not None and call["queue_id"] in directory.queues:
        queue = directory.queues[call["queue_id"]]
        return _service_of(queue.name, queue.number, False)
    if call.get("ivr_id") is not None and call["ivr_id"] in directory.ivrs:
        ivr = directory.ivrs[call["ivr_id"]]
        return _service_of(ivr.name, ivr.number, True)
    return None


@lru_cache(maxsize=4096)
def _service_of(name: str, number: str, ivr: bool) -> Service:
    return Service(service_code(name), number, ivr=ivr)


NO_SERVICE = Service("", "")


def _agents(directory, *user_ids) -> list[Agent]:
    """The :class:`Agent` of each user involved in a call (the rows index into this short list).

    Built from the directory on every call, not from :func:`.site.site_of`, which would cost a
    uuid5 per user of the tenant on every call: this runs inside the engine's bus dispatch.
    """
    users = directory.users
    return [agent_of(users[u]) if u in users else None for u in user_ids]


def resolve(call: dict, directory) -> tuple[list, Service | None]:
    """What the rows of ``call`` need from the directory: its agents and its service.

    Resolved when the call ends (the directory may change before the rows are built).
    """
    caller, agent = _party(call, "caller"), _agent_party(call)
    agents = _agents(directory, agent["user_id"] if agent else None,
                     caller.get("user_id") if caller is not None else None)
    return agents, _service(call, directory)


def project(call: dict, site: Site | None, directory) -> list[tuple[str, str, tuple, tuple]]:
    """The rows ``(table prefix, yyyymm, columns, values)`` of one ended call snapshot.

    ``site`` is accepted for compatibility and unused: the agents come from ``directory``.
    """
    return rows_of(call, *resolve(call, directory))


def rows_of(call: dict, agents: list, svc: Service | None) -> list[tuple[str, str, tuple, tuple]]:
    """The rows of one ended call snapshot, its directory entities resolved by :func:`resolve`."""
    created, ended = call["created_at"], call["ended_at"] or call["created_at"]
    m = month_of(*_year_month(created))
    caller, agent = _party(call, "caller"), _agent_party(call)
    agent_index = 0 if agents[0] is not None else None
    uid = f"{int(created)}.{call['id']}"
    counter = int(call["id"]) if str(call["id"]).isdigit() else 0
    loc = m.local
    answer = loc(agent["answered_at"]) if agent else None
    leg = {"start": loc(created), "end": loc(ended), "ivr": int(call.get("ivr_seconds") or 0),
           "queue": loc(call["entered_service_at"]) if call.get("entered_service_at") else None,
           "qdur": int(call.get("queue_seconds") or 0), "dist": loc(agent["created_at"]) if agent else None,
           "ring": int(agent["answered_at"] - agent["created_at"]) if agent else 0, "answer": answer,
           "talk": int(ended - agent["answered_at"]) if agent else 0,
           "hold": int(agent["hold_seconds"]) if agent else 0, "wnr": 0, "rec": bool(call.get("recording")),
           "result": None, "popup": False, "transfer": None, "dest": None, "context": "AT",
           "agent": agent_index, "status": _status(call, caller, agent)}
    number = caller["number"] if caller else ""
    rows = []
    key = m.key
    if call["direction"] == "inbound" and svc is not None:
        leg["svc"] = svc
        idlast = f"{uid}@{PHONE_SITE}"
        rows.append(("ast_calls_", key, INBOUND_COLS, m.inbound_row(
            leg, idlast, PHONE_SITE, uid, 0, counter, 0, None, number, None, number, "UNKNOWN", "NONE", None,
            svc.code, None, None, agents)))
        if call["outcome"] == "abandoned":
            rows.append(("ast_calls_abandoned_", key, ABANDONED_COLS, m.abandoned_row(
                Month.uuid(random.Random(uid)), uid, leg, None, number, "UNKNOWN", random.Random(uid), [])))
        if svc.ivr:
            rows.extend(("ast_ivr_records_bis_", key, IVR_COLS, r) for r in m.ivr_rows(leg, uid, random.Random(uid).random))
    elif call["direction"] == "outbound" and caller is not None and caller.get("user_id") is not None:
        agent_index = 1 if agents[1] is not None else None
        callee = _party(call, "callee")
        leg.update(agent=agent_index, svc=_service_of("OUTBOUND", caller.get("extension") or "", False),
                   answer=loc(call["answered_at"]) if call.get("answered_at") else None,
                   talk=int(ended - call["answered_at"]) if call.get("answered_at") else 0,
                   status="RA" if call.get("answered_at") else "T")
        number = callee["number"] if callee else ""
        rows.append(("ast_calls_outbound_", key, OUTBOUND_COLS, m.outbound_row(
            leg, uid, 0, counter, number, None, None, None, None, agents)))
    if "svc" not in leg:
        leg["svc"] = NO_SERVICE
    tipo = {"inbound": "2", "outbound": "1"}.get(call["direction"], "0")
    rows.append(("ast_cdr_", key, CDR_COLS, m.cdr_row(leg, uid, 99, number, tipo, counter, agents,
                                                        outbound=call["direction"] == "outbound")))
    if leg["rec"] and leg["agent"] is not None and leg["answer"] is not None:
        rows.append(("smartrec_", key, SMARTREC_COLS, m.smartrec_row(
            leg, uid, 0, number, "O" if call["direction"] == "outbound" else "I", agents)))
    return rows


def _year_month(epoch: float) -> tuple[int, int]:
    day = local_day(epoch)
    return int(day[:4]), int(day[5:7])


class Projection:
    """Subscribes to ``call.ended`` and appends each call's rows to its tenant's Data Model.

    The handler runs inside the engine's synchronous bus dispatch, on the path of every
    request that ends a call: it resolves the call's agents and service (cached lookups) and
    queues the call; the rows are built and inserted when the Data Model writes its queue
    (a moment later in the background, or before the next read). Until the tenant's store is
    made it queues nothing: the store reads those calls from the engine's history.
    """

    def __init__(self, emulator):
        self.emulator = emulator

    def install(self) -> None:
        self.emulator.bus.subscribe(self.on_call_ended, {"call.ended"})

    def on_call_ended(self, event) -> None:
        tenant = self.emulator.tenants.find(event.tenant)
        if tenant is None:
            return
        dm = datamodel_of(tenant)
        if not dm.live:     # no store yet: it reads this call from the engine's history when made
            if dm.ended_before is None:
                dm.ended_before = partial(self.ended_calls, tenant)
            return
        call = event["call"]
        agents, svc = resolve(call, tenant.directory)
        dm.write_later(partial(rows_of, call, agents, svc))

    def ended_calls(self, tenant) -> list:
        """Row builders of the tenant's ended calls in the engine's history, oldest first."""
        directory = tenant.directory
        return [partial(_rows_of_ended, call, directory) for call in self.emulator.engine.history(tenant.id)]


def _rows_of_ended(call, directory) -> list:
    """The rows of an ended engine call (it no longer changes: its snapshot can wait until now)."""
    return project(call.snapshot(), None, directory)
