"""VOIspeed wire format: the ``<result>`` XML replies and the event query strings.

Replies follow the guide's Hello world byte for byte: the declaration line
``<?xml version="1.0" encoding="UTF-8" ?>``, then one element per line, no
indentation. Real clients read them with a regex on ``<outcome>`` and
``<request_id>``, so the shape matters more than XML niceties.

Every request renders a reply, so the fixed parts are precomputed strings and
the variable parts are escaped with :func:`xml.sax.saxutils.escape`; no DOM is
built. Element names always come from code (the spec's field lists), never
from a request; text always comes through :func:`_text`.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import urlencode
from xml.sax.saxutils import escape

from .params import TIMESTAMP_FORMAT
from .tables import EventFamily, UserEvent

#: the Content-Type to serve replies with (clients ignore Accept; always XML)
XML_CONTENT_TYPE = "text/xml; charset=UTF-8"

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" ?>\n'
_OK_HEAD = _DECLARATION + "<result>\n<outcome>0</outcome>\n"
_END = "</result>"
_OK_REQUEST_HEAD = _OK_HEAD + "<request_id>"
_OK_REQUEST_TAIL = "</request_id>\n" + _END
# the guide's Hello world closes </result> on the <error> line; kept as shown
_ERROR_HEAD = _DECLARATION + "<result>\n<outcome>1</outcome>\n<error>"
_ERROR_TAIL = "</error>" + _END

# characters XML 1.0 cannot carry (and lone surrogates UTF-8 cannot encode):
# dropped, so that a hostile parameter echoed back never breaks the reply
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# text with none of these is already character data: most values (numbers, names, dates) are
_NEEDS_WORK = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str:
    """A value as XML character data: ints as digits, bools as 1/0, date-times
    in the guide's format, enums by value, None as empty, strings escaped."""
    kind = type(value)
    if kind is str:
        if _NEEDS_WORK.search(value) is None:
            return value
        if _NOT_XML.search(value):
            value = _NOT_XML.sub("", value)
        return escape(value)
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, enum.Enum):
        return _text(value.value)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime(TIMESTAMP_FORMAT)
    return _text(str(value))


@dataclass(frozen=True, slots=True)
class Items:
    """A row value that nests a list: ``{"users": Items("user", members)}``
    renders ``<users><user>…</user>…</users>`` (a ring group's members, an
    IVR's nodes, phonebook_import_sync's contacts)."""
    item: str
    rows: Sequence[Mapping[str, Any]]


#: value types written as one element's text without further checks: a report row is all of these,
#: and an ``isinstance(value, Mapping)`` per field (an ABC check) cost more than writing the field
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _write_fields(row: Mapping[str, Any], out: list[str]) -> None:
    for tag, value in row.items():
        if type(value) in _SCALARS or isinstance(value, enum.Enum):
            out.append(f"<{tag}>{_text(value)}</{tag}>\n")
        elif isinstance(value, Items):
            _write_items(tag, value.item, value.rows, out)
        elif isinstance(value, Mapping):
            out.append(f"<{tag}>\n")
            _write_fields(value, out)
            out.append(f"</{tag}>\n")
        else:
            out.append(f"<{tag}>{_text(value)}</{tag}>\n")


def _write_records(item: str, rows: Iterable[Mapping[str, Any]], out: list[str]) -> None:
    open_tag, close_tag = f"<{item}>\n", f"</{item}>\n"
    for row in rows:
        out.append(open_tag)
        _write_fields(row, out)
        out.append(close_tag)


def _write_items(container: str, item: str, rows: Iterable[Mapping[str, Any]], out: list[str]) -> None:
    out.append(f"<{container}>\n")
    _write_records(item, rows, out)
    out.append(f"</{container}>\n")


def render_ok(request_id: int | str) -> str:
    """An accepted asynchronous request: outcome 0 and its ``request_id``."""
    rid = str(request_id) if type(request_id) is int else _text(request_id)
    return _OK_REQUEST_HEAD + rid + _OK_REQUEST_TAIL


def render_error(text: str) -> str:
    """A rejected request: outcome 1 and the reason in ``<error>``."""
    return _ERROR_HEAD + _text(text) + _ERROR_TAIL


def render_fields(fields: Mapping[str, Any]) -> str:
    """Outcome 0 followed by plain fields, e.g. ``{"contact_id": 7}`` for
    add_phonebook or the counters of phonebook_import_sync."""
    out = [_OK_HEAD]
    _write_fields(fields, out)
    out.append(_END)
    return "".join(out)


def render_records(item: str, rows: Iterable[Mapping[str, Any]]) -> str:
    """Outcome 0 followed by one ``<item>`` per row directly under ``<result>``,
    fields in each row's order (get_user_call_report: ``render_records("call", rows)``)."""
    out = [_OK_HEAD]
    _write_records(item, rows, out)
    out.append(_END)
    return "".join(out)


def render_record(item: str, row: Mapping[str, Any]) -> str:
    """One ``<item>…</item>`` element, to be kept and joined by :func:`render_parts`
    (get_call_report caches the element of each ended call)."""
    out: list[str] = []
    _write_records(item, (row,), out)
    return "".join(out)


def render_parts(parts: Iterable[str]) -> str:
    """Outcome 0 followed by pre-rendered elements (see :func:`render_record`)."""
    return _OK_HEAD + "".join(parts) + _END


def render_list(container: str, item: str, rows: Iterable[Mapping[str, Any]]) -> str:
    """Outcome 0 followed by ``<container>`` holding one ``<item>`` per row
    (get_entities: ``render_list("users", "user", rows)``); a row value that is
    :class:`Items` nests another container, a mapping nests an element."""
    out = [_OK_HEAD]
    _write_items(container, item, rows, out)
    out.append(_END)
    return "".join(out)


# --------------------------------------------------------------------------
# Event pushes: HTTP GET query strings
# --------------------------------------------------------------------------

_LEADING = ("event_type", "event", "event_name")


def _query_value(value: Any) -> str:
    if type(value) is str:
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, enum.Enum):
        return _query_value(value.value)
    if isinstance(value, datetime):
        return value.strftime(TIMESTAMP_FORMAT)
    return str(value)


def event_query(params: Mapping[str, Any]) -> str:
    """A push's query string: ``event_type``, ``event``, ``event_name`` first
    (as in the guide's logger lines), then the rest in the given order.
    None values are left out; values are form-encoded (``+`` becomes ``%2B``)."""
    pairs = [(k, _query_value(params[k])) for k in _LEADING if params.get(k) is not None]
    pairs += [(k, _query_value(v)) for k, v in params.items()
              if v is not None and k not in _LEADING]
    return urlencode(pairs)


def user_event_query(event: UserEvent, ext: str, **params: Any) -> str:
    """The query string of a user event: ``event_type=2&event=N&event_name=…&ext=…&…``."""
    return event_query({"event_type": EventFamily.USER, "event": event,
                        "event_name": event.event_name, "ext": ext, **params})
