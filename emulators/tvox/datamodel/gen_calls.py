"""Drawing one month of TVox statistics: the steps of each day, as narrow staging rows.

Python draws the random numbers of each step (one :class:`random.Random` per
day, so a day's rows are the same however the month is cut into chunks and
whichever process draws it) and writes one *narrow* staging row per step
(:data:`.gen_sql.STAGE_TABLES`): ints, the step's instants among them (local
seconds), the strings it already has (usernames, service codes, callers) and
the step's timestamps, looked up in tables (:mod:`.sitetime`). SQLite builds
the documented rows from them, the other texts of the instants included
(:mod:`.gen_sql`); :mod:`.gen_pipeline` decides who draws which days.

What a month holds (see FIDELITY.md for the proportions):

- inbound service interactions (``ast_calls_``): phone, video and chat, each
  of 1–3 steps (step 0 = the most recent), with transfers between services,
  answers, abandons, callbacks, exit codes, popups, tags, contacts;
- outbound service calls (``ast_calls_outbound_``) with their campaign
  history (``ast_pd_history_``);
- call detail records (``ast_cdr_``) for every phone step, IVR passages
  (``ast_ivr_records_bis_``), recordings (``smartrec_``), abandoned calls and
  callback requests.
"""
from __future__ import annotations

import random
from math import trunc   # int() of a float, for half the cost of calling int (hot: 20 times a step)

from .gen_rows import Month
from .gen_sql import LEG_FIELDS, STAGE_TABLES
from .site import PHONE_SITE, SITES, Site
from .sitetime import clock_table

WEEKDAY_WEIGHT = (1.0, 1.0, 1.0, 1.0, 1.0, 0.45, 0.2)   # Monday … Sunday
STEPS_PER_INTERACTION = 1.32   # average of the step distribution below (for sizing)
RESULTS = (("VENDITA", "NUOVO CONTRATTO"), ("VENDITA", "PREVENTIVO"), ("INFO", "ORARI"), ("INFO", None),
           ("RECLAMO", "FATTURAZIONE"), ("ASSISTENZA", "GUASTO"), ("ASSISTENZA", "CONFIGURAZIONE"))
NO_RESULT = (None, None)
FAIL_STATUSES = ("H", "H", "H", "H", "T", "T", "TNS", "TMQ", "TCB")
_START, _END, _STATUS = (LEG_FIELDS.index(f) for f in ("start", "end_", "status"))
_OUT_SIPCALLID = "%x%x@" + PHONE_SITE


def day_plan(m: Month, steps: int) -> list[tuple[int, int, int]]:
    """(day index, inbound interactions, outbound calls) per day: weekdays busy, weekends quiet."""
    if steps <= 0:
        return []
    weights = [WEEKDAY_WEIGHT[(m.first_day + d + 3) % 7] for d in range(m.days)]   # 1970-01-01 was a Thursday
    total = sum(weights)
    inbound = max(1, int(steps * 0.85 / STEPS_PER_INTERACTION))
    outbound = max(0, int(steps * 0.15 / 1.05))
    return [(d, round(inbound * w / total), round(outbound * w / total)) for d, w in enumerate(weights)]


class _Svc:
    """A service as the generator uses it: the strings it stages, its agents as (username, extension)."""

    __slots__ = ("service", "code", "did", "ivr", "agents")

    def __init__(self, service, agents) -> None:
        self.service = service
        self.code, self.did, self.ivr = service.code, service.did, 1 if service.ivr else 0
        self.agents = tuple((agents[i].username, agents[i].extension) for i in service.agents)


class Gen:
    """Draws the interactions of a month, day by day, into staging rows."""

    def __init__(self, site: Site, people, m: Month, seed: int):
        self.m, self.seed = m, seed
        self.rng: random.Random | None = None
        self.rnd = None                   # self.rng.random, looked up once a day rather than at every step
        self.day_text, self.first_day, self.clock = m.day_text, m.first_day, clock_table()
        self.agents = site.agents
        self.phone = [_Svc(s, site.agents) for s in site.phone]
        self.video = [_Svc(s, site.agents) for s in site.video]
        self.chat = [_Svc(s, site.agents) for s in site.chat]
        self.outbound_services = [_Svc(s, site.agents) for s in site.outbound]
        self.callers = people.callers or [("0612345678", None, None)]
        self.chatters = people.chatters or [("cliente@example.it", None)]
        self.n_callers, self.n_chatters = len(self.callers), len(self.chatters)
        self.offsets = m.offsets

    def stage(self, stage, kind: str, job: list) -> int:
        """Generate a chunk (a list of days, or the pinned interactions) into ``stage``; steps written."""
        rows: dict[str, list] = {name: [] for name in STAGE_TABLES}
        written = self.days(rows, job) if kind == "days" else self.pinned_all(rows, job)
        stage.load(rows)
        return written

    def days(self, rows: dict[str, list], plan) -> int:
        m, written = self.m, 0
        for day, inbound, outbound in plan:
            self.rng = rng = random.Random(f"tvox-month-{self.seed}-{m.key}-{day}")
            self.rnd = rnd = rng.random
            starts = m.day_starts(rng, day, inbound + outbound)
            kinds = [False] * inbound + [True] * outbound
            rng.shuffle(kinds)
            counter = 1000 + trunc(rnd() * 500)
            for start, is_outbound in zip(starts, kinds):
                counter += 1 + trunc(rnd() * 9)
                written += self.outbound(rows, start, counter) if is_outbound else self.inbound(rows, start, counter)
        return written

    def pinned_all(self, rows: dict[str, list], specs: list) -> int:
        """The document's example ids."""
        self.rng = random.Random(f"tvox-pinned-{self.seed}-{self.m.key}")
        self.rnd = self.rng.random
        written = 0
        for spec in specs:
            start = self.m.local(spec["epoch"])
            if spec["kind"] == "outbound":
                written += self.outbound(rows, start, 0, uniqueid=spec["uniqueid"])
            else:
                written += self.inbound(rows, start, 0, channel=spec["channel"], uniqueid=spec["uniqueid"],
                                        nsteps=spec.get("steps"))
        return written

    # -- inbound --------------------------------------------------------------------
    def inbound(self, rows: dict[str, list], start: int, counter: int, channel: int | None = None,
                uniqueid: str | None = None, nsteps: int | None = None) -> int:
        rnd = self.rnd
        r = rnd()
        mc = channel if channel is not None else (0 if r < 0.80 else 1001 if r < 0.87 else 1004)
        phone = mc == 0
        services = self.phone if phone else self.video if mc == 1001 else self.chat
        if nsteps is None:
            r = rnd()
            nsteps = 1 if r < 0.75 else 2 if r < 0.93 else 3
        uid = uniqueid or f"{start - self.offsets[start // 86400 - self.first_day]}.{counter}"
        sito = SITES[mc]
        # the caller
        contact_id = cli = customer = None
        ctype, lookup = "UNKNOWN", "NONE"
        if phone:
            r = rnd()
            if r < 0.65:
                cli, contact_id, customer = self.callers[trunc(rnd() * self.n_callers)]
                ctype, lookup = "EXTERNAL_ITEM", "SUCCESS"
            elif r < 0.95:
                cli = "3" + str(200000000 + trunc(rnd() * 799999999))
            else:
                cli, ctype = "anonymous", "ANONYMOUS"
            contact_value = cli
        else:
            if rnd() < 0.8:
                contact_value, contact_id = self.chatters[trunc(rnd() * self.n_chatters)]
                ctype, lookup = "EXTERNAL_ITEM", "SUCCESS"
            else:
                contact_value = f"visitor{trunc(rnd() * 100000)}@web"
        r = rnd()
        context = "AT" if r < 0.93 else "FO" if r < 0.98 else "OS"
        # %-formatting: measurably cheaper than f-strings with format specs, a million times a month
        session = None if phone else "%s-%09d" % (uid, trunc(rnd() * 1e9))
        svc = services[trunc(rnd() * len(services))]
        if nsteps == 1:                          # three interactions in four
            final = self._inbound_step(start, svc, None, True, context, mc, True)
            legs = (final,)
            crossed = svc.code
        else:
            t = start
            legs = []
            codes = []
            for k in range(nsteps):
                last = k == nsteps - 1
                next_svc = services[trunc(rnd() * len(services))] if not last else None
                leg = self._inbound_step(t, svc, next_svc, last, context, mc, k == 0)
                legs.append(leg)
                codes.append(svc.code)
                t = leg[_END]
                svc = next_svc or svc
            final = leg
            crossed = "|".join(dict.fromkeys(codes))
        abandoned_id = callback_id = None
        if phone and final[_STATUS] == "H" and rnd() < 0.7:
            abandoned_id = self._recall(rows["s_abandoned"], uid, final, svc, contact_id, contact_value, ctype,
                                        callback=False)
        elif phone and final[_STATUS] == "TCB":
            callback_id = self._recall(rows["s_callback"], uid, final, svc, contact_id, contact_value, ctype,
                                       callback=True)
        digit = str(1 + trunc(rnd() * 2)) if phone and legs[0][4] else None
        trunk = "SIP/trunk-%08x" % counter if phone else None
        out = rows["s_in"]
        if nsteps == 1:
            out.append((uid, counter, mc, 0, 99, sito) + final
                       + (session, cli, contact_id, contact_value, ctype, lookup, customer, crossed, abandoned_id,
                          callback_id, digit, trunk, "%x%x@%s" % (counter, start, sito) if phone else None))
            return 1
        for k, leg in enumerate(legs):
            step = nsteps - 1 - k
            out.append((uid, counter, mc, step, 99 if step == 0 else k + 1, sito) + leg
                       + (session, cli, contact_id, contact_value, ctype, lookup, customer, crossed,
                          abandoned_id if step == 0 else None, callback_id if step == 0 else None,
                          digit if k == 0 else None, trunk,
                          "%x%x@%s" % (counter, leg[_START], sito) if phone else None))
        return nsteps

    def _inbound_step(self, t: int, svc: _Svc, next_svc: _Svc | None, last: bool, context: str, mc: int,
                      first: bool) -> tuple:
        """One leg: the staging fields :data:`.gen_sql.LEG_FIELDS` (``user`` … ``ts_update``).

        The timestamps are looked up here; the call detail record's only for phone legs, which have one.
        """
        rnd = self.rnd
        dt, fd, ck = self.day_text, self.first_day, self.clock
        phone = mc == 0
        ivr = trunc(rnd() * 40) if (first and phone and svc.ivr) else 0
        ts_start = f"{dt[t // 86400 - fd]} {ck[t % 86400]}" if phone else None
        if context != "AT":
            end = t + ivr + 5 + trunc(rnd() * 20)
            return (None, None, svc.code, svc.did, svc.ivr, t, ivr, None, 0, 0, 0, 0, 0, end, "T", None, None,
                    context, 0, None, None, 0, ts_start, None, f"{dt[end // 86400 - fd]} {ck[end % 86400]}")
        queue_at = t + ivr
        answered = (not last) or rnd() < 0.80
        if answered and svc.agents:
            qdur = trunc(rnd() * rnd() * 240)
            ring = 2 + trunc(rnd() * 20)
            talk = 20 + trunc(rnd() * rnd() * 900)
            user, ext = svc.agents[trunc(rnd() * len(svc.agents))]
            hold = trunc(rnd() * 60) if rnd() < 0.15 else 0
            answer = queue_at + qdur + ring
            wnr = trunc(rnd() * 45) if phone else 0
            rec = 1 if phone and rnd() < 0.3 else 0
            res1, res2 = RESULTS[trunc(rnd() * len(RESULTS))] if rnd() < 0.5 else NO_RESULT
            popup = 1 if rnd() < 0.2 else 0
            if last:
                status, transfer, dest = "RC" if rnd() < 0.6 else "RA", None, None
            else:
                status, transfer, dest = "RTB" if rnd() < 0.6 else "RTC", next_svc.code, "INTERNAL"
            end = answer + talk + hold
            update = end + wnr
            return (user, ext, svc.code, svc.did, svc.ivr, t, ivr, answer, ring, talk, hold, wnr, qdur, end, status,
                    transfer, dest, context, rec, res1, res2, popup, ts_start,
                    f"{dt[answer // 86400 - fd]} {ck[answer % 86400]}" if phone else None,
                    f"{dt[update // 86400 - fd]} {ck[update % 86400]}")
        qdur = trunc(rnd() * 180) + 5
        if last:
            status, transfer, dest = FAIL_STATUSES[trunc(rnd() * len(FAIL_STATUSES))], None, None
        else:
            status, transfer, dest = "TT", next_svc.code, "INTERNAL"
        end = queue_at + qdur
        return (None, None, svc.code, svc.did, svc.ivr, t, ivr, None, 0, 0, 0, 0, qdur, end, status, transfer, dest,
                context, 0, None, None, 0, ts_start, None, f"{dt[end // 86400 - fd]} {ck[end % 86400]}")

    def _recall(self, out: list, uid: str, leg: tuple, svc: _Svc, contact_id, value, ctype, callback: bool) -> str:
        """An abandoned-call or callback record for the interaction's last leg; its id."""
        m, rng = self.m, self.rng
        rid = m.uuid(rng)
        shape = {"svc": svc.service, "start": leg[_START], "end": leg[_END]}
        if callback:
            out.append(m.callback_row(rid, uid, shape, contact_id, value, ctype, rng, self.agents))
        else:
            out.append(m.abandoned_row(rid, uid, shape, contact_id, value, ctype, rng, self.agents))
        return rid

    # -- outbound ---------------------------------------------------------------------
    def outbound(self, rows: dict[str, list], start: int, counter: int, uniqueid: str | None = None) -> int:
        rnd = self.rnd
        dt, fd, ck = self.day_text, self.first_day, self.clock
        epoch = self.m.epoch(start)
        uid = uniqueid or f"{epoch}.{counter}"
        svc = self.outbound_services[trunc(rnd() * len(self.outbound_services))]
        number, contact_id, _ = self.callers[trunc(rnd() * self.n_callers)]
        nsteps = 1 if rnd() < 0.95 else 2
        t = start
        campaign, lista = 1 + trunc(rnd() * 4), 1 + trunc(rnd() * 3)
        record_id = trunc(rnd() * 50000)
        trunk = "SIP/trunk-%08x" % counter
        out = rows["s_out"]
        for k in range(nsteps):
            step = nsteps - 1 - k
            answered = rnd() < 0.7
            user, ext = svc.agents[trunc(rnd() * len(svc.agents))] if svc.agents else (None, None)
            ring = 3 + trunc(rnd() * 25)
            status, transfer, dest, rec, result = "T", None, None, 0, NO_RESULT
            if answered:
                answer = t + ring
                talk = 15 + trunc(rnd() * rnd() * 600)
                status = "RA" if rnd() < 0.55 else "RC"
                rec = 1 if rnd() < 0.3 else 0
                if rnd() < 0.6:
                    result = RESULTS[trunc(rnd() * len(RESULTS))]
                if step > 0:
                    status, transfer, dest = "RTB", "0612345678", "EXTERNAL"
                end = answer + talk
            else:
                answer, talk, end = None, 0, t + ring
            out.append((uid, counter, step, 99 if step == 0 else k + 1, user, ext, svc.code, svc.did, t, answer, ring,
                        talk, end, status, transfer, dest, rec, result[0], result[1],
                        f"{dt[t // 86400 - fd]} {ck[t % 86400]}",
                        None if answer is None else f"{dt[answer // 86400 - fd]} {ck[answer % 86400]}",
                        f"{dt[end // 86400 - fd]} {ck[end % 86400]}", trunk,
                        _OUT_SIPCALLID % (counter, t), number, contact_id, campaign, lista, record_id,
                        start if step == 0 else None, epoch if step == 0 else None))
            t = end
        return nsteps
