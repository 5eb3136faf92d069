"""Rejected requests: "<outcome>1</outcome>" and the reason in "<error>", for
every way a request can be wrong — always HTTP 200 XML, never a 500."""
from __future__ import annotations

import pytest

from emulators.voispeed import spec

CALL_REQUEST = {"service": "call_request", "token": "mio_token", "ext": "35", "number": "187"}


def _without(key: str, **base) -> dict:
    return {k: v for k, v in (base or CALL_REQUEST).items() if k != key}


def _is_vendor_error(reply, text: str) -> None:
    assert reply.status == 200 and reply.content_type.startswith("text/xml")
    assert [c.tag for c in reply.xml] == ["outcome", "error"]
    assert (reply.outcome, reply.error) == (1, text)


@pytest.mark.parametrize("token", ["wrong", "VOSTRO_TOKEN", "vostro_token ", "x" * 300])
def test_an_unknown_token_is_invalid_token(seri, emu, token):
    _is_vendor_error(seri.get(**{**CALL_REQUEST, "token": token}), "invalid token")
    assert emu.engine.calls("default") == []


def test_a_missing_or_empty_token_is_invalid_token(seri):
    _is_vendor_error(seri.get(**_without("token")), "invalid token")
    _is_vendor_error(seri.get(**{**CALL_REQUEST, "token": ""}), "invalid token")


def test_a_bad_token_is_checked_before_anything_else(seri):
    _is_vendor_error(seri.get(service="no_such_service", token="wrong"), "invalid token")


def test_a_missing_service_is_a_missing_parameter(seri):
    _is_vendor_error(seri.get(**_without("service")), "missing parameter service")


@pytest.mark.parametrize("service", ["no_such_service", "CALL_REQUEST", "call_request.php", "'; drop table"])
def test_an_unknown_service_is_unknown_service(seri, service):
    _is_vendor_error(seri.get(**{**CALL_REQUEST, "service": service}), "unknown service")


@pytest.mark.parametrize("service", sorted(spec.EXTENDED_SERVICES))
def test_every_extended_service_is_served_and_names_what_it_misses(seri, service):
    reply = seri.get(service=service, token="mio_token")
    assert reply.error not in ("service not available", "unknown service")
    assert reply.outcome == 1 and reply.error.startswith("missing parameter") or reply.outcome == 0


def test_contact_sync_by_get_is_method_not_allowed(seri):
    _is_vendor_error(seri.get(service="phonebook_import_sync", token="mio_token"), "method not allowed")


@pytest.mark.parametrize("service, query, text", [
    ("call_request", {"number": "187"}, "missing parameter ext"),
    ("call_request", {"ext": "35"}, "missing parameter number"),
    ("call_request", {"ext": "35", "number": ""}, "missing parameter number"),
    ("call_action", {"ext": "35", "action": "disconnect"}, "missing parameter call_id"),
    ("call_action", {"ext": "35", "call_id": "3250"}, "missing parameter action"),
    ("set_user_mode", {"ext": "35"}, "missing parameter mode"),
    ("get_user_call_report", {}, "missing parameter ext"),
])
def test_a_missing_parameter_is_named(seri, service, query, text):
    _is_vendor_error(seri.get(service=service, token="mio_token", **query), text)


@pytest.mark.parametrize("service, query, text", [
    ("call_request", {"ext": "3a5", "number": "187"}, "invalid parameter ext"),
    ("call_request", {"ext": "35", "number": "abc"}, "invalid parameter number"),
    ("call_request", {"ext": "35", "number": "++39"}, "invalid parameter number"),
    ("call_request", {"ext": "35", "number": "187", "device": "fax"}, "invalid parameter device"),
    ("call_request", {"ext": "35", "number": "187", "extid": "x" * 256}, "invalid parameter extid"),
    ("call_action", {"ext": "35", "call_id": "32x", "action": "hold"}, "invalid parameter call_id"),
    ("call_action", {"ext": "35", "call_id": "-1", "action": "hold"}, "invalid parameter call_id"),
    ("call_action", {"ext": "35", "call_id": "3250", "action": "explode"}, "invalid parameter action"),
    ("call_action", {"ext": "35", "call_id": "3250", "action": "divert", "number": "x"}, "invalid parameter number"),
])
def test_a_malformed_parameter_is_named(seri, service, query, text):
    _is_vendor_error(seri.get(service=service, token="mio_token", **query), text)


@pytest.mark.parametrize("query", [
    dict(CALL_REQUEST, ext="99"),
    {"service": "call_action", "token": "mio_token", "ext": "99", "call_id": "3250", "action": "hold"},
    {"service": "set_user_mode", "token": "mio_token", "ext": "99", "mode": "2"},
    {"service": "get_user_call_report", "token": "mio_token", "ext": "99", "limit": "1"},
])
def test_an_unknown_extension_is_unknown_extension(seri, query):
    _is_vendor_error(seri.get(**query), "unknown extension")


def test_a_query_over_the_size_limit_is_request_too_large(seri, emu):
    reply = seri.get(**CALL_REQUEST, note="n" * spec.MAX_QUERY_BYTES)
    _is_vendor_error(reply, "request too large")
    assert emu.engine.calls("default") == []


def test_a_post_body_over_the_size_limit_is_request_too_large(seri):
    _is_vendor_error(seri.post(**CALL_REQUEST, note="n" * spec.MAX_QUERY_BYTES), "request too large")


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_method_not_allowed(app, method):
    response = app.test_client().open("/PBX/seri_endpoint.php?service=call_request&token=mio_token",
                                      method=method)
    assert response.status_code == 200
    assert b"<error>method not allowed</error>" in response.data


def test_the_reply_is_xml_whatever_accept_says(app):
    response = app.test_client().get("/PBX/seri_endpoint.php?service=nope&token=mio_token",
                                     headers={"Accept": "application/json"})
    assert response.content_type.startswith("text/xml") and b"<outcome>1</outcome>" in response.data


def test_the_first_of_repeated_parameters_wins(seri, emu):
    reply = seri.url("URL?service=call_request&token=mio_token&ext=35&ext=39&number=187&number=abc")
    assert reply.outcome == 0
    assert emu.engine.calls("default")[0].caller().extension == "35"


@pytest.mark.parametrize("query", [
    "service=call_request&token=mio_token&ext=35&number=%00%01",
    "service=call_request&token=mio_token&ext=%ff%fe&number=187",
    "service=%3Cscript%3E&token=mio_token",
    "service=call_action&token=mio_token&ext=35&call_id=99999999999999999999999&action=hold",
    "service=get_user_call_report&token=mio_token&ext=35&start_time=2024-13-45",
    "service=get_user_call_report&token=mio_token&ext=35&limit=99999999999999999999",
    "token=mio_token&service=set_user_mode&ext=35&mode=4&number=%20",
    "%%%&&&===",
    "",
])
def test_garbage_gets_a_parsable_vendor_error_never_a_500(seri, query):
    reply = seri.url(query)
    assert reply.status == 200 and reply.outcome == 1 and reply.error


def test_an_error_inside_a_handler_is_internal_error_and_the_process_stays_up(seri, emu, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(emu.engine, "originate", broken)
    _is_vendor_error(seri.get(**CALL_REQUEST), "internal error")
    monkeypatch.undo()
    assert seri.get(**CALL_REQUEST).outcome == 0


def test_every_request_is_journaled_with_its_tenant(seri, emu):
    seri.get(**CALL_REQUEST)
    seri.get(**{**CALL_REQUEST, "token": "wrong"})
    entries = emu.journal.query(surface="voispeed", direction="in")
    assert [(e.tenant, e.status) for e in entries] == [("default", 200), (None, 200)]
    assert "<outcome>1</outcome>" in entries[1].response


GARBAGE = ("%00%01", "-1", "99999999999999999999999", "<script>", " ", "1e5", "%ff%fe", "ｱ")


@pytest.mark.parametrize("service", sorted(spec.EXTENDED_SERVICES))
@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_in_every_extended_parameter_is_a_vendor_reply_never_a_500(seri, emu, service, garbage):
    query = "&".join(f"{p.name}={garbage}" for p in spec.EXTENDED_SERVICES[service].params)
    reply = seri.url(f"service={service}&token=mio_token&{query}")
    assert reply.status == 200 and reply.outcome in (0, 1) and reply.xml.tag == "result"
    assert reply.error != "internal error"
