"""Read the "Schema Types" section of the TVox Data Model document into data.

Used by the tests and the contract suite to compare the live schema (by
introspection) with the document, name for name. The document's tables are
plain text rows ``name | type | description |``; a few rows lost their
first cell when the document was rendered (every name spelled ``mail``:
``AddressBookContact.mail``, ``SearchAddressBookContact.mail`` and the
``MultiChannelType`` value ``MAIL``) and one row names an input the document
never defines (``inboundChatsCount(search: SearchTicket!)``). :data:`SLIPS`
lists how those are read, so the comparison states them openly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SECTIONS = ("Query", "Objects", "Inputs", "Enums", "Scalars")
SLIPS = {
    ("AddressBookContact", "[AddressBookMail!]"): "mail",
    ("SearchAddressBookContact", "SearchAddressBookMail"): "mail",
    ("MultiChannelType", "Mail / Support channel"): "MAIL",
    ("Query.inboundChatsCount", "SearchTicket!"): "SearchInteraction!",
}
_TYPE = re.compile(r"^\[*[A-Za-z_][A-Za-z0-9_]*!?\]*!?\]*!?$")


@dataclass
class DocSchema:
    query: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)   # field -> (type, {arg: type})
    objects: dict[str, dict[str, str]] = field(default_factory=dict)
    inputs: dict[str, dict[str, str]] = field(default_factory=dict)
    enums: dict[str, list[str]] = field(default_factory=dict)
    scalars: list[str] = field(default_factory=list)
    slips: list[str] = field(default_factory=list)


def default_document() -> Path | None:
    """``shared/specs/tvox-data-model-api.txt`` beside the project, when present."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "specs" / "tvox-data-model-api.txt"
        if candidate.exists():
            return candidate
    return None


def _cells(line: str) -> list[str]:
    """The row's cells; only the first two (name, type) matter, so a ``|`` inside a description is harmless."""
    return [c.strip() for c in line.split("|")]


def _is_type(text: str) -> bool:
    return bool(_TYPE.match(text)) and " " not in text


def parse(text: str) -> DocSchema:
    lines = text.split("\n")
    start = lines.index("Schema Types")
    end = lines.index("Integration", start)
    body = lines[start:end]
    doc = DocSchema()
    section = None
    current = None
    in_table = False
    last_field = None
    for i, line in enumerate(body):
        if line in SECTIONS:
            section, current, in_table = line, ("Query" if line == "Query" else None), False
            continue
        if section is None:
            continue
        if line.startswith("---|"):
            in_table = True
            continue
        if line.startswith(("Field |", "Value |")):
            continue
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if section == "Scalars":
            if re.fullmatch(r"[A-Z][A-Za-z]*", line) and nxt.startswith("The "):
                doc.scalars.append(line)
            continue
        if re.fullmatch(r"[A-Z][A-Za-z0-9]*", line) and (nxt.startswith("The ") or nxt.startswith("Field |")
                                                         or nxt.startswith("Value |")):
            current, in_table = line, False
            if section == "Objects":
                doc.objects[current] = {}
            elif section == "Inputs":
                doc.inputs[current] = {}
            elif section == "Enums":
                doc.enums[current] = []
            continue
        if not in_table or current is None or " |" not in line:
            continue
        cells = _cells(line)
        if section == "Query":
            name, typ = cells[0], cells[1]
            described = len(cells) > 2 and cells[2] != ""
            if described:
                doc.query[name] = (typ, {})
                last_field = name
            else:
                slip = SLIPS.get((f"Query.{last_field}", typ))
                if slip:
                    doc.slips.append(f"Query.{last_field}({name}: {typ}) read as {slip}")
                    typ = slip
                doc.query[last_field][1][name] = typ
        elif section in ("Objects", "Inputs"):
            target = doc.objects if section == "Objects" else doc.inputs
            if _is_type(cells[0]) and len(cells) > 1 and _is_type(cells[1]):
                target[current][cells[0]] = cells[1]
            else:
                name = SLIPS.get((current, cells[0]))
                if name is None:
                    raise ValueError(f"unreadable row in {current}: {line!r}")
                doc.slips.append(f"{current}: nameless row of type {cells[0]} read as {name}")
                target[current][name] = cells[0]
        elif section == "Enums":
            value = cells[0]
            if not re.fullmatch(r"[A-Z][A-Z0-9_]*", value):
                name = SLIPS.get((current, value))
                if name is None:
                    raise ValueError(f"unreadable value in {current}: {line!r}")
                doc.slips.append(f"{current}: nameless value {value!r} read as {name}")
                value = name
            doc.enums[current].append(value)
    return doc


def load(path: Path | str | None = None) -> DocSchema:
    path = Path(path) if path else default_document()
    if path is None:
        raise FileNotFoundError("the TVox Data Model document (shared/specs/tvox-data-model-api.txt) is not here")
    return parse(path.read_text(encoding="utf-8"))
