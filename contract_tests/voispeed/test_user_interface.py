"""The VOIspeed guide's user interface ("Hello world", "User integration") as
checks any VOIspeed PBX must pass — the emulator or a real one.

Requests are bare GETs of ``/PBX/seri_endpoint.php``; replies are read the way
real clients read them: a regex on ``<outcome>``, ``<request_id>`` and
``<error>``, tolerant of whitespace inside the tags. Nothing here changes the
target's state, except the call_request check, which runs against a real
target only when ``--voispeed-call-number`` says what it may call.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
import requests

pytestmark = pytest.mark.contract

ENDPOINT = "/PBX/seri_endpoint.php"
# <call> fields of get_user_call_report, in the guide's order (its "..." gaps may hold others)
CALL_FIELDS = ("id", "callid", "start_time", "answer_time", "duration", "outcome", "direction",
               "my_number", "remote_number", "local_id", "group_name", "company", "surname", "name",
               "remote_company", "remote_surname", "remote_name")


@dataclass(frozen=True)
class VoispeedTarget:
    url: str
    token: str
    ext: str
    call_number: str | None


@dataclass(frozen=True)
class Reply:
    status: int
    text: str

    @property
    def outcome(self) -> int | None:
        found = re.search(r"<outcome>\s*(\d+)\s*</outcome>", self.text)
        return int(found[1]) if found else None

    @property
    def request_id(self) -> str | None:
        found = re.search(r"<request_id>\s*([^<\s]+)\s*</request_id>", self.text)
        return found[1] if found else None

    @property
    def error(self) -> str | None:
        found = re.search(r"<error>\s*(.*?)\s*</error>", self.text, re.S)
        return found[1] if found else None


@pytest.fixture(scope="module")
def voispeed(request, target) -> VoispeedTarget:
    token = request.config.getoption("--voispeed-token")
    number = request.config.getoption("--voispeed-call-number")
    if target.in_process:
        token, number = token or "vostro_token", number or "187"
    elif not token:
        pytest.skip("--voispeed-token is required to check a VOIspeed --target-url")
    return VoispeedTarget(target.url, token, request.config.getoption("--voispeed-ext"), number)


def seri(target: VoispeedTarget, **params: str) -> Reply:
    response = requests.get(target.url + ENDPOINT, params=params, timeout=15)
    return Reply(response.status_code, response.text)


def _probe(target: VoispeedTarget, **extra: str) -> Reply:
    return seri(target, service="get_user_call_report", token=target.token, ext=target.ext, limit="1", **extra)


def test_hello_world_call_request_is_accepted_with_a_request_id(voispeed):
    """Hello world: call_request answers <result><outcome>0</outcome><request_id>…</request_id>."""
    if voispeed.call_number is None:
        pytest.skip("give --voispeed-call-number to let the check place a real call")
    reply = seri(voispeed, service="call_request", token=voispeed.token, ext=voispeed.ext,
                 number=voispeed.call_number)
    assert reply.status == 200
    assert reply.outcome == 0, reply.text
    assert reply.request_id is not None and reply.request_id.isdigit()


def test_replies_are_xml_results_whose_first_child_is_the_outcome(voispeed):
    """Hello world / Reply: every service request gets an XML <result> holding <outcome>."""
    reply = _probe(voispeed)
    assert reply.text.lstrip().startswith("<?xml")
    root = ET.fromstring(reply.text.strip().encode("utf-8"))
    assert root.tag == "result"
    assert root[0].tag == "outcome"


def test_a_bad_token_is_rejected_with_outcome_1_and_an_error(voispeed):
    """User integration: outcome 1 means the request was rejected; <error> says why."""
    reply = seri(voispeed, service="get_user_call_report", token="not-a-token-" + voispeed.token,
                 ext=voispeed.ext, limit="1")
    assert reply.outcome == 1, reply.text
    assert reply.error


def test_a_missing_token_is_rejected(voispeed):
    """User services: the token parameter must be included in all requests."""
    reply = seri(voispeed, service="get_user_call_report", ext=voispeed.ext, limit="1")
    assert reply.outcome == 1 and reply.error


def test_an_unknown_service_is_rejected(voispeed):
    """User services: the service parameter identifies the service to provide."""
    reply = seri(voispeed, service="no_such_service", token=voispeed.token)
    assert reply.outcome == 1 and reply.error


def test_limit_1_user_call_report_is_the_credentials_probe(voispeed):
    """Service get_user_call_report: a valid token and extension give outcome 0 (limit=1)."""
    reply = _probe(voispeed)
    assert reply.status == 200
    assert reply.outcome == 0, reply.text


def test_unknown_parameters_do_not_cause_errors(voispeed):
    """User services: parameters the guide does not list (domain, …) are tolerated."""
    assert _probe(voispeed, domain="example.invalid", ccemu_contract="1").outcome == 0


def test_user_call_report_calls_keep_the_guides_field_order(voispeed):
    """Service get_user_call_report: each <call> lists the guide's fields in its order."""
    def report() -> list[ET.Element]:
        reply = seri(voispeed, service="get_user_call_report", token=voispeed.token, ext=voispeed.ext, limit="5")
        assert reply.outcome == 0, reply.text
        return ET.fromstring(reply.text.strip().encode("utf-8")).findall("call")

    calls = report()
    if not calls and voispeed.call_number is not None:
        seri(voispeed, service="call_request", token=voispeed.token, ext=voispeed.ext, number=voispeed.call_number)
        calls = report()
    if not calls:
        pytest.skip("the extension has no calls to look at")
    for call in calls:
        tags = [child.tag for child in call]
        listed = [tag for tag in tags if tag in CALL_FIELDS]
        assert listed == [f for f in CALL_FIELDS if f in tags], tags


def test_call_action_on_an_unknown_call_is_connection_not_found(voispeed):
    """Hello world / Reply: the failure example, <error>connection not found</error>."""
    reply = seri(voispeed, service="call_action", token=voispeed.token, ext=voispeed.ext,
                 call_id="987654321", action="disconnect")
    assert reply.outcome == 1, reply.text
    assert reply.error == "connection not found"


def test_call_action_without_a_call_id_is_rejected(voispeed):
    """Service call_action: it acts on an existing call, "as long as you know its identification"."""
    reply = seri(voispeed, service="call_action", token=voispeed.token, ext=voispeed.ext, action="disconnect")
    assert reply.outcome == 1 and reply.error
