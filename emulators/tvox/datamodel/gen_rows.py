"""Row shapes of the monthly tables, and the month's clock, for the generator and the projection.

A *leg* is a dict describing one step of an interaction in local seconds
(``start``, ``answer``, ``end`` …, see :mod:`.gen_calls`); the ``*_row``
methods turn it into the tuple of the matching ``*_COLS`` columns.
"""
from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache
from math import trunc

from .sitetime import clock_table, day_string, hhmmss_table, offset_at

INBOUND_COLS = (
    "idchiamata", "sito_distribuzione", "pin", "priorita_agente", "interno", "tipochiamata", "canale",
    "skillset", "cli", "dnis", "datainizio", "orainizio", "datadistribuzione", "oradistribuzione",
    "statochiamata", "trasferita", "datarispostaag1", "orarispostaag1", "attesaag1", "durataag1",
    "datadisconnessione", "oradisconnessione", "durataattesa", "duratacomplessiva", "servizio", "grpservizio",
    "popuptype", "popupresult", "popupinfo", "idlastcall", "sito", "uniqueid", "priorita", "contesto",
    "sipcallid", "cliente", "prior_serv", "step", "FdO", "contatore", "mc_id", "mc_session",
    "mc_description", "ivr_label", "smartrec", "data_coda", "ora_coda", "data_wnr_ag1", "ora_wnr_ag1",
    "durata_wnr_ag1", "durata_coda", "callresult_result", "callresult_result_level_2", "durata_hold",
    "calltag_note1", "channel_destination", "sentiment", "contact_id", "contact_value", "contact_type",
    "contact_lookup_type", "abandoned_call_id", "callback_call_id", "generico1", "update_time")

OUTBOUND_COLS = (
    "idchiamata", "sito_distribuzione", "pin", "priorita_agente", "interno", "tipochiamata", "canale",
    "cli", "dnis", "datainizio", "orainizio", "datadistribuzione", "oradistribuzione", "statochiamata",
    "trasferita", "datarispostaag1", "orarispostaag1", "attesaag1", "durataag1", "datadisconnessione",
    "oradisconnessione", "durataattesa", "duratacomplessiva", "servizio", "grpservizio", "idlastcall", "sito",
    "uniqueid", "priorita", "contesto", "sipcallid", "prior_serv", "step", "FdO", "campagna", "lista",
    "id_spool_record", "item_number_spool_record", "run_id", "contatore", "mc_id", "smartrec",
    "data_wnr_ag1", "ora_wnr_ag1", "durata_wnr_ag1", "durata_coda", "callresult_result",
    "callresult_result_level_2", "durata_hold", "channel_destination", "sentiment", "contact_id",
    "contact_value", "contact_type", "contact_lookup_type", "update_time")

CDR_COLS = ("uniqueid", "id_node", "channel", "dstchannel", "datainizio", "datarisposta", "clid", "user_clid",
            "exten_type_clid", "dnis", "user_dnis", "exten_type_dnis", "linea", "durata", "durata_costo",
            "id_centrale", "transfer", "tipo", "stato", "contatore")

IVR_COLS = ("idcall", "passaggio", "nodo", "passo", "durata", "servizio", "digit", "timeout", "invalid",
            "retry", "label", "action")

SMARTREC_COLS = ("data", "ora", "id_sito", "codiceagente", "sito_agente", "dnis", "clid", "interno",
                 "filewave", "durata", "tipo", "callhandle", "servizio", "sito_servizio",
                 "is_file_moved_on_remote_disk", "is_file_removed", "type")

_RECALL = ("contact_uid_generated", "contact_id", "contact_value", "contact_type", "contact_last_number",
           "start_time", "last_received_time", "last_recall_time", "update_time", "close_time", "owner",
           "owner_retry", "user_retry", "status", "closed_result", "last_recall_result_code",
           "last_recall_owner", "note")
ABANDONED_COLS = ("id", "score", "firstCallId", "closeCallId", "service") + _RECALL
CALLBACK_COLS = ABANDONED_COLS + ("type",)

PD_COLS = ("insert_time", "id", "item_number", "campagna", "lista", "phone_number", "stato", "call_result",
           "tentativi", "dial_sched_time", "call_time", "canale", "run_id", "contact_priority", "contact_uuid",
           "tentativi_NOANSWER", "tentativi_CANCEL", "tentativi_BUSY", "tentativi_TVOX_CLOSED", "tentativi_AMD",
           "tentativi_CONGESTION")

MC_DESCRIPTION = {0: None, 1001: "Videochiamata", 1004: "Chat web"}


class Month:
    """One month's calendar in the site's local seconds (seconds since 1970 on the local wall clock)."""

    def __init__(self, year: int, month: int):
        self.year, self.month = year, month
        self.key = f"{year:04d}{month:02d}"
        self.first_day = (date(year, month, 1) - date(1970, 1, 1)).days
        self.days = calendar.monthrange(year, month)[1]
        span = self.days + 40
        self.day_text = [day_string(self.first_day + d) for d in range(span)]
        self.offsets = [offset_at((self.first_day + d) * 86400 + 43200) for d in range(span)]

    # the text tables (86,400 entries each) are built on first use: the bulk generator never needs them
    @property
    def _hms(self) -> tuple[str, ...]:
        return hhmmss_table()

    @property
    def _clock(self) -> tuple[str, ...]:
        return clock_table()

    # -- clock ---------------------------------------------------------------------------
    def day_starts(self, rng, day: int, n: int) -> list[int]:
        """``n`` start instants (local seconds) on one day of the month, mostly in office hours, sorted."""
        rnd = rng.random
        base = (self.first_day + day) * 86400
        starts = []
        append = starts.append
        for _ in range(n):      # hot (a million times a month): every second drawn is already within the day
            if rnd() < 0.9:
                sec = base + 28800 + trunc(rnd() * rnd() * 21600)
                append(sec + trunc(rnd() * 3) * 7200 if rnd() < 0.5 else sec)
            else:
                append(base + trunc(rnd() * 86400))
        starts.sort()
        return starts

    def epoch(self, loc: int) -> int:
        return loc - self.offsets[loc // 86400 - self.first_day]

    def local(self, epoch: int) -> int:
        return int(epoch) + offset_at(epoch)

    def date(self, loc: int | None) -> str | None:
        return None if loc is None else self.day_text[loc // 86400 - self.first_day]

    def hms(self, loc: int | None) -> str | None:
        return None if loc is None else self._hms[loc % 86400]

    def ts(self, loc: int | None) -> str | None:
        return None if loc is None else f"{self.day_text[loc // 86400 - self.first_day]} {self._clock[loc % 86400]}"

    @staticmethod
    def uuid(rng) -> str:
        h = f"{rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16:20]}-{h[20:]}"

    # -- rows ----------------------------------------------------------------------------
    def inbound_row(self, leg, idlast, sito, uid, step, counter, mc, session, cli, contact_id, contact_value,
                    ctype, lookup, customer, crossed, abandoned_id, callback_id, agents) -> tuple:
        # hot: a million calls per big month, so the time columns are looked up inline
        dt, hm, fd = self.day_text, self._hms, self.first_day
        agent = agents[leg["agent"]] if leg["agent"] is not None else None
        svc, start, end, answer, dist, queue = (leg["svc"], leg["start"], leg["end"], leg["answer"], leg["dist"],
                                                leg["queue"])
        wnr = leg["wnr"]
        result = leg["result"]
        popup = leg["popup"]
        phone = mc == 0
        de, he = dt[end // 86400 - fd], hm[end % 86400]
        last = end + wnr
        if agent is not None:
            user, prio, exten, skill = agent.username, 1, agent.extension, "it"
        else:
            user = prio = exten = skill = None
        return (
            str(counter), sito, user, prio, exten, "I", f"SIP/trunk-{counter:08x}" if phone else None, skill, cli,
            svc.did if phone else None, dt[start // 86400 - fd], hm[start % 86400],
            None if dist is None else dt[dist // 86400 - fd], None if dist is None else hm[dist % 86400],
            leg["status"], leg["transfer"], None if answer is None else dt[answer // 86400 - fd],
            None if answer is None else hm[answer % 86400], leg["ring"] if answer else 0, leg["talk"],
            de, he, leg["ivr"], end - start, svc.code, crossed,
            "WEB" if popup else None, "OK" if popup else None,
            f"codice_cliente={customer or ''}|lingua=it" if popup else None, idlast, sito, uid, 0,
            leg["context"], f"{counter:x}{start:x}@{sito}" if phone else None, customer, 1, step, 0, counter, mc,
            session, MC_DESCRIPTION[mc], "Menu" if (svc.ivr and leg["ivr"]) else None,
            f"in-{uid}-{step}.wav" if leg["rec"] else None, None if queue is None else dt[queue // 86400 - fd],
            None if queue is None else hm[queue % 86400], de if wnr else None, he if wnr else None, wnr,
            leg["qdur"], result[0] if result else None, result[1] if result else None, leg["hold"],
            "da richiamare" if (result and popup) else None, leg["dest"], 0, contact_id, contact_value, ctype, lookup,
            abandoned_id, callback_id, customer, f"{dt[last // 86400 - fd]} {self._clock[last % 86400]}")

    def outbound_row(self, leg, uid, step, counter, number, contact_id, campaign, lista, record_id,
                     agents) -> tuple:
        d, h, ts = self.date, self.hms, self.ts
        agent = agents[leg["agent"]] if leg["agent"] is not None else None
        svc, start, end, answer = leg["svc"], leg["start"], leg["end"], leg["answer"]
        result = leg["result"]
        sito = "d92061befe"
        return (
            str(counter), sito, agent.username if agent else None, 1 if agent else None,
            agent.extension if agent else None, "O", f"SIP/trunk-{counter:08x}", svc.did, number, d(start),
            h(start), d(start), h(start), leg["status"], leg["transfer"], d(answer), h(answer),
            leg["ring"] if answer else 0, leg["talk"], d(end), h(end), 0, end - start, svc.code, svc.code,
            f"{uid}@{sito}", sito, uid, 0, "AT", f"{counter:x}{start:x}@{sito}", 1, step, 0, campaign, lista,
            record_id, 1, 1, counter, 0, f"out-{uid}-{step}.wav" if leg["rec"] else None, None, None, 0, 0,
            result[0] if result else None, result[1] if result else None, 0, leg["dest"], 0, contact_id,
            number, "EXTERNAL_ITEM" if contact_id else "UNKNOWN", "SUCCESS" if contact_id else "NONE", ts(end))

    def cdr_row(self, leg, uid, node, number, tipo, counter, agents, outbound=False) -> tuple:
        agent = agents[leg["agent"]] if leg["agent"] is not None else None
        answered = leg["answer"] is not None
        user = agent.username if agent and answered else None
        svc = leg["svc"]
        if outbound:
            clid, user_clid, dnis, user_dnis = svc.did, agent.username if agent else None, number, None
        else:
            clid, user_clid, dnis, user_dnis = number, None, svc.did, user
        return (uid, node, f"SIP/trunk-{counter:08x}", f"SIP/{agent.extension}-{counter:08x}" if user else None,
                self.ts(leg["start"]), self.ts(leg["answer"]), clid, user_clid,
                "SIP" if outbound else "EXTERNAL", dnis, user_dnis, "EXTERNAL" if outbound else "SIP", "trunk1",
                leg["end"] - leg["start"], leg["talk"], 1, leg["transfer"], tipo,
                "ANSWER" if answered else "NOANSWER", counter)

    def ivr_rows(self, leg, uid, rnd) -> list[tuple]:
        start, ivr, code = leg["start"], leg["ivr"], leg["svc"].code
        first = max(1, ivr // 2)
        digit = str(1 + int(rnd() * 2))
        return [(uid, self.ts(start), 1, 1, first, code, None, 0, 0, 0, "Menu", "MENU"),
                (uid, self.ts(start + first), 2 if digit == "1" else 3, 1, ivr - first, code, digit, 0, 0, 0,
                 "Vendite" if digit == "1" else "Assistenza", "QUEUE")]

    def smartrec_row(self, leg, uid, step, number, tipo, agents) -> tuple:
        agent = agents[leg["agent"]]
        svc = leg["svc"]
        prefix = "in" if tipo == "I" else "out"
        return (self.date(leg["answer"]), self.hms(leg["answer"]), 1, agent.username, "d92061befe",
                svc.did if tipo == "I" else number, number if tipo == "I" else svc.did, agent.extension,
                f"{prefix}-{uid}-{step}.wav", leg["talk"], tipo, uid, svc.code, "d92061befe", 0, 0, "SERVICE")

    def _recall(self, leg, contact_id, value, ctype, rng, agents) -> tuple:
        rnd = rng.random
        closed = rnd() < 0.6
        owner = agents[int(rnd() * len(agents))].username if agents and closed else None
        recall = leg["end"] + 600 + int(rnd() * 7200) if closed else None
        return (value, contact_id, value, ctype, value, self.ts(leg["start"]), self.ts(leg["start"]),
                self.ts(recall), self.ts(recall or leg["end"]), self.ts(recall), owner, 1 if closed else 0, 0,
                "CLOSED" if closed else "NEW", "SUCCESS" if closed else None,
                "ANSWER" if closed else None, owner, None)

    def abandoned_row(self, rid, uid, leg, contact_id, value, ctype, rng, agents) -> tuple:
        return (rid, 100, uid, None, leg["svc"].code) + self._recall(leg, contact_id, value, ctype, rng, agents)

    def callback_row(self, rid, uid, leg, contact_id, value, ctype, rng, agents) -> tuple:
        return ((rid, 100, uid, None, leg["svc"].code) + self._recall(leg, contact_id, value, ctype, rng, agents)
                + ("IVR",))

    def pd_row(self, uid, start, campaign, lista, record_id, number, contact_id, leg) -> tuple:
        answered = leg["answer"] is not None
        epoch = self.epoch(start)
        return (self.ts(start), record_id, 1, campaign, lista, number, 6 if answered else 7,
                "ANSWER" if answered else "NOANSWER", 1, epoch, epoch, f"SIP/trunk-{record_id:08x}", 1, 0,
                contact_id, 0 if answered else 1, 0, 0, 0, 0, 0)


@lru_cache(maxsize=64)
def month_of(year: int, month: int) -> Month:
    """A shared :class:`Month` (it is read-only once built; building one costs ~0.1 ms of tables)."""
    return Month(year, month)
