"""Top-level ``pagination`` / ``sorting`` arguments (changelog 1.2.5), folded into ``search``.

Version 1.2.5 of the API moved ``pagination`` and ``sorting`` out of the
search objects into arguments of the query fields; the schema reference
still documents them inside ``search``. Both forms are accepted: before
validation, top-level ``pagination``/``sorting`` arguments of the search
fields are moved into their ``search`` argument (the top-level one wins).
The schema itself stays exactly the documented one, so introspection matches
the document.

When ``search`` is a variable, its value is written into the query as a
literal so the moved arguments can join it; a variable left unused is
dropped from the operation.
"""
from __future__ import annotations

from typing import Any

from graphql import (ArgumentNode, DocumentNode, FieldNode, NameNode, ObjectFieldNode, ObjectValueNode,
                     OperationDefinitionNode, VariableNode, ast_from_value, visit, Visitor)

HOISTED = ("pagination", "sorting")
SEARCH_FIELDS = frozenset({"inboundCalls", "inboundCallsCount", "outboundCalls", "outboundCallsCount",
                           "inboundVideoCalls", "inboundVideoCallsCount", "inboundChats", "inboundChatsCount",
                           "addressBookContacts", "addressBookContactCount"})


def needs_hoisting(document: DocumentNode) -> bool:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            for selection in definition.selection_set.selections:
                if isinstance(selection, FieldNode) and selection.name.value in SEARCH_FIELDS and any(
                        a.name.value in HOISTED for a in selection.arguments or ()):
                    return True
    return False


def hoist(document: DocumentNode, variables: dict[str, Any] | None, schema) -> DocumentNode:
    """A copy of ``document`` with top-level pagination/sorting moved into ``search``."""
    if not needs_hoisting(document):
        return document
    variables = variables or {}
    fragments = [d for d in document.definitions if not isinstance(d, OperationDefinitionNode)]
    definitions = []
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            definition = _operation(definition, variables, schema, fragments)
        definitions.append(definition)
    return DocumentNode(definitions=tuple(definitions), loc=document.loc)


def _operation(op: OperationDefinitionNode, variables: dict, schema, fragments) -> OperationDefinitionNode:
    query_type = schema.query_type
    selections = []
    for sel in op.selection_set.selections:
        if isinstance(sel, FieldNode) and sel.name.value in SEARCH_FIELDS:
            sel = _field(sel, variables, query_type)
        selections.append(sel)
    op = _replace(op, selection_set=_replace(op.selection_set, selections=tuple(selections)))
    used = _used_variables([op.selection_set, *fragments])
    kept = tuple(v for v in op.variable_definitions or () if v.variable.name.value in used)
    return _replace(op, variable_definitions=kept)


def _field(field: FieldNode, variables: dict, query_type) -> FieldNode:
    moved = [a for a in field.arguments or () if a.name.value in HOISTED]
    if not moved:
        return field
    rest = [a for a in field.arguments if a.name.value not in HOISTED]
    search = next((a for a in rest if a.name.value == "search"), None)
    if search is None:
        value = ObjectValueNode(fields=())
    elif isinstance(search.value, VariableNode):
        arg_type = query_type.fields[field.name.value].args["search"].type
        value = ast_from_value(variables.get(search.value.name.value), arg_type) or ObjectValueNode(fields=())
    else:
        value = search.value
    if isinstance(value, ObjectValueNode):
        names = {a.name.value for a in moved}
        fields = tuple(f for f in value.fields if f.name.value not in names) + tuple(
            ObjectFieldNode(name=NameNode(value=a.name.value), value=a.value) for a in moved)
        value = ObjectValueNode(fields=fields)
    new_search = ArgumentNode(name=NameNode(value="search"), value=value)
    args = [new_search if a is search else a for a in rest]
    if search is None:
        args.append(new_search)
    return _replace(field, arguments=tuple(args))


class _Collect(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_variable(self, node: VariableNode, *_):
        self.names.add(node.name.value)


def _used_variables(nodes) -> set[str]:
    collector = _Collect()
    for node in nodes:
        visit(node, collector)
    return collector.names


def _replace(node, **changes):
    kwargs = {key: getattr(node, key) for key in node.keys}
    kwargs.update(changes)
    return type(node)(**kwargs)
