"""Synchronisation of Contacts Directory: phonebook_import_sync, a multipart POST
with a ``contacts`` JSON array; insert-or-update on uc_app_name + uc_external_id,
numbers sanitised, ext_info caption/value lists, basic and verbose results."""
from __future__ import annotations

import json

import pytest

from emulators.voispeed import phonebook as phonebook_module
from emulators.voispeed.settings import state_of


def _guide_contacts() -> list[dict]:
    """The guide's example body, as printed (ext_info "..." included)."""
    rows = [("Gustavo", "Fring", "Los Pollos Hermanos", "0733", "contact-1"),
            ("Walter", "White", "Car Washing Inc.", "555", "contact-2"),
            ("Saul", "Goodman", "Goodman Law", "06", "contact-3")]
    return [{"name": n, "surname": s, "company": c, "numoffice": f"{p}123123", "numhome": f"{p}456456",
             "nummobile": f"{p}9876543", "numsms": f"{p}9876543", "nummobil2": f"{p}9876543",
             "numfax": f"{p}998877", "numother": f"{p}4739399", "email": f"{n.lower()}{s.lower()}@yahoo.com",
             "uc_app_name": "HBO", "uc_external_id": e, "ext_info": "..."} for n, s, c, p, e in rows]


def _counts(reply) -> dict[str, str]:
    return {tag: reply.xml.findtext(tag) for tag in ("processed", "skipped", "warnings", "errors")}


def test_the_guides_example_body_is_imported(sync, seri):
    reply = sync(_guide_contacts())
    assert reply.outcome == 0, reply.text
    assert [c.tag for c in reply.xml] == ["outcome", "processed", "skipped", "warnings", "errors"]
    assert _counts(reply) == {"processed": "3", "skipped": "0", "warnings": "3", "errors": "0"}   # ext_info "..."
    (walter,) = seri.get(service="get_phonebook", token="mio_token", search="White").xml.findall("contact")
    assert (walter.findtext("company"), walter.findtext("mobile")) == ("Car Washing Inc.", "5559876543")


def test_verbose_output_reports_each_contact(sync):
    reply = sync(_guide_contacts(), verbose=True)
    contacts = reply.xml.find("contacts").findall("contact")
    assert [[c.tag for c in contact] for contact in contacts][0] == ["uc_external_id", "id", "act", "info"]
    assert [(c.findtext("uc_external_id"), c.findtext("act")) for c in contacts] == [
        ("contact-1", "insert"), ("contact-2", "insert"), ("contact-3", "insert")]
    assert "ext_info ignored" in contacts[0].findtext("info")


def test_a_second_sync_updates_instead_of_duplicating(sync, seri):
    first = sync(_guide_contacts(), verbose=True)
    changed = _guide_contacts()
    changed[1]["company"] = "A1A Car Wash"
    second = sync(changed, verbose=True)
    assert [c.findtext("act") for c in second.xml.iter("contact")] == ["update"] * 3
    assert [c.findtext("id") for c in second.xml.iter("contact")] == [c.findtext("id") for c in first.xml.iter("contact")]
    found = seri.get(service="get_phonebook", token="mio_token").xml.findall("contact")
    assert len(found) == 3 and "A1A Car Wash" in [c.findtext("company") for c in found]


def test_another_app_name_is_another_contact(sync, seri):
    sync(_guide_contacts()[:1])
    sync([{**_guide_contacts()[0], "uc_app_name": "CRM"}])
    assert len(seri.get(service="get_phonebook", token="mio_token", search="fring").xml.findall("contact")) == 2


def test_ext_info_caption_value_lists_are_kept(sync, emu, default):
    info = [{"caption": "Sale", "value": "1000 EUR"}, {"caption": "Credit limit", "value": "2000 EUR"}]
    plain = sync([{"name": "A", "uc_app_name": "HBO", "uc_external_id": "a", "ext_info": info}], verbose=True)
    encoded = sync([{"name": "B", "uc_app_name": "HBO", "uc_external_id": "b", "ext_info": json.dumps(info)}])
    assert plain.xml.findtext("contacts/contact/info") == "" and _counts(encoded)["warnings"] == "0"
    book = state_of(default).phonebook
    assert book.get(book.synced_id("HBO", "a")).ext_info == info == book.get(book.synced_id("HBO", "b")).ext_info


def test_numbers_keep_only_digits_and_a_leading_plus_with_a_warning(sync, seri):
    reply = sync([{"name": "Saul", "numoffice": "+39 06-123.123", "numfax": "n/a", "uc_app_name": "HBO",
                   "uc_external_id": "s"}], verbose=True)
    info = reply.xml.findtext("contacts/contact/info")
    assert "numoffice sanitised to +3906123123" in info and "numfax has no digits" in info
    (saul,) = seri.get(service="get_phonebook", token="mio_token", search="saul").xml.findall("contact")
    assert (saul.findtext("office"), saul.findtext("fax")) == ("+3906123123", "")


@pytest.mark.parametrize("contact, reason", [
    ("not an object", "not a JSON object"),
    ({"name": "A", "uc_external_id": "x"}, "missing uc_app_name"),
    ({"name": "A", "uc_app_name": "HBO"}, "missing uc_external_id"),
    ({"name": "A", "uc_app_name": "", "uc_external_id": "x"}, "missing uc_app_name"),
    ({"email": "a@b.c", "uc_app_name": "HBO", "uc_external_id": "x"}, "no name, surname or company"),
])
def test_invalid_contacts_are_skipped_with_a_reason(sync, contact, reason):
    reply = sync([contact, {"name": "Ok", "uc_app_name": "HBO", "uc_external_id": "ok"}], verbose=True)
    assert _counts(reply) == {"processed": "2", "skipped": "1", "warnings": "0", "errors": "0"}
    skipped = reply.xml.find("contacts").findall("contact")[0]
    assert (skipped.findtext("act"), skipped.findtext("info")) == ("skip", reason)


def test_the_same_contact_twice_in_one_request_is_skipped_the_second_time(sync):
    contact = {"name": "A", "uc_app_name": "HBO", "uc_external_id": "x"}
    reply = sync([contact, contact], verbose=True)
    assert _counts(reply)["skipped"] == "1"
    assert reply.xml.find("contacts").findall("contact")[1].findtext("info") == "duplicate uc_external_id in this request"


def test_unknown_attributes_and_odd_values_are_warnings(sync):
    reply = sync([{"name": "A", "surname": ["x"], "colour": "red", "uc_app_name": "HBO", "uc_external_id": 7}],
                 verbose=True)
    assert _counts(reply) == {"processed": "1", "skipped": "0", "warnings": "1", "errors": "0"}
    info = reply.xml.findtext("contacts/contact/info")
    assert "surname ignored: not text" in info and "colour" in info
    assert reply.xml.findtext("contacts/contact/uc_external_id") == "7"


def test_a_full_phonebook_counts_errors(sync, monkeypatch):
    monkeypatch.setattr(phonebook_module, "MAX_CONTACTS", 1)
    reply = sync([{"name": "A", "uc_app_name": "HBO", "uc_external_id": str(n)} for n in range(3)], verbose=True)
    assert _counts(reply) == {"processed": "3", "skipped": "0", "warnings": "0", "errors": "2"}
    assert reply.xml.find("contacts").findall("contact")[2].findtext("info") == "phonebook full"


@pytest.mark.parametrize("raw, text", [
    ("not json", "invalid parameter contacts"), ('{"name": "A"}', "invalid parameter contacts"),
    ("[1, 2", "invalid parameter contacts"), ("", "missing parameter contacts"),
    ("[" * 100_000 + "]" * 100_000, "invalid parameter contacts"),
])
def test_a_contacts_body_that_is_not_a_json_array_is_refused(sync, raw, text):
    reply = sync(raw=raw)
    assert reply.status == 200 and (reply.outcome, reply.error) == (1, text)


def test_the_guides_printed_form_contacts_colon_array_is_accepted(sync):
    reply = sync(raw="contacts:" + json.dumps(_guide_contacts()))
    assert reply.outcome == 0 and _counts(reply)["processed"] == "3"


def test_ten_thousand_contacts_at_once(sync, seri):
    contacts = [{"name": f"Name{n}", "surname": f"Surname{n}", "company": "ACME", "numoffice": f"+39 02 {n:08d}",
                 "nummobile": f"3{n:09d}", "email": f"n{n}@example.it", "uc_app_name": "BULK",
                 "uc_external_id": f"c-{n}"} for n in range(10_000)]
    reply = sync(contacts)
    assert reply.outcome == 0 and _counts(reply) == {"processed": "10000", "skipped": "0", "warnings": "10000",
                                                     "errors": "0"}
    (found,) = seri.get(service="get_phonebook", token="mio_token", search="Surname9876").xml.findall("contact")
    assert found.findtext("office") == "+390200009876"


def test_a_get_is_method_not_allowed_and_a_body_over_the_limit_is_too_large(seri, app, monkeypatch):
    assert seri.get(service="phonebook_import_sync", token="mio_token", contacts="[]").error == "method not allowed"
    from emulators.voispeed import routes
    monkeypatch.setattr(routes, "MAX_SYNC_BYTES", 100)
    response = app.test_client().post("/PBX/seri_endpoint.php?service=phonebook_import_sync&token=mio_token",
                                      data={"contacts": "[" + "{}," * 100 + "{}]"}, content_type="multipart/form-data")
    assert response.status_code == 200 and b"<error>request too large</error>" in response.data


def test_a_large_body_for_another_service_is_too_large(app):
    response = app.test_client().post("/PBX/seri_endpoint.php?service=get_phonebook&token=mio_token",
                                      data={"search": "x" * 20_000}, content_type="multipart/form-data")
    assert b"<error>request too large</error>" in response.data
