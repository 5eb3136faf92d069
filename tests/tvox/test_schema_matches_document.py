"""An introspection of the live schema matches the document's "Schema Types", name for name."""
from __future__ import annotations

import pytest
from graphql import get_introspection_query

from emulators.tvox.datamodel import docschema

pytestmark = pytest.mark.skipif(docschema.default_document() is None,
                                reason="the TVox document (shared/specs) is not beside the project")


def type_string(ref: dict) -> str:
    if ref["kind"] == "NON_NULL":
        return type_string(ref["ofType"]) + "!"
    if ref["kind"] == "LIST":
        return "[" + type_string(ref["ofType"]) + "]"
    return ref["name"]


@pytest.fixture(scope="module")
def live(app, emu):
    from .conftest import tenant_api
    tenant = emu.new_tenant(clock_mode="virtual")
    schema = tenant_api(app, emu, tenant).data(get_introspection_query())["__schema"]
    return {t["name"]: t for t in schema["types"] if not t["name"].startswith("__")}


@pytest.fixture(scope="module")
def doc():
    return docschema.load()


def test_document_slips_are_read_as_stated(doc):
    assert len(doc.slips) == 4   # the nameless "mail" rows and MAIL value, SearchTicket


def test_same_type_names_as_the_document(live, doc):
    documented = {"Query", *doc.objects, *doc.inputs, *doc.enums, *doc.scalars}
    assert set(live) == documented


def test_query_fields_arguments_and_types(live, doc):
    fields = {f["name"]: f for f in live["Query"]["fields"]}
    assert list(fields) == list(doc.query)
    for name, (typ, args) in doc.query.items():
        assert type_string(fields[name]["type"]) == typ, name
        assert {a["name"]: type_string(a["type"]) for a in fields[name]["args"]} == args, name


@pytest.mark.parametrize("kind", ["objects", "inputs"])
def test_object_and_input_fields_name_for_name_with_nullability_and_lists(live, doc, kind):
    for type_name, fields in getattr(doc, kind).items():
        live_type = live[type_name]
        assert live_type["kind"] == ("OBJECT" if kind == "objects" else "INPUT_OBJECT"), type_name
        got = {f["name"]: type_string(f["type"])
               for f in (live_type["fields"] if kind == "objects" else live_type["inputFields"])}
        assert got == fields, type_name


def test_inputs_have_no_default_values(live, doc):
    for type_name in doc.inputs:
        assert all(f["defaultValue"] is None for f in live[type_name]["inputFields"]), type_name


def test_enum_values_in_document_order(live, doc):
    for name, values in doc.enums.items():
        assert live[name]["kind"] == "ENUM"
        assert [v["name"] for v in live[name]["enumValues"]] == values, name


def test_custom_scalars_time_and_ordered_map(live):
    assert live["Time"]["kind"] == "SCALAR" and live["OrderedMap"]["kind"] == "SCALAR"
    assert "RFC 3339" in live["Time"]["description"]
