"""Address-book contacts and support tickets: factory-boy factories over faker (it_IT).

Every factory draws from the faker pools and :class:`random.Random` handed
to it (the ``pool``/``rng`` parameters), never from global state, so
two tenants generated at once in two threads still get exactly their seed's
data.

The document's examples are planted: the contact
``0007418f-3d4a-4315-c3e2-b3bf3521a325``, the organisations "Telenia
Software" (mail addresses ``…@teleniasoftware.com``) and "Google Italy"
(``…@gmail.com``), and contacts surnamed Rossi.
"""
from __future__ import annotations

import random
import uuid as uuidlib
from dataclasses import dataclass, field
from functools import lru_cache

import factory
from faker import Faker

EXAMPLE_CONTACT = "0007418f-3d4a-4315-c3e2-b3bf3521a325"
BACKEND = "t4you"
TEL_TYPES = ("CELL", "WORK", "HOME", "MAIN", "CELL_WORK", "FAX_WORK", "OTHER")
CATEGORIES = ("Cliente", "Fornitore", "Partner", "Prospect")
ROLES = ("Responsabile acquisti", "Amministrazione", "Direttore tecnico", "Commerciale", "Titolare")


def det_uuid(rng: random.Random) -> str:
    return str(uuidlib.UUID(int=rng.getrandbits(128), version=4))


def mobile(rng: random.Random) -> str:
    return "3" + str(rng.randint(20, 99)) + str(rng.randint(1000000, 9999999))


def landline(rng: random.Random) -> str:
    return "0" + rng.choice(("2", "6", "45", "11", "51", "55", "81")) + str(rng.randint(1000000, 9999999))


def slug(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


@dataclass(frozen=True)
class Pools:
    """Names, places and companies drawn from faker (it_IT) once per seed; factories pick from them.

    Faker's weighted look-ups cost ~100 µs each: drawing a few hundred values
    once keeps a tenant's address book generation in tens of milliseconds.
    """

    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    caps: tuple[str, ...]
    districts: tuple[str, ...]
    companies: tuple[str, ...]


def _cities(fake: Faker) -> list[str]:
    """Faker's it_IT towns, sorted: faker keeps them in a list made from a set, whose order (and so
    ``fake.city()``) changes with the process's string hashing (PYTHONHASHSEED)."""
    for provider in fake.get_providers():
        if isinstance(getattr(provider, "cities", None), (list, tuple)):
            return sorted(set(provider.cities))
    return ["Grosseto", "Milano", "Roma", "Torino", "Napoli", "Firenze", "Bologna", "Verona"]


@lru_cache(maxsize=8)
def pools(seed: int, size: int = 120) -> Pools:
    fake = Faker("it_IT")
    fake.seed_instance(seed)
    cities = _cities(fake)
    return Pools(tuple(fake.first_name() for _ in range(size)), tuple(fake.last_name() for _ in range(size)),
                 tuple(fake.random_element(cities) for _ in range(size // 2)),
                 tuple(fake.street_address() for _ in range(size)),
                 tuple(fake.postcode() for _ in range(size // 2)), tuple(fake.state_abbr() for _ in range(20)),
                 tuple(dict.fromkeys(fake.company() for _ in range(size))))


class OrganizationFactory(factory.DictFactory):
    """An organisation contact (``kind`` org)."""

    class Params:
        pool = None
        rng = None

    uuid = factory.LazyAttribute(lambda o: det_uuid(o.rng))
    fullname = factory.LazyAttribute(lambda o: o.rng.choice(o.pool.companies))
    domain = factory.LazyAttribute(lambda o: slug(o.fullname.split(" ")[0]) + ".it")
    city = factory.LazyAttribute(lambda o: o.rng.choice(o.pool.cities))
    street = factory.LazyAttribute(lambda o: o.rng.choice(o.pool.streets))
    cap = factory.LazyAttribute(lambda o: o.rng.choice(o.pool.caps))
    district = factory.LazyAttribute(lambda o: o.rng.choice(o.pool.districts))
    phone = factory.LazyAttribute(lambda o: landline(o.rng))


class PersonFactory(factory.DictFactory):
    """An individual contact, possibly working for an organisation."""

    class Params:
        pool = None
        rng = None
        org = None

    uuid = factory.LazyAttribute(lambda o: det_uuid(o.rng))
    name = factory.LazyAttribute(lambda o: o.rng.choice(o.pool.first_names))
    surname = factory.LazyAttribute(lambda o: o.rng.choice(o.pool.last_names))
    city = factory.LazyAttribute(lambda o: o.org["city"] if o.org else o.rng.choice(o.pool.cities))
    street = factory.LazyAttribute(lambda o: o.org["street"] if o.org else o.rng.choice(o.pool.streets))
    cap = factory.LazyAttribute(lambda o: o.org["cap"] if o.org else o.rng.choice(o.pool.caps))
    district = factory.LazyAttribute(lambda o: o.org["district"] if o.org else o.rng.choice(o.pool.districts))
    mobile = factory.LazyAttribute(lambda o: mobile(o.rng))
    mail = factory.LazyAttribute(lambda o: f"{slug(o.name)}.{slug(o.surname)}@"
                                 + (o.org["domain"] if o.org else o.rng.choice(("gmail.com", "libero.it",
                                                                                "outlook.it"))))


@dataclass
class People:
    """What the month generator needs to know about the address book."""

    contacts: list[dict] = field(default_factory=list)          # t4you_global_addressbook rows (dicts)
    multichannel: list[dict] = field(default_factory=list)      # t4you_multichannel_addressbook rows
    callers: list[tuple[str, str, str]] = field(default_factory=list)   # (number, contact uuid, customer code)
    chatters: list[tuple[str, str]] = field(default_factory=list)       # (chat id, contact uuid)


def _contact_row(person: dict, org: dict | None, rng: random.Random, kind: str = "individual",
                 data_source: str = "EXTERNAL", owner: str = "") -> dict:
    full = person.get("fullname") or f"{person['name']} {person['surname']}"
    row = {
        "owner": owner, "uuid": person["uuid"], "backend_source": "internal", "backend_config_name": BACKEND,
        "uuid_source": person["uuid"], "source_origin_type": "DIRECT_SYNC", "fullname": full,
        "data_source": data_source, "surname": person.get("surname"), "name": person.get("name"),
        "company": org["fullname"] if org else None, "company_uuid": org["uuid"] if org else None,
        "company_uuid_source": org["uuid"] if org else None,
        "street": person.get("street"), "city": person.get("city"), "district": person.get("district"),
        "cap": person.get("cap"), "country": "Italia", "category": rng.choice(CATEGORIES),
        "vip": 1 if rng.random() < 0.05 else 0, "presence": 0, "kind": kind, "accept_census": 1,
        "persistent_interactions": 1, "role": rng.choice(ROLES) if org and kind == "individual" else None,
        "customer_code": f"C{rng.randint(10000, 99999)}" if rng.random() < 0.6 else None,
        "nps": rng.randint(0, 10) if rng.random() < 0.3 else None,
        "department": rng.choice(("Acquisti", "Amministrazione", "IT", None)) if org else None,
        "site": f"https://www.{org['domain']}" if org else None,
    }
    tels = [(person.get("mobile"), "CELL")] if person.get("mobile") else []
    if person.get("phone"):
        tels.append((person["phone"], "WORK"))
    if rng.random() < 0.3:
        tels.append((landline(rng), rng.choice(TEL_TYPES)))
    for i, (value, typ) in enumerate(tels, 1):
        row[f"tel_value_{i}"], row[f"tel_type_{i}"] = value, typ
    mails = [person["mail"]] if person.get("mail") else []
    if kind == "individual" and rng.random() < 0.25:
        mails.append(f"{slug(person['name'])}{rng.randint(1, 99)}@gmail.com")
    for i, value in enumerate(mails, 1):
        row[f"mail_value_{i}"] = value
        row[f"mail_type_{i}"] = "INTERNET_WORK" if i == 1 and org else "INTERNET_HOME"
    if kind == "org":
        row["web_value_1"], row["web_type_1"] = f"https://www.{person['domain']}", "WORK"
    if rng.random() < 0.2:
        row["custom_1"] = rng.choice(("newsletter", "fiera 2019", "referral"))
    return row


def build_people(seed: int, users: list[dict], size: int = 300) -> People:
    """The address book for ``seed``: organisations, their people, private contacts, the users."""
    fake = pools(seed)
    rng = random.Random(f"tvox-people-{seed}")
    people = People()
    orgs = [OrganizationFactory(pool=fake, rng=rng) for _ in range(max(size // 12, 4))]
    telenia = {**OrganizationFactory(pool=fake, rng=rng), "fullname": "Telenia Software",
               "domain": "teleniasoftware.com", "city": "Grosseto"}
    google = {**OrganizationFactory(pool=fake, rng=rng), "fullname": "Google Italy", "domain": "gmail.com",
              "city": "Milano"}
    orgs[:0] = [telenia, google]
    for org in orgs:
        people.contacts.append(_contact_row({**org, "name": None, "surname": None, "mail": f"info@{org['domain']}"},
                                            None, rng, kind="org"))
    for i in range(size):
        org = orgs[i % len(orgs)] if rng.random() < 0.55 or i < 12 else None
        person = PersonFactory(pool=fake, rng=rng, org=org)
        if i == 0:
            person.update(uuid=EXAMPLE_CONTACT, name="Mario", surname="Rossi", mail="mario.rossi@teleniasoftware.com")
        elif i < 4:
            person["surname"] = "Rossi"
        people.contacts.append(_contact_row(person, org, rng))
    for user in users:
        people.contacts.append(_contact_row(
            {"uuid": user["uuid"], "name": user["name"], "surname": user["surname"], "mail": user["email"],
             "mobile": user.get("mobile") or None}, None, rng, data_source="INTERNAL"))
    for row in people.contacts:
        if row["data_source"] != "EXTERNAL":
            continue
        for i in (1, 2):
            if row.get(f"tel_value_{i}"):
                people.callers.append((row[f"tel_value_{i}"], row["uuid"], row.get("customer_code")))
        if row.get("mail_value_1") and row["kind"] == "individual" and rng.random() < 0.5:
            chat_id = row["mail_value_1"]
            people.chatters.append((chat_id, row["uuid"]))
            people.multichannel.append({"channel_id": 1004, "channel_data": chat_id, "contact_owner": "",
                                        "contact_uuid": row["uuid"], "backend_config_name": BACKEND,
                                        "created_time": "2020-01-02 09:00:00", "to_delete": 0})
            if rng.random() < 0.3:
                people.multichannel.append({"channel_id": 1001, "channel_data": chat_id, "contact_owner": "",
                                            "contact_uuid": row["uuid"], "backend_config_name": BACKEND,
                                            "created_time": "2020-01-02 09:00:00", "to_delete": 0})
    return people
