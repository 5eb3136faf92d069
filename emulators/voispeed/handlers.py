"""The four user services, as engine operations.

Each handler gets a validated :class:`Request` (token authenticated, parameters
parsed by the catalogue) and returns the reply XML.

Synchronous or asynchronous failure. The guide: a request is "examined and in
case of validation a request_id is returned"; a failure "at the time of the
actual execution" is notified as ``cmd_failed`` with that request_id. So:

* validation errors answer at once with outcome 1: an unknown extension, a
  ``call_id`` that names no live call of this user (the guide's
  "connection not found"), and every parameter error;
* once a request validates it gets outcome 0 and a request_id, and the engine
  operation runs right after the reply is sent (:mod:`emulators.core.deferred`:
  the same connection's next request, and any other request of the tenant, see
  it done); if it cannot be carried out in the call's current state (hold on a
  ringing call, a user without a terminal of the requested kind, …) a
  ``cmd_failed`` push follows with that request_id.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from emulators.core.states import EngineError, IllegalOperation, InvalidArgument, NotFound

from . import views
from .errors import ErrorSpec, Errors, ServiceError
from .render import render_ok, render_records
from .report import user_call_report
from .services import ACTION_ALLOWED_STATES, CallAction, UserMode
from .settings import Module, VoispeedState

SURFACE = "voispeed"
ENGINE_MODES = {UserMode.NORMAL: "normal", UserMode.DND: "dnd", UserMode.AWAY: "away",
                UserMode.DIVERT: "divert"}


@dataclass(slots=True)
class Request:
    """One validated service request."""

    emulator: Any
    tenant: Any
    state: VoispeedState
    module: Module
    service: str
    params: dict[str, Any]
    method: str = "GET"
    #: runs accepted work after the reply (see the module's docstring); None: at once
    defer: Callable[[Callable[[], None]], None] | None = None

    @property
    def engine(self):
        return self.emulator.engine

    def user(self):
        user = self.tenant.directory.user_by_extension(self.params["ext"])
        if user is None:
            raise ServiceError(Errors.UNKNOWN_EXTENSION)
        return user

    def accept(self, **details: Any) -> tuple[int, dict[str, Any]]:
        """A request_id for this request and the ``origin`` that ties later events to it."""
        request_id = self.state.next_request_id(self.tenant.clock.now())
        origin = {"surface": SURFACE, "service": self.service, "request_id": str(request_id),
                  "module": self.module.key, "ext": self.params.get("ext", "")}
        origin.update((k, v) for k, v in details.items() if v not in (None, ""))
        return request_id, origin

    def execute(self, operation: Callable[[], Any], origin: dict, call=None) -> None:
        """Carry out an accepted request's engine operation; a failure becomes ``cmd_failed``."""
        def run() -> None:
            try:
                operation()
            except EngineError as exc:
                error, text = execution_error(exc, self.service)
                self.fail_later(origin, error, text, call=call)
        if self.defer is None:
            run()
        else:
            self.defer(run)

    def fail_later(self, origin: dict, error: ErrorSpec, text: str = "", call=None) -> None:
        """Report an accepted request's failure as ``cmd_failed`` (see the projection)."""
        self.engine.fail_command(self.tenant.id, origin, error_name(error), text or error.text(), call)


def error_name(error: ErrorSpec) -> str:
    return next(name for name, spec in Errors.all().items() if spec is error)


def execution_error(exc: EngineError, service: str) -> tuple[ErrorSpec, str]:
    """The catalogue error for an engine operation that failed after validation."""
    if isinstance(exc, NotFound):
        if service == "call_action":
            return Errors.CONNECTION_NOT_FOUND, ""
        if service.endswith("_ext"):
            return Errors.ENTITY_NOT_FOUND, ""
        return Errors.UNKNOWN_EXTENSION, ""
    if isinstance(exc, IllegalOperation):
        if exc.details.get("parameter") == "device":
            return Errors.NO_TERMINAL_AVAILABLE, ""
        return Errors.ACTION_NOT_ALLOWED, ""
    if isinstance(exc, InvalidArgument):
        return Errors.INVALID_PARAMETER, Errors.INVALID_PARAMETER.text(name=exc.details.get("parameter", "value"))
    return Errors.INTERNAL_ERROR, ""


# -- services ---------------------------------------------------------------------------

def call_request(req: Request) -> str:
    user = req.user()
    params = req.params
    extid = params.get("extid", "")
    request_id, origin = req.accept(number=params["number"], extid=extid)
    req.execute(lambda: req.engine.originate(req.tenant.id, to_number=params["number"], from_user=user.id,
                                             device=params["device"].value, extid=extid, origin=origin),
                origin)
    return render_ok(request_id)


def _answer(engine, tenant_id: str, party_id: str, params: dict) -> None:
    engine.answer(tenant_id, party_id)


def _reject(engine, tenant_id: str, party_id: str, params: dict) -> None:
    engine.reject(tenant_id, party_id)


def _hold(engine, tenant_id: str, party_id: str, params: dict) -> None:
    engine.hold(tenant_id, party_id)


def _retrieve(engine, tenant_id: str, party_id: str, params: dict) -> None:
    engine.retrieve(tenant_id, party_id)


def _divert(engine, tenant_id: str, party_id: str, params: dict) -> None:
    engine.divert(tenant_id, party_id, params["number"])


def _disconnect(engine, tenant_id: str, party_id: str, params: dict) -> None:
    engine.hangup(tenant_id, party_id)


CALL_ACTIONS: dict[CallAction, Callable[[Any, str, str, dict], None]] = {
    CallAction.ANSWER: _answer, CallAction.REJECT: _reject, CallAction.HOLD: _hold,
    CallAction.RETRIEVE: _retrieve, CallAction.DIVERT: _divert, CallAction.DISCONNECT: _disconnect,
}


def call_action(req: Request) -> str:
    user = req.user()
    params = req.params
    try:
        call, party = req.engine.user_party(req.tenant.id, str(params["call_id"]), user.id)
    except NotFound:
        raise ServiceError(Errors.CONNECTION_NOT_FOUND) from None
    action: CallAction = params["action"]
    request_id, origin = req.accept(action=action.value, call_id=call.id, number=params.get("number"),
                                    extid=call.extid)
    if views.user_call_status(party) not in ACTION_ALLOWED_STATES[action]:
        req.fail_later(origin, Errors.ACTION_NOT_ALLOWED, call=call)
        return render_ok(request_id)
    req.execute(lambda: CALL_ACTIONS[action](req.engine, req.tenant.id, party.id, params), origin, call)
    return render_ok(request_id)


def set_user_mode(req: Request) -> str:
    user = req.user()
    params = req.params
    mode: UserMode = params["mode"]
    request_id, origin = req.accept(mode=int(mode), number=params.get("number"))
    req.execute(lambda: req.engine.set_user_mode(req.tenant.id, user.id, ENGINE_MODES[mode],
                                                 params.get("number", "")), origin)
    return render_ok(request_id)


def get_user_call_report(req: Request) -> str:
    user = req.user()
    return render_records("call", user_call_report(req.engine, req.tenant, user, req.params,
                                                   req.state.phonebook.lookup))


HANDLERS: dict[str, Callable[[Request], str]] = {
    "call_request": call_request,
    "call_action": call_action,
    "set_user_mode": set_user_mode,
    "get_user_call_report": get_user_call_report,
}
