"""MySQL functions for SQLite, so report writers' MySQL SQL runs on the emulator.

TVox's database is MySQL; the document's advanced queries and real report
templates use its functions. :func:`register` adds the common ones to a
connection (dates, strings, control flow) and ``REGEXP``; :func:`rewrite`
renames the two functions whose names are SQLite keywords (``LEFT``,
``RIGHT``) before the SQL is prepared.

``NOW()``/``CURDATE()``/``CURTIME()`` read the tenant's clock, in the site's
local time, like the timestamps the tables hold.
"""
from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Callable

from .sitetime import local_timestamp, offset_at

_MYSQL_FORMAT = {
    "a": "%a", "b": "%b", "c": None, "D": None, "d": "%d", "e": None, "f": "%f", "H": "%H",
    "h": "%I", "I": "%I", "i": "%M", "j": "%j", "k": None, "l": None, "M": "%B", "m": "%m",
    "p": "%p", "r": "%I:%M:%S %p", "S": "%S", "s": "%S", "T": "%H:%M:%S", "U": "%U", "u": "%W",
    "W": "%A", "w": "%w", "Y": "%Y", "y": "%y", "%": "%%",
}


def _parse(value: Any) -> datetime | None:
    """A MySQL-ish date/datetime value (text, or epoch number) as a naive datetime."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(value)
    text = str(value).strip()
    for fmt, size in (("%Y-%m-%d %H:%M:%S", 19), ("%Y-%m-%dT%H:%M:%S", 19), ("%Y-%m-%d", 10)):
        try:
            return datetime.strptime(text[:size], fmt)
        except ValueError:
            continue
    return None


def _from_epoch(epoch: float) -> datetime:
    return datetime.fromtimestamp(int(epoch) + offset_at(epoch), timezone.utc).replace(tzinfo=None)


def _to_epoch(moment: datetime) -> int:
    naive = int(moment.replace(tzinfo=timezone.utc).timestamp())
    return naive - offset_at(naive - 3600)


def date_format(value: Any, fmt: Any) -> str | None:
    moment = _parse(value)
    if moment is None or fmt is None:
        return None
    out, text, i = [], str(fmt), 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and i + 1 < len(text):
            spec = text[i + 1]
            i += 2
            if spec == "e":
                out.append(str(moment.day))
            elif spec == "c":
                out.append(str(moment.month))
            elif spec == "k":
                out.append(str(moment.hour))
            elif spec == "l":
                out.append(str(moment.hour % 12 or 12))
            elif spec == "D":
                day = moment.day
                suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
                out.append(f"{day}{suffix}")
            elif _MYSQL_FORMAT.get(spec):
                out.append(moment.strftime(_MYSQL_FORMAT[spec]))
            else:
                out.append(spec)
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _concat(*args: Any) -> str | None:
    if any(a is None for a in args):
        return None
    return "".join(_text(a) for a in args)


def _concat_ws(sep: Any, *args: Any) -> str | None:
    if sep is None:
        return None
    return _text(sep).join(_text(a) for a in args if a is not None)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _part(getter: Callable[[datetime], Any]) -> Callable[[Any], Any]:
    def fn(value: Any) -> Any:
        moment = _parse(value)
        return None if moment is None else getter(moment)
    return fn


def _unix_timestamp(*args: Any) -> int | None:
    if not args:
        return None  # replaced per connection with the tenant clock
    moment = _parse(args[0])
    return None if moment is None else _to_epoch(moment)


def _from_unixtime(epoch: Any, fmt: Any = None) -> str | None:
    if epoch is None:
        return None
    try:
        moment = _from_epoch(float(epoch))
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    return text if fmt is None else date_format(text, fmt)


def _datediff(a: Any, b: Any) -> int | None:
    x, y = _parse(a), _parse(b)
    return None if x is None or y is None else (x.date() - y.date()).days


def _sec_to_time(seconds: Any) -> str | None:
    if seconds is None:
        return None
    total = int(float(seconds))
    sign = "-" if total < 0 else ""
    total = abs(total)
    return f"{sign}{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def _time_to_sec(value: Any) -> int | None:
    if value is None:
        return None
    text = str(value).strip()
    if " " in text:
        text = text.split(" ", 1)[1]
    parts = text.replace(",", ":").split(":")
    try:
        if len(parts) == 2 and len(parts[1]) == 4:       # TVox's hh,mmss
            return int(parts[0]) * 3600 + int(parts[1][:2]) * 60 + int(parts[1][2:])
        h, m, s = (parts + ["0", "0"])[:3]
        return int(h) * 3600 + int(m) * 60 + int(float(s))
    except ValueError:
        return None


def _lpad(text: Any, length: Any, pad: Any) -> str | None:
    if text is None or length is None or pad is None:
        return None
    text, length, pad = _text(text), int(length), _text(pad)
    if len(text) >= length or not pad:
        return text[:length]
    return ((pad * length)[: length - len(text)] + text)


def _rpad(text: Any, length: Any, pad: Any) -> str | None:
    if text is None or length is None or pad is None:
        return None
    text, length, pad = _text(text), int(length), _text(pad)
    if len(text) >= length or not pad:
        return text[:length]
    return text + (pad * length)[: length - len(text)]


def _substring_index(text: Any, delim: Any, count: Any) -> str | None:
    if text is None or delim is None or count is None:
        return None
    text, delim, count = _text(text), _text(delim), int(count)
    if count == 0 or not delim:
        return ""
    parts = text.split(delim)
    return delim.join(parts[:count]) if count > 0 else delim.join(parts[count:])


def _locate(sub: Any, text: Any, start: Any = 1) -> int | None:
    if sub is None or text is None:
        return None
    return _text(text).find(_text(sub), max(int(start), 1) - 1) + 1


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def regexp(pattern: Any, value: Any) -> int | None:
    """``value REGEXP pattern`` (SQLite calls ``regexp(pattern, value)``); a bad pattern matches nothing."""
    if pattern is None or value is None:
        return None
    try:
        return 1 if _compiled(str(pattern)).search(_text(value)) else 0
    except re.error:
        return 0


def _last_day(value: Any) -> str | None:
    moment = _parse(value)
    if moment is None:
        return None
    first_next = (moment.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (first_next - timedelta(days=1)).date().isoformat()


def _if(cond: Any, a: Any, b: Any) -> Any:
    return a if cond not in (None, 0, "0", "") and cond else b


FUNCTIONS: dict[tuple[str, int], Callable[..., Any]] = {
    ("date_format", 2): date_format,
    ("concat", -1): _concat,
    ("concat_ws", -1): _concat_ws,
    ("if", 3): _if,
    ("year", 1): _part(lambda d: d.year),
    ("month", 1): _part(lambda d: d.month),
    ("day", 1): _part(lambda d: d.day),
    ("dayofmonth", 1): _part(lambda d: d.day),
    ("dayofweek", 1): _part(lambda d: (d.weekday() + 1) % 7 + 1),
    ("weekday", 1): _part(lambda d: d.weekday()),
    ("dayofyear", 1): _part(lambda d: d.timetuple().tm_yday),
    ("week", 1): _part(lambda d: int(d.strftime("%U"))),
    ("quarter", 1): _part(lambda d: (d.month - 1) // 3 + 1),
    ("hour", 1): _part(lambda d: d.hour),
    ("minute", 1): _part(lambda d: d.minute),
    ("second", 1): _part(lambda d: d.second),
    ("to_days", 1): _part(lambda d: d.toordinal() + 365),
    ("last_day", 1): _last_day,
    ("unix_timestamp", 1): _unix_timestamp,
    ("from_unixtime", 1): _from_unixtime,
    ("from_unixtime", 2): _from_unixtime,
    ("datediff", 2): _datediff,
    ("sec_to_time", 1): _sec_to_time,
    ("time_to_sec", 1): _time_to_sec,
    ("lpad", 3): _lpad,
    ("rpad", 3): _rpad,
    ("mysql_left", 2): lambda s, n: None if s is None or n is None else _text(s)[: max(int(n), 0)],
    ("mysql_right", 2): lambda s, n: None if s is None or n is None else (_text(s)[-int(n):] if int(n) > 0 else ""),
    ("substring_index", 3): _substring_index,
    ("locate", 2): _locate,
    ("locate", 3): _locate,
    ("regexp", 2): regexp,
}

# the SQL names report writers may call (the authorizer admits these and SQLite's own)
NAMES = frozenset(name for name, _ in FUNCTIONS) | {"left", "right", "now", "curdate", "curtime",
                                                     "current_date_", "sysdate"}


def register(conn, clock_now: Callable[[], float] | None = None) -> None:
    """Add the MySQL functions to ``conn``; NOW() and friends read ``clock_now``."""
    for (name, arity), fn in FUNCTIONS.items():
        conn.create_function(name, arity, fn, deterministic=name not in ("unix_timestamp",))
    now = clock_now or time.time
    conn.create_function("now", 0, lambda: local_timestamp(now()))
    conn.create_function("sysdate", 0, lambda: local_timestamp(now()))
    conn.create_function("curdate", 0, lambda: local_timestamp(now())[:10])
    conn.create_function("curtime", 0, lambda: local_timestamp(now())[11:])
    conn.create_function("unix_timestamp", 0, lambda: int(now()))


_KEYWORD_FUNCS = re.compile(r"""('(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|`[^`]*`)|\b(LEFT|RIGHT)(\s*\()""",
                            re.IGNORECASE)


def rewrite(sql: str) -> str:
    """``LEFT(`` / ``RIGHT(`` outside quotes become calls SQLite can parse."""
    def sub(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        return f"MYSQL_{match.group(2).upper()}{match.group(3)}"
    return _KEYWORD_FUNCS.sub(sub, sql)


def today_first(now: float) -> date:
    return datetime.fromtimestamp(now, timezone.utc).date()
