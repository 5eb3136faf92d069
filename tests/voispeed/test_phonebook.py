"""The centralised phonebook: add_phonebook, update_phonebook, delete_phonebook
(by contact_id, or by app name and external id for synchronised contacts) and
get_phonebook, which searches names, company, email and every number."""
from __future__ import annotations

import pytest

from emulators.voispeed import SURFACE, spec

FRING = {"name": "Gustavo", "surname": "Fring", "company": "Los Pollos Hermanos", "numoffice": "0733123123",
         "numhome": "0733456456", "nummobile": "3339876543", "numfax": "0733998877", "numother": "0254739399",
         "email": "gustavofring@yahoo.com"}


def _pb(seri, service: str, **params):
    return seri.get(service=service, token="mio_token", **params)


def _add(seri, **fields) -> str:
    reply = _pb(seri, "add_phonebook", **fields)
    assert reply.outcome == 0, reply.text
    assert [c.tag for c in reply.xml] == ["outcome", "contact_id"]
    return reply.xml.findtext("contact_id")


def _search(seri, text: str = "", **extra) -> list:
    reply = _pb(seri, "get_phonebook", **({"search": text} if text else {}), **extra)
    assert reply.outcome == 0, reply.text
    return reply.xml.findall("contact")


def test_add_phonebook_returns_the_contact_id(seri):
    first, second = _add(seri, **FRING), _add(seri, name="Walter", surname="White")
    assert first.isdigit() and int(second) == int(first) + 1


def test_get_phonebook_lists_the_guides_fields_in_order(seri):
    _add(seri, **FRING, is_favourite="1")
    (contact,) = _search(seri, "fring")
    assert [c.tag for c in contact] == list(spec.PHONEBOOK_FIELDS)
    assert (contact.findtext("office"), contact.findtext("mobile"), contact.findtext("other")) == \
        ("0733123123", "3339876543", "0254739399")
    assert contact.findtext("is_favourite") == "1"


@pytest.mark.parametrize("search", ["Gustavo", "FRING", "pollos", "yahoo.com", "0733 456", "3339876543",
                                    "+0254739399", "998877"])
def test_get_phonebook_searches_names_company_email_and_every_number(seri, search):
    _add(seri, **FRING)
    _add(seri, name="Walter", surname="White", company="Car Washing Inc.", nummobile="5559876543")
    assert [c.findtext("surname") for c in _search(seri, search)] == ["Fring"]


def test_get_phonebook_without_search_lists_everyone_paged(seri):
    for n in range(5):
        _add(seri, name=f"Person {n}")
    assert len(_search(seri)) == 5
    assert [c.findtext("name") for c in _search(seri, limit="2", offset="1")] == ["Person 1", "Person 2"]


def test_numbers_are_sanitised_to_digits_and_a_leading_plus(seri):
    _add(seri, name="Saul", numoffice="+39 (06) 123-123", nummobile="tel. 069876543")
    (contact,) = _search(seri, "saul")
    assert (contact.findtext("office"), contact.findtext("mobile")) == ("+3906123123", "069876543")


def test_update_phonebook_changes_only_the_given_fields(seri):
    contact_id = _add(seri, **FRING)
    reply = _pb(seri, "update_phonebook", contact_id=contact_id, company="Madrigal", nummobile="3330000000")
    assert reply.outcome == 0 and reply.xml.findtext("contact_id") == contact_id
    (contact,) = _search(seri, "fring")
    assert (contact.findtext("company"), contact.findtext("mobile"), contact.findtext("office")) == \
        ("Madrigal", "3330000000", "0733123123")
    assert _search(seri, "3339876543") == []


def test_delete_phonebook_by_contact_id(seri):
    contact_id = _add(seri, **FRING)
    assert _pb(seri, "delete_phonebook", contact_id=contact_id).outcome == 0
    assert _search(seri, "fring") == []
    assert _pb(seri, "delete_phonebook", contact_id=contact_id).error == "contact not found"


def test_delete_phonebook_by_app_name_and_external_id_for_synced_contacts(seri, sync):
    sync([{"name": "Walter", "uc_app_name": "HBO", "uc_external_id": "contact-2"}])
    reply = _pb(seri, "delete_phonebook", app_name="HBO", external_contact_id="contact-2")
    assert reply.outcome == 0 and _search(seri, "walter") == []
    assert _pb(seri, "delete_phonebook", app_name="HBO", external_contact_id="contact-2").error == \
        "contact not found"


@pytest.mark.parametrize("service, query, text", [
    ("add_phonebook", {"email": "a@b.c"}, "missing parameter name"),
    ("add_phonebook", {"name": "X", "nummobile": "no digits"}, "invalid parameter nummobile"),
    ("add_phonebook", {"name": "X", "is_favourite": "yes"}, "invalid parameter is_favourite"),
    ("update_phonebook", {"name": "X"}, "missing parameter contact_id"),
    ("update_phonebook", {"contact_id": "424242", "name": "X"}, "contact not found"),
    ("delete_phonebook", {}, "missing parameter contact_id"),
    ("delete_phonebook", {"app_name": "HBO"}, "missing parameter external_contact_id"),
    ("delete_phonebook", {"external_contact_id": "c-1"}, "missing parameter app_name"),
    ("delete_phonebook", {"contact_id": "abc"}, "invalid parameter contact_id"),
    ("get_phonebook", {"limit": "5000"}, "invalid parameter limit"),
])
def test_bad_phonebook_requests_get_the_vendors_error(seri, service, query, text):
    reply = _pb(seri, service, **query)
    assert reply.status == 200 and (reply.outcome, reply.error) == (1, text)


def test_phonebooks_are_per_tenant(seri, emu, tenant):
    _add(seri, **FRING)
    reply = seri.get(service="get_phonebook", token=SURFACE.credentials(emu, tenant)["tokens"][0], search="fring")
    assert reply.outcome == 0 and reply.xml.findall("contact") == []


def test_the_user_call_report_names_a_caller_from_the_phonebook(seri, emu, default):
    _add(seri, **FRING)
    call = emu.engine.inbound("default", from_number="3339876543", to_number="35")
    emu.engine.answer("default", call.user_party(1).id)
    (row,) = seri.get(service="get_user_call_report", token="mio_token", ext="35").xml.findall("call")
    assert (row.findtext("remote_company"), row.findtext("remote_surname"), row.findtext("remote_name")) == \
        ("Los Pollos Hermanos", "Fring", "Gustavo")
