"""The phonebook services: add, update, delete and get contacts, and the contact sync.

Synchronous, like the user call report: the reply says what was done.
add/update/delete answer ``<contact_id>`` (add's is the guide's; the others'
inferred); get_phonebook answers one ``<contact>`` per match directly under
``<result>``; phonebook_import_sync answers the guide's counters and, with
``verbose_output=1``, a ``<contacts>`` report (see :mod:`.contact_sync`).
"""
from __future__ import annotations

from typing import Any, Callable

from .contact_sync import import_contacts, parse_contacts
from .errors import Errors, ServiceError
from .handlers import Request
from .phonebook import FIELDS, Contact, PhonebookFull
from .render import Items, render_fields, render_records
from .services_ext import PHONEBOOK_FIELDS


def _values(params: dict[str, Any]) -> dict[str, str]:
    return {name: params[name] for name in FIELDS if name in params}


def contact_row(contact: Contact) -> dict[str, Any]:
    v = contact.values
    values = {"name": v["name"], "surname": v["surname"], "company": v["company"], "office": v["numoffice"],
              "home": v["numhome"], "mobile": v["nummobile"], "fax": v["numfax"], "other": v["numother"],
              "email": v["email"], "is_favourite": contact.is_favourite, "contact_id": contact.id}
    return {name: values[name] for name in PHONEBOOK_FIELDS}


def add_phonebook(req: Request) -> str:
    values = _values(req.params)
    if not any(values.get(f) for f in ("name", "surname", "company")):
        raise ServiceError(Errors.MISSING_PARAMETER, name="name")
    try:
        contact = req.state.phonebook.add(values, bool(req.params.get("is_favourite", False)))
    except PhonebookFull:
        raise ServiceError(Errors.PHONEBOOK_FULL) from None
    return render_fields({"contact_id": contact.id})


def update_phonebook(req: Request) -> str:
    contact = req.state.phonebook.update(req.params["contact_id"], _values(req.params),
                                         req.params.get("is_favourite"))
    if contact is None:
        raise ServiceError(Errors.CONTACT_NOT_FOUND)
    return render_fields({"contact_id": contact.id})


def delete_phonebook(req: Request) -> str:
    params, phonebook = req.params, req.state.phonebook
    if "contact_id" in params:
        contact_id = params["contact_id"]
    elif "app_name" in params or "external_contact_id" in params:
        for name in ("app_name", "external_contact_id"):
            if name not in params:
                raise ServiceError(Errors.MISSING_PARAMETER, name=name)
        contact_id = phonebook.synced_id(params["app_name"], params["external_contact_id"])
    else:
        raise ServiceError(Errors.MISSING_PARAMETER, name="contact_id")
    if contact_id is None or not phonebook.delete(contact_id):
        raise ServiceError(Errors.CONTACT_NOT_FOUND)
    return render_fields({"contact_id": contact_id})


def get_phonebook(req: Request) -> str:
    params = req.params
    contacts = req.state.phonebook.search(params.get("search", ""), params.get("limit", 100), params.get("offset", 0))
    return render_records("contact", [contact_row(c) for c in contacts])


def phonebook_import_sync(req: Request) -> str:
    if req.method != "POST":
        raise ServiceError(Errors.METHOD_NOT_ALLOWED)
    result = import_contacts(req.state.phonebook, parse_contacts(req.params["contacts"]))
    fields: dict[str, Any] = result.summary()
    if req.params.get("verbose_output"):
        fields["contacts"] = Items("contact", result.contacts)
    return render_fields(fields)


PHONEBOOK_HANDLERS: dict[str, Callable[[Request], str]] = {
    "add_phonebook": add_phonebook,
    "update_phonebook": update_phonebook,
    "delete_phonebook": delete_phonebook,
    "get_phonebook": get_phonebook,
    "phonebook_import_sync": phonebook_import_sync,
}
