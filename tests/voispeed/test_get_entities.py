"""Service get_entities: each Table 1 entity type in the guide's XML, a user's
terminals only with owner_id, and the vendor's errors for bad types and ids."""
from __future__ import annotations

import pytest

from emulators.voispeed import spec

USER = ["id", "name", "surname", "extension", "email", "chat_status", "av_status", "numoffice", "numhome",
        "nummobile", "numfax", "phrase"]
GROUP = ["id", "name", "is_broadcast", "visible", "member_login", "pick_disabled", "ring_mode", "users"]
GATEWAY = ["id", "name", "type", "enabled", "link_status", "lines", "busy_lines", "host_port"]
NODE = ["node_id", "parent_id", "description", "select_key", "go_back_key", "audio_type", "audio_message",
        "audio_loop", "input_type", "input_length", "term_char", "timeout_last_digit", "waiting_input_time",
        "action", "called_type", "called_id", "called_external_number", "script"]
DEVICE = ["id", "user_agent", "device_type", "host_port", "registered"]
VOICEMAIL = ["id", "vmid", "vmname", "vmcode", "vmtobelisten", "rectobelisten"]
PARK_LINE = ["id", "linecode", "number", "name", "parktime", "status", "note", "user_id"]


def _list(seri, **params):
    reply = seri.get(service="get_entities", token="mio_token", **params)
    assert reply.outcome == 0, reply.text
    return reply.xml


def _tags(element) -> list[str]:
    return [child.tag for child in element]


def test_users_with_the_guides_fields_and_av_status(seri, emu):
    root = _list(seri, entity_type="0")
    assert _tags(root) == ["outcome", "users"]
    users = root.find("users").findall("user")
    assert all(_tags(u) == USER for u in users)
    user_35 = next(u for u in users if u.findtext("extension") == "35")
    assert user_35.findtext("av_status") == str(int(spec.AvStatus.AVAILABLE))
    emu.engine.inbound("default", from_number="0612345", to_number="35")
    user_35 = _list(seri, entity_type="0", entity_id="1").find("users/user")
    assert user_35.findtext("av_status") == str(int(spec.AvStatus.RINGING))


@pytest.mark.parametrize("mode, status", [("2", spec.AvStatus.DND), ("3", spec.AvStatus.ABSENT)])
def test_a_users_mode_shows_in_av_status(seri, mode, status):
    seri.get(service="set_user_mode", token="mio_token", ext="39", mode=mode)
    assert _list(seri, entity_type="0", entity_id="2").findtext("users/user/av_status") == str(int(status))


def test_ring_groups_with_members_and_ring_mode(seri):
    groups = _list(seri, entity_type="1").find("groups").findall("group")
    vendite = next(g for g in groups if g.findtext("id") == "1")
    assert _tags(vendite) == GROUP and vendite.findtext("ring_mode") == "1"
    assert [u.findtext("extension") for u in vendite.find("users")] == ["39", "40", "41"]
    assert [_tags(u) for u in vendite.find("users")][0] == ["id", "identity", "extension"]
    queue = next(g for g in groups if g.findtext("name") == "Customer care")
    assert queue.findtext("ring_mode") == str(int(spec.RingMode.AUTOMATIC_QUEUING))
    assert int(queue.findtext("id")) >= 1000


def test_gateways_with_lines_busy_lines_and_link_status(seri, emu, default):
    default.directory.gateways[2].registered = False
    emu.engine.inbound("default", from_number="0612345", to_number="35")
    gateways = {g.findtext("id"): g for g in _list(seri, entity_type="2").iter("gateway")}
    assert all(_tags(g) == GATEWAY for g in gateways.values())
    assert (gateways["1"].findtext("lines"), gateways["1"].findtext("busy_lines")) == ("30", "0")
    assert gateways["1"].findtext("type") == "0" and gateways["2"].findtext("type") == "1"
    assert (gateways["1"].findtext("link_status"), gateways["2"].findtext("link_status")) == ("2", "1")
    seri.get(service="call_request", token="mio_token", ext="35", number="187")
    assert _list(seri, entity_type="2", entity_id="1").findtext("gateways/gateway/busy_lines") == "1"


def test_ivrs_with_their_node_trees(seri):
    ivr = next(i for i in _list(seri, entity_type="3").iter("ivr") if i.findtext("id") == "1")
    assert _tags(ivr) == ["id", "name", "description", "nodes"]
    nodes = ivr.find("nodes").findall("node")
    assert all(_tags(n) == NODE for n in nodes)
    root, vendite = nodes[0], nodes[1]
    assert (root.findtext("parent_id"), root.findtext("input_type"), root.findtext("input_length")) == ("-1", "1", "1")
    assert (vendite.findtext("parent_id"), vendite.findtext("select_key"), vendite.findtext("action")) == ("1", "1", "2")
    assert (vendite.findtext("called_type"), vendite.findtext("called_id")) == ("1", "1")
    script_node = _list(seri, entity_type="3", entity_id="9").find("ivrs/ivr/nodes/node")
    assert script_node.findtext("action") == "3" and script_node.findtext("script").endswith("logger_ivr.php")


def test_terminals_need_owner_id_and_are_a_null_list_without_it(seri):
    assert list(_list(seri, entity_type="7").find("devices")) == []
    devices = _list(seri, entity_type="7", owner_id="1").find("devices").findall("device")
    assert all(_tags(d) == DEVICE for d in devices)
    assert [(d.findtext("id"), d.findtext("device_type")) for d in devices] == [("101", "2"), ("102", "5")]


def test_company_voicemail_boxes(seri, emu, default):
    emu.engine.inbound("default", from_number="0612345", to_number="850")
    default.clock.advance(5)
    (box,) = _list(seri, entity_type="8").iter("voicemail")
    assert _tags(box) == VOICEMAIL
    assert (box.findtext("vmcode"), box.findtext("vmtobelisten")) == ("850", "1")


def test_park_lines_show_the_parked_number(seri, emu, default):
    seri.get(service="add_phonebook", token="mio_token", name="Gustavo", surname="Fring", nummobile="3339876543")
    emu.engine.inbound("default", from_number="3339876543", to_number="901")
    lines = {line.findtext("id"): line for line in _list(seri, entity_type="11").find("lines")}
    assert all(_tags(line) == PARK_LINE for line in lines.values())
    assert (lines["1"].findtext("number"), lines["1"].findtext("name")) == ("3339876543", "Gustavo Fring")
    assert lines["1"].findtext("status") == "4" and lines["1"].findtext("parktime")
    assert lines["2"].findtext("status") == "2" and lines["2"].findtext("number") == ""


def test_meeting_rooms_and_departments(seri):
    (room,) = _list(seri, entity_type="10").iter("meeting_room")
    assert _tags(room) == ["id", "name", "number", "participants"]
    departments = _list(seri, entity_type="13").find("departments").findall("department")
    assert [d.findtext("name") for d in departments] == ["Vendite", "Assistenza"]
    assert sum(len(d.find("users")) for d in departments) == 20


@pytest.mark.parametrize("query, text", [
    ({"entity_type": "4"}, "invalid parameter entity_type"),
    ({"entity_type": "99"}, "invalid parameter entity_type"),
    ({"entity_type": "user"}, "invalid parameter entity_type"),
    ({}, "missing parameter entity_type"),
    ({"entity_type": "0", "entity_id": "999"}, "entity not found"),
    ({"entity_type": "3", "entity_id": "-1"}, "invalid parameter entity_id"),
    ({"entity_type": "7", "owner_id": "999"}, "entity not found"),
])
def test_bad_types_and_ids_get_the_vendors_error(seri, query, text):
    reply = seri.get(service="get_entities", token="mio_token", **query)
    assert reply.status == 200 and (reply.outcome, reply.error) == (1, text)
