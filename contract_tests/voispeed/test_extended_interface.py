"""The VOIspeed guide's extended interface ("Extended Integration") and contact
sync ("Synchronisation of Contacts Directory") as checks any VOIspeed PBX must
pass — the emulator or a real one.

Read-only checks run everywhere. Checks that write to the phonebook run
in-process, or against a real target when ``CCEMU_CONTRACT_WRITES=1`` says
they may (they delete what they add). Nothing here places calls.
"""
from __future__ import annotations

import json
import os
import re
import uuid
import xml.etree.ElementTree as ET

import pytest
import requests

pytestmark = pytest.mark.contract

ENDPOINT = "/PBX/seri_endpoint.php"
TABLE_1 = (0, 1, 2, 3, 7, 8, 10, 11, 13)
CONTAINERS = {0: ("users", "user"), 1: ("groups", "group"), 2: ("gateways", "gateway"), 3: ("ivrs", "ivr"),
              7: ("devices", "device"), 8: ("voicemails", "voicemail"), 11: ("lines", "park_line")}
FIELDS = {
    0: ["id", "name", "surname", "extension", "email", "chat_status", "av_status", "numoffice", "numhome",
        "nummobile", "numfax", "phrase"],
    1: ["id", "name", "is_broadcast", "visible", "member_login", "pick_disabled", "ring_mode", "users"],
    2: ["id", "name", "type", "enabled", "link_status", "lines", "busy_lines", "host_port"],
    3: ["id", "name", "description", "nodes"],
    8: ["id", "vmid", "vmname", "vmcode", "vmtobelisten", "rectobelisten"],
    11: ["id", "linecode", "number", "name", "parktime", "status", "note", "user_id"],
}
CALL_REPORT = ["id", "start_time", "duration", "outcome", "calling_id", "calling_type", "calling_number",
               "called_id", "called_type", "called_number", "connected_id", "connected_type", "connected_number",
               "ring_time", "hold_time", "ivr_time", "talk_time", "queue_time", "call_ref_id", "external_id",
               "gateway_in", "gateway_out", "internal"]
CURRENT_CALLS = ["id", "start_time", "calling_id", "calling_type", "calling_number", "calling_desc", "called_id",
                 "called_type", "called_number", "called_desc", "connected_id", "connected_type", "connected_desc",
                 "recording", "external_id", "p2p", "codec"]
PHONEBOOK = ["name", "surname", "company", "office", "home", "mobile", "fax", "other", "email", "is_favourite"]
UNLIKELY_ID = "987654321"


class Reply:
    def __init__(self, response: requests.Response) -> None:
        self.status, self.text = response.status_code, response.text

    @property
    def outcome(self) -> int | None:
        found = re.search(r"<outcome>\s*(\d+)\s*</outcome>", self.text)
        return int(found[1]) if found else None

    @property
    def error(self) -> str | None:
        found = re.search(r"<error>\s*(.*?)\s*</error>", self.text, re.S)
        return found[1] if found else None

    @property
    def xml(self) -> ET.Element:
        return ET.fromstring(self.text.strip().encode("utf-8"))


@pytest.fixture(scope="module")
def pbx(request, target):
    token = request.config.getoption("--voispeed-token")
    if target.in_process:
        token = token or "vostro_token"
    elif not token:
        pytest.skip("--voispeed-token is required to check a VOIspeed --target-url")
    writes = target.in_process or os.environ.get("CCEMU_CONTRACT_WRITES") == "1"
    return target.url, token, writes


def seri(pbx, **params) -> Reply:
    url, token, _ = pbx
    return Reply(requests.get(url + ENDPOINT, params={"token": token, **params}, timeout=15))


def _ok(reply: Reply) -> ET.Element:
    assert reply.status == 200 and reply.outcome == 0, reply.text
    return reply.xml


def _known(fields: list[str], tags: list[str]) -> list[str]:
    return [t for t in tags if t in fields]


# -- get_entities ----------------------------------------------------------------------------

@pytest.mark.parametrize("entity_type", TABLE_1)
def test_get_entities_answers_every_table_1_type(pbx, entity_type):
    """Service get_entities: a list for every entity type of Table 1."""
    root = _ok(seri(pbx, service="get_entities", entity_type=str(entity_type)))
    if entity_type in CONTAINERS:
        container, item = CONTAINERS[entity_type]
        assert root.find(container) is not None, root
        for row in root.find(container).findall(item):
            if entity_type in FIELDS:
                tags = [c.tag for c in row]
                assert _known(FIELDS[entity_type], tags) == [f for f in FIELDS[entity_type] if f in tags], tags


def test_get_entities_of_terminals_without_owner_id_is_a_null_list(pbx):
    """get_entities, entity_type=7: "Omitting the parameter does not mean obtaining the complete list"."""
    root = _ok(seri(pbx, service="get_entities", entity_type="7"))
    assert root.find("devices") is None or list(root.find("devices")) == []


def test_get_entities_of_a_user_lists_their_terminals(pbx):
    """get_entities, entity_type=7 with owner_id: the user's terminals."""
    users = _ok(seri(pbx, service="get_entities", entity_type="0")).find("users")
    if users is None or not len(users):
        pytest.skip("the target has no users")
    owner = users.find("user").findtext("id").strip()
    for device in _ok(seri(pbx, service="get_entities", entity_type="7", owner_id=owner)).iter("device"):
        assert device.findtext("id") is not None and device.findtext("device_type") is not None


def test_an_unknown_entity_type_is_rejected(pbx):
    """Table 1 lists the entity types; 4 is none of them."""
    reply = seri(pbx, service="get_entities", entity_type="4")
    assert reply.status == 200 and reply.outcome == 1 and reply.error


# -- reports ------------------------------------------------------------------------------------

def test_get_call_report_lists_calls_with_the_guides_fields(pbx):
    """Service get_call_report: one <call> per call, the guide's fields in order."""
    for call in _ok(seri(pbx, service="get_call_report", limit="5")).findall("call"):
        tags = [c.tag for c in call]
        assert _known(CALL_REPORT, tags) == [f for f in CALL_REPORT if f in tags], tags


def test_get_current_calls_lists_calls_with_the_guides_fields(pbx):
    """Service get_current_calls: one <call> per call in progress."""
    for call in _ok(seri(pbx, service="get_current_calls")).findall("call"):
        tags = [c.tag for c in call]
        assert _known(CURRENT_CALLS, tags) == [f for f in CURRENT_CALLS if f in tags], tags


# -- extended call control on communications that do not exist -----------------------------

@pytest.mark.parametrize("service, params", [
    ("call_terminate", {"call_id": UNLIKELY_ID}),
    ("call_recording_ext", {"call_id": UNLIKELY_ID, "recording": "1"}),
    ("call_transfer_ext", {"replace_com_id": UNLIKELY_ID, "replace_type": "3", "replace_id": "1",
                           "replace_local_id": "1", "recipient_com_id": UNLIKELY_ID + "1", "recipient_type": "0",
                           "recipient_id": "1", "recipient_call_id": "1"}),
])
def test_extended_commands_on_unknown_communications_are_rejected(pbx, service, params):
    """Extended services: a command on a communication that does not exist fails with outcome 1."""
    reply = seri(pbx, service=service, **params)
    assert reply.status == 200 and reply.outcome == 1 and reply.error


def test_call_request_ext_without_its_coordinates_is_rejected(pbx):
    """Service call_request_ext: calling and called entities are required."""
    reply = seri(pbx, service="call_request_ext", calling_id="1", calling_type="0")
    assert reply.outcome == 1 and reply.error


# -- phonebook and contact sync (writes) ----------------------------------------------------------

@pytest.fixture
def writes(pbx):
    if not pbx[2]:
        pytest.skip("set CCEMU_CONTRACT_WRITES=1 to let the checks write to the target's phonebook")
    return pbx


def test_add_get_update_delete_a_contact(writes):
    """add_phonebook returns a contact_id; get_phonebook finds it; update and delete use the id."""
    marker = "ccemu" + uuid.uuid4().hex[:10]
    root = _ok(seri(writes, service="add_phonebook", name="Contract", surname=marker, nummobile="3331234567"))
    contact_id = root.findtext("contact_id").strip()
    try:
        (contact,) = _ok(seri(writes, service="get_phonebook", search=marker)).findall("contact")
        tags = [c.tag for c in contact]
        assert _known(PHONEBOOK, tags) == [f for f in PHONEBOOK if f in tags], tags
        _ok(seri(writes, service="update_phonebook", contact_id=contact_id, company="Updated"))
        (contact,) = _ok(seri(writes, service="get_phonebook", search=marker)).findall("contact")
        assert contact.findtext("company") == "Updated"
    finally:
        _ok(seri(writes, service="delete_phonebook", contact_id=contact_id))
    assert _ok(seri(writes, service="get_phonebook", search=marker)).findall("contact") == []


def _sync(pbx, contacts, verbose: bool) -> Reply:
    url, token, _ = pbx
    files = {"contacts": (None, json.dumps(contacts))}
    if verbose:
        files["verbose_output"] = (None, "1")
    return Reply(requests.post(url + ENDPOINT, params={"service": "phonebook_import_sync", "token": token},
                               files=files, timeout=60))


def test_phonebook_import_sync_inserts_then_updates_by_app_name_and_external_id(writes):
    """Synchronisation of Contacts Directory: multipart POST of a contacts JSON array; insert, then update."""
    app, marker = "ccemu-contract", "ccemu" + uuid.uuid4().hex[:10]
    contact = {"name": "Contract", "surname": marker, "numoffice": "+39 0733 123123", "uc_app_name": app,
               "uc_external_id": marker, "ext_info": [{"caption": "Sale", "value": "1000 EUR"}]}
    try:
        first = _ok(_sync(writes, [contact], verbose=True))
        assert [first.findtext(t).strip() for t in ("processed", "skipped", "errors")] == ["1", "0", "0"]
        assert first.findtext("contacts/contact/act").strip() == "insert"
        second = _ok(_sync(writes, [contact], verbose=True))
        assert second.findtext("contacts/contact/act").strip() == "update"
        (found,) = _ok(seri(writes, service="get_phonebook", search=marker)).findall("contact")
        assert found.findtext("office") == "+390733123123"          # sanitised: digits and a leading +
    finally:
        seri(writes, service="delete_phonebook", app_name=app, external_contact_id=marker)


def test_phonebook_import_sync_basic_output_has_the_four_counters(writes):
    """phonebook_import_sync, basic output: processed, skipped, warnings, errors."""
    root = _ok(_sync(writes, [{"name": "no sync key"}], verbose=False))
    assert [c.tag for c in root][:5] == ["outcome", "processed", "skipped", "warnings", "errors"]
    assert root.findtext("skipped").strip() == "1"


def test_phonebook_import_sync_of_a_body_that_is_not_json_is_rejected(pbx):
    """phonebook_import_sync: the contacts field must be JSON."""
    url, token, _ = pbx
    response = requests.post(url + ENDPOINT, params={"service": "phonebook_import_sync", "token": token},
                             files={"contacts": (None, "not json")}, timeout=15)
    reply = Reply(response)
    assert reply.status == 200 and reply.outcome == 1 and reply.error
