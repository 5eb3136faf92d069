"""phonebook_import_sync: import or synchronise a JSON array of contacts.

Each contact is inserted, or overwritten when a contact with the same
``uc_app_name`` and ``uc_external_id`` exists ("it is not duplicated, but
overwritten"). Numbers keep only digits and a leading ``+`` (the guide).
What makes a contact skipped or imported with a warning is inferred (the
guide's two lists did not survive):

* skipped: not a JSON object; no ``uc_app_name`` or no ``uc_external_id``
  (the sync key); neither name, surname nor company; the same sync key twice
  in one request (the later one);
* warning: a number that lost characters to sanitising (or had no digits at
  all), an ``ext_info`` that is not a list of ``{caption, value}`` objects (it
  is dropped), a text over 255 characters (cut), a value that is not text,
  attributes the guide does not list (ignored);
* error: the phonebook is full (``MAX_CONTACTS``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .errors import Errors, ServiceError
from .params import sanitise_number
from .phonebook import Phonebook, PhonebookFull
from .services_ext import CONTACT_NUMBER_FIELDS, CONTACT_TEXT_FIELDS

SYNC_KEYS = ("uc_app_name", "uc_external_id")
KNOWN = frozenset(CONTACT_TEXT_FIELDS + CONTACT_NUMBER_FIELDS + SYNC_KEYS + ("ext_info",))
MAX_TEXT = 255


@dataclass
class SyncResult:
    processed: int = 0
    skipped: int = 0
    warnings: int = 0
    errors: int = 0
    contacts: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {"processed": self.processed, "skipped": self.skipped, "warnings": self.warnings,
                "errors": self.errors}


def parse_contacts(raw: str) -> list[Any]:
    """The ``contacts`` field as a list; ``invalid parameter contacts`` otherwise.
    A leading ``contacts:`` (as the guide prints its example body) is tolerated."""
    text = raw.strip()
    if text.startswith("contacts:"):
        text = text[len("contacts:"):]
    try:
        contacts = json.loads(text)
    except (ValueError, RecursionError):
        raise ServiceError(Errors.INVALID_PARAMETER, name="contacts") from None
    if not isinstance(contacts, list):
        raise ServiceError(Errors.INVALID_PARAMETER, name="contacts")
    return contacts


def _ext_info(value: Any) -> list[dict[str, str]] | None:
    """A list of {caption, value} (itself or JSON-encoded), else None."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, list) or not all(
            isinstance(i, dict) and "caption" in i and "value" in i for i in value):
        return None
    return [{"caption": str(i["caption"]), "value": str(i["value"])} for i in value]


def _clean(contact: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    values: dict[str, str] = {}
    notes: list[str] = []
    for name in CONTACT_TEXT_FIELDS + CONTACT_NUMBER_FIELDS:
        raw = contact.get(name)
        if raw is None or raw == "":
            continue
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            notes.append(f"{name} ignored: not text")
            continue
        text = str(raw) if not isinstance(raw, float) else format(raw, "f").rstrip("0").rstrip(".")
        if name in CONTACT_NUMBER_FIELDS:
            number = sanitise_number(text)
            if not number.lstrip("+"):
                notes.append(f"{name} has no digits: left empty")
                continue
            if number != text:
                notes.append(f"{name} sanitised to {number}")
            values[name] = number
        else:
            if len(text) > MAX_TEXT:
                notes.append(f"{name} cut to {MAX_TEXT} characters")
                text = text[:MAX_TEXT]
            values[name] = text
    return values, notes


def import_contacts(phonebook: Phonebook, contacts: list[Any]) -> SyncResult:
    result = SyncResult(processed=len(contacts))
    seen: set[tuple[str, str]] = set()
    report = result.contacts.append
    for item in contacts:
        if not isinstance(item, dict):
            result.skipped += 1
            report({"uc_external_id": "", "id": "", "act": "skip", "info": "not a JSON object"})
            continue
        app, external = item.get("uc_app_name"), item.get("uc_external_id")
        external_text = str(external) if isinstance(external, str | int) and not isinstance(external, bool) else ""
        missing = [k for k, v in zip(SYNC_KEYS, (app, external_text)) if not isinstance(v, str) or not v.strip()]
        if missing:
            result.skipped += 1
            report({"uc_external_id": external_text, "id": "", "act": "skip", "info": f"missing {missing[0]}"})
            continue
        key = (app, external_text)
        if key in seen:
            result.skipped += 1
            report({"uc_external_id": external_text, "id": "", "act": "skip",
                    "info": "duplicate uc_external_id in this request"})
            continue
        seen.add(key)
        values, notes = _clean(item)
        if not any(values.get(f) for f in ("name", "surname", "company")):
            result.skipped += 1
            report({"uc_external_id": external_text, "id": "", "act": "skip", "info": "no name, surname or company"})
            continue
        ext_info: list[dict[str, str]] = []
        if item.get("ext_info") not in (None, "", []):
            parsed = _ext_info(item["ext_info"])
            if parsed is None:
                notes.append("ext_info ignored: not a list of caption/value objects")
            else:
                ext_info = parsed
        unknown = sorted(k for k in item if k not in KNOWN)
        if unknown:
            notes.append(f"unknown attribute(s) ignored: {', '.join(map(str, unknown))}")
        try:
            contact, act = phonebook.upsert_synced(app, external_text, values, ext_info)
        except PhonebookFull:
            result.errors += 1
            report({"uc_external_id": external_text, "id": "", "act": "error", "info": Errors.PHONEBOOK_FULL.text()})
            continue
        if notes:
            result.warnings += 1
        report({"uc_external_id": external_text, "id": contact.id, "act": act, "info": "; ".join(notes)})
    return result
