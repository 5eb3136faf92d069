"""Time as TVox stores it and as the API shows it.

TVox keeps local wall-clock time of its site (a date column plus an
``hh,mmss`` column, e.g. ``datainizio = 2020-05-04``, ``orainizio =
10,3949``); the API's ``Time`` scalar is RFC 3339 at UTC
(``2020-05-04T08:39:49Z``). The site is in Italy: Central European Time with
EU summer time (last Sunday of March to last Sunday of October, switching at
01:00 UTC). The rule is coded here so no time-zone database is needed.

Lookup tables make the hot paths (generating a million steps, rendering a
page of a thousand) string concatenations instead of ``strftime`` calls.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

UTC = timezone.utc



@lru_cache(maxsize=1)
def hhmmss_table() -> tuple[str, ...]:
    """``hh,mmss`` for each second of the day (TVox's time columns); built on first use."""
    return _second_texts(",", "")


@lru_cache(maxsize=1)
def clock_table() -> tuple[str, ...]:
    """``HH:MM:SS`` for each second of the day (timestamp columns); built on first use."""
    return _second_texts(":", ":")


def _second_texts(after_hour: str, after_minute: str) -> tuple[str, ...]:
    # joined from the 60 two-digit texts: a quarter of the time of formatting 86,400 seconds
    two = [f"{n:02d}" for n in range(60)]
    minutes = [m + after_minute + s for m in two for s in two]
    return tuple([h + after_hour + ms for h in two[:24] for ms in minutes])


def hhmmss(second: int) -> str:
    return f"{second // 3600:02d},{second % 3600 // 60:02d}{second % 60:02d}"


def _last_sunday(year: int, month: int) -> int:
    last = calendar.monthrange(year, month)[1]
    return last - (date(year, month, last).weekday() + 1) % 7


@lru_cache(maxsize=256)
def summer_window(year: int) -> tuple[float, float]:
    """EU summer time of ``year`` as epoch seconds [start, end)."""
    start = datetime(year, 3, _last_sunday(year, 3), 1, tzinfo=UTC).timestamp()
    end = datetime(year, 10, _last_sunday(year, 10), 1, tzinfo=UTC).timestamp()
    return start, end


def offset_at(epoch: float) -> int:
    """The site's UTC offset in seconds at the instant ``epoch``."""
    start, end = summer_window(_year_of_day(int(epoch) // 86400))
    return 7200 if start <= epoch < end else 3600


@lru_cache(maxsize=65536)
def _year_of_day(epoch_day: int) -> int:
    return (date(1970, 1, 1) + timedelta(days=epoch_day)).year


def local_day(epoch: float) -> str:
    """``YYYY-MM-DD`` of the site's wall clock at ``epoch``."""
    return day_string((int(epoch) + offset_at(epoch)) // 86400)


def local_parts(epoch: float) -> tuple[str, str]:
    """(``YYYY-MM-DD``, ``hh,mmss``) of the site's wall clock at ``epoch``."""
    local = int(epoch) + offset_at(epoch)
    day, second = divmod(local, 86400)
    return day_string(day), hhmmss(second)


def local_timestamp(epoch: float) -> str:
    """``YYYY-MM-DD HH:MM:SS`` of the site's wall clock (timestamp/datetime columns)."""
    local = int(epoch) + offset_at(epoch)
    day, second = divmod(local, 86400)
    return f"{day_string(day)} {second // 3600:02d}:{second % 3600 // 60:02d}:{second % 60:02d}"


@lru_cache(maxsize=4096)
def day_string(epoch_day: int) -> str:
    return (date(1970, 1, 1) + timedelta(days=epoch_day)).isoformat()


def local_to_epoch(day: str, hhmmss: str) -> int | None:
    """The instant of the site's wall-clock ``day`` + ``hh,mmss`` (None when unparsable)."""
    try:
        y, m, d = int(day[0:4]), int(day[5:7]), int(day[8:10])
        h, mi, s = int(hhmmss[0:2]), int(hhmmss[3:5]), int(hhmmss[5:7])
    except (TypeError, ValueError, IndexError):
        return None
    naive = calendar.timegm((y, m, d, h, mi, s))
    guess = naive - 3600
    return naive - offset_at(guess)


def rfc3339(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    day, second = divmod(int(epoch), 86400)
    return f"{day_string(day)}T{second // 3600:02d}:{second % 3600 // 60:02d}:{second % 60:02d}Z"


@lru_cache(maxsize=8192)
def _midnight(day: str) -> int | None:
    """Epoch seconds of 00:00 UTC of a ``YYYY-MM-DD`` day (None when unparsable)."""
    try:
        return calendar.timegm((int(day[0:4]), int(day[5:7]), int(day[8:10]), 0, 0, 0))
    except (TypeError, ValueError, IndexError):
        return None


def column_time(day: str | None, hhmmss: str | None) -> str | None:
    """A TVox date + ``hh,mmss`` pair as the API's ``Time`` (RFC 3339, UTC). Hot: a page renders thousands."""
    if not day or not hhmmss:
        return None
    base = _midnight(str(day))
    text = str(hhmmss)
    if base is None or len(text) < 7 or not (text[:2] + text[3:7]).isdigit():
        return None
    naive = base + int(text[0:2]) * 3600 + int(text[3:5]) * 60 + int(text[5:7])
    return rfc3339(naive - offset_at(naive - 3600))


def timestamp_time(value: str | None) -> str | None:
    """A ``YYYY-MM-DD HH:MM:SS`` site-local timestamp column as the API's ``Time``."""
    if not value:
        return None
    text = str(value)
    return column_time(text[:10], f"{text[11:13]},{text[14:16]}{text[17:19]}") if len(text) >= 19 \
        else column_time(text[:10], "00,0000")


_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def parse_rfc3339(text: str) -> datetime:
    """An RFC 3339 date-time (ValueError otherwise), as an aware datetime."""
    if not isinstance(text, str):
        raise ValueError("time should be an RFC3339 formatted string")
    match = _RFC3339.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an RFC3339 formatted time, e.g. 2020-05-01T00:00:00Z")
    try:
        return datetime.fromisoformat(text.strip().replace("z", "Z").replace("Z", "+00:00").replace("t", "T"))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not an RFC3339 formatted time: {exc}") from None


def site_day(moment: datetime) -> str:
    """The site-local calendar day (``YYYY-MM-DD``) of an aware instant: ComparisonTime's granularity."""
    return local_parts(moment.timestamp())[0]
