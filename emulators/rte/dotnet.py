""".NET wire conventions the RTE (ASP.NET Core 3.1, System.Text.Json) shows to clients.

- Property names go out camelCased by System.Text.Json's rule, which lower-cases
  a leading run of capitals but keeps the capital that starts the next word
  (``CBRId`` → ``cbrId``, ``RUser`` → ``rUser``, ``SMSTo`` → ``smsTo``).
- ``DateTime`` values are UTC without an offset suffix (the kind is
  "unspecified" on the server), with up to seven fractional digits and
  trailing zeros dropped; ``DateTime.MaxValue`` means "continuous".
- ``Guid`` values are lower-case, hyphenated.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache

#: .NET ``DateTime.MaxValue`` as System.Text.Json writes it
MAX_DATETIME = "9999-12-31T23:59:59.9999999"


@lru_cache(maxsize=4096)
def camel(name: str) -> str:
    """``PascalCase`` → ``camelCase`` exactly as System.Text.Json's camel-case policy does it."""
    if not name or not name[0].isupper():
        return name
    chars = list(name)
    for i, ch in enumerate(chars):
        if i == 1 and not ch.isupper():
            break
        has_next = i + 1 < len(chars)
        if i > 0 and has_next and not chars[i + 1].isupper():
            if chars[i + 1] == " ":
                chars[i] = ch.lower()
            break
        chars[i] = ch.lower()
    return "".join(chars)


def datetime_utc(epoch: float | None) -> str | None:
    """Epoch seconds → ``2024-05-01T12:34:56.789`` (UTC, no ``Z``); None stays None."""
    if epoch is None:
        return None
    moment = datetime.fromtimestamp(epoch, tz=timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += ("." + f"{moment.microsecond:06d}").rstrip("0")
    return text


def dumps(value) -> str:
    """Compact, strict JSON (no NaN/Infinity), as the hub protocol requires."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
