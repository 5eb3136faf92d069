"""The PBX's centralised phonebook (VOIspeed data, kept by this surface per tenant).

A small storage interface that the services never bypass: add, update,
delete (by id, or by the synchronising application's name and external id),
get, search, look a number up, and insert-or-update a synchronised contact.
In memory, behind one lock; search runs over a lower-cased text of each
contact built when it is written, so 100,000 contacts stay fast to search.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any, Iterable

from .params import sanitise_number
from .services_ext import CONTACT_NUMBER_FIELDS, CONTACT_TEXT_FIELDS

FIELDS = CONTACT_TEXT_FIELDS + CONTACT_NUMBER_FIELDS
#: contacts a tenant's phonebook holds at most (beyond: "phonebook full")
MAX_CONTACTS = 200_000
_NUMBERISH = re.compile(r"[\d\s\-./()+]*\d[\d\s\-./()+]*")


class PhonebookFull(Exception):
    pass


@dataclass(slots=True)
class Contact:
    id: int
    values: dict[str, str]                    # FIELDS -> text ("" when unset)
    app_name: str = ""                        # uc_app_name of a synchronised contact
    external_id: str = ""                     # uc_external_id
    ext_info: list[dict[str, str]] = field(default_factory=list)
    is_favourite: bool = False
    haystack: str = ""                        # what search looks in, lower-cased
    digits: str = ""                          # the numbers, digits only, for number searches

    def numbers(self) -> list[str]:
        return [self.values[f] for f in CONTACT_NUMBER_FIELDS if self.values.get(f)]

    @property
    def display_name(self) -> str:
        full = f"{self.values.get('name', '')} {self.values.get('surname', '')}".strip()
        return full or self.values.get("company", "")


def _index_text(contact: Contact) -> None:
    values = contact.values
    contact.haystack = "\x00".join(values[f] for f in FIELDS if values.get(f)).lower()
    contact.digits = "\x00".join(n.lstrip("+") for n in contact.numbers())


class Phonebook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._contacts: dict[int, Contact] = {}
        self._synced: dict[tuple[str, str], int] = {}
        self._by_number: dict[str, int] = {}
        self._next_id = 0

    def __len__(self) -> int:
        return len(self._contacts)

    # -- writing ---------------------------------------------------------------------
    def add(self, values: dict[str, Any], is_favourite: bool = False) -> Contact:
        with self._lock:
            return self._insert(values, "", "", [], is_favourite)

    def update(self, contact_id: int, values: dict[str, Any], is_favourite: bool | None = None) -> Contact | None:
        """Change the given fields of a contact; None when there is no such contact."""
        with self._lock:
            contact = self._contacts.get(contact_id)
            if contact is None:
                return None
            self._unindex_numbers(contact)
            contact.values.update(_clean(values))
            if is_favourite is not None:
                contact.is_favourite = is_favourite
            self._index(contact)
            return contact

    def delete(self, contact_id: int) -> bool:
        with self._lock:
            contact = self._contacts.pop(contact_id, None)
            if contact is None:
                return False
            self._unindex_numbers(contact)
            if contact.app_name or contact.external_id:
                self._synced.pop((contact.app_name, contact.external_id), None)
            return True

    def synced_id(self, app_name: str, external_id: str) -> int | None:
        return self._synced.get((app_name, external_id))

    def upsert_synced(self, app_name: str, external_id: str, values: dict[str, Any],
                      ext_info: list[dict[str, str]]) -> tuple[Contact, str]:
        """Insert, or overwrite the contact with these sync coordinates: (contact, "insert"|"update")."""
        with self._lock:
            existing = self._contacts.get(self._synced.get((app_name, external_id), -1))
            if existing is None:
                return self._insert(values, app_name, external_id, ext_info, False), "insert"
            self._unindex_numbers(existing)
            existing.values = {f: "" for f in FIELDS} | _clean(values)
            existing.ext_info = ext_info
            self._index(existing)
            return existing, "update"

    def _insert(self, values: dict[str, Any], app_name: str, external_id: str,
                ext_info: list[dict[str, str]], is_favourite: bool) -> Contact:
        if len(self._contacts) >= MAX_CONTACTS:
            raise PhonebookFull()
        self._next_id += 1
        contact = Contact(self._next_id, {f: "" for f in FIELDS} | _clean(values), app_name, external_id,
                          ext_info, is_favourite)
        self._contacts[contact.id] = contact
        if app_name or external_id:
            self._synced[(app_name, external_id)] = contact.id
        self._index(contact)
        return contact

    def _index(self, contact: Contact) -> None:
        _index_text(contact)
        for number in contact.numbers():
            self._by_number.setdefault(number.lstrip("+"), contact.id)

    def _unindex_numbers(self, contact: Contact) -> None:
        for number in contact.numbers():
            key = number.lstrip("+")
            if self._by_number.get(key) == contact.id:
                del self._by_number[key]

    # -- reading ---------------------------------------------------------------------
    def get(self, contact_id: int) -> Contact | None:
        return self._contacts.get(contact_id)

    def search(self, text: str = "", limit: int = 100, offset: int = 0) -> list[Contact]:
        """Contacts whose name, surname, company, email or any number contains ``text``
        (case-insensitive; a number also matches whatever its separators), by id."""
        with self._lock:
            contacts: Iterable[Contact] = list(self._contacts.values())
        needle = text.strip().lower()
        if needle:
            digits = sanitise_number(needle).lstrip("+") if _NUMBERISH.fullmatch(needle) else ""
            contacts = [c for c in contacts if needle in c.haystack or (digits and digits in c.digits)]
        return list(contacts)[offset:offset + limit]

    def lookup(self, number: str) -> Contact | None:
        """The contact with this number (digits compared, leading + ignored), if any."""
        if not number or not self._by_number:
            return None
        return self._contacts.get(self._by_number.get(number.lstrip("+"), -1))


def _clean(values: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in values.items() if k in FIELDS and v is not None}
