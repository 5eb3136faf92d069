"""The support channel's tables: ticket users, groups, tickets, articles, time accountings, links.

Tickets are spread over the seeded months and the four months before the
first one (so the document's SUPPORT example, January 2020, finds tickets
when May 2020 is seeded). Agents are the site's agents; customers are
address-book people.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from .gen_people import People
from .site import Site

TITLES = ("Problema di accesso", "Richiesta fattura", "Guasto linea", "Informazioni contratto",
          "Modifica dati anagrafici", "Reclamo spedizione", "Configurazione centralino", "Richiesta preventivo")
ARTICLE_TYPES = (1, 1, 1, 3, 5, 10, 11)   # mostly e-mail, then chat, phone, note, web
LINK_OBJECTS = ((1, "Ticket"), (2, "Knowledge Base::Answer::Translation"), (3, "Cti::Log"))


def _fmt(moment: datetime, millis: bool = False) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") + (".000" if millis else "")


def months_back(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 - n
    return index // 12, index % 12 + 1


def generate_support(conn, site: Site, people: People, months: list[tuple[int, int]], seed: int,
                     per_month: int = 120) -> int:
    """Fill the support tables; returns the number of tickets."""
    rng = random.Random(f"tvox-support-{seed}")
    rnd = rng.random
    first = min(months)
    span = sorted(set([months_back(*first, n) for n in range(4, 0, -1)] + list(months)))
    epoch0 = datetime(span[0][0], span[0][1], 1, 8)
    users, groups, groups_users = [], [], []
    users.append((1, "System", "", "", None, None, 0, 1, 1, _fmt(epoch0), _fmt(epoch0, True), 1, 1))
    agent_ids = []
    for agent in site.agents:
        uid = len(users) + 1
        agent_ids.append(uid)
        users.append((uid, agent.name, agent.surname, agent.email, agent.extension, None, 0, 1, 1, _fmt(epoch0),
                      _fmt(epoch0, True), 1, 1))
    customer_ids = []
    for contact in [c for c in people.contacts if c["kind"] == "individual" and c["data_source"] == "EXTERNAL"][:150]:
        uid = len(users) + 1
        customer_ids.append(uid)
        users.append((uid, contact["name"], contact["surname"], contact.get("mail_value_1"),
                      contact.get("tel_value_2"), contact.get("tel_value_1"), contact["vip"], 1, 1, _fmt(epoch0),
                      _fmt(epoch0, True), 1, 1))
    for gid, svc in enumerate(site.phone, 1):
        groups.append((gid, gid, svc.code.replace("_", " ").title(), "yes", 1, 1, _fmt(epoch0), _fmt(epoch0, True), 1, 1))
        for a in svc.agents:
            groups_users.append((agent_ids[a], gid))
    conn.executemany('INSERT INTO users (id, firstname, lastname, email, phone, mobile, vip, verified, active, '
                     'created_at, updated_at, created_by_id, updated_by_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)', users)
    conn.executemany('INSERT INTO groups (id, email_address_id, name, follow_up_possible, follow_up_assignment, '
                     'active, created_at, updated_at, created_by_id, updated_by_id) VALUES (?,?,?,?,?,?,?,?,?,?)', groups)
    conn.executemany("INSERT INTO groups_users (user_id, group_id) VALUES (?, ?)", groups_users)
    conn.executemany("INSERT INTO link_objects (id, name, active, created_at, updated_at) VALUES (?, ?, 1, ?, ?)",
                     [(i, n, _fmt(epoch0), _fmt(epoch0, True)) for i, n in LINK_OBJECTS])
    tickets, articles, accountings, links = [], [], [], []
    article_id = 0
    for year, month in span:
        start = datetime(year, month, 1)
        days = ((datetime(year + month // 12, month % 12 + 1, 1)) - start).days
        for _ in range(per_month):
            tid = len(tickets) + 1
            created = start + timedelta(days=int(rnd() * days), seconds=28800 + int(rnd() * 36000))
            group = 1 + int(rnd() * max(len(groups), 1))
            owner = agent_ids[int(rnd() * len(agent_ids))] if agent_ids else 1
            customer = customer_ids[int(rnd() * len(customer_ids))] if customer_ids else 1
            state = rng.choice((1, 2, 2, 3, 4, 5, 5, 5, 5, 6))
            first_resp = created + timedelta(minutes=5 + int(rnd() * 600))
            closed = created + timedelta(minutes=60 + int(rnd() * 5000)) if state == 5 else None
            n_articles = 1 + int(rnd() * 4)
            kind = ARTICLE_TYPES[int(rnd() * len(ARTICLE_TYPES))]
            minutes = 0.0
            when = created
            for a in range(n_articles):
                article_id += 1
                sender = 2 if a % 2 == 0 else 1
                author = customer if sender == 2 else owner
                articles.append((article_id, tid, sender, kind if a == 0 else (1 if sender == 2 else 10),
                                 f"cliente{customer}@example.it" if sender == 2 else "assistenza@example.it",
                                 "assistenza@example.it" if sender == 2 else f"cliente{customer}@example.it",
                                 TITLES[tid % len(TITLES)], f"<{tid}.{a}@example.it>", "text/plain",
                                 "Buongiorno, vi scrivo in merito alla pratica." if sender == 2 else
                                 "Gentile cliente, abbiamo preso in carico la richiesta.", 0, _fmt(when),
                                 _fmt(when, True), author, author))
                if sender == 1:
                    unit = round(5 + rnd() * 30, 2)
                    minutes += unit
                    accountings.append((len(accountings) + 1, tid, article_id, unit, _fmt(when), _fmt(when, True),
                                        owner))
                when += timedelta(minutes=10 + int(rnd() * 300))
            tickets.append((tid, group, owner, customer, state, rng.choice((1, 2, 2, 2, 3)), f"{31000 + tid}",
                            TITLES[tid % len(TITLES)], _fmt(first_resp, True), int((first_resp - created).seconds / 60),
                            _fmt(closed, True) if closed else None,
                            int((closed - created).total_seconds() / 60) if closed else None, _fmt(when, True),
                            _fmt(when, True), _fmt(created, True), kind, 2, n_articles, round(minutes, 2),
                            _fmt(created), _fmt(when, True), customer, owner))
            if tid > 1 and rnd() < 0.05:
                links.append((len(links) + 1, 2, 1, tid - 1, 1, tid, _fmt(created), _fmt(created, True)))
    conn.executemany(
        "INSERT INTO tickets (id, group_id, owner_id, customer_id, state_id, priority_id, number, title, "
        "first_response_at, first_response_in_min, close_at, close_in_min, last_contact_at, last_contact_agent_at, "
        "last_contact_customer_at, create_article_type_id, create_article_sender_id, article_count, time_unit, "
        "created_at, updated_at, created_by_id, updated_by_id) VALUES (" + ",".join("?" * 23) + ")", tickets)
    conn.executemany(
        'INSERT INTO ticket_articles (id, ticket_id, sender_id, type_id, "from", "to", subject, message_id, '
        'content_type, body, internal, created_at, updated_at, created_by_id, updated_by_id) VALUES ('
        + ",".join("?" * 15) + ")", articles)
    conn.executemany("INSERT INTO ticket_time_accountings (id, ticket_id, ticket_article_id, time_unit, created_at, "
                     "updated_at, created_by_id) VALUES (?,?,?,?,?,?,?)", accountings)
    conn.executemany("INSERT INTO links (id, link_type_id, link_object_source_id, link_object_source_value, "
                     "link_object_target_id, link_object_target_value, created_at, updated_at) VALUES "
                     "(?,?,?,?,?,?,?,?)", links)
    return len(tickets)
