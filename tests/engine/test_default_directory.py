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


def test_a_number_resolves_to_the_first_entity_that_has_it_as_extension_or_number():
    directory = Directory()
    directory.put("users", {"id": 1, "extension": "200", "name": "A", "surname": "Rossi"})
    directory.put("ring_groups", {"id": 7, "number": "200", "name": "Sales"})
    directory.put("queues", {"id": 3, "number": "500", "name": "Support"})
    assert directory.resolve_number("200") == ("user", directory.users[1])
    assert directory.resolve_number("500") == ("queue", directory.queues[3])
    assert directory.resolve_number("187") is None


def test_look_ups_follow_put_delete_and_entities_added_by_hand():
    from emulators.core.directory import User
    directory = Directory()
    directory.put("users", {"id": 1, "extension": "200", "name": "A", "surname": "Rossi"})
    assert directory.user_by_extension("200").id == 1
    directory.put("users", {"id": 1, "extension": "201", "name": "A", "surname": "Rossi"})       # replaced
    assert directory.user_by_extension("200") is None
    assert directory.resolve_number("201")[1].id == 1
    directory.delete("users", 1)
    assert directory.resolve_number("201") is None
    directory.users[2] = User(id=2, extension="202", name="B", surname="Bianchi")               # by hand
    assert directory.user_by_extension(" 202 ").id == 2
