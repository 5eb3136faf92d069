"""Every scenario shipped in fixtures/scenarios/ runs green on a fresh tenant."""
from pathlib import Path

import pytest

import fixtures

SCENARIOS = sorted(Path(fixtures.__file__).with_name("scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_bundled_scenario_runs_green(client, path):
    tenant = client.post("/_emulator/tenants", json={"clock": "virtual"}).json["id"]
    result = client.post("/_emulator/scenarios/run", json={"tenant": tenant, "name": path.stem}).json
    assert result["ok"], result
