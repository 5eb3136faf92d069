"""The Data Model's GraphQL schema: the document's Query over the tenant's store.

The schema is exactly "Schema Types" (names, arguments, nullability, list
shapes), built with strawberry. Resolvers read the tenant from the context
(``info.context["datamodel"]``), compile the search into SQL
(:mod:`.search`, :mod:`.contacts`, :mod:`.advanced`) and wrap rows so only
selected fields are computed (:mod:`.rows`).

:class:`DataModelExtension` moves 1.2.5-style top-level
``pagination``/``sorting`` into ``search`` before validation and notes
whether execution started (the document shows ``data`` only then).
"""
from __future__ import annotations

import logging
from typing import Optional

import strawberry
from graphql import FieldNode, FragmentSpreadNode, GraphQLFloat, GraphQLObjectType, InlineFragmentNode
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import Info

from . import advanced, contacts, interactions
from .hoist import hoist
from .scalars import SCALAR_MAP, OrderedMap
from .schema_enums import AdvancedQueryType
from .schema_inputs import SearchAddressBookContact, SearchInteraction, SearchOutboundInteraction
from .schema_objects import AddressBookContact, InboundInteraction, OutboundInteraction, ServiceDescription

log = logging.getLogger(__name__)


def selected(info: Info) -> set[str]:
    """The names of the fields selected under the current field (fragments included)."""
    raw = info._raw_info
    names: set[str] = set()

    def walk(selection_set) -> None:
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                names.add(sel.name.value)
            elif isinstance(sel, InlineFragmentNode):
                walk(sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode):
                fragment = raw.fragments.get(sel.name.value)
                if fragment is not None:
                    walk(fragment.selection_set)
    for node in raw.field_nodes:
        walk(node.selection_set)
    return names


def _dm(info: Info):
    return info.context["datamodel"]


def _store(info: Info):
    return _dm(info).store()


def _one(kind: str):
    def resolve(info: Info, id: str) -> Optional[list[InboundInteraction]]:
        return interactions.by_id(_store(info), kind, id, selected(info))
    return resolve


def _many(kind: str):
    def resolve(info: Info, search: SearchInteraction) -> list[list[InboundInteraction]]:
        return interactions.page(_store(info), kind, search, selected(info))
    return resolve


def _count(kind: str):
    def resolve(info: Info, search: SearchInteraction) -> int:
        return interactions.count(_store(info), kind, search)
    return resolve


def outbound_call(info: Info, id: str) -> Optional[list[OutboundInteraction]]:
    return interactions.by_id(_store(info), "outbound", id, selected(info))


def outbound_calls(info: Info, search: SearchOutboundInteraction) -> list[list[OutboundInteraction]]:
    return interactions.page(_store(info), "outbound", search, selected(info))


def outbound_calls_count(info: Info, search: SearchOutboundInteraction) -> int:
    return interactions.count(_store(info), "outbound", search)


def address_book_contact(info: Info, uuid: str) -> AddressBookContact:
    return contacts.by_uuid(_store(info), uuid)


def address_book_contacts(info: Info, search: SearchAddressBookContact) -> list[AddressBookContact]:
    return contacts.page(_store(info), search)


def address_book_contact_count(info: Info, search: SearchAddressBookContact) -> int:
    return contacts.count(_store(info), search)


def advanced_query(info: Info, query: str, type: Optional[AdvancedQueryType] = strawberry.UNSET) -> list[OrderedMap]:
    dm = _dm(info)
    area = type.value if type else "TVOX"
    return advanced.run(dm.store(), area, query, dm.limits.query_seconds, dm.limits.max_rows)


_D = {
    "inboundCall": "Get Inbound Service Call by ID. Result is the list of steps that make up the requested call.",
    "inboundCalls": "Search Inbound Service Calls. Argument `search` is the object containing search criterias. "
                    "Search criterias include time window (year, month), pagination and sorting. Result is the list "
                    "of calls that respect search criteria; each call is in turn a list of steps that make up it.",
    "inboundCallsCount": "Count Inbound Service Calls. Argument `search` is the object containing search criterias. "
                         "Result is the 32-bit postive integer counting searched calls.",
    "outboundCall": "Get Outbound Service Call by ID. Result is the list of steps that make up the requested call.",
    "outboundCalls": "Search Outbound Service Calls. Result is the list of calls that respect search criteria; "
                     "each call is in turn a list of steps that make up it.",
    "outboundCallsCount": "Count Outbound Service Calls. Result is the 32-bit postive integer counting searched calls.",
    "inboundVideoCall": "Get Inbound Service Video Call by ID. Result is the list of steps that make up the "
                        "requested video call.",
    "inboundVideoCalls": "Search Inbound Service Video Calls. Result is the list of video calls that respect search "
                         "criteria; each video call is in turn a list of steps that make up it.",
    "inboundVideoCallsCount": "Count Inbound Service Video Calls.",
    "inboundChat": "Get Inbound Service Chat by ID. Result is the list of steps that make up the requested chat.",
    "inboundChats": "Search Inbound Service Chats. Result is the list of chats that respect search criteria; each "
                    "chat is in turn a list of steps that make up it.",
    "inboundChatsCount": "Count Inbound Service Chats.",
    "addressBookContact": "Get an AddressBookContact by ID. Result an AddressBookContact with given id if exists.",
    "addressBookContacts": "Search AddressBookContacts. Result is the list of AddressBookContacts that respect "
                           "search criteria.",
    "addressBookContactCount": "Count AddressBookContacts.",
    "advancedQuery": "Advanced query for **TVox**(_phone_, _video_, _chat_), **Support** and **Addressbook**. "
                     "Argument `type` selects the source, argument `query` is the SQL to run. Update, insert or "
                     "delete actions are not allowed. Result is a list of objects whose keys are the selected "
                     "fields and whose values are strings.",
}


@strawberry.type(description="List of queries to retrieve statistical data.")
class Query:
    inboundCall: Optional[list[InboundInteraction]] = strawberry.field(resolver=_one("calls"),
                                                                       description=_D["inboundCall"])
    inboundCalls: list[list[InboundInteraction]] = strawberry.field(resolver=_many("calls"),
                                                                    description=_D["inboundCalls"])
    inboundCallsCount: int = strawberry.field(resolver=_count("calls"), description=_D["inboundCallsCount"])
    outboundCall: Optional[list[OutboundInteraction]] = strawberry.field(resolver=outbound_call,
                                                                         description=_D["outboundCall"])
    outboundCalls: list[list[OutboundInteraction]] = strawberry.field(resolver=outbound_calls,
                                                                      description=_D["outboundCalls"])
    outboundCallsCount: int = strawberry.field(resolver=outbound_calls_count, description=_D["outboundCallsCount"])
    inboundVideoCall: Optional[list[InboundInteraction]] = strawberry.field(resolver=_one("video"),
                                                                            description=_D["inboundVideoCall"])
    inboundVideoCalls: list[list[InboundInteraction]] = strawberry.field(resolver=_many("video"),
                                                                         description=_D["inboundVideoCalls"])
    inboundVideoCallsCount: int = strawberry.field(resolver=_count("video"), description=_D["inboundVideoCallsCount"])
    inboundChat: Optional[list[InboundInteraction]] = strawberry.field(resolver=_one("chats"),
                                                                       description=_D["inboundChat"])
    inboundChats: list[list[InboundInteraction]] = strawberry.field(resolver=_many("chats"),
                                                                    description=_D["inboundChats"])
    inboundChatsCount: int = strawberry.field(resolver=_count("chats"), description=_D["inboundChatsCount"])
    addressBookContact: AddressBookContact = strawberry.field(resolver=address_book_contact,
                                                              description=_D["addressBookContact"])
    addressBookContacts: list[AddressBookContact] = strawberry.field(resolver=address_book_contacts,
                                                                     description=_D["addressBookContacts"])
    addressBookContactCount: int = strawberry.field(resolver=address_book_contact_count,
                                                    description=_D["addressBookContactCount"])
    advancedQuery: list[OrderedMap] = strawberry.field(resolver=advanced_query, description=_D["advancedQuery"])


class DataModelExtension(SchemaExtension):
    """Fold 1.2.5-style arguments into ``search``; note when execution starts."""

    def on_validate(self):
        ctx = self.execution_context
        if ctx.graphql_document is not None:
            try:
                ctx.graphql_document = hoist(ctx.graphql_document, ctx.variables, ctx.schema._schema)
            except Exception:  # a malformed attempt is left to validation to report
                log.debug("hoisting failed", exc_info=True)
        yield

    def on_execute(self):
        context = self.execution_context.context
        if isinstance(context, dict):
            context["executed"] = True
        yield


class DataModelSchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Client mistakes are not server trouble: log at debug, and unexpected failures with a traceback."""
        from .errors import DataModelError
        for error in errors:
            original = error.original_error
            if original is None or isinstance(original, DataModelError):
                log.debug("Data Model query error: %s", error.message)
            else:
                log.warning("Data Model resolver failed: %s", error.message, exc_info=original)


def build_schema() -> DataModelSchema:
    schema = DataModelSchema(query=Query, types=[ServiceDescription], extensions=[DataModelExtension],
                             config=StrawberryConfig(auto_camel_case=False, scalar_map=SCALAR_MAP))
    # The document lists Float among its scalars though no field uses it; list it as the vendor's schema does.
    schema._schema.type_map.setdefault("Float", GraphQLFloat)
    _plain_fields(schema._schema)
    return schema


def _plain_fields(schema) -> None:
    """Fields without a resolver read their value as graphql-core does (dict key or attribute).

    Resolvers hand out dicts of exactly the selected fields (:mod:`.rows`), so a page of
    1000 interactions costs what it costs in bare graphql-core, without strawberry's
    per-field wrapper.
    """
    for gql_type in schema.type_map.values():
        if not isinstance(gql_type, GraphQLObjectType) or gql_type.name.startswith("__") or gql_type.name == "Query":
            continue
        for field in gql_type.fields.values():
            if getattr(field.resolve, "_is_default", False):
                field.resolve = None


SCHEMA = build_schema()
