"""Parameter types of the VOIspeed services: how a raw query-string value is
validated and normalised (numbers, extensions, date-times, choices, ranges)."""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

#: longest query string (bytes) a service request may have (inferred)
MAX_QUERY_BYTES = 8192
#: the guide's date-time format (get_entities park lines: "YYYY-MM-DD hh:mm:ss")
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"


# --------------------------------------------------------------------------
# Parameter types: how a raw query-string value is validated and normalised
# --------------------------------------------------------------------------

_NUMBER_SEPARATORS = re.compile(r"[\s\-./()]")
_DIALABLE = re.compile(r"\+?[0-9*#]+")
_DIGITS = re.compile(r"[0-9]+")


def normalise_number(raw: str) -> str:
    """A dialled number as routing wants it: digits (and ``*``/``#``), at most a
    leading ``+``. Accepts ``+39…``, ``39…`` and `` 39…`` (a ``+`` that form
    decoding turned into a space, FIELD-NOTES) and drops separators, as the
    guide's contact sync does. Raises ValueError when nothing dialable is left."""
    if raw[:1] == " " and raw.strip()[:1].isdigit():
        raw = "+" + raw.lstrip()
    number = _NUMBER_SEPARATORS.sub("", raw)
    if not _DIALABLE.fullmatch(number):
        raise ValueError(f"not a dialable number: {raw!r}")
    return number


_NOT_DIGITS = re.compile(r"[^0-9]")


def sanitise_number(raw: str) -> str:
    """A phonebook number as the guide's contact sync keeps it: digits only, at
    most a leading ``+``; every other character is dropped (may return "")."""
    text = raw.strip()
    return ("+" if text.startswith("+") else "") + _NOT_DIGITS.sub("", text)


def _sanitised(raw: str) -> str:
    number = sanitise_number(raw)
    if not number.lstrip("+"):
        raise ValueError(f"no digits in {raw!r}")
    return number


def _parse_datetime(raw: str) -> datetime:
    raw = raw.strip().replace("T", " ")
    for fmt in (TIMESTAMP_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt)
        except ValueError:
            pass
    raise ValueError(f"not a date-time: {raw!r}")


@dataclass(frozen=True, slots=True)
class ParamType:
    """A parameter's wire type: a name for documentation and a parser that
    returns the normalised value or raises ValueError."""
    name: str
    parse: Callable[[str], Any]


def _text(max_len: int) -> ParamType:
    def parse(raw: str) -> str:
        if not raw or len(raw) > max_len:
            raise ValueError(f"text must be 1..{max_len} characters")
        return raw
    return ParamType(f"text(1..{max_len})", parse)


def _integer(lo: int, hi: int | None = None) -> ParamType:
    def parse(raw: str) -> int:
        if not _DIGITS.fullmatch(raw.strip()):
            raise ValueError("not a non-negative integer")
        value = int(raw)
        if value < lo or (hi is not None and value > hi):
            raise ValueError(f"out of range {lo}..{hi}")
        return value
    return ParamType(f"integer({lo}..{'' if hi is None else hi})", parse)


def _choice(values: type[enum.Enum]) -> ParamType:
    by_wire = {str(m.value): m for m in values}

    def parse(raw: str) -> enum.Enum:
        try:
            return by_wire[raw.strip().lower()]
        except KeyError:
            raise ValueError(f"not one of {sorted(by_wire)}") from None
    return ParamType(" | ".join(by_wire), parse)


def _flag(raw: str) -> bool:
    if raw.strip() not in ("0", "1"):
        raise ValueError("not 0 or 1")
    return raw.strip() == "1"


def _extension(raw: str) -> str:
    if not _DIGITS.fullmatch(raw.strip()):
        raise ValueError("an extension is digits")
    return raw.strip()


TOKEN = _text(256)
EXTENSION = ParamType("extension (digits)", _extension)
PHONE_NUMBER = ParamType("phone number (normalised)", normalise_number)
CONTACT_NUMBER = ParamType("phone number (sanitised: digits, leading +)", _sanitised)
DATETIME = ParamType("YYYY-MM-DD[ hh:mm[:ss]]", _parse_datetime)
FLAG = ParamType("0 | 1", _flag)
ID = _integer(0)
NOTE = _text(1024)
OPAQUE_ID = _text(255)
