"""The EnreachAPI side: what an RTE client calls before it connects to the hub.

======================================  ==============================================
``GET  /api/user?user=<email>``         discovery: ``[{"apiEndpoint": "<base>/enreachapi/"}]``
``POST {api}authuser/<email>/``         ``{"UserName", "Password"}`` → ``{"UserID", "SecretKey"}``
``GET  {api}users/me``                  the caller (Basic ``email:SecretKey``)
``GET  {api}users/``, ``users/<id>``    the organisation's users
``GET  {api}queues/?OnlyForUser=<id>``  queues (a user's only, with the parameter)
``GET  {api}calllists/``                callback lists (one per queue)
``GET  {api}token/<userId>/rte/``       ``{"WSSEndpoint": "<host/path, no scheme>", "Token": "<JWT>"}``
======================================  ==============================================

Every path answers with and without its trailing slash. One pipeline per
request: rate limit and authenticate (Basic), then the handler; every error
is :class:`~.errors.ApiError`, rendered as JSON ``{"Message"}`` (never a 500).
"""
from __future__ import annotations

import base64
import binascii
from typing import Callable

from flask import Flask, Response, request

from . import errors, ids
from . import org as orgs
from .dotnet import dumps
from .errors import ApiError
from .ratelimit import RateLimiter
from .settings import settings_of

API_PREFIX = "/enreachapi"
DISCOVERY_PATH = "/api/user"
HUB_PATH = "/rte/hub"
ENVIRON_USER = "ccemu.rte.api_user"


def json_response(body, status: int = 200) -> Response:
    return Response(dumps(body), status=status, content_type=errors.JSON)


def external_base(emulator) -> str:
    """How clients reach this emulator: the configured public URL, else the request's host."""
    return (emulator.config.public_url or request.host_url).rstrip("/")


def wss_endpoint(emulator) -> str:
    """The hub's address without scheme, as EnreachAPI's ``WSSEndpoint`` gives it."""
    base = external_base(emulator)
    return base.split("://", 1)[-1] + HUB_PATH


# -- authentication --------------------------------------------------------------------------
def basic_credentials(req) -> tuple[str, str] | None:
    header = req.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    login, sep, secret = decoded.partition(":")
    return (login, secret) if sep else None


def api_user(emulator, req) -> orgs.OrgUser | None:
    """The user a request's Basic credentials (email:SecretKey) authenticate, looked up once."""
    environ = req.environ
    if ENVIRON_USER not in environ:
        found = None
        credentials = basic_credentials(req)
        if credentials is not None:
            tenant, address = orgs.tenant_and_address(emulator.tenants, credentials[0])
            user = orgs.Organization(tenant).by_address(address) if tenant is not None else None
            if user is not None and orgs.check_secret(user, credentials[1]):
                found = user
        environ[ENVIRON_USER] = found
    return environ[ENVIRON_USER]


def tenant_of(emulator, req) -> str | None:
    """The pipeline hook for EnreachAPI paths: the tenant of the caller or of the named login."""
    user = api_user(emulator, req)
    if user is not None:
        return user.tenant.id
    login = req.args.get("user") or (req.view_args or {}).get("email") or ""
    if not login and req.path.startswith(API_PREFIX + "/authuser/"):
        login = req.path[len(API_PREFIX + "/authuser/"):].strip("/")
    tenant, _ = orgs.tenant_and_address(emulator.tenants, login) if login else (None, "")
    return tenant.id if tenant is not None else None


# -- rendering -------------------------------------------------------------------------------
def user_json(organization: orgs.Organization, user: orgs.OrgUser) -> dict:
    person = user.user
    department = organization.directory.departments.get(person.department_id) if person.department_id else None
    return {"Id": user.id, "OrganizationID": organization.id, "UserName": user.username,
            "FirstName": person.name, "LastName": person.surname, "Email": user.username,
            "WorkNumber": person.office, "MobileNumber": person.mobile, "Extension": person.extension,
            "Department": department.name if department else "", "Title": ""}


def queue_json(organization: orgs.Organization, queue) -> dict:
    tenant = organization.tenant
    return {"Id": ids.queue(tenant, queue.id), "OrganizationID": organization.id, "Name": queue.name,
            "Number": queue.number, "CallListId": ids.call_list(tenant, queue.id)}


def call_list_json(organization: orgs.Organization, queue) -> dict:
    tenant = organization.tenant
    return {"Id": ids.call_list(tenant, queue.id), "OrganizationID": organization.id,
            "Name": f"{queue.name} callbacks", "QueueId": ids.queue(tenant, queue.id)}


# -- the routes ------------------------------------------------------------------------------
def register(app: Flask, emulator, service) -> None:
    limiter = RateLimiter()

    def route(rule: str, methods: tuple[str, ...], auth: bool = True):
        """Register ``rule`` with and without its trailing slash, behind the one pipeline."""
        def decorate(handler: Callable) -> Callable:
            def view(**kwargs):
                try:
                    if request.method not in methods and not (request.method == "HEAD" and "GET" in methods):
                        raise errors.method_not_allowed(request.method)
                    user = api_user(emulator, request) if auth else None
                    if auth and user is None:
                        raise errors.unauthorized()
                    if user is not None:
                        check_rate(user.tenant, user.username)
                    return handler(user, **kwargs) if auth else handler(**kwargs)
                except ApiError as exc:
                    return errors.api_response(exc)
            name = "rte_api_" + handler.__name__
            every = ["GET", "POST", "PUT", "DELETE", "PATCH"]
            app.add_url_rule(rule, name, view, methods=every)
            app.add_url_rule(rule + "/", name + "_slash", view, methods=every)
            return handler
        return decorate

    def check_rate(tenant, identity: str) -> None:
        limit = settings_of(tenant).requests_per_minute
        retry = limiter.hit(tenant, identity, limit)
        if retry is not None:
            raise errors.too_many_requests(limit, retry)

    @route(DISCOVERY_PATH, ("GET",), auth=False)
    def discovery():
        login = request.args.get("user", "")
        tenant, address = orgs.tenant_and_address(emulator.tenants, login)
        if tenant is None or orgs.Organization(tenant).by_address(address) is None:
            raise errors.not_found("User")
        return json_response([{"apiEndpoint": external_base(emulator) + API_PREFIX + "/"}])

    @route(API_PREFIX + "/authuser/<email>", ("POST",), auth=False)
    def authuser(email: str):
        tenant, address = orgs.tenant_and_address(emulator.tenants, email)
        user = orgs.Organization(tenant).by_address(address) if tenant is not None else None
        if tenant is not None:
            check_rate(tenant, "login:" + email.lower())
        body = request.get_json(silent=True, force=True)
        if not isinstance(body, dict):
            raise ApiError(400, errors.INVALID_REQUEST)
        password = next((v for k, v in body.items() if k.lower() == "password"), None)
        if user is None or not isinstance(password, str) or \
                not orgs.check_password(user, password, settings_of(tenant).demo_password):
            raise errors.unauthorized()
        return json_response({"UserID": user.id, "SecretKey": orgs.secret_key(tenant, user.user.id)})

    @route(API_PREFIX + "/users/me", ("GET",))
    def users_me(user):
        return json_response(user_json(orgs.Organization(user.tenant), user))

    @route(API_PREFIX + "/users", ("GET",))
    def users(user):
        organization = orgs.Organization(user.tenant)
        return json_response([user_json(organization, u) for u in organization.users()])

    @route(API_PREFIX + "/users/<user_id>", ("GET",))
    def user_by_id(user, user_id: str):
        organization = orgs.Organization(user.tenant)
        found = organization.user_by_guid(user_id)
        if found is None:
            raise errors.not_found("User")
        return json_response(user_json(organization, found))

    @route(API_PREFIX + "/queues", ("GET",))
    def queues(user):
        organization = orgs.Organization(user.tenant)
        only = next((v for k, v in request.args.items() if k.lower() == "onlyforuser"), None)
        chosen = list(organization.directory.queues.values())
        if only:
            member = organization.user_by_guid(only)
            if member is None:
                raise errors.not_found("User")
            chosen = organization.queues_of(member.user.id)
        return json_response([queue_json(organization, q) for q in chosen])

    @route(API_PREFIX + "/calllists", ("GET",))
    def call_lists(user):
        organization = orgs.Organization(user.tenant)
        return json_response([call_list_json(organization, q) for q in organization.directory.queues.values()])

    @route(API_PREFIX + "/token/<user_id>/rte", ("GET",))
    def rte_token(user, user_id: str):
        organization = orgs.Organization(user.tenant)
        target = organization.user_by_guid(user_id)
        if target is None:
            raise errors.not_found("User")
        if target.id != user.id:
            raise errors.forbidden()
        token = service.tokens.issue(tenant=user.tenant, organization_id=organization.id, user_id=user.id,
                                     username=user.username, lifetime=settings_of(user.tenant).token_lifetime)
        return json_response({"WSSEndpoint": wss_endpoint(emulator), "Token": token})

    @app.route(API_PREFIX + "/", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    @app.route(API_PREFIX + "/<path:rest>", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    def api_unknown(rest: str = ""):
        return errors.api_response(errors.not_found_route(request.url))

