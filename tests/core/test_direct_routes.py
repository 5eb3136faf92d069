"""Direct routes: a surface's hot endpoint served ahead of Flask, with the same
journal entry and fault rules as its Flask routes, and a 500 (never a crash) when
the surface's own code fails."""
from __future__ import annotations

from emulators.app import create_app
from emulators.core.app import Config
from emulators.core.direct import DirectRoute, Reply, direct_routes
from emulators.core.pipeline import query_args


def _app_with(handle):
    app = create_app(Config(clock="virtual"))
    direct_routes(app).add("/direct/probe", DirectRoute("probe", handle, lambda req: "t-1"))
    return app, app.extensions["ccemu"]


def test_a_direct_route_answers_with_the_surface_reply_and_is_journalled():
    app, emu = _app_with(lambda req: Reply(f"<ok>{req.args['x']}</ok>", "text/xml", 201))
    response = app.test_client().get("/direct/probe?x=1")
    assert (response.status_code, response.content_type, response.data) == (201, "text/xml", b"<ok>1</ok>")
    entry = emu.journal.query(surface="probe")[-1]
    assert (entry.tenant, entry.params, entry.status, entry.response) == ("t-1", {"x": "1"}, 201, "<ok>1</ok>")
    emu.close()


def test_a_failing_surface_handler_is_a_500_and_the_app_serves_on():
    def broken(req):
        raise RuntimeError("bug")
    app, emu = _app_with(broken)
    client = app.test_client()
    assert client.get("/direct/probe").status_code == 500
    assert emu.journal.query(surface="probe")[-1].outcome == "error"
    assert client.get("/_emulator/health").status_code == 200
    emu.close()


def test_query_args_keep_the_first_value_and_blank_values():
    assert query_args({"QUERY_STRING": "a=1&a=2&b=&c"}) == {"a": "1", "b": "", "c": ""}
    assert query_args({"QUERY_STRING": "a=%41&a=2&b=x+y"}) == {"a": "A", "b": "x y"}
