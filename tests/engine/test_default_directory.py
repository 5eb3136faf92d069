"""The default directory: same seed, same data; the shipped seed-0 snapshot matches the fixtures."""
import pytest

from emulators.core.directory import Directory
from fixtures import directory as default


def test_same_seed_gives_the_same_directory_and_another_seed_another():
    assert default.build_directory(3).to_dict() == default.build_directory(3).to_dict()
    assert default.build_directory(3).to_dict() != default.build_directory(4).to_dict()


def test_shipped_snapshot_is_current_with_the_yaml():
    assert default._snapshot() is not None, \
        "default_directory.yaml changed: run `python -m fixtures.directory` to rebuild the snapshot"


def test_shipped_snapshot_equals_a_fresh_generation_with_the_recorded_faker():
    from fixtures.people import faker_version
    import json
    snapshot = json.loads(default.SNAPSHOT_FILE.read_text(encoding="utf-8"))
    if snapshot["faker"] != faker_version():
        pytest.skip(f"snapshot made with faker {snapshot['faker']}, installed {faker_version()}: "
                    "names may differ by release, the snapshot stays the default data")
    fresh = Directory.from_dict(default.generate(0)).to_dict()
    assert Directory.from_dict(snapshot["directory"]).to_dict() == fresh


def test_fixed_entities_of_the_vendor_examples_are_present():
    directory = default.build_directory(0)
    assert directory.user_by_extension("35").devices[0].kind == "sip"
    assert directory.user_by_extension("39") is not None
    assert all(u.name and u.surname and u.email for u in directory.users.values())
