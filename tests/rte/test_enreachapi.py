"""EnreachAPI: what an RTE client calls before it connects (FIELD-NOTES "Enreach RTE and EnreachAPI").

Discovery, login, Basic authentication, users/me, queues, the RTE token; errors
always as JSON; every path with and without its trailing slash.
"""
from __future__ import annotations

import base64

import jwt
import pytest
import requests

from emulators.rte import org as orgs

from emulators.rte.client import login


def test_discovery_answers_the_api_endpoint_for_a_known_user(base_url):
    reply = requests.get(f"{base_url}/api/user", params={"user": "demo@example.com"})
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("application/json")
    assert reply.json() == [{"apiEndpoint": f"{base_url}/enreachapi/"}]


def test_discovery_of_an_unknown_user_is_404_with_a_json_body(base_url):
    reply = requests.get(f"{base_url}/api/user/", params={"user": "nobody@example.com"})
    assert reply.status_code == 404
    assert "Message" in reply.json()


def test_the_default_tenant_has_the_demo_user_demo_at_example_com_with_password_demo(base_url):
    session = login(base_url, "demo@example.com", "demo")
    me = requests.get(session.api + "users/me", headers=session.auth).json()
    assert me["Id"] == session.user_id
    assert me["UserName"] == "demo@example.com"


def test_authuser_answers_userid_and_secretkey_in_pascal_case(base_url, tenant):
    email = orgs.demo_login(tenant.id)
    reply = requests.post(f"{base_url}/enreachapi/authuser/{email}/", json={"UserName": email, "Password": "demo"})
    assert reply.status_code == 200
    assert set(reply.json()) == {"UserID", "SecretKey"}


def test_authuser_accepts_the_path_without_trailing_slash(base_url, tenant):
    email = orgs.demo_login(tenant.id)
    reply = requests.post(f"{base_url}/enreachapi/authuser/{email}", json={"UserName": email, "Password": "demo"})
    assert reply.status_code == 200


def test_a_wrong_password_is_401_with_a_json_message(base_url, tenant):
    email = orgs.demo_login(tenant.id)
    reply = requests.post(f"{base_url}/enreachapi/authuser/{email}/", json={"UserName": email, "Password": "x"})
    assert reply.status_code == 401
    assert reply.json() == {"Message": "Authorization has been denied for this request."}


def test_a_body_that_is_not_json_is_400_with_a_json_message(base_url, tenant):
    email = orgs.demo_login(tenant.id)
    reply = requests.post(f"{base_url}/enreachapi/authuser/{email}/", data=b"not json")
    assert reply.status_code == 400
    assert "Message" in reply.json()


@pytest.mark.parametrize("path", ["users/me", "users/me/", "queues", "queues/"])
def test_rest_calls_without_basic_auth_are_401_with_a_json_body(base_url, path):
    reply = requests.get(f"{base_url}/enreachapi/{path}")
    assert reply.status_code == 401
    assert reply.json()["Message"]


def test_basic_auth_with_a_wrong_secret_key_is_401(base_url, demo):
    raw = base64.b64encode(f"{demo.email}:wrong".encode()).decode()
    reply = requests.get(demo.api + "users/me", headers={"Authorization": "Basic " + raw})
    assert reply.status_code == 401


@pytest.mark.parametrize("path", ["users/me", "users/me/"])
def test_users_me_answers_the_caller_with_its_id(demo, path):
    reply = demo.get(path)
    assert reply.status_code == 200
    assert reply.json()["Id"] == demo.user_id


def test_queues_only_for_user_lists_the_queues_the_user_serves(demo):
    queues = demo.get("queues/", OnlyForUser=demo.user_id).json()
    assert [q["Name"] for q in queues] == ["Customer care"]        # the demo agent serves queue 700
    every = demo.get("queues").json()
    assert {q["Name"] for q in every} == {"Customer care", "Sales"}


def test_the_rte_token_gives_the_hub_address_without_scheme_and_a_jwt(demo, base_url):
    reply = demo.get(f"token/{demo.user_id}/rte/")
    assert reply.status_code == 200
    body = reply.json()
    assert set(body) == {"WSSEndpoint", "Token"}
    assert body["WSSEndpoint"] == base_url.split("://", 1)[1] + "/rte/hub"
    claims = jwt.decode(body["Token"], options={"verify_signature": False})
    assert claims["sub"] == demo.user_id and claims["exp"] > claims["iat"]
    assert claims["OrganizationId"]


def test_the_token_path_works_without_trailing_slash(demo):
    assert demo.get(f"token/{demo.user_id}/rte").status_code == 200


def test_a_token_for_another_user_is_refused(demo):
    others = [u for u in demo.get("users").json() if u["Id"] != demo.user_id]
    reply = demo.get(f"token/{others[0]['Id']}/rte/")
    assert reply.status_code == 403
    assert "Message" in reply.json()


def test_a_token_for_an_unknown_user_is_404(demo):
    reply = demo.get("token/00000000-0000-0000-0000-000000000001/rte/")
    assert reply.status_code == 404
    assert "Message" in reply.json()


def test_an_unknown_api_path_is_404_with_a_json_body(demo):
    reply = demo.get("no/such/thing")
    assert reply.status_code == 404
    assert reply.json()["Message"].startswith("No HTTP resource was found")


def test_a_wrong_method_is_405_with_a_json_body(demo):
    reply = requests.delete(demo.api + "users/me", headers=demo.auth)
    assert reply.status_code == 405
    assert "Message" in reply.json()


def test_too_many_requests_are_429_until_the_minute_is_over(emu, tenant, demo):
    emu.surfaces["rte"].put_settings(emu, tenant, {"requestsPerMinute": 3})
    tenant.clock.advance(60)            # a minute of its own: the login's calls counted in the last one
    statuses = [demo.get("users/me").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = demo.get("users/me")
    assert refused.json()["Message"].startswith("API calls quota exceeded!")
    assert int(refused.headers["Retry-After"]) >= 1
    tenant.clock.advance(61)
    assert demo.get("users/me").status_code == 200


def test_every_directory_user_logs_in_with_their_own_address(base_url, tenant, emu):
    organization = orgs.Organization(tenant)
    user = next(u for u in organization.users() if not u.demo)
    session = login(base_url, user.login, user.user.password)
    assert session.user_id == user.id


def test_logins_of_one_tenant_do_not_reach_another(base_url, tenant, emu):
    other = emu.new_tenant(clock_mode="virtual")
    try:
        mine, theirs = login(base_url, orgs.demo_login(tenant.id)), login(base_url, orgs.demo_login(other.id))
        assert mine.user_id != theirs.user_id
        assert mine.get("users/me").json()["OrganizationID"] != theirs.get("users/me").json()["OrganizationID"]
    finally:
        emu.tenants.delete(other.id)


def test_tenant_credentials_list_the_demo_login(emu, tenant):
    creds = emu.surfaces["rte"].credentials(emu, tenant)
    assert creds["logins"] == [orgs.demo_login(tenant.id)]
    assert creds["passwords"] == ["demo"]
