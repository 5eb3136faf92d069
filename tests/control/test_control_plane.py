"""The control plane under /_emulator/: every endpoint, and its errors as JSON."""
import pytest


def test_health_is_200_when_every_surface_is_ready(client):
    response = client.get("/_emulator/health")
    assert response.status_code == 200
    assert response.json["status"] == "ok" and response.json["surfaces"]["voispeed"] is True


def test_health_is_503_while_a_surface_is_not_ready(client, emu):
    from dataclasses import replace
    emu.surfaces["voispeed"] = replace(emu.surfaces["voispeed"], ready=lambda: False)
    assert client.get("/_emulator/health").status_code == 503


def test_version_names_the_surfaces(client):
    assert "voispeed" in client.get("/_emulator/version").json["surfaces"]


def test_openapi_document_lists_every_control_route(client, app):
    doc = client.get("/_emulator/openapi.json").json
    assert doc["openapi"].startswith("3.")
    routes = {r.rule.replace("<", "{").replace(">", "}").replace("int:", "")
              for r in app.url_map.iter_rules() if r.endpoint.startswith("control_plane.")}
    assert routes == set(doc["paths"])


def test_tenants_are_created_with_own_credentials_and_deleted(client):
    created = client.post("/_emulator/tenants", json={"seed": 7})
    assert created.status_code == 201
    tenant = created.json
    assert tenant["seed"] == 7 and tenant["credentials"]["voispeed"]
    assert client.get(f"/_emulator/tenants/{tenant['id']}").status_code == 200
    assert client.delete(f"/_emulator/tenants/{tenant['id']}").status_code == 200
    assert client.get(f"/_emulator/tenants/{tenant['id']}").status_code == 404


def test_duplicate_tenant_id_is_a_conflict(client):
    client.post("/_emulator/tenants", json={"id": "dup"})
    assert client.post("/_emulator/tenants", json={"id": "dup"}).status_code == 409


def test_default_tenant_cannot_be_deleted(client):
    assert client.delete("/_emulator/tenants/default").status_code == 409


def test_reset_of_one_tenant_forgets_its_calls(client):
    client.post("/_emulator/calls", json={"type": "originate", "from": "35", "to": "187"})
    assert client.get("/_emulator/calls").json["calls"]
    client.post("/_emulator/reset", json={"tenant": "default"})
    assert client.get("/_emulator/calls").json["calls"] == []


def test_reset_all_drops_extra_tenants(client):
    tid = client.post("/_emulator/tenants", json={}).json["id"]
    client.post("/_emulator/reset", json={})
    assert client.get(f"/_emulator/tenants/{tid}").status_code == 404
    assert client.get("/_emulator/tenants/default").status_code == 200


def test_seed_regenerates_the_directory_deterministically(client):
    client.post("/_emulator/seed", json={"seed": 5})
    first = client.get("/_emulator/directory").json
    client.post("/_emulator/seed", json={"seed": 6})
    assert client.get("/_emulator/directory").json != first
    client.post("/_emulator/seed", json={"seed": 5})
    assert client.get("/_emulator/directory").json == first


def test_directory_entities_can_be_added_and_deleted(client):
    added = client.post("/_emulator/directory/users", json={"id": 77, "extension": "77", "name": "Ada",
                                                             "surname": "Lovelace"})
    assert added.status_code == 201
    assert any(u["extension"] == "77" for u in client.get("/_emulator/directory").json["users"])
    assert client.delete("/_emulator/directory/users/77").status_code == 200
    assert client.delete("/_emulator/directory/users/77").status_code == 404


def test_directory_rejects_unknown_fields_and_kinds(client):
    assert client.post("/_emulator/directory/users", json={"id": 1, "shoe_size": 9}).status_code == 400
    assert client.post("/_emulator/directory/spaceships", json={"id": 1}).status_code == 400


def test_clock_can_be_read_set_and_advanced(client):
    client.put("/_emulator/clock", json={"mode": "virtual", "now": 1_600_000_000})
    assert client.get("/_emulator/clock").json["now"] == 1_600_000_000
    advanced = client.post("/_emulator/clock/advance", json={"seconds": 60}).json
    assert advanced["now"] == 1_600_000_060
    assert client.post("/_emulator/clock/advance", json={"seconds": "soon"}).status_code == 400
    assert client.post("/_emulator/clock/advance", json={"seconds": -1}).status_code == 400


def test_calls_and_party_operations_drive_the_engine(client):
    call = client.post("/_emulator/calls", json={"type": "originate", "from": "35", "to": "39"}).json
    answered = client.post(f"/_emulator/calls/{call['id']}/parties/39/answer", json={})
    assert answered.status_code == 200 and answered.json["state"] == "connected"
    again = client.post(f"/_emulator/calls/{call['id']}/parties/39/answer", json={})
    assert again.status_code == 409 and again.json["error"]["code"] == "illegal_state"
    hung = client.post(f"/_emulator/calls/{call['id']}/parties/35/hangup", json={})
    assert hung.json["state"] == "ended"
    assert client.get(f"/_emulator/calls/{call['id']}").json["outcome"] == "answered"


def test_unknown_call_and_operation_are_clear_errors(client):
    assert client.post("/_emulator/calls/999/parties/35/answer", json={}).status_code == 404
    call = client.post("/_emulator/calls", json={"type": "originate", "from": "35", "to": "39"}).json
    assert client.post(f"/_emulator/calls/{call['id']}/parties/39/fly", json={}).status_code == 400
    assert client.post("/_emulator/calls", json={"type": "teleport", "from": "1", "to": "2"}).status_code == 400
    assert client.post("/_emulator/calls", json={"type": "inbound"}).status_code == 400


def test_body_that_is_not_a_json_object_is_rejected(client):
    response = client.post("/_emulator/calls", data="[1,2", content_type="application/json")
    assert response.status_code == 400 and response.json["error"]["code"] == "invalid"


def test_agents_can_be_driven(client):
    assert client.post("/_emulator/agents/40/login", json={"ready": True}).json["state"] == "ready"
    assert client.post("/_emulator/agents/40/not_ready", json={"reason": "break"}).json["reason"] == "break"
    assert client.post("/_emulator/agents/40/login", json={}).status_code == 409
    assert client.post("/_emulator/agents/9999/ready", json={}).status_code == 404


def test_behaviour_rules_are_validated(client):
    ok = client.put("/_emulator/behaviour", json={"rules": [{"pattern": "187", "action": "busy"}]})
    assert ok.status_code == 200
    bad = client.put("/_emulator/behaviour", json={"rules": [{"pattern": "187", "action": "explode"}]})
    assert bad.status_code == 400


def test_scenario_runs_step_by_step_and_reports_the_failing_step(client):
    good = client.post("/_emulator/scenarios/run", json={"scenario": """
clock: virtual
steps:
  - originate: {from: "35", to: "187"}
    as: c
  - advance: 2
  - expect: {call: c, state: connected}
  - hangup: {call: c, party: "35"}
  - expect: {call: c, state: ended, outcome: answered}
"""})
    assert good.status_code == 200 and good.json["ok"]
    bad = client.post("/_emulator/scenarios/run", json={"scenario": """
steps:
  - originate: {from: "35", to: "39"}
    as: c
  - expect: {call: c, state: connected}
"""})
    assert bad.status_code == 422 and bad.json["failed_step"] == 2


def test_scenario_that_is_not_yaml_or_has_unknown_steps_is_rejected(client):
    assert client.post("/_emulator/scenarios/run", json={"scenario": "steps: [unclosed"}).status_code == 400
    assert client.post("/_emulator/scenarios/run",
                       json={"scenario": "steps: [{explode: {}}]"}).status_code == 400


def test_bundled_scenarios_are_listed_and_run_by_name(client):
    names = client.get("/_emulator/scenarios").json["scenarios"]
    assert "hello_world" in names
    assert client.post("/_emulator/scenarios/run", json={"name": "hello_world"}).json["ok"]
    assert client.post("/_emulator/scenarios/run", json={"name": "../etc/passwd"}).status_code == 404


def test_faults_are_added_listed_and_removed(client):
    rule = client.post("/_emulator/faults", json={"action": "error", "status": 503}).json
    assert [r["id"] for r in client.get("/_emulator/faults").json["faults"]] == [rule["id"]]
    assert client.delete(f"/_emulator/faults/{rule['id']}").status_code == 200
    assert client.post("/_emulator/faults", json={"action": "melt"}).status_code == 400


def test_journal_wait_times_out_with_404(client):
    response = client.post("/_emulator/journal/wait", json={"timeout": 0.05, "surface": "nothing"})
    assert response.status_code == 404 and response.json["error"]["code"] == "timeout"


def test_unknown_tenant_is_404(client):
    assert client.get("/_emulator/clock?tenant=nobody").status_code == 404


def test_callbacks_and_voicemails_are_listed(client):
    created = client.post("/_emulator/callbacks", json={"queue_id": 1, "number": "0612345"})
    assert created.status_code == 201
    assert client.get("/_emulator/callbacks").json["callbacks"][0]["state"] == "open"
    closed = client.post(f"/_emulator/callbacks/{created.json['id']}/close", json={})
    assert closed.json["state"] == "closed"
    assert client.get("/_emulator/voicemails").json == {"voicemails": []}
